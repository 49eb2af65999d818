/**
 * Extracts every direct quote of the source article and every sentence of reported speech, and attributes each to
 * an entity. Pure.
 *
 * The rules follow how news copy attributes speech:
 * - after the quote: `“…,” he said.` / `“…,” Nasr al-Shammari, Nujaba’s spokesman, told Al-Mayadeen.`
 * - before the quote: `Jen Psaki said “…”`, `Biden declared on Monday that “…”`, `…, and wrote, “…”`
 * - pronouns and descriptions (`he`, `the official`, `the statement`) refer to the latest speaker of that sort;
 * - a later quote in the same sentence (`…, saying the decision “cannot be reversed.”`) keeps the sentence's speaker;
 * - a quote with no attribution continues the previous speaker (the next sentence, or a new paragraph that goes on
 *   quoting the same person).
 */
import type { EntityKind, Paragraph, Quote, Sentence, Statement } from '../knowledge/schema';
import type { Anchor } from './anchor';

/** Verbs that report speech in the past or present tense. */
const REPORTING_VERB =
  /\b(said|says|told|tells|added|asked|wrote|stated|declared|announced|claimed|noted|warned|insisted|described|called (?:on|for)|urged)\b/g;
/** Participles that continue the sentence's speaker (`…, saying …`). */
const PARTICIPLE =
  /\b(saying|adding|noting|terming|urging|calling|describing|insisting|warning|invoking|appreciating)\b/g;
const PRONOUN_SUBJECT = /\b(he|she|they)\s+(?:also\s+|then\s+|later\s+)?$/i;
const DESCRIPTION_SUBJECT =
  /\bthe\s+(official|statement|group|spokesman|spokeswoman|spokesperson|commander|cleric|minister|movement)\s+(?:also\s+)?$/i;
/** What may stand between a named subject and its verb: an appositive, an adverb, a day. */
const NAMED_GAP = /^\s*(?:,[^,“”"]{1,80},\s*)?(?:(?:also|then|later|again|on \w+day)\s+)*$/;
/** Up to two lower-case role words (`commander`, `resistance movement`) between an entity and its verb. */
const ROLE_GAP = /^\s+(?:[a-z][\w-]*\s+){1,2}$/;
const COORDINATION = /(?:,\s*)?\band\s+$/;
/** A verb followed by more words than this before a quote reports a clause of its own. */
const MIN_CLAUSE_WORDS = 4;
const BARE_SUBJECT = /(?:^|,\s*)([a-z][a-z ]{2,30}?)\s+$/;

/** Entity kinds that can speak, best first (a place speaks only by metonymy: "Washington says"). */
const SPEAKER_KINDS: readonly EntityKind[] = ['person', 'group', 'organization', 'media', 'place'];

export interface AttributionInput {
  text: string;
  paragraphs: readonly Paragraph[];
  sentences: readonly Sentence[];
  /** Alias anchors, sorted by start. */
  anchors: readonly Anchor[];
  kindOf: (entityId: string) => EntityKind | undefined;
  nameOf: (entityId: string) => string;
}

export interface AttributionResult {
  quotes: Quote[];
  statements: Statement[];
  /** Quotes the rules could not attribute (the build fails unless an override names the speaker). */
  unattributed: Array<{ start: number; end: number; text: string; paragraph: string }>;
}

interface RawQuote {
  /** Span of the quoted words (inside the marks). */
  start: number;
  end: number;
  /** Span including the quotation marks. */
  outerStart: number;
  outerEnd: number;
  paragraph: Paragraph;
}

type Subject =
  | { how: 'named' | 'description'; entity: string; label: string }
  | { how: 'pronoun'; pronoun: string; label: string }
  | { how: 'the'; noun: string; label: string }
  | { how: 'bare'; label: string }
  | { how: 'sentence' };

/** Finds direct quotes (curly or straight double quotes) paragraph by paragraph. */
export function findQuotes(text: string, paragraphs: readonly Paragraph[]): RawQuote[] {
  const quotes: RawQuote[] = [];
  for (const paragraph of paragraphs) {
    let open = -1;
    for (let i = paragraph.start; i < paragraph.end; i++) {
      const char = text[i];
      const opens = char === '“' || (char === '"' && open < 0);
      const closes = char === '”' || (char === '"' && open >= 0);
      if (open < 0 && opens) open = i;
      else if (open >= 0 && closes) {
        quotes.push(trimQuote(text, open, i + 1, paragraph));
        open = -1;
      }
    }
    // News style leaves a quote open when the next paragraph goes on quoting: it ends with the paragraph.
    if (open >= 0) quotes.push(trimQuote(text, open, paragraph.end, paragraph));
  }
  return quotes.filter((quote) => quote.end > quote.start);
}

function trimQuote(text: string, outerStart: number, outerEnd: number, paragraph: Paragraph): RawQuote {
  let start = outerStart + 1;
  let end = text[outerEnd - 1] === '”' || text[outerEnd - 1] === '"' ? outerEnd - 1 : outerEnd;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  // The comma before a closing quote belongs to the attribution, not to the speaker's words.
  while (end > start && /[\s,;]/.test(text[end - 1] ?? '')) end--;
  return { start, end, outerStart, outerEnd, paragraph };
}

/** Runs the attribution rules over the article, in reading order. */
export function attribute(input: AttributionInput): AttributionResult {
  const { text, sentences, anchors, kindOf, nameOf } = input;
  const rawQuotes = findQuotes(text, input.paragraphs);
  const quotes: Quote[] = [];
  const statements: Statement[] = [];
  const unattributed: AttributionResult['unattributed'] = [];
  let lastPerson: string | null = null;
  let lastSpeaker: string | null = null;
  let lastStatementSpeaker: string | null = null;

  const speakerAnchors = anchors.filter((anchor) => anchor.type === 'alias' && kindOf(anchor.entity));
  const anchorsIn = (start: number, end: number) =>
    speakerAnchors.filter((anchor) => anchor.start >= start && anchor.end <= end);
  const isPossessive = (anchor: Anchor) => /^['’]s\b/.test(text.slice(anchor.end, anchor.end + 3));
  const speakerRank = (entity: string) => SPEAKER_KINDS.indexOf(kindOf(entity) ?? 'event');

  const noteSpeaker = (entity: string | null) => {
    if (!entity) return;
    lastSpeaker = entity;
    if (kindOf(entity) === 'person') lastPerson = entity;
  };

  /** The grammatical subject that ends right before `verbStart`. */
  const subjectBefore = (from: number, verbStart: number): Subject | null => {
    const before = text.slice(from, verbStart);
    const pronoun = PRONOUN_SUBJECT.exec(before);
    if (pronoun?.[1]) return { how: 'pronoun', pronoun: pronoun[1].toLowerCase(), label: pronoun[1] };
    const description = DESCRIPTION_SUBJECT.exec(before);
    if (description?.[1]) return { how: 'the', noun: description[1].toLowerCase(), label: description[0].trim() };
    const candidates = anchorsIn(from, verbStart).reverse();
    for (const anchor of candidates) {
      if (isPossessive(anchor) || speakerRank(anchor.entity) < 0) continue;
      const gap = text.slice(anchor.end, verbStart);
      if (NAMED_GAP.test(gap))
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
  };

  /** The sentence's subject: its first speaking entity that is not a possessor, people and groups before places. */
  const sentenceSubject = (sentence: Sentence, until: number): string | null => {
    const candidates = anchorsIn(sentence.start, until).filter(
      (anchor) => !isPossessive(anchor) && speakerRank(anchor.entity) >= 0,
    );
    const best = candidates.find((anchor) => kindOf(anchor.entity) !== 'place') ?? candidates[0];
    return best?.entity ?? null;
  };

  const resolve = (subject: Subject, sentence: Sentence, at: number): string | null => {
    switch (subject.how) {
      case 'named':
      case 'description':
        return subject.entity;
      case 'pronoun':
        return subject.pronoun === 'they' ? lastSpeaker : lastPerson;
      case 'the':
        if (subject.noun === 'statement') return lastStatementSpeaker;
        if (subject.noun === 'group' || subject.noun === 'movement') return lastGroupBefore(at);
        return lastPerson;
      case 'sentence':
        return sentenceSubject(sentence, at);
      case 'bare':
        return null;
    }
  };

  const lastGroupBefore = (at: number): string | null => {
    for (let i = speakerAnchors.length - 1; i >= 0; i--) {
      const anchor = speakerAnchors[i];
      if (!anchor || anchor.start >= at) continue;
      const kind = kindOf(anchor.entity);
      if (kind === 'group' || kind === 'organization') return anchor.entity;
    }
    return null;
  };

  const venueAfter = (from: number, sentence: Sentence): string | null =>
    anchorsIn(from, sentence.end).find((anchor) => kindOf(anchor.entity) === 'media')?.entity ??
    anchorsIn(sentence.start, sentence.end).find((anchor) => kindOf(anchor.entity) === 'media')?.entity ??
    null;

  for (const sentence of sentences) {
    const inSentence = rawQuotes.filter((quote) => quote.start >= sentence.start && quote.start < sentence.end);
    // Text outside quotation marks, for finding verbs that belong to the narration.
    const masked = maskQuotes(text, sentence, rawQuotes);
    const sentenceQuotes: Quote[] = [];
    let sentenceSpeaker: string | null = null;

    inSentence.forEach((raw, index) => {
      let speaker: string | null = null;
      let verb = '';
      let how: Quote['attribution'] | null = null;
      let verbEnd = raw.outerEnd;

      // 1. Attribution right after the closing mark.
      // A quote may run over several sentences: its attribution follows the sentence where it closes.
      const closing = sentences.find((candidate) => candidate.start < raw.outerEnd && raw.outerEnd <= candidate.end);
      const nextQuote = rawQuotes.find((quote) => quote.outerStart >= raw.outerEnd);
      const tailEnd = Math.min(nextQuote?.outerStart ?? Infinity, closing?.end ?? sentence.end, raw.paragraph.end);
      const tail = text.slice(raw.outerEnd, tailEnd);
      const after = attributionAfter(tail);
      if (after) {
        const verbStart = raw.outerEnd + after.verbIndex;
        verbEnd = verbStart + after.verb.length;
        const subject = subjectBefore(raw.outerEnd, verbStart) ?? subjectAfterVerb(raw.outerEnd + after.verbIndex);
        if (subject) {
          speaker = resolve(subject, sentence, verbStart);
          verb = after.verb;
          how =
            subject.how === 'the'
              ? 'description'
              : subject.how === 'bare'
                ? null
                : (subject.how as Quote['attribution']);
        }
      }
      // 2. A reporting verb before the opening mark (after the previous quote of the sentence, if any).
      if (!how) {
        const from = inSentence[index - 1]?.outerEnd ?? sentence.start;
        const lead = masked.slice(from - sentence.start, raw.outerStart - sentence.start);
        const verbs = [...lead.matchAll(REPORTING_VERB)];
        const participles = [...lead.matchAll(PARTICIPLE)];
        const lastVerb = verbs.at(-1);
        const lastParticiple = participles.at(-1);
        if (lastVerb && (!lastParticiple || lastVerb.index > lastParticiple.index)) {
          const verbStart = from + lastVerb.index;
          const subject = subjectBefore(sentence.start, verbStart);
          if (subject && subject.how !== 'bare') {
            speaker =
              subject.how === 'sentence' && sentenceSpeaker ? sentenceSpeaker : resolve(subject, sentence, verbStart);
            verb = lastVerb[0];
            verbEnd = verbStart + verb.length;
            how = subject.how === 'the' ? 'description' : subject.how === 'sentence' ? 'named' : subject.how;
          }
        } else if (lastParticiple || index > 0) {
          speaker = sentenceSpeaker ?? sentenceSubject(sentence, raw.outerStart);
          verb = lastParticiple?.[0] ?? '';
          how = sentenceSpeaker ? 'same-sentence' : 'named';
        }
      }
      // 3. No attribution: the quote goes on from the previous speaker.
      if (!how && lastSpeaker) {
        speaker = lastSpeaker;
        how = 'continuation';
      }
      if (!speaker || !how) {
        unattributed.push({
          start: raw.start,
          end: raw.end,
          text: text.slice(raw.start, raw.end),
          paragraph: raw.paragraph.id,
        });
      }
      const quote: Quote = {
        id: `q-${quotes.length + 1}`,
        text: text.slice(raw.start, raw.end),
        speaker: speaker ?? '',
        verb,
        venue: venueAfter(verbEnd, closing ?? sentence),
        attribution: how ?? 'named',
        start: raw.start,
        end: raw.end,
        sentence: sentence.id,
        paragraph: sentence.paragraph,
      };
      if (speaker) {
        sentenceSpeaker ??= speaker;
        noteSpeaker(speaker);
      }
      sentenceQuotes.push(quote);
      quotes.push(quote);
    });

    const statement = reportedSpeech(sentence, masked, sentenceQuotes);
    if (statement) {
      statements.push(statement);
      if (statement.speaker) {
        noteSpeaker(statement.speaker);
        lastStatementSpeaker = statement.speaker;
      }
    }
  }

  /** Attributions like `“…,” said Biden.` put the subject after the verb. */
  function subjectAfterVerb(verbStart: number): Subject | null {
    const anchor = speakerAnchors.find((candidate) => candidate.start > verbStart && candidate.start - verbStart < 12);
    return anchor ? { how: 'named', entity: anchor.entity, label: text.slice(anchor.start, anchor.end) } : null;
  }

  /**
   * A sentence that reports what someone said or claimed beyond the words it quotes: `X said (that) …` with a
   * clause of its own, a trailing `…, the statement said.`, or a parenthetical `…, Washington says, …`.
   */
  function reportedSpeech(sentence: Sentence, masked: string, sentenceQuotes: Quote[]): Statement | null {
    for (const match of masked.matchAll(REPORTING_VERB)) {
      const verbStart = sentence.start + match.index;
      const before = masked.slice(0, match.index);
      const rest = masked.slice(match.index + match[0].length);
      // `“…,” he said` attributes a quote: the quote carries it.
      const lastClose = Math.max(before.lastIndexOf('”'), before.lastIndexOf('"'));
      if (lastClose >= 0 && before.length - lastClose <= 90 && !/[.;]/.test(before.slice(lastClose + 1))) continue;
      const clause = /^\s+(?:that\s+)?([^“"”]*)/.exec(rest)?.[1] ?? '';
      const clauseWords = clause.trim().split(/\s+/).filter(Boolean).length;
      const ownClause =
        /^\s+(?:that\s+)?[^\s“"”.,]/.test(rest) && (clauseWords > MIN_CLAUSE_WORDS || !/[“"]/.test(rest));
      const narrated = /[\p{L}]{3}/u.test(before.replace(/“[^”]*”?/g, ''));
      const trailing = narrated && /^(?:\s*[.!?]?\s*$|,\s*[^\s“"])/.test(rest);
      if (!ownClause && !trailing) continue;
      const subject = subjectBefore(sentence.start, verbStart);
      if (!subject) continue;
      return makeStatement(sentence, resolve(subject, sentence, verbStart), subject, match[0], sentenceQuotes);
    }
    const according = /\baccording to (?:a |an |the )?(?:statement |report )?(?:by |from |of )?/i.exec(masked);
    if (according) {
      const at = sentence.start + according.index + according[0].length;
      const named = anchorsIn(at, sentence.end)[0];
      const speaker = named && named.start - at < 3 ? named.entity : lastGroupBefore(at);
      const label = speaker ? nameOf(speaker) : text.slice(at, sentence.end).replace(/[.\s]+$/, '');
      return makeStatement(sentence, speaker, { how: 'bare', label }, 'according to', sentenceQuotes);
    }
    return null;
  }

  function makeStatement(
    sentence: Sentence,
    speaker: string | null,
    subject: Subject,
    verb: string,
    sentenceQuotes: Quote[],
  ): Statement {
    const label =
      subject.how === 'pronoun' || subject.how === 'the' || subject.how === 'sentence'
        ? speaker
          ? nameOf(speaker)
          : 'label' in subject
            ? subject.label
            : 'unnamed source'
        : subject.label;
    return {
      id: `st-${statements.length + 1}`,
      speaker,
      speakerLabel: label,
      verb,
      text: text.slice(sentence.start, sentence.end),
      start: sentence.start,
      end: sentence.end,
      sentence: sentence.id,
      paragraph: sentence.paragraph,
      quotes: sentenceQuotes.map((quote) => quote.id),
    };
  }

  return { quotes, statements, unattributed };
}

/** Looks for `[subject] verb` at the start of the text after a closing quote mark. */
function attributionAfter(tail: string): { verb: string; verbIndex: number } | null {
  const head = /^[\s,.;:?!]*/.exec(tail)?.[0].length ?? 0;
  const window = tail.slice(head, head + 120);
  const match = new RegExp(REPORTING_VERB.source).exec(window);
  if (!match) return null;
  const beforeVerb = window.slice(0, match.index);
  // Only a short subject (a pronoun, a name with an appositive) may stand before the verb.
  if (beforeVerb.length > 90 || /[“"”.;]/.test(beforeVerb.replace(/\b[A-Z]\.(?=[A-Z]\.)|\b(?:U\.S|D\.C)\./g, '')))
    return null;
  return { verb: match[0], verbIndex: head + match.index };
}

/** The sentence with quoted words (marks included) blanked out, same length, so offsets still line up. */
function maskQuotes(text: string, sentence: Sentence, quotes: readonly RawQuote[]): string {
  let masked = text.slice(sentence.start, sentence.end);
  for (const quote of quotes) {
    const start = Math.max(quote.outerStart, sentence.start) - sentence.start;
    const end = Math.min(quote.outerEnd, sentence.end) - sentence.start;
    if (end <= start) continue;
    masked =
      masked.slice(0, start) +
      '“' +
      ' '.repeat(Math.max(0, end - start - 2)) +
      '”'.slice(0, end - start - 1) +
      masked.slice(end);
  }
  return masked;
}
