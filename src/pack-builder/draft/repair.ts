/**
 * Makes a draft build: runs the real builder and mends what it reports — a proper name that is no entity goes under
 * `ignore`, a quote without a speaker gets a guessed speaker (an override the reviewer sees first), a generated
 * spelling that collides is vetoed, an alias two entities share stays with one, an entity that never anchors loses
 * its ambiguity or is dropped. Pure.
 */
import type { EntityKind } from '../../knowledge/schema';
import { anchorAliases } from '../anchor';
import { aliasKey, AnnotationError, type Annotations, type EntityAnnotation } from '../annotations';
import { buildPack, type BuildReport } from '../build';
import type { Pack } from '../../knowledge/schema';
import type { GuessedQuote } from './types';

/** Rounds of build and mend before giving up (each round mends every problem the build listed). */
const MAX_ROUNDS = 24;
const FILES = { article: 'the article', annotations: 'the draft' };
const SPEAKER_ORDER: readonly EntityKind[] = ['person', 'group', 'organization', 'media', 'place'];

/** The article names nothing a pack could hold (a pack needs one entity at least). */
export class NothingToDraftError extends Error {
  constructor() {
    super('The article names no person, group, organisation or place that a pack could hold.');
    this.name = 'NothingToDraftError';
  }
}

export interface Repaired {
  pack: Pack;
  report: BuildReport;
  guessedQuotes: GuessedQuote[];
  dropped: string[];
}

/** Builds `annotations` with `articleText`, mending them in place until the build passes. */
export function buildAndRepair(
  annotations: Annotations,
  articleText: string,
  body: string,
  /** Longer spellings to try, by entity id, before dropping an entity that never anchors (`Secretary of Defense Mark Esper`). */
  fallbacks: ReadonlyMap<string, readonly string[]> = new Map(),
): Repaired {
  const untried = new Map(fallbacks);
  const guessedQuotes: GuessedQuote[] = [];
  const dropped: string[] = [];
  for (let round = 0; ; round++) {
    if (annotations.entities.length === 0) throw new NothingToDraftError();
    try {
      const { pack, report } = buildPack({ article: articleText, annotations, files: FILES });
      return { pack, report, guessedQuotes, dropped };
    } catch (error) {
      if (!(error instanceof AnnotationError) || round >= MAX_ROUNDS) throw error;
      for (const problem of error.problems)
        mend(problem, annotations, body, { guessedQuotes, dropped, fallbacks: untried });
    }
  }
}

function entity(annotations: Annotations, id: string): EntityAnnotation | undefined {
  return annotations.entities.find((candidate) => candidate.id === id);
}

function drop(annotations: Annotations, id: string, why: string, dropped: string[]): void {
  const gone = entity(annotations, id);
  if (!gone) return;
  annotations.entities = annotations.entities.filter((candidate) => candidate.id !== id);
  for (const other of annotations.entities) {
    other.confirmedBy = other.confirmedBy.filter((target) => target !== id);
    other.relations = other.relations.filter((relation) => relation.target !== id);
  }
  annotations.quoteOverrides = annotations.quoteOverrides.filter((override) => override.speaker !== id);
  dropped.push(`${gone.name} (${gone.kind}): ${why}`);
}

/** Mends one problem the builder reported. */
function mend(
  problem: string,
  annotations: Annotations,
  body: string,
  out: { guessedQuotes: GuessedQuote[]; dropped: string[]; fallbacks: Map<string, readonly string[]> },
): void {
  const coverage = /^coverage: "(.+)" \(offset \d+\) is a proper name/.exec(problem);
  if (coverage?.[1]) {
    const name = coverage[1];
    if (!annotations.ignore.some((entry) => entry.name === name)) {
      annotations.ignore.push({ name, why: 'Drafted: a capitalised word not taken as an entity; review.' });
    }
    return;
  }
  const quote = /no speaker found for the quote “([\s\S]{1,60})…”/.exec(problem);
  if (quote?.[1]) {
    const words = quote[1].trim();
    const guess = guessSpeaker(annotations, body, words);
    if (guess && !annotations.quoteOverrides.some((o) => o.quote === words)) {
      annotations.quoteOverrides.push({ quote: words, speaker: guess.id, why: guess.why });
      out.guessedQuotes.push({ quote: words, speaker: guess.id, why: guess.why });
    }
    return;
  }
  const ignored = /^ignore\[name="(.+)"\]/.exec(problem);
  if (ignored) {
    annotations.ignore = annotations.ignore.filter((entry) => entry.name !== ignored[1]);
    return;
  }
  const override = /^quoteOverrides\[quote="(.+)"\]/.exec(problem);
  if (override) {
    annotations.quoteOverrides = annotations.quoteOverrides.filter((entry) => entry.quote !== override[1]);
    return;
  }
  const shared = /alias "(.+)" is on \d+ entities/.exec(problem);
  if (shared?.[1]) {
    const ids = [...problem.matchAll(/entities\[id=([^\]]+)\]/g)].map((m) => m[1] ?? '');
    // The first entity keeps it (the first mentioned); the others lose it.
    for (const id of ids.slice(1)) removeAlias(annotations, id, shared[1], out.dropped);
    return;
  }
  const notAlias = /^entities\[id=([^\]]+)\]\.ambiguous: "(.+)" is not one of its aliases/.exec(problem);
  if (notAlias) {
    const holder = entity(annotations, notAlias[1] ?? '');
    if (holder) holder.ambiguous = holder.ambiguous.filter((alias) => alias !== notAlias[2]);
    return;
  }
  const where = /entities\[id=([^\]]+)\]/.exec(problem)?.[1];
  const target = where ? entity(annotations, where) : undefined;
  if (!where || !target) throw new AnnotationError(FILES.annotations, [problem]);
  const variant = /generated spelling "(.+?)" \(from/.exec(problem);
  if (variant?.[1] && !target.vetoVariants.some((veto) => veto.variant === variant[1])) {
    target.vetoVariants.push({ variant: variant[1], why: 'Drafted: collides with another name or a common word.' });
    return;
  }
  if (/none of its aliases occurs/.test(problem) && target.ambiguous.length > 0) {
    target.ambiguous = [];
    return;
  }
  const longer = (out.fallbacks.get(where) ?? []).filter((alias) => !target.aliases.includes(alias));
  if (/none of its aliases occurs/.test(problem) && longer.length > 0) {
    target.aliases.push(...longer);
    out.fallbacks.delete(where); // tried once: a fallback that fails or collides does not come back
    return;
  }
  drop(annotations, where, problem.replace(/^entities\[id=[^\]]+\]\S*:\s*/, ''), out.dropped);
}

function removeAlias(annotations: Annotations, id: string, key: string, dropped: string[]): void {
  const target = entity(annotations, id);
  if (!target) return;
  target.aliases = target.aliases.filter((alias) => aliasKey(alias) !== key);
  target.ambiguous = target.ambiguous.filter((alias) => aliasKey(alias) !== key);
  if (target.aliases.length === 0 || aliasKey(target.name) === key) {
    drop(annotations, id, `its name "${key}" belongs to another entity`, dropped);
  }
}

/**
 * The likeliest speaker of a quote the rules could not attribute: the last speaking entity named before it in its
 * paragraph, else the first after it there, else the last before it anywhere.
 */
function guessSpeaker(annotations: Annotations, body: string, words: string): { id: string; why: string } | null {
  const at = body.indexOf(words);
  const paragraphStart = body.lastIndexOf('\n', at) + 1;
  const nextBreak = body.indexOf('\n', at);
  const paragraphEnd = nextBreak < 0 ? body.length : nextBreak;
  const kinds = new Map(annotations.entities.map((e) => [e.id, e.kind]));
  const anchors = anchorAliases(body, annotations.entities)
    .filter(
      (anchor) => anchor.type === 'alias' && SPEAKER_ORDER.slice(0, 4).includes(kinds.get(anchor.entity) ?? 'event'),
    )
    .filter((anchor) => anchor.end <= at || anchor.start >= at + words.length);
  const before = anchors.filter((anchor) => anchor.end <= at);
  const inParagraphBefore = before.filter((anchor) => anchor.start >= paragraphStart);
  const after = anchors.find((anchor) => anchor.start >= at && anchor.start < paragraphEnd);
  const person = (list: typeof anchors) => list.filter((a) => kinds.get(a.entity) === 'person').at(-1) ?? list.at(-1);
  const pick = person(inParagraphBefore) ?? after ?? person(before) ?? anchors[0];
  if (!pick) {
    const any = annotations.entities.find((e) => SPEAKER_ORDER.includes(e.kind));
    return any ? { id: any.id, why: 'Drafted guess: no speaker named near the quote; review.' } : null;
  }
  const name = entity(annotations, pick.entity)?.name ?? pick.entity;
  return { id: pick.entity, why: `Drafted guess: ${name} is the nearest name to the quote; review.` };
}
