import { describe, expect, it } from 'vitest';
import { fold, normalize, toOriginal } from '../../../src/match/normalize';

describe('normalize: folded form', () => {
  it.each([
    ['curly apostrophe', 'Iraq’s airspace', "iraq's airspace"],
    ['left quote as apostrophe', 'Sha‘abi', "sha'abi"],
    ['modifier letter apostrophe', 'Shaʼabi', "sha'abi"],
    ['backtick and acute', 'Sha`abi Sha´abi', "sha'abi sha'abi"],
    ['prime', 'Sha′abi', "sha'abi"],
    ['ayn transliteration', 'Shiʿa', "shi'a"],
    ['curly double quotes', '“criminal” «air»', '"criminal" "air"'],
    ['en and em dashes', 'Baghdad–Najaf—Basra', 'baghdad-najaf-basra'],
    ['non-breaking hyphen', 'Biden‑Kadhimi', 'biden-kadhimi'],
    ['minus sign', '−5', '-5'],
    ['NBSP and narrow NBSP', 'Joe\u00a0Biden\u202fsaid', 'joe biden said'],
    ['zero-width space removed', 'Ka\u200bdhimi', 'kadhimi'],
    ['word joiner and ZWJ removed', 'Ka\u2060dh\u200dimi', 'kadhimi'],
    ['soft hyphen removed', 'Kad\u00adhimi', 'kadhimi'],
    ['precomposed diacritics', 'Muḥammad Ṣadr', 'muhammad sadr'],
    ['decomposed diacritics', 'Mu\u0068\u0323ammad', 'muhammad'],
    ['NFKC ligature', 'ﬁghters', 'fighters'],
    ['NFKC full-width', 'ＩＳＩＳ', 'isis'],
    ['ellipsis char', 'wait…and', 'wait...and'],
    ['whitespace run', 'Joe \t  Biden', 'joe biden'],
    ['line break kept', 'Abu Mahdi \n\n al-Muhandis', 'abu mahdi\nal-muhandis'],
    ['CRLF is one break', 'a\r\nb', 'a\nb'],
    ['al with hyphen', 'al-Kadhimi', 'al-kadhimi'],
    ['Al capital with hyphen', 'Al-Kadhimi', 'al-kadhimi'],
    ['al with space', 'al Kadhimi', 'al-kadhimi'],
    ['al with NBSP', 'al\u00a0Kadhimi', 'al-kadhimi'],
    ['al with non-breaking hyphen', 'al‑Kadhimi', 'al-kadhimi'],
    ['al glued to capital', 'alKadhimi', 'al-kadhimi'],
    ['word ending in al is not the article', 'royal Kadhimi', 'royal kadhimi'],
    ['Alan is not the article', 'Alan Kadhimi', 'alan kadhimi'],
    ['al before line break stays a break', 'al\nKadhimi', 'al\nkadhimi'],
  ])('%s', (_name, input, expected) => {
    expect(normalize(input).folded).toBe(expected);
  });
});

describe('normalize: cased form and offsets', () => {
  it('keeps the original casing aligned with the folded form', () => {
    const n = normalize('U.S. President Joe Biden');
    expect(n.cased).toBe('U.S. President Joe Biden');
    expect(n.folded).toBe('u.s. president joe biden');
  });

  it('maps a span over a removed zero-width char back to the full original span', () => {
    const text = 'PM Ka\u200bdhimi said';
    const n = normalize(text);
    const s = n.folded.indexOf('kadhimi');
    const span = toOriginal(n, s, s + 'kadhimi'.length);
    expect(text.slice(span.start, span.end)).toBe('Ka\u200bdhimi');
  });

  it('includes trailing combining marks in the span of their letter', () => {
    const text = 'Muhammad\u0323 said';
    const n = normalize(text);
    const span = toOriginal(n, 0, 'muhammad'.length);
    expect(text.slice(span.start, span.end)).toBe('Muhammad\u0323');
  });

  it('maps an NFKC expansion back to the one original char', () => {
    const text = 'ﬁghters';
    const n = normalize(text);
    expect(toOriginal(n, 0, 1)).toEqual({ start: 0, end: 1 });
    expect(toOriginal(n, 0, n.folded.length)).toEqual({ start: 0, end: text.length });
  });

  it('maps the inserted article hyphen to an empty span at the capital', () => {
    const n = normalize('alKadhimi');
    expect(n.folded).toBe('al-kadhimi');
    expect(toOriginal(n, 0, n.folded.length)).toEqual({ start: 0, end: 9 });
    expect(n.starts[2]).toBe(2);
    expect(n.ends[2]).toBe(2);
  });

  it('maps a collapsed whitespace run to the whole run', () => {
    const text = 'Joe \u00a0 Biden';
    const n = normalize(text);
    expect(toOriginal(n, 3, 4)).toEqual({ start: 3, end: 6 });
  });

  it('handles astral characters as one unit pair', () => {
    const text = 'Biden 𝐁iden';
    expect(normalize(text).folded).toBe('biden biden');
  });

  it('fold trims and folds a short string', () => {
    expect(fold('  Hashd al‑Sha’abi ')).toBe("hashd al-sha'abi");
  });

  it('returns empty views for empty text', () => {
    const n = normalize('');
    expect(n.folded).toBe('');
    expect(n.starts.length).toBe(0);
  });
});
