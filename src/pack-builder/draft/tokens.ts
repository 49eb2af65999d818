/** Words of an article with their offsets, and the capitalised runs that may be names. Pure. */
import { isEnglishWord } from '../english-words';
import { splitSentences } from '../text';
import { ABBREVIATED, COMPOUND_ADJECTIVE, NAME_PARTICLES, OF_HEADS, PREFIXED_ADJECTIVE, TO_HEADS } from './words';

export interface Token {
  /** The word without a possessive `'s` and without a sentence's full stop. */
  word: string;
  start: number;
  end: number;
  /** The word is followed by `'s`: it ends its name. */
  possessive: boolean;
  /** The word opens a sentence (after any opening quote). */
  sentenceStart: boolean;
  /** The word is followed by a colon (`FACT:`), as a label is. */
  label: boolean;
}

const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}'’-]|\.(?=\p{L}))*\.?/gu;

/** The word key used by the lists of `words.ts`: lower case, no full stop. */
export function bare(word: string): string {
  return word.toLowerCase().replace(/\.$/, '');
}

/** Every word of `text` (paragraphs separated by `\n`), in order. */
export function tokenize(text: string): Token[] {
  const sentenceStarts = new Set<number>();
  let offset = 0;
  for (const paragraph of text.split('\n')) {
    for (const [start] of splitSentences(paragraph)) {
      let at = offset + start;
      while (/["“‘'(\s]/.test(text[at] ?? '')) at++;
      sentenceStarts.add(at);
    }
    offset += paragraph.length + 1;
  }
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    let word = match[0];
    const start = match.index;
    const possessive = /['’]s$/.test(word) || /s['’]$/.test(word);
    if (/['’]s$/.test(word)) word = word.slice(0, -2);
    word = word.replace(/['’-]+$/, '');
    if (word.endsWith('.') && !word.slice(0, -1).includes('.') && !ABBREVIATED.has(bare(word)))
      word = word.slice(0, -1);
    if (!word) continue;
    tokens.push({
      word,
      start,
      end: start + word.length,
      possessive,
      // A caption's text opens after its label (`Image caption Protesters attacked…`).
      sentenceStart: sentenceStarts.has(start) || /\bcaption\s+$/.test(text.slice(Math.max(0, start - 9), start)),
      label: text[start + word.length] === ':',
    });
  }
  return tokens;
}

/** Whether a word starts with a capital, or is a particle glued to one (`al-Kadhimi`). */
export function isCapitalised(word: string): boolean {
  if (COMPOUND_ADJECTIVE.test(word) || PREFIXED_ADJECTIVE.test(word)) return false;
  return /^\p{Lu}/u.test(word) || /^(?:al|el|as|ash|ad|ar|an|at|az|ul|bin|ibn)-\p{Lu}/u.test(word);
}

/**
 * Runs of capitalised words separated by single spaces, with the particles and `of` that continue a name inside
 * them (`Abu Mahdi al-Muhandis`, `Ministry of Defence`). A possessive or a punctuation mark ends a run.
 */
export function capitalisedRuns(text: string, tokens: readonly Token[]): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const flush = () => {
    // A run never ends on a particle or `of`.
    while (run.length && !isCapitalised(run[run.length - 1]?.word ?? '')) run.pop();
    if (run.length) runs.push(run);
    run = [];
  };
  tokens.forEach((token, i) => {
    const previous = run[run.length - 1];
    const joined = previous !== undefined && text.slice(previous.end, token.start) === ' ' && !previous.possessive;
    const next = tokens[i + 1];
    const nextCapital = next !== undefined && isCapitalised(next.word) && text.slice(token.end, next.start) === ' ';
    const inner =
      joined &&
      nextCapital &&
      (NAME_PARTICLES.has(token.word.toLowerCase()) ||
        (token.word === 'of' && OF_HEADS.has(bare(previous.word))) ||
        (token.word === 'for' && OF_HEADS.has(bare(previous.word))) ||
        // `Coalition to Defeat ISIS`: `to` and a verb after an institution's head.
        (token.word === 'to' && TO_HEADS.has(bare(previous.word)) && isEnglishWord(next.word)));
    if (isCapitalised(token.word) && (joined || run.length === 0)) {
      if (!joined) flush();
      run.push(token);
    } else if (inner) {
      run.push(token);
    } else {
      flush();
      if (isCapitalised(token.word)) run.push(token);
    }
  });
  flush();
  return runs;
}
