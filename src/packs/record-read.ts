/**
 * The page knowledge record: what the background compiles from the enabled packs, once per change (import, toggle,
 * delete, split), and writes to `storage.local` under {@link KNOWLEDGE_KEY}, so a content script reads its page
 * knowledge in one storage call (a content script cannot open the extension's IndexedDB: its IndexedDB is the
 * page's), parsing only what it uses (see {@link StoredKnowledge}). Absent when only the bundled pack is on: content scripts then use the knowledge compiled into them at
 * build time. This module is what a content script reads (the record's shape and check); compiling it is
 * record.ts. Pure: no DOM, no `browser`.
 */
import type { PageNames } from '../knowledge/page-pack';
import { TABLES_FORMAT, type MatcherTables } from '../match/tables';
import type { MergeNote, MemberRef } from './merge';

/** The `storage.local` key of the record. */
export const KNOWLEDGE_KEY = 'packs:knowledge';
/** Bumped when the record's shape changes; a content script ignores a record of another version. */
export const KNOWLEDGE_VERSION = 3;

/** A pack as the card, popup and options page name it. */
export interface PackSummary {
  readonly id: string;
  readonly title: string;
  /** Outlet and place (`BAGHDAD (Dispatches)`). */
  readonly dateline: string;
  readonly date: string;
  readonly dateLabel: string;
  readonly entities: number;
  readonly quotes: number;
  readonly bundled: boolean;
}

/** What the record says of the packs beside their names and matcher (small: read whole). */
export interface RecordHead {
  /** When it was compiled (ms since the epoch): every compile gives a new record, so storage reports a change. */
  readonly compiledAt: number;
  /** The enabled packs, in priority order. */
  readonly packs: readonly PackSummary[];
  /** For merged entities only: the pack entities they stand for and why they merged (the card explains it). */
  readonly merges: Readonly<
    Record<string, { readonly members: readonly MemberRef[]; readonly why: readonly MergeNote[] }>
  >;
}

/** The compiled knowledge of the enabled packs, whole (what the background compiles; tests and tools read it). */
export interface KnowledgeRecord extends RecordHead {
  readonly version: typeof KNOWLEDGE_VERSION;
  /** Names of the merged page pack: what the popup list, the badge and the selection menu read. */
  readonly pagePack: PageNames;
  /** The merged page pack's matcher, compiled once here; pages only decode it. */
  readonly tables: MatcherTables;
}

/**
 * The record as stored: three JSON texts and the matcher's long strings (its encoded integer tables) apart. A page parses the head (a few KB) at start-up, the
 * matcher tables when its first pass wants the matcher, and the names only when the popup or the selection menu
 * asks: with 50 packs the names are 0.3 MB and the tables 2 MB of JSON, which a page paid for whole at start-up
 * when the record was one JSON text (docs/packs.md). Strings cross `storage.local.get` without a structured
 * conversion per field (a deep object took twice as long in Chromium).
 */
export interface StoredKnowledge {
  readonly version: typeof KNOWLEDGE_VERSION;
  /** JSON of the {@link RecordHead}. */
  readonly head: string;
  /** JSON of the {@link PageNames}. */
  readonly names: string;
  /**
   * JSON of the {@link MatcherTables} with each long string of an object's field (the base64 integer tables) put in
   * {@link blobs} and replaced by `"\u0000<index>"`: the strings cross `storage.local.get` as strings, and the JSON
   * a page parses is a fifth of the size (parsing the 3.3 MB text of 50 packs took a cold page ~7 ms). It starts
   * with the tables' format tag, checked without parsing.
   */
  readonly tables: string;
  readonly blobs: readonly string[];
}

/** Strings at least this long leave the tables' JSON for `blobs`. */
export const BLOB_MIN_LENGTH = 256;
const BLOB_MARK = '\u0000';

/** `value` with every long string of an object's field moved to `blobs` (arrays are kept whole). */
export function takeBlobs(value: unknown, blobs: string[]): unknown {
  if (typeof value === 'string') {
    if (value.length < BLOB_MIN_LENGTH) return value;
    blobs.push(value);
    return `${BLOB_MARK}${blobs.length - 1}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, takeBlobs(field, blobs)]));
}

/** Puts the blobs back into a parsed skeleton (in place). Throws on a missing blob. */
function putBlobs(value: unknown, blobs: readonly unknown[]): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith(BLOB_MARK)) return value;
    const blob = blobs[Number(value.slice(BLOB_MARK.length))];
    if (typeof blob !== 'string') throw new Error('packs: a matcher table is missing');
    return blob;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = putBlobs(record[key], blobs);
  return record;
}

/** The record as a page holds it: the head read, names and tables parsed on first use (then kept). */
export interface PageRecord extends RecordHead {
  names(): PageNames;
  tables(): MatcherTables;
}

/** How the tables' JSON text starts (`compileMatcherTables` puts the format tag first). */
const TABLES_PREFIX = `{"format":${JSON.stringify(TABLES_FORMAT)},`;

function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

/**
 * The record in `stored` (as the background stores it) when it is one this build can use (right version, right
 * tables format, a readable head), else null. Only the head is parsed here.
 */
export function usableRecord(stored: unknown): PageRecord | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const value = stored as Partial<StoredKnowledge>;
  if (value.version !== KNOWLEDGE_VERSION || typeof value.head !== 'string') return null;
  const { names, tables, blobs } = value;
  if (typeof names !== 'string' || typeof tables !== 'string' || !tables.startsWith(TABLES_PREFIX)) return null;
  if (!Array.isArray(blobs)) return null;
  let head: Partial<RecordHead>;
  try {
    head = JSON.parse(value.head) as Partial<RecordHead>;
  } catch {
    return null;
  }
  if (typeof head !== 'object' || head === null || !Array.isArray(head.packs)) return null;
  return {
    compiledAt: Number(head.compiledAt),
    packs: head.packs,
    merges: head.merges ?? {},
    names: once(() => {
      const parsed = JSON.parse(names) as PageNames;
      if (!Array.isArray(parsed.entities) || !Array.isArray(parsed.quotes)) throw new Error('packs: unreadable names');
      return parsed;
    }),
    tables: once(() => putBlobs(JSON.parse(tables), blobs) as MatcherTables),
  };
}

/** The whole record in `stored`, parsed now (tests and tools), or null as {@link usableRecord}. */
export function decodeRecord(stored: unknown): KnowledgeRecord | null {
  const record = usableRecord(stored);
  if (!record) return null;
  try {
    const { compiledAt, packs, merges } = record;
    return { version: KNOWLEDGE_VERSION, compiledAt, packs, merges, pagePack: record.names(), tables: record.tables() };
  } catch {
    return null;
  }
}
