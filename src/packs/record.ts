/**
 * Compiling the page knowledge record (its shape and key: record-read.ts) from the enabled packs: merged
 * (merge.ts), then one matcher compiled for all of them. The background runs it once per change. Pure.
 */
import type { Pack } from '../knowledge/schema';
import { compileMatcherTables } from '../match';
import { mergePacks, type MergeNote, type MemberRef, type SplitDecision } from './merge';
import {
  KNOWLEDGE_VERSION,
  takeBlobs,
  type KnowledgeRecord,
  type PackSummary,
  type StoredKnowledge,
} from './record-read';

export {
  decodeRecord,
  KNOWLEDGE_KEY,
  KNOWLEDGE_VERSION,
  usableRecord,
  type KnowledgeRecord,
  type PackSummary,
  type PageRecord,
  type StoredKnowledge,
} from './record-read';

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
    // Ready tables: a page loads them without per-state work (larger, but stored once, not shipped).
    tables: compileMatcherTables(merged, { ready: true }),
    merges,
  };
}

/** The record as `storage.local` holds it (record-read.ts reads it back). */
export function encodeRecord(record: KnowledgeRecord): StoredKnowledge {
  const { compiledAt, packs, merges } = record;
  const blobs: string[] = [];
  const tables = JSON.stringify(takeBlobs(record.tables, blobs));
  return {
    version: record.version,
    head: JSON.stringify({ compiledAt, packs, merges }),
    names: JSON.stringify(record.pagePack),
    tables,
    blobs,
  };
}
