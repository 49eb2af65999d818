/**
 * Entity mentions: every alias, demonym and `notWhen` phrase of the pack in one automaton, then case rules,
 * word boundaries, leftmost-longest selection and the pack's context rules. Reads the compiled tables of
 * `entity-tables.ts` as they are loaded.
 */
import type { EntityKind } from '../knowledge/schema';
import { leftmostLongest, loadAutomaton, type Automaton, type Span } from './automaton';
import { isUpperUnit, isWordAt, onWordBoundaries } from './chars';
import { ALIAS, AMBIGUOUS, DEMONYM, NOT_WHEN, SINGLE_NAME, WORD_ACRONYM, type EntityTables } from './entity-tables';
import { namesakeRules, type NamesakeData } from './namesakes';
import { toOriginal, type Normalized } from './normalize';
import type { EntityMatch, EntityMatchHow, ScanOptions } from './types';

/** The loaded entity side of a matcher: the compiled tables and their automaton. */
export interface EntityIndex extends EntityTables {
  readonly scanner: Automaton;
  readonly namesakes: NamesakeData;
}

const wordSet = (words: string): ReadonlySet<string> => new Set(words === '' ? [] : words.split(' '));

/**
 * Loads compiled entity tables (nothing is recomputed; an entity's word list becomes a set the first time a
 * namesake rule asks for it, so loading stays flat in the number of entities).
 */
export function loadEntityIndex(tables: EntityTables): EntityIndex {
  const own = new Map<number, ReadonlySet<string>>();
  const ownWords = (entity: number): ReadonlySet<string> | undefined => {
    let words = own.get(entity);
    if (!words) {
      const list = tables.ownWords[entity];
      if (list === undefined) return undefined;
      words = wordSet(list);
      own.set(entity, words);
    }
    return words;
  };
  return {
    ...tables,
    scanner: loadAutomaton(tables.automaton),
    namesakes: { ownWords, demonyms: wordSet(tables.demonymWords) },
  };
}

/** A selected span with the payloads (indices) that survived the case rules and options. */
interface Resolved {
  readonly start: number;
  readonly end: number;
  readonly payloads: readonly number[];
}

/**
 * Finds entity mentions in normalised text. Offsets in the result index `norm.source`, sorted by start.
 *
 * Order of rules: word boundaries and case rules filter candidates; leftmost-longest selects spans among aliases,
 * demonyms and `notWhen` phrases together (so `Sadr City` holds its span and the person Sadr never matches inside
 * it); the namesake rules (`namesakes.ts`) drop the entities the words around a span rule out (`Ivanka Trump`,
 * `Soleimani Square`), the span still held; then each span resolves to one entity: an unambiguous alias, else an
 * ambiguous alias confirmed elsewhere in the text (nearest preceding confirmation wins between namesakes), else a
 * demonym.
 */
export function findEntities(index: EntityIndex, norm: Normalized, options: ScanOptions = {}): EntityMatch[] {
  const { payStart, payEntity, payType, payText, payFlags, upStart, upPos, confStart, confList } = index;
  const demonyms = options.demonyms === true;
  const { folded, cased } = norm;
  /** Whether payload `k` may stand at `start`: its type is wanted and the text has the capitals it requires. */
  const usable = (k: number, start: number): boolean => {
    if (payType[k] === DEMONYM && !demonyms) return false;
    for (let u = upStart[k] as number; u < (upStart[k + 1] as number); u++) {
      if (!isUpperUnit(cased.charCodeAt(start + (upPos[u] as number)))) return false;
    }
    return true;
  };

  const candidates: Span<number>[] = [];
  index.scanner.scan(folded, (start, end, pattern) => {
    if (!onWordBoundaries(folded, start, end)) return;
    for (let k = payStart[pattern] as number; k < (payStart[pattern + 1] as number); k++) {
      if (usable(k, start)) {
        candidates.push({ start, end, value: pattern });
        return;
      }
    }
  });

  // Resolve notWhen first: an entity with a notWhen payload on a span never matches on that span.
  const spans: Resolved[] = [];
  const entityCount = index.ids.length;
  const mentioned = new Uint8Array(entityCount);
  if (options.confirmed?.size) {
    index.ids.forEach((id, i) => {
      if (options.confirmed?.has(id)) mentioned[i] = 1;
    });
  }
  const selected = leftmostLongest(candidates);
  const namesake = namesakeRules(
    index.namesakes,
    norm,
    new Set(selected.map((s) => s.start)),
    new Set(selected.map((s) => s.end)),
  );
  /**
   * Whether the words around the span rule out the entity of payload `k`: an acronym that spells a word in text in
   * capitals, or a namesake (demonyms are adjectives: no namesake rule).
   */
  const ruledOut = (k: number, start: number, end: number): boolean => {
    const flags = payFlags[k] as number;
    if ((flags & WORD_ACRONYM) !== 0 && !lowerCaseAround(norm, start, end)) return true;
    if (payType[k] === DEMONYM) return false;
    const entity = payEntity[k] as number;
    const kind = index.kinds[entity] as EntityKind;
    return namesake({ entity, kind, singleName: (flags & SINGLE_NAME) !== 0 }, start, end);
  };
  for (const span of selected) {
    const all: number[] = [];
    for (let k = payStart[span.value] as number; k < (payStart[span.value + 1] as number); k++) {
      if (usable(k, span.start)) all.push(k);
    }
    const suppressed = new Set(all.filter((k) => payType[k] === NOT_WHEN).map((k) => payEntity[k]));
    const payloads = all.filter(
      (k) => payType[k] !== NOT_WHEN && !suppressed.has(payEntity[k]) && !ruledOut(k, span.start, span.end),
    );
    if (payloads.length === 0) continue;
    spans.push({ start: span.start, end: span.end, payloads });
    for (const k of payloads) if (payType[k] === ALIAS) mentioned[payEntity[k] as number] = 1;
  }

  const kinds = options.kinds ? new Set<EntityKind>(options.kinds) : null;
  const firstOnly = options.mentions === 'first';
  const seen = new Set<number>();
  /** Start of the latest unambiguous mention of each entity before the current span. */
  const lastSeen = new Float64Array(entityCount).fill(-Infinity);
  const out: EntityMatch[] = [];

  for (const span of spans) {
    let chosen: number | undefined = span.payloads.find((k) => payType[k] === ALIAS);
    let how: EntityMatchHow = 'alias';
    if (chosen !== undefined) {
      for (const k of span.payloads) if (payType[k] === ALIAS) lastSeen[payEntity[k] as number] = span.start;
    } else {
      let best = -Infinity;
      for (const k of span.payloads) {
        if (payType[k] !== AMBIGUOUS) continue;
        const entity = payEntity[k] as number;
        const confirmers = Array.from(confList.subarray(confStart[entity], confStart[entity + 1]));
        if (!confirmers.some((c) => mentioned[c] === 1)) continue;
        const recent = Math.max(...confirmers.map((c) => lastSeen[c] as number));
        if (chosen === undefined || recent > best) {
          best = recent;
          chosen = k;
          how = 'confirmed';
        }
      }
      if (chosen === undefined) {
        chosen = span.payloads.find((k) => payType[k] === DEMONYM);
        how = 'demonym';
      }
    }
    if (chosen === undefined) continue;
    const entity = payEntity[chosen] as number;
    const entityKind = index.kinds[entity] as EntityKind;
    if (kinds && !kinds.has(entityKind)) continue;
    if (firstOnly) {
      if (seen.has(entity)) continue;
      seen.add(entity);
    }
    const { start, end } = toOriginal(norm, span.start, span.end);
    const id = index.ids[entity] as string;
    const alias = index.texts[payText[chosen] as number] as string;
    out.push({ kind: 'entity', start, end, id, entityKind, alias, how });
  }
  return out;
}

/**
 * Whether the word before or the word after `[start, end)` in the same block has a lower-case letter: the text
 * around is not in capitals, so capitals there mean an acronym.
 */
function lowerCaseAround(norm: Normalized, start: number, end: number): boolean {
  const { folded, cased } = norm;
  const hasLower = (from: number, to: number): boolean => cased.slice(from, to) !== cased.slice(from, to).toUpperCase();
  let i = start - 1;
  while (i >= 0 && !isWordAt(folded, i) && folded.charCodeAt(i) !== 10) i--;
  if (i >= 0 && isWordAt(folded, i)) {
    let s = i;
    while (isWordAt(folded, s - 1)) s--;
    if (hasLower(s, i + 1)) return true;
  }
  let j = end;
  while (j < folded.length && !isWordAt(folded, j) && folded.charCodeAt(j) !== 10) j++;
  if (j < folded.length && isWordAt(folded, j)) {
    let e = j;
    while (isWordAt(folded, e)) e++;
    if (hasLower(j, e)) return true;
  }
  return false;
}
