/**
 * Who speaks: the subject of a reporting verb, found in the text and resolved to an entity, and the speakers read so
 * far, which pronouns (`he`, `they`) and descriptions (`the official`, `the statement`) refer back to. Pure.
 */
import type { EntityKind, Sentence } from '../knowledge/schema';
import type { Anchor } from './anchor';
import {
  BARE_SUBJECT,
  COORDINATION,
  DESCRIPTION_SUBJECT,
  NAMED_GAP,
  PRONOUN_SUBJECT,
  ROLE_GAP,
  SPEAKER_KINDS,
  SPEECH_NOUN,
  WHAT_IT_CALLS,
  type Subject,
} from './speech';

/** A quoted span, marks included. */
interface QuotedSpan {
  outerStart: number;
  outerEnd: number;
}

/** `Netanyahu’s office said`: a person's office speaks for the person. */
const OFFICE_GAP = /^['’]s\s+(?:press\s+)?office\s+(?:also\s+)?$/;
/** `Saudi Arabia’s royal court called it`: a state's organ, with no name of its own, speaks for the state. */
const ORGAN_GAP = /^['’]s\s+(?:royal\s+court|cabinet|presidency|foreign\s+ministry|state\s+media)\s+(?:also\s+)?$/;
/** `The state department document, dated 6 December, stated`: a body's paper speaks for the body. */
const DOCUMENT_GAP =
  /^\s+(?:document|memo|memorandum|cable|letter|report|statement|communiqu[eé])\s*(?:,[^,“”"]{1,80},\s*)?(?:also\s+)?$/;
/** A name that stands as an appositive (`the head of X, Mojtaba Dhul-Nur, warned`): a comma before and after. */
const APPOSITIVE_BEFORE = /,\s*(?:the\s+)?$/;
/** Lower-case role words between a verb and the name after it (`cautioned defense expert John Wood`). */
const ROLE_AFTER_VERB = /^\s+(?:(?!(?:and|or|but|to|of|in|on|at|for|with|as|by|that|a|an|the)\s)[a-z][\w-]*\s+){1,3}$/;

export class Speakers {
  /** Alias anchors of entities that can speak, sorted by start. */
  private readonly speakerAnchors: readonly Anchor[];
  private readonly text: string;
  private readonly kindOf: (entityId: string) => EntityKind | undefined;
  private lastPerson: string | null = null;
  private lastSpeaker: string | null = null;
  private lastStatementSpeaker: string | null = null;

  constructor(
    text: string,
    anchors: readonly Anchor[],
    kindOf: (entityId: string) => EntityKind | undefined,
    private readonly sentences: readonly Sentence[] = [],
    private readonly quoted: readonly QuotedSpan[] = [],
  ) {
    this.text = text;
    this.kindOf = kindOf;
    this.speakerAnchors = anchors.filter((anchor) => anchor.type === 'alias' && kindOf(anchor.entity));
  }

  /** The latest speaker read, whom a quote with no attribution continues. */
  get latest(): string | null {
    return this.lastSpeaker;
  }

  /** Records the speaker of a quote or statement, in reading order. */
  note(entity: string | null): void {
    if (!entity) return;
    this.lastSpeaker = entity;
    if (this.kindOf(entity) === 'person') this.lastPerson = entity;
  }

  /** Records the speaker of a statement, whom `the statement` refers back to. */
  noteStatement(entity: string | null): void {
    if (!entity) return;
    this.note(entity);
    this.lastStatementSpeaker = entity;
  }

  /** Anchors of speaking entities inside `[start, end)`. */
  anchorsIn(start: number, end: number): Anchor[] {
    return this.speakerAnchors.filter((anchor) => anchor.start >= start && anchor.end <= end);
  }

  /** The grammatical subject that ends right before `verbStart`. */
  subjectBefore(from: number, verbStart: number): Subject | null {
    const text = this.text;
    const before = text.slice(from, verbStart);
    const pronoun = PRONOUN_SUBJECT.exec(before);
    if (pronoun?.[1]) return { how: 'pronoun', pronoun: pronoun[1].toLowerCase(), label: pronoun[1] };
    const description = DESCRIPTION_SUBJECT.exec(before);
    if (description?.[1]) return { how: 'the', noun: description[1].toLowerCase(), label: description[0].trim() };
    const appositive = this.beforeAppositive(from, verbStart);
    if (appositive) return appositive;
    const candidates = this.anchorsIn(from, verbStart).reverse();
    for (const anchor of candidates) {
      const gap = text.slice(anchor.end, verbStart);
      const person = this.kindOf(anchor.entity) === 'person';
      if (this.isPossessive(anchor) && ((person && OFFICE_GAP.test(gap)) || (!person && ORGAN_GAP.test(gap))))
        return { how: 'named', entity: anchor.entity, label: text.slice(anchor.start, verbStart).trim() };
      if (this.isPossessive(anchor) || this.speakerRank(anchor.entity) < 0) continue;
      // `the head of X, Mojtaba Dhul-Nur, warned`: the appositive name speaks, not the description before it.
      if (/^\s*,\s*$/.test(gap) && APPOSITIVE_BEFORE.test(text.slice(from, anchor.start)))
        return { how: 'named', entity: anchor.entity, label: text.slice(anchor.start, anchor.end) };
      if (NAMED_GAP.test(gap) || (!person && DOCUMENT_GAP.test(gap)))
        return { how: 'named', entity: anchor.entity, label: text.slice(anchor.start, anchor.end) };
      if (ROLE_GAP.test(gap)) {
        const article = /\b(an?|the)\s+(?:[a-z]+\s+)?$/i.exec(text.slice(from, anchor.start));
        const labelStart = article ? from + article.index : anchor.start;
        return { how: 'description', entity: anchor.entity, label: text.slice(labelStart, verbStart).trim() };
      }
      break;
    }
    if (COORDINATION.test(before)) return { how: 'sentence' };
    const bare = BARE_SUBJECT.exec(before);
    if (bare?.[1] && !/\b(that|which|who|and|or|but)\b/.test(bare[1])) return { how: 'bare', label: bare[1] };
    return null;
  }

  /**
   * `Ranj Alaaldin, the director of … at the Brookings Institution in Doha, said`: a speaking entity, then an
   * appositive that may name other entities, then the verb. The appositive ends right before the verb.
   */
  private beforeAppositive(from: number, verbStart: number): Subject | null {
    const before = this.text.slice(from, verbStart);
    // The appositive may quote words (`addressing a crowd chanting “Death to America,”`).
    const appositive = /,\s*(?:[^,“”"]|“[^”]*”|"[^"]*")+(?:,|”|")\s*$/.exec(before);
    if (!appositive || appositive[0].length > 220) return null;
    const comma = from + appositive.index;
    // `the head of X, Mojtaba Dhul-Nur, warned`: an appositive that is only a name is the speaker.
    const named = this.anchorsIn(comma, verbStart);
    const only = named.length === 1 ? named[0] : undefined;
    if (
      only &&
      this.speakerRank(only.entity) >= 0 &&
      APPOSITIVE_BEFORE.test(this.text.slice(comma, only.start)) &&
      /^\s*,\s*$/.test(this.text.slice(only.end, verbStart))
    )
      return { how: 'named', entity: only.entity, label: this.text.slice(only.start, only.end) };
    const anchor = this.anchorsIn(from, comma).at(-1);
    if (!anchor || this.isPossessive(anchor) || this.speakerRank(anchor.entity) < 0) return null;
    if (this.text.slice(anchor.end, comma).trim() !== '') return null;
    // Only an appositive that names other entities needs this rule; the plain one is NAMED_GAP's.
    if (this.anchorsIn(comma, verbStart).length === 0) return null;
    return { how: 'named', entity: anchor.entity, label: this.text.slice(anchor.start, anchor.end) };
  }

  /** Attributions like `“…,” said Biden.` put the subject after the verb (not a possessor: `said Iran’s Guard`). */
  subjectAfterVerb(verbStart: number, verbEnd = verbStart): Subject | null {
    const near = (candidate: Anchor) =>
      candidate.start - verbStart < 12 ||
      (candidate.start > verbEnd && ROLE_AFTER_VERB.test(this.text.slice(verbEnd, candidate.start)));
    let anchor = this.speakerAnchors.find(
      (candidate) => candidate.start > verbStart && near(candidate) && this.speakerRank(candidate.entity) >= 0,
    );
    // `said Iran’s Islamic Revolutionary Guard Corps`: the possessed entity speaks.
    if (anchor && this.isPossessive(anchor)) {
      const possessor = anchor;
      anchor = this.speakerAnchors.find(
        (candidate) =>
          candidate.start > possessor.end &&
          candidate.start - possessor.end <= 4 &&
          this.speakerRank(candidate.entity) >= 0,
      );
    }
    return anchor ? { how: 'named', entity: anchor.entity, label: this.text.slice(anchor.start, anchor.end) } : null;
  }

  /**
   * `Iran denies involvement … and has condemned the raids as “terrorism”`: a quote inside a sentence that opens
   * with a speaking entity, and no reporting verb, belongs to that entity.
   */
  openingSubject(sentence: Sentence, quoteStart: number): string | null {
    const lead = this.text.slice(sentence.start, quoteStart);
    if (lead.trim().split(/\s+/).length < 3) return null;
    const first = this.anchorsIn(sentence.start, quoteStart)[0];
    if (!first || first.start - sentence.start > 4 || this.isPossessive(first)) return null;
    // The subject is followed by its verb (`Iran denies`), not a noun it qualifies (`U.S. lawmakers`); a dateline in
    // capitals (`WASHINGTON (Reuters) -`) is no subject.
    const next = /^\s+(\S+)/u.exec(this.text.slice(first.end, first.end + 30))?.[1] ?? '';
    if (!/^(?:has|have|had|is|was|were|will|would|did|does|also|\p{Ll}+(?:s|ed))$/u.test(next)) return null;
    return this.speakerRank(first.entity) >= 0 ? first.entity : null;
  }

  /** `Trump’s assertion that Soleimani posed an “imminent” threat`: the last possessor of words named as a noun. */
  speechNounOwner(from: number, quoteStart: number): string | null {
    const owner = this.anchorsIn(from, quoteStart)
      .filter((anchor) => this.speakerRank(anchor.entity) >= 0 && !this.isQuoted(anchor))
      .filter((anchor) => SPEECH_NOUN.test(this.text.slice(anchor.end, anchor.end + 40)))
      .at(-1);
    // The words must be the possessor's: no other reporting clause between the noun and the quote.
    if (!owner || /[.;]|\b(?:said|says|told)\b/.test(this.text.slice(owner.end, quoteStart))) return null;
    return owner.entity;
  }

  /**
   * `Iran responded with what it calls “maximum resistance”`: `it` is the nearest group, organisation or place
   * before `what`; `he`/`she` the nearest person (`Trump said … what he called “…”`); `they` the nearest speaker.
   */
  whatItCalls(from: number, quoteStart: number): string | null {
    const match = WHAT_IT_CALLS.exec(this.text.slice(from, quoteStart));
    if (!match?.[1]) return null;
    const pronoun = match[1].toLowerCase();
    const fits = (anchor: Anchor) => {
      const person = this.kindOf(anchor.entity) === 'person';
      return pronoun === 'they' || (pronoun === 'it' ? !person : person);
    };
    const subject = this.anchorsIn(from, from + match.index)
      .filter((anchor) => !this.isPossessive(anchor) && !this.isQuoted(anchor) && this.speakerRank(anchor.entity) >= 0)
      .filter(fits)
      .at(-1);
    return subject?.entity ?? null;
  }

  /** Whether the anchor stands inside quotation marks (someone's words, not the narration). */
  private isQuoted(anchor: Anchor): boolean {
    return this.quoted.some((quote) => anchor.start >= quote.outerStart && anchor.end <= quote.outerEnd);
  }

  /** The sentence's subject: its first speaking entity that is not a possessor, people and groups before places. */
  sentenceSubject(sentence: Sentence, until: number): string | null {
    const candidates = this.anchorsIn(sentence.start, until).filter(
      (anchor) => !this.isPossessive(anchor) && this.speakerRank(anchor.entity) >= 0,
    );
    const best = candidates.find((anchor) => this.kindOf(anchor.entity) !== 'place') ?? candidates[0];
    return best?.entity ?? null;
  }

  /** The entity a subject stands for, at offset `at` of `sentence`. */
  resolve(subject: Subject, sentence: Sentence, at: number): string | null {
    switch (subject.how) {
      case 'named':
      case 'description':
        return subject.entity;
      case 'pronoun':
        return subject.pronoun === 'they' ? this.lastSpeaker : (this.previousSubject(sentence, at) ?? this.lastPerson);
      case 'the':
        if (subject.noun === 'statement') return this.lastStatementSpeaker;
        if (subject.noun === 'group' || subject.noun === 'movement') return this.lastGroupBefore(at);
        return this.lastPerson;
      case 'sentence':
        return this.sentenceSubject(sentence, at);
      case 'bare':
        return null;
    }
  }

  /**
   * `Ayatollah Ali al-Sistani condemned the strikes… He urged…`: `he` is the person who opens the previous sentence,
   * when the sentence with the pronoun names no person before it (`lastPerson` otherwise).
   */
  private previousSubject(sentence: Sentence, at: number): string | null {
    // The narration's people: a name inside the quoted words is not the sentence's subject.
    const isPerson = (anchor: Anchor) =>
      this.kindOf(anchor.entity) === 'person' && !this.isPossessive(anchor) && !this.isQuoted(anchor);
    if (this.anchorsIn(sentence.start, at).some(isPerson)) return null;
    const index = this.sentences.findIndex((s) => s.start === sentence.start);
    // A sentence that only mentions someone late (a caption: `… crowds poured into Ahvaz to honour General
    // Soleimani`) has no subject for `he`: the sentence before it may.
    for (const previous of [this.sentences[index - 1], this.sentences[index - 2]]) {
      if (!previous) return null;
      const first = this.anchorsIn(previous.start, previous.end).find(isPerson);
      if (first && this.opensSentence(previous, first)) return first.entity === this.lastPerson ? null : first.entity;
    }
    return null;
  }

  /** Whether a name stands where a sentence's subject does: few lower-case words before it. */
  private opensSentence(sentence: Sentence, anchor: Anchor): boolean {
    return (this.text.slice(sentence.start, anchor.start).match(/(?<![\p{L}'’-])\p{Ll}+/gu)?.length ?? 0) <= 4;
  }

  /** The latest group or organisation named before `at`. */
  lastGroupBefore(at: number): string | null {
    for (let i = this.speakerAnchors.length - 1; i >= 0; i--) {
      const anchor = this.speakerAnchors[i];
      if (!anchor || anchor.start >= at) continue;
      const kind = this.kindOf(anchor.entity);
      if (kind === 'group' || kind === 'organization') return anchor.entity;
    }
    return null;
  }

  /** The outlet a quote was given to: named after its verb, else anywhere in the sentence. */
  venueAfter(from: number, sentence: Sentence): string | null {
    return (
      this.anchorsIn(from, sentence.end).find((anchor) => this.kindOf(anchor.entity) === 'media')?.entity ??
      this.anchorsIn(sentence.start, sentence.end).find((anchor) => this.kindOf(anchor.entity) === 'media')?.entity ??
      null
    );
  }

  private isPossessive(anchor: Anchor): boolean {
    return /^['’]s\b/.test(this.text.slice(anchor.end, anchor.end + 3));
  }

  private speakerRank(entity: string): number {
    return SPEAKER_KINDS.indexOf(this.kindOf(entity) ?? 'event');
  }
}
