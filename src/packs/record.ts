/**
 * The page knowledge record: what the background compiles from the enabled packs, once per change (import, toggle,
 * delete, split), and writes to `storage.local` under {@link KNOWLEDGE_KEY}, so a content script reads its page
 * knowledge in one storage call (a content script cannot open the extension's IndexedDB: its IndexedDB is the
 * page's). Absent when only the bundled pack is on: content scripts then use the knowledge compiled into them at
 * build time. Pure: no DOM, no `browser`.
 */
import type { PageNames } from '../knowledge/page-pack';
import type { Pack } from '../knowledge/schema';
import { compileMatcherTables, TABLES_FORMAT, type MatcherTables } from '../match';
import { mergePacks, type MergeNote, type MemberRef, type SplitDecision } from './merge';

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
  /** Where each merged quote comes from, for quotes of packs other than the first. */
  readonly quoteSources: Readonly<Record<string, { readonly packId: string; readonly quoteId: string }>>;
}

/** The summary of a pack. */
export function summarizePack(pack: Pack, bundled = false): PackSummary {
  return {
    id: pack.id,
    title: pack.source.title,
    dateline: pack.source.dateline,
    date: pack.source.date,
    dateLabel: pack.source.dateLabel,
    entities: pack.entities.length,
    quotes: pack.quotes.length,
    bundled,
  };
}

/** Compiles the enabled packs (priority order, bundled first) into a record. */
export function compileKnowledge(
  packs: readonly Pack[],
  splits: readonly SplitDecision[],
  options: { bundledId: string; now: number },
): KnowledgeRecord {
  const merged = mergePacks(packs, splits);
  const merges: Record<string, { members: MemberRef[]; why: MergeNote[] }> = {};
  for (const entity of merged.entities) {
    if (entity.members.length > 1) merges[entity.id] = { members: [...entity.members], why: [...entity.mergedBecause] };
  }
  const quoteSources: Record<string, { packId: string; quoteId: string }> = {};
  for (const quote of merged.quotes) {
    if (quote.id !== quote.quoteId) quoteSources[quote.id] = { packId: quote.packId, quoteId: quote.quoteId };
  }
  return {
    version: KNOWLEDGE_VERSION,
    compiledAt: options.now,
    packs: packs.map((pack) => summarizePack(pack, pack.id === options.bundledId)),
    pagePack: {
      schemaVersion: 1,
      id: merged.id,
      entities: merged.entities.map((entity) => ({ id: entity.id, kind: entity.kind, name: entity.name })),
      quotes: merged.quotes.map((quote) => ({ id: quote.id, text: quote.text, speaker: quote.speaker })),
    },
    tables: compileMatcherTables(merged),
    merges,
    quoteSources,
  };
}

/** The record in `value` when it is one this build can use (right version, right tables format), else null. */
export function usableRecord(value: unknown): KnowledgeRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Partial<KnowledgeRecord>;
  if (record.version !== KNOWLEDGE_VERSION || record.tables?.format !== TABLES_FORMAT) return null;
  if (!Array.isArray(record.pagePack?.entities) || !Array.isArray(record.pagePack.quotes)) return null;
  return record as KnowledgeRecord;
}
