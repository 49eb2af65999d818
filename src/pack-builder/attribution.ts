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
 *
 * Finding quotes: `direct-quotes.ts`; the wording of attributions: `speech.ts`; subjects and the speakers read so
 * far: `speakers.ts`; reported speech: `statements.ts`.
 */
import type { EntityKind, Paragraph, Quote, Sentence, Statement } from '../knowledge/schema';
import type { Anchor } from './anchor';
import { findQuotes, maskQuotes, type RawQuote } from './direct-quotes';
import { Speakers } from './speakers';
import { attributionAfter, PARTICIPLE, PROMISE_VERB, QUOTED_AS, reportingVerbs, type Subject } from './speech';
import { reportedSpeech } from './statements';

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

/** An unnamed source right after a reporting verb (`said a senior government official`, `says an Iraqi analyst`). */
const UNNAMED_SOURCE = /^\s+(?:a|an|one|another|two|three|several|some|many|other)\s+\p{L}/u;
/** An unnamed source opening the narration before a verb (`One Iraqi official`, `…, a high-level adviser to X`). */
const UNNAMED_LEAD = /(?:^|,)\s*(?:a|an|one|another|two|three|several|some|many|other|senior)\s+(?:[^\s,]+\s+){0,6}$/i;

/** Words right before a chanted or shouted slogan. */
const CHANT = /\b(?:chant|chants|chanted|chanting|shout|shouts|shouted|shouting)\b[,:]?\s*$/i;

/** Runs the attribution rules over the article, in reading order. */
export function attribute(input: AttributionInput): AttributionResult {
  const { text, sentences } = input;
  const rawQuotes = findQuotes(text, input.paragraphs);
  const speakers = new Speakers(text, input.anchors, input.kindOf, sentences, rawQuotes);
  const quotes: Quote[] = [];
  const statements: Statement[] = [];
  const unattributed: AttributionResult['unattributed'] = [];

  for (const sentence of sentences) {
    const inSentence = rawQuotes.filter((quote) => quote.start >= sentence.start && quote.start < sentence.end);
    // Text outside quotation marks, for finding verbs that belong to the narration.
    const masked = maskQuotes(text, sentence, rawQuotes);
    const sentenceQuotes: Quote[] = [];
    let sentenceSpeaker: string | null = null;

    inSentence.forEach((raw, index) => {
      const context: QuoteContext = { text, sentences, rawQuotes, speakers, sentence, masked, sentenceSpeaker };
      const previous = inSentence[index - 1];
      const found = attributeQuote(context, raw, previous, index);
      if (!found.speaker || !found.how) {
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
        speaker: found.speaker ?? '',
        verb: found.verb,
        venue: speakers.venueAfter(found.verbEnd, found.closing ?? sentence),
        attribution: found.how ?? 'named',
        start: raw.start,
        end: raw.end,
        sentence: sentence.id,
        paragraph: sentence.paragraph,
      };
      if (found.speaker) {
        sentenceSpeaker ??= found.speaker;
        speakers.note(found.speaker);
      }
      sentenceQuotes.push(quote);
      quotes.push(quote);
    });

    const statement = reportedSpeech(
      { text, speakers, nameOf: input.nameOf },
      sentence,
      masked,
      sentenceQuotes,
      `st-${statements.length + 1}`,
    );
    if (statement) {
      statements.push(statement);
      speakers.noteStatement(statement.speaker);
    }
  }

  return { quotes, statements, unattributed };
}

/** What the rules know while attributing one quote of `sentence`. */
interface QuoteContext {
  text: string;
  sentences: readonly Sentence[];
  rawQuotes: readonly RawQuote[];
  speakers: Speakers;
  sentence: Sentence;
  /** The sentence with its quotes blanked out. */
  masked: string;
  /** The speaker of the sentence's first attributed quote, if any yet. */
  sentenceSpeaker: string | null;
}

/** A quote's attribution as the rules find it, step by step. */
interface Found {
  speaker: string | null;
  verb: string;
  how: Quote['attribution'] | null;
  /** Where the reporting verb ends (the venue is looked for after it). */
  verbEnd: number;
  /** The sentence where the quote closes (a quote may run over several). */
  closing: Sentence | undefined;
  /** The quote's own attribution names someone who is not an entity (`“…,” Tamimi said` with Tamimi unknown). */
  saidByOther?: boolean;
}

/** Attributes one quote: after its closing mark, else before its opening mark, else it continues the last speaker. */
function attributeQuote(context: QuoteContext, raw: RawQuote, previous: RawQuote | undefined, index: number): Found {
  const { sentences, sentence, text } = context;
  // A quote may run over several sentences: its attribution follows the sentence where it closes.
  const closing = sentences.find((candidate) => candidate.start < raw.outerEnd && raw.outerEnd <= candidate.end);
  const found: Found = { speaker: null, verb: '', how: null, verbEnd: raw.outerEnd, closing };
  const from = previous?.outerEnd ?? sentence.start;
  // 0. The words named as someone's, closer to the quote than any verb: `… evidence for Trump’s assertion that …
  // “imminent”`, `Iran responded with what it calls “maximum resistance”`.
  const called =
    context.speakers.speechNounOwner(sentence.start, raw.outerStart) ??
    context.speakers.whatItCalls(sentence.start, raw.outerStart);
  if (called) {
    found.speaker = called;
    found.how = 'named';
  }
  // `Pompeo said … that the strikes “…,” the State Department said`: the quote stands in the clause the first
  // speaker reports, so it is that speaker's words; the trailing attribution names who reported them.
  if (!found.how && reportsClause(context, raw, from)) attributionBeforeQuote(context, raw, from, index, found);
  // `“…,” state radio quoted X as saying`: X, not the outlet.
  if (!found.how) quotedAsSaying(context, raw, from, found);
  // 1. Attribution right after the closing mark.
  if (!found.how) attributionAfterQuote(context, raw, found);
  // 2. A reporting verb before the opening mark (after the previous quote of the sentence, if any).
  if (!found.how) attributionBeforeQuote(context, raw, from, index, found);
  // `“…,” according to the Pentagon`: the source after the quote, when the narration before it names no speaker
  // (`Sadr tweeted, saying “…,” according to CNN` stays Sadr's).
  if (!found.how) accordingTo(context, raw, found);
  // 3. No verb, but the sentence opens with a speaker and narrates before the quote.
  const opening = found.how ? null : context.speakers.openingSubject(sentence, raw.outerStart);
  if (opening) {
    found.speaker = opening;
    found.how = 'named';
  }
  // A crowd's chant (`protesters were chanting, “Death to America.”`) continues no speaker.
  if (CHANT.test(text.slice(Math.max(sentence.start, raw.outerStart - 40), raw.outerStart))) found.saidByOther = true;
  // 4. No attribution: the quote goes on from the previous speaker (not when it names a speaker we do not know).
  const latest = context.speakers.latest;
  if (!found.how && latest && !found.saidByOther) {
    found.speaker = latest;
    found.how = 'continuation';
  }
  return found;
}

/** Step 1: `“…,” he said` / `“…,” said Biden` right after the closing mark, before the next quote. */
function attributionAfterQuote(context: QuoteContext, raw: RawQuote, found: Found): void {
  const { text, rawQuotes, speakers, sentence } = context;
  const nextQuote = rawQuotes.find((quote) => quote.outerStart >= raw.outerEnd);
  const tailEnd = Math.min(nextQuote?.outerStart ?? Infinity, found.closing?.end ?? sentence.end, raw.paragraph.end);
  const after = attributionAfter(text.slice(raw.outerEnd, tailEnd));
  if (!after) return;
  const verbStart = raw.outerEnd + after.verbIndex;
  found.verbEnd = verbStart + after.verb.length;
  const subject =
    speakers.subjectBefore(raw.outerEnd, verbStart) ??
    speakers.subjectAfterVerb(verbStart, verbStart + after.verb.length);
  if (!subject) {
    // A capitalised name between the quote and its verb, or right after the verb, that is none of ours.
    const named = /\p{Lu}\p{Ll}/u.test(text.slice(raw.outerEnd, verbStart));
    // `“…,” said a senior official`: a source the article leaves unnamed after the verb.
    const after = text.slice(found.verbEnd, tailEnd);
    found.saidByOther = named || /^\s+\p{Lu}\p{Ll}/u.test(after) || UNNAMED_SOURCE.test(after);
    return;
  }
  // `“…,” one official said`: a source the article leaves unnamed; the quote continues no one.
  if (subject.how === 'bare') {
    found.saidByOther = true;
    return;
  }
  found.speaker = speakers.resolve(subject, sentence, verbStart);
  found.verb = after.verb;
  const how: Record<Subject['how'], Quote['attribution'] | null> = {
    named: 'named',
    description: 'description',
    pronoun: 'pronoun',
    the: 'description',
    // `…” of the United States and said`: the subject of the sentence's first clause.
    sentence: 'named',
    bare: null,
  };
  found.how = how[subject.how];
}

/** `“…,” state radio quoted X as saying.` / `State radio quoted X as saying: “…”`: the entity between the words. */
function quotedAsSaying(context: QuoteContext, raw: RawQuote, from: number, found: Found): void {
  const { text, sentence, speakers } = context;
  const end = Math.min(found.closing?.end ?? sentence.end, raw.paragraph.end);
  const after = QUOTED_AS.exec(text.slice(raw.outerEnd, end));
  // After the quote, only when nothing but the outlet stands between (`“…,” state radio quoted …`).
  const tail = after && /^[\s,]*[^“”".;]{0,40}$/.test(text.slice(raw.outerEnd, raw.outerEnd + after.index));
  const lead = context.masked.slice(from - sentence.start, raw.outerStart - sentence.start);
  const before = /as\s+(?:saying|telling\s+\S+(?:\s+\S+)?)[\s,:]*$/.test(lead) ? QUOTED_AS.exec(lead) : null;
  const match = tail ? after : before;
  if (!match?.[1]) return;
  const base = tail ? raw.outerEnd : from;
  const start = base + match.index + match[0].indexOf(match[1]);
  const named = speakers.anchorsIn(start, start + match[1].length).at(-1);
  if (!named) return;
  found.speaker = named.entity;
  found.verb = 'quoted';
  found.verbEnd = base + match.index + match[0].length;
  found.how = 'named';
}

/** `“…,” according to the Pentagon.`: the source named right after the quote. */
function accordingTo(context: QuoteContext, raw: RawQuote, found: Found): void {
  const tailEnd = Math.min(found.closing?.end ?? context.sentence.end, raw.paragraph.end);
  const according = /^[\s,]*according to (?:the |an? )?/.exec(context.text.slice(raw.outerEnd, tailEnd));
  if (!according) return;
  const at = raw.outerEnd + according[0].length;
  const named = context.speakers.anchorsIn(at, tailEnd)[0];
  if (!named || named.start - at > 2) return;
  found.speaker = named.entity;
  found.verb = 'according to';
  found.verbEnd = at;
  found.how = 'named';
}

/** Whether the narration before the quote is `[subject] said … that …`: the quote stands inside a reported clause. */
function reportsClause(context: QuoteContext, raw: RawQuote, from: number): boolean {
  const { sentence } = context;
  const lead = context.masked.slice(from - sentence.start, raw.outerStart - sentence.start);
  const lastVerb = reportingVerbs(lead).at(-1);
  if (!lastVerb || [...lead.matchAll(PARTICIPLE)].some((p) => p.index > lastVerb.index)) return false;
  return /^\s[^“”"]*\bthat\s/.test(lead.slice(lastVerb.index + lastVerb[0].length));
}

/**
 * Step 2: a reporting verb between `from` and the opening mark (`Psaki said “…”`), or a participle or a later quote
 * that keeps the sentence's speaker (`…, saying “…”`).
 */
function attributionBeforeQuote(context: QuoteContext, raw: RawQuote, from: number, index: number, found: Found): void {
  const { speakers, sentence, sentenceSpeaker } = context;
  const lead = context.masked.slice(from - sentence.start, raw.outerStart - sentence.start);
  // A promise or a threat (`X vowed to respond “…”`) reports the quote when no verb of speech does.
  const lastVerb = reportingVerbs(lead).at(-1) ?? [...lead.matchAll(PROMISE_VERB)].at(-1);
  const lastParticiple = [...lead.matchAll(PARTICIPLE)].at(-1);
  if (lastVerb && (!lastParticiple || lastVerb.index > lastParticiple.index)) {
    const verbStart = from + lastVerb.index;
    const subject = speakers.subjectBefore(sentence.start, verbStart);
    // `One Iraqi official said …: “…”`: an unnamed source, whom the quote does not continue past.
    if (subject?.how === 'bare' || (!subject && UNNAMED_LEAD.test(lead.slice(0, lastVerb.index))))
      found.saidByOther = true;
    if (!subject || subject.how === 'bare') return;
    found.speaker =
      subject.how === 'sentence' && sentenceSpeaker ? sentenceSpeaker : speakers.resolve(subject, sentence, verbStart);
    found.verb = lastVerb[0];
    found.verbEnd = verbStart + found.verb.length;
    found.how = subject.how === 'the' ? 'description' : subject.how === 'sentence' ? 'named' : subject.how;
  } else if (lastParticiple || index > 0) {
    found.speaker = sentenceSpeaker ?? speakers.sentenceSubject(sentence, raw.outerStart);
    found.verb = lastParticiple?.[0] ?? '';
    found.how = sentenceSpeaker ? 'same-sentence' : 'named';
  }
}
