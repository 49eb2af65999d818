/**
 * Entity mentions: every alias, demonym and `notWhen` phrase of the pack in one automaton, then case rules,
 * word boundaries, leftmost-longest selection and the pack's context rules.
 */
import type { EntityKind } from '../knowledge/schema';
import { buildAutomaton, leftmostLongest, type Automaton, type Span } from './automaton';
import { APOSTROPHE, isUpperUnit, isWordAt, onWordBoundaries } from './chars';
import { normalize, toOriginal, type Normalized } from './normalize';
import type { EntityMatch, EntityMatchHow, MatchableEntity, ScanOptions } from './types';

/** What a pattern stands for. One pattern (folded string) may carry several payloads from several entities. */
type PayloadType = 'alias' | 'ambiguous' | 'demonym' | 'notWhen';

interface Payload {
  readonly entity: number;
  readonly type: PayloadType;
  /** The pack's string, as written. */
  readonly text: string;
  /** Offsets inside the pattern whose text character must be upper case; null when the alias has no capitals. */
  readonly upper: Int32Array | null;
}

/** The compiled entity side of a matcher. Build with {@link buildEntityIndex}. */
export interface EntityIndex {
  readonly automaton: Automaton;
  readonly entities: readonly MatchableEntity[];
  /** Payloads of each automaton pattern. */
  readonly payloads: readonly (readonly Payload[])[];
  /** For each entity: the entities whose unambiguous mention confirms its ambiguous aliases (itself first). */
  readonly confirmers: readonly (readonly number[])[];
}

/**
 * The case rule of an alias, as positions that must be upper case in the text:
 * - a word written in capitals (`PMF`, `ISIS`, the `U` and `S` of `U.S.`) is an acronym: all its letters;
 * - a capitalised word (`Kadhimi`, `Sadr`) is a name: its first letter, so a surname that is also a common word
 *   never matches in lower case;
 * - lower-case words and the article `al` (`al-Kadhimi` / `Al-Kadhimi`) may be either case.
 * ALL-CAPS headlines satisfy every rule, so they still match names.
 */
function caseRule(cased: string, folded: string): Int32Array | null {
  const positions: number[] = [];
  let i = 0;
  while (i < folded.length) {
    if (!isWordAt(folded, i)) {
      i++;
      continue;
    }
    let j = i;
    while (isWordAt(folded, j)) j++;
    const word = cased.slice(i, j);
    const isArticle = folded.slice(i, j) === 'al';
    const hasLower = word !== word.toUpperCase();
    const first = cased.charCodeAt(i);
    if (!isArticle && isUpperUnit(first)) {
      if (!hasLower) for (let k = i; k < j; k++) positions.push(k);
      else positions.push(i);
    }
    i = j;
  }
  return positions.length === 0 ? null : Int32Array.from(positions);
}

/** Removes apostrophes inside words (`Sha'abi` → `Shaabi`): a second spelling of the same alias. */
function withoutInnerApostrophes(folded: string, cased: string): { folded: string; cased: string } | null {
  let f = '';
  let c = '';
  let changed = false;
  for (let i = 0; i < folded.length; i++) {
    if (folded.charCodeAt(i) === APOSTROPHE && isWordAt(folded, i - 1) && isWordAt(folded, i + 1)) {
      changed = true;
      continue;
    }
    f += folded[i];
    c += cased[i];
  }
  return changed ? { folded: f, cased: c } : null;
}

/** Compiles the pack's entities. Cost is linear in the total length of aliases. */
export function buildEntityIndex(entities: readonly MatchableEntity[]): EntityIndex {
  const patternIds = new Map<string, number>();
  const patterns: string[] = [];
  const payloads: Payload[][] = [];

  const add = (folded: string, cased: string, payload: Omit<Payload, 'upper'>): void => {
    if (folded.length === 0) return;
    let id = patternIds.get(folded);
    if (id === undefined) {
      id = patterns.length;
      patternIds.set(folded, id);
      patterns.push(folded);
      payloads.push([]);
    }
    const list = payloads[id] as Payload[];
    const upper = payload.type === 'notWhen' ? null : caseRule(cased, folded);
    const same = list.findIndex((p) => p.entity === payload.entity && p.type === payload.type);
    if (same < 0) {
      list.push({ ...payload, upper });
      return;
    }
    // Two spellings of one entity that differ only in case (`U.S. Air Force`, `U.S. air force`): the pack accepts
    // both, so only the capitals both require remain required.
    const previous = list[same] as Payload;
    const kept = previous.upper && upper ? previous.upper.filter((k) => upper.includes(k)) : null;
    list[same] = { ...previous, upper: kept && kept.length > 0 ? kept : null };
  };

  const addString = (text: string, entity: number, type: PayloadType): void => {
    const norm = normalize(text);
    // Trim in normalised space so `cased` and `folded` stay aligned.
    const lead = norm.folded.length - norm.folded.trimStart().length;
    const folded = norm.folded.trim();
    const cased = norm.cased.slice(lead, lead + folded.length);
    add(folded, cased, { entity, type, text });
    const variant = withoutInnerApostrophes(folded, cased);
    if (variant) add(variant.folded, variant.cased, { entity, type, text });
  };

  const ids = new Map(entities.map((e, i) => [e.id, i]));
  const confirmers: number[][] = [];
  entities.forEach((entity, index) => {
    const ambiguous = new Set(entity.ambiguous.map((a) => normalize(a).folded.trim()));
    for (const alias of entity.aliases) {
      addString(alias, index, ambiguous.has(normalize(alias).folded.trim()) ? 'ambiguous' : 'alias');
    }
    for (const demonym of entity.demonyms) addString(demonym, index, 'demonym');
    for (const phrase of entity.notWhen) addString(phrase, index, 'notWhen');
    const list = [index];
    for (const id of entity.confirmedBy) {
      const other = ids.get(id);
      if (other !== undefined && !list.includes(other)) list.push(other);
    }
    confirmers.push(list);
  });

  return { automaton: buildAutomaton(patterns), entities, payloads, confirmers };
}

function passesCase(payload: Payload, norm: Normalized, start: number): boolean {
  const upper = payload.upper;
  if (upper === null) return true;
  for (let k = 0; k < upper.length; k++) {
    if (!isUpperUnit(norm.cased.charCodeAt(start + (upper[k] as number)))) return false;
  }
  return true;
}

/** A selected span with the payloads that survived the case rules and options. */
interface Resolved {
  readonly start: number;
  readonly end: number;
  readonly payloads: readonly Payload[];
}

/**
 * Finds entity mentions in normalised text. Offsets in the result index `norm.source`, sorted by start.
 *
 * Order of rules: word boundaries and case rules filter candidates; leftmost-longest selects spans among aliases,
 * demonyms and `notWhen` phrases together (so `Sadr City` holds its span and the person Sadr never matches inside
 * it); then each span resolves to one entity: an unambiguous alias, else an ambiguous alias confirmed elsewhere in
 * the text (nearest preceding confirmation wins between namesakes), else a demonym.
 */
export function findEntities(index: EntityIndex, norm: Normalized, options: ScanOptions = {}): EntityMatch[] {
  const demonyms = options.demonyms === true;
  const usable = (p: Payload, start: number): boolean =>
    (p.type !== 'demonym' || demonyms) && passesCase(p, norm, start);

  const candidates: Span<number>[] = [];
  const { folded } = norm;
  index.automaton.scan(folded, (start, end, pattern) => {
    if (!onWordBoundaries(folded, start, end)) return;
    const list = index.payloads[pattern] as readonly Payload[];
    if (list.some((p) => usable(p, start))) candidates.push({ start, end, value: pattern });
  });

  // Resolve notWhen first: an entity with a notWhen payload on a span never matches on that span.
  const spans: Resolved[] = [];
  const mentioned = new Uint8Array(index.entities.length);
  if (options.confirmed?.size) {
    index.entities.forEach((entity, i) => {
      if (options.confirmed?.has(entity.id)) mentioned[i] = 1;
    });
  }
  for (const span of leftmostLongest(candidates)) {
    const all = (index.payloads[span.value] as readonly Payload[]).filter((p) => usable(p, span.start));
    const suppressed = new Set(all.filter((p) => p.type === 'notWhen').map((p) => p.entity));
    const payloads = all.filter((p) => p.type !== 'notWhen' && !suppressed.has(p.entity));
    if (payloads.length === 0) continue;
    spans.push({ start: span.start, end: span.end, payloads });
    for (const p of payloads) if (p.type === 'alias') mentioned[p.entity] = 1;
  }

  const kinds = options.kinds ? new Set<EntityKind>(options.kinds) : null;
  const firstOnly = options.mentions === 'first';
  const seen = new Set<number>();
  /** Start of the latest unambiguous mention of each entity before the current span. */
  const lastSeen = new Float64Array(index.entities.length).fill(-Infinity);
  const out: EntityMatch[] = [];

  for (const span of spans) {
    let chosen: Payload | undefined = span.payloads.find((p) => p.type === 'alias');
    let how: EntityMatchHow = 'alias';
    if (chosen) {
      for (const p of span.payloads) if (p.type === 'alias') lastSeen[p.entity] = span.start;
    } else {
      let best = -Infinity;
      for (const p of span.payloads) {
        if (p.type !== 'ambiguous') continue;
        const confirmers = index.confirmers[p.entity] as readonly number[];
        if (!confirmers.some((c) => mentioned[c] === 1)) continue;
        const recent = Math.max(...confirmers.map((c) => lastSeen[c] as number));
        if (chosen === undefined || recent > best) {
          best = recent;
          chosen = p;
          how = 'confirmed';
        }
      }
      if (!chosen) {
        chosen = span.payloads.find((p) => p.type === 'demonym');
        how = 'demonym';
      }
    }
    if (!chosen) continue;
    const entity = index.entities[chosen.entity] as MatchableEntity;
    if (kinds && !kinds.has(entity.kind)) continue;
    if (firstOnly) {
      if (seen.has(chosen.entity)) continue;
      seen.add(chosen.entity);
    }
    const { start, end } = toOriginal(norm, span.start, span.end);
    out.push({ kind: 'entity', start, end, id: entity.id, entityKind: entity.kind, alias: chosen.text, how });
  }
  return out;
}
