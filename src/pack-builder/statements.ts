/**
 * Reported speech and claims: a sentence that says what someone said beyond the words it quotes, attributed to its
 * source (an entity, or a label such as "analysts"), never presented as fact. Pure.
 */
import type { Quote, Sentence, Statement } from '../knowledge/schema';
import type { Speakers } from './speakers';
import { MIN_CLAUSE_WORDS, REPORTING_VERB, type Subject } from './speech';

export interface StatementContext {
  text: string;
  speakers: Speakers;
  nameOf: (entityId: string) => string;
}

/**
 * A sentence that reports what someone said or claimed beyond the words it quotes: `X said (that) …` with a
 * clause of its own, a trailing `…, the statement said.`, or a parenthetical `…, Washington says, …`.
 * `masked` is the sentence with its quotes blanked out; the statement gets `id`.
 */
export function reportedSpeech(
  context: StatementContext,
  sentence: Sentence,
  masked: string,
  sentenceQuotes: readonly Quote[],
  id: string,
): Statement | null {
  const { text, speakers, nameOf } = context;
  for (const match of masked.matchAll(REPORTING_VERB)) {
    const verbStart = sentence.start + match.index;
    const before = masked.slice(0, match.index);
    const rest = masked.slice(match.index + match[0].length);
    // `“…,” he said` attributes a quote: the quote carries it.
    const lastClose = Math.max(before.lastIndexOf('”'), before.lastIndexOf('"'));
    if (lastClose >= 0 && before.length - lastClose <= 90 && !/[.;]/.test(before.slice(lastClose + 1))) continue;
    const clause = /^\s+(?:that\s+)?([^“"”]*)/.exec(rest)?.[1] ?? '';
    const clauseWords = clause.trim().split(/\s+/).filter(Boolean).length;
    const ownClause = /^\s+(?:that\s+)?[^\s“"”.,]/.test(rest) && (clauseWords > MIN_CLAUSE_WORDS || !/[“"]/.test(rest));
    const narrated = /[\p{L}]{3}/u.test(before.replace(/“[^”]*”?/g, ''));
    const trailing = narrated && /^(?:\s*[.!?]?\s*$|,\s*[^\s“"])/.test(rest);
    if (!ownClause && !trailing) continue;
    const subject = speakers.subjectBefore(sentence.start, verbStart);
    if (!subject) continue;
    const speaker = speakers.resolve(subject, sentence, verbStart);
    return makeStatement(context, { id, sentence, speaker, subject, verb: match[0], sentenceQuotes });
  }
  const according = /\baccording to (?:a |an |the )?(?:statement |report )?(?:by |from |of )?/i.exec(masked);
  if (according) {
    const at = sentence.start + according.index + according[0].length;
    const named = speakers.anchorsIn(at, sentence.end)[0];
    const speaker = named && named.start - at < 3 ? named.entity : speakers.lastGroupBefore(at);
    const label = speaker ? nameOf(speaker) : text.slice(at, sentence.end).replace(/[.\s]+$/, '');
    const subject: Subject = { how: 'bare', label };
    return makeStatement(context, { id, sentence, speaker, subject, verb: 'according to', sentenceQuotes });
  }
  return null;
}

interface StatementParts {
  id: string;
  sentence: Sentence;
  speaker: string | null;
  subject: Subject;
  verb: string;
  sentenceQuotes: readonly Quote[];
}

function makeStatement(context: StatementContext, parts: StatementParts): Statement {
  const { id, sentence, speaker, subject, verb, sentenceQuotes } = parts;
  const label =
    subject.how === 'pronoun' || subject.how === 'the' || subject.how === 'sentence'
      ? speaker
        ? context.nameOf(speaker)
        : 'label' in subject
          ? subject.label
          : 'unnamed source'
      : subject.label;
  return {
    id,
    speaker,
    speakerLabel: label,
    verb,
    text: context.text.slice(sentence.start, sentence.end),
    start: sentence.start,
    end: sentence.end,
    sentence: sentence.id,
    paragraph: sentence.paragraph,
    quotes: sentenceQuotes.map((quote) => quote.id),
  };
}
