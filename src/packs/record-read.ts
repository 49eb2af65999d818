/**
 * The page knowledge record: what the background compiles from the enabled packs, once per change (import, toggle,
 * delete, split), and writes to `storage.local` under {@link KNOWLEDGE_KEY}, so a content script reads its page
 * knowledge in one storage call (a content script cannot open the extension's IndexedDB: its IndexedDB is the
 * page's). Absent when only the bundled pack is on: content scripts then use the knowledge compiled into them at
 * build time. This module is what a content script reads (the record's shape and check); compiling it is
 * record.ts. Pure: no DOM, no `browser`.
 */
import type { PageNames } from '../knowledge/page-pack';
import { TABLES_FORMAT, type MatcherTables } from '../match/tables';
import type { MergeNote, MemberRef } from './merge';

/** The `storage.local` key of the record. */
export const KNOWLEDGE_KEY = 'packs:knowledge';
/** Bumped when the record's shape changes; a content script ignores a record of another version. */
export const KNOWLEDGE_VERSION = 1;

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

/** The compiled knowledge of the enabled packs. */
export interface KnowledgeRecord {
  readonly version: typeof KNOWLEDGE_VERSION;
  /** When it was compiled (ms since the epoch): every compile gives a new record, so storage reports a change. */
  readonly compiledAt: number;
  /** The enabled packs, in priority order. */
  readonly packs: readonly PackSummary[];
  /** Names of the merged page pack: what the popup list, the badge and the selection menu read. */
  readonly pagePack: PageNames;
  /** The merged page pack's matcher, compiled once here; pages only decode it. */
  readonly tables: MatcherTables;
  /** For merged entities only: the pack entities they stand for and why they merged (the card explains it). */
  readonly merges: Readonly<
    Record<string, { readonly members: readonly MemberRef[]; readonly why: readonly MergeNote[] }>
  >;
}

/**
 * The record in `value` (as stored: its JSON text; an object is accepted too) when it is one this build can use
 * (right version, right tables format), else null. The background stores the JSON text because one string crosses
 * `storage.local.get` in half the time of the same object (Chromium, 2 MB record of 50 packs: 21 ms with the parse,
 * against 38 ms; docs/packs.md).
 */
export function usableRecord(stored: unknown): KnowledgeRecord | null {
  let value = stored;
  if (typeof stored === 'string') {
    try {
      value = JSON.parse(stored);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Partial<KnowledgeRecord>;
  if (record.version !== KNOWLEDGE_VERSION || record.tables?.format !== TABLES_FORMAT) return null;
  if (!Array.isArray(record.pagePack?.entities) || !Array.isArray(record.pagePack.quotes)) return null;
  return record as KnowledgeRecord;
}
