/**
 * The matcher's serialised form: everything `createMatcher` computes from a pack (normalised aliases and their
 * payloads, the automaton, the quote index), as one JSON-able object of strings, string arrays, numbers and integer
 * tables encoded by `packed.ts`. The build compiles it once ({@link compileMatcherTables}); the page only decodes it
 * (`loadMatcher` in `index.ts`), so no alias is normalised and no automaton is built on a page.
 */
import type { PagePack } from '../knowledge/page-pack';
import { readyAutomaton, type AutomatonTables } from './automaton';
import { findEntities, loadEntityIndex } from './entities';
import { compileEntityTables, type EntityTables } from './entity-tables';
import { normalize } from './normalize';
import { decodeArray, encodeArray, narrow, type UintArray } from './packed';
import { compileQuoteTables, type NameFinder, type QuoteTables } from './quote-tables';
import type { QuoteTuning } from './types';

/** Format tag of {@link MatcherTables}; a change of layout changes it, and loading another one throws. */
export const TABLES_FORMAT = 'backstory-matcher-tables/3';

const AUTOMATON_ARRAYS = ['counts', 'label', 'ends', 'lengths'] as const;
/** The per-state table a `ready` compile ships in place of `counts` (see {@link CompileOptions.ready}). */
const READY_AUTOMATON_ARRAYS = ['first'] as const;
const ENTITY_ARRAYS = [
  'payStart',
  'payEntity',
  'payType',
  'payText',
  'upStart',
  'upPos',
  'confStart',
  'confList',
  'payFlags',
] as const;
const QUOTE_ARRAYS = ['wordStart', 'words', 'contentAt', 'wordSlots', 'bucketStart', 'hits'] as const;

/** `T` with its integer tables `K` encoded as strings. */
type Encoded<T, K extends keyof T> = Omit<T, K> & {
  readonly [P in K]: undefined extends T[P] ? string | undefined : string;
};

type AutomatonKey = (typeof AUTOMATON_ARRAYS)[number] | (typeof READY_AUTOMATON_ARRAYS)[number];
export type SerialisedAutomaton = Encoded<AutomatonTables, AutomatonKey>;
export type SerialisedEntities = Omit<Encoded<EntityTables, (typeof ENTITY_ARRAYS)[number]>, 'automaton'> & {
  readonly automaton: SerialisedAutomaton;
};
export type SerialisedQuotes = Encoded<QuoteTables, (typeof QUOTE_ARRAYS)[number]>;

/** A compiled pack, JSON-able: `JSON.parse(JSON.stringify(tables))` loads the same matcher. */
export interface MatcherTables {
  readonly format: typeof TABLES_FORMAT;
  readonly entities: SerialisedEntities;
  readonly quotes: SerialisedQuotes;
}

/** Options fixed when a pack is compiled. */
export interface CompileOptions {
  readonly quoteTuning?: QuoteTuning;
  /**
   * Tables ready to use as they decode: offsets as they are rather than as differences, and the automaton's
   * per-state child offsets shipped rather than summed at load. Larger (for 50 packs, 3.2 MB of JSON against
   * 2.2 MB), but a page then does no per-state work when it loads them: what the background compiles for the page
   * knowledge record of imported packs. The build's compact tables (default) keep the content script small.
   */
  readonly ready?: boolean;
}

/**
 * The offset tables of the CSR layouts (non-decreasing: where each entity's, pattern's or bucket's run begins) ship
 * as their differences, mostly 0, 1 or 2, which compress to almost nothing; loading adds them up again. Such a
 * table's text starts with {@link DELTA_TAG}; `ready` tables ship them as they are.
 */
const DELTA_ARRAYS: ReadonlySet<string> = new Set(['payStart', 'upStart', 'confStart', 'wordStart', 'bucketStart']);
const DELTA_TAG = '+';

function encode<T, K extends keyof T>(value: T, keys: readonly K[], ready = false): Encoded<T, K> {
  const out = { ...(value as Record<string, unknown>) };
  for (const key of keys) {
    const table = value[key] as UintArray | undefined;
    if (table === undefined) continue;
    out[key as string] =
      DELTA_ARRAYS.has(key as string) && !ready
        ? DELTA_TAG + encodeArray(narrow(Array.from(table, (v, i) => v - (i > 0 ? (table[i - 1] as number) : 0))))
        : encodeArray(table);
  }
  return out as Encoded<T, K>;
}

function decode<T, K extends keyof T>(value: Encoded<T, K>, keys: readonly K[], optional: readonly K[] = []): T {
  const out: Record<string, unknown> = { ...value };
  for (const key of keys) {
    const encoded = out[key as string];
    if (encoded === undefined && optional.includes(key)) continue;
    if (typeof encoded !== 'string') throw new Error(`matcher tables: ${String(key)} is missing`);
    if (!encoded.startsWith(DELTA_TAG)) {
      out[key as string] = decodeArray(encoded);
      continue;
    }
    const table = decodeArray(encoded.slice(DELTA_TAG.length));
    const sums = new Uint32Array(table.length);
    let sum = 0;
    for (let i = 0; i < table.length; i++) sums[i] = sum += table[i] as number;
    out[key as string] = sums;
  }
  return out as T;
}

/** Compiles a pack's entities and quotes into tables (pure; the build runs it, `createMatcher` too). */
export function compileMatcherTables(
  pack: Pick<PagePack, 'entities' | 'quotes'>,
  options: CompileOptions = {},
): MatcherTables {
  const entities = compileEntityTables(pack.entities);
  const entityIndex = loadEntityIndex(entities);
  // Every name counts, ambiguous aliases too: a quote's names are names whether or not the quote confirms them.
  const confirmed = new Set(entities.ids);
  const names: NameFinder = (text) => findEntities(entityIndex, normalize(text), { confirmed });
  const ready = options.ready === true;
  const automaton = ready ? readyAutomaton(entities.automaton) : entities.automaton;
  return {
    format: TABLES_FORMAT,
    entities: {
      ...encode(entities, ENTITY_ARRAYS, ready),
      automaton: encode(automaton, [...AUTOMATON_ARRAYS, ...READY_AUTOMATON_ARRAYS], ready),
    },
    quotes: encode(compileQuoteTables(pack.quotes, options.quoteTuning, names), QUOTE_ARRAYS, ready),
  };
}

/** Checks the format tag; throws a clear error on tables of another version or on something else. */
export function checkTables(tables: MatcherTables): void {
  if ((tables as { format?: unknown } | null)?.format !== TABLES_FORMAT) {
    throw new Error(`matcher tables: expected format ${TABLES_FORMAT}`);
  }
}

/** Decodes the entity tables. */
export function decodeEntityTables(entities: SerialisedEntities): EntityTables {
  const { automaton, ...rest } = entities;
  return {
    ...decode<Omit<EntityTables, 'automaton'>, (typeof ENTITY_ARRAYS)[number]>(rest, ENTITY_ARRAYS),
    automaton: decode<AutomatonTables, AutomatonKey>(
      automaton,
      [...AUTOMATON_ARRAYS, ...READY_AUTOMATON_ARRAYS],
      ['counts', ...READY_AUTOMATON_ARRAYS],
    ),
  };
}

/** Decodes the quote tables. */
export function decodeQuoteTables(quotes: SerialisedQuotes): QuoteTables {
  return decode<QuoteTables, (typeof QUOTE_ARRAYS)[number]>(quotes, QUOTE_ARRAYS);
}
