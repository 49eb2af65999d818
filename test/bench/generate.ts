/**
 * Deterministic bench inputs: a realistic pack (~25 entities, ~150 aliases, ~20 quotes), a synthetic pack twenty
 * times larger that contains it, and megabytes of news-like prose with names and quotes sprinkled in.
 */
import type { Pack } from '../../src/knowledge/schema';
import { makePack, type EntitySpec, type QuoteSpec } from '../unit/match/helpers';

/** Small deterministic PRNG (mulberry32), so every run benches the same text. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Mustafa',
  'Nasr',
  'Qassem',
  'Muqtada',
  'Hadi',
  'Faleh',
  'Nouri',
  'Haider',
  'Adel',
  'Ammar',
  'Falih',
  'Ali',
];
const LAST = [
  'Kadhimi',
  'Shammari',
  'Kuraiti',
  'Sadr',
  'Amiri',
  'Fayyadh',
  'Maliki',
  'Abadi',
  'Mahdi',
  'Hakim',
  'Khazali',
  'Sistani',
  'Halboosi',
  'Saqir',
];
const ORGS = [
  ['Popular Mobilization Forces', 'PMF', "Hashd al-Sha'abi", 'Hashd al-Shaabi', 'Hashd'],
  ['Islamic State', 'ISIS', 'ISIL', 'Daesh', 'IS'],
  ['Harakat al-Nujaba', 'al-Nujaba', 'Nujaba', 'Nujaba movement'],
  ['Kataib Hezbollah', "Kata'ib Hizbollah", 'KH', 'Kataib Hizbullah'],
  ['Asaib Ahl al-Haq', "Asa'ib Ahl al-Haq", 'AAH', 'Asaib'],
  ['Badr Organization', 'Badr Brigade', 'Badr'],
  ['United States', 'U.S.', 'USA', 'United States of America', 'Washington'],
  ['Al-Mayadeen', 'Al Mayadeen', 'Mayadeen TV'],
  ['White House', 'the White House', 'Oval Office'],
];
const PLACES = [
  ['Baghdad'],
  ['Najaf', 'an-Najaf'],
  ['Sadr City'],
  ['Salahuddin', 'Salah al-Din'],
  ['Kadhimiya'],
  ['Basra'],
];
const WORDS = (
  'the of and to in a on for that with was said officials government forces security military troops withdrawal ' +
  'statement minister president talks agreement country attack attacks region militia group groups political ' +
  'parliament election week year month Monday Tuesday Wednesday Thursday Friday Saturday Sunday city province ' +
  'border oil economy protest protesters demanded called announced warned support pressure presence foreign ' +
  'sovereignty cooperation intelligence training assistance mission combat drone strike base camp analysts sources ' +
  'according would could not but also after before since while during against between local international'
).split(' ');

/** A realistic pack: names, title forms, ambiguous surnames, organisation acronyms, places, quotes. */
export function realisticPack(): Pack {
  const entities: EntitySpec[] = [];
  for (let i = 0; i < 10; i++) {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[i % LAST.length] as string;
    entities.push({
      id: `person-${i}`,
      aliases: [
        `${first} al-${last}`,
        `${first} ${last}`,
        `al-${last}`,
        `${last}`,
        `Mr. ${last}`,
        `Sheikh ${first} al-${last}`,
      ],
      ambiguous: [last],
      notWhen: [`${last} City`, `${last} Street`],
    });
  }
  ORGS.forEach((aliases, i) =>
    entities.push({ id: `org-${i}`, kind: 'organization', aliases: [...aliases, `the ${aliases[0]}`] }),
  );
  PLACES.forEach((aliases, i) => {
    const name = aliases[0] as string;
    entities.push({
      id: `place-${i}`,
      kind: 'place',
      aliases: [...aliases, `${name} province`, `central ${name}`],
      demonyms: [`${name}i`],
    });
  });
  const quotes: QuoteSpec[] = [];
  const r = rng(7);
  for (let q = 0; q < 20; q++) {
    const n = 12 + Math.floor(r() * 28);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)] as string);
    quotes.push({ id: `quote-${q}`, speaker: `person-${q % 10}`, text: words.join(' ') });
  }
  return makePack(entities, quotes);
}

/** Deterministic pseudo-name: syllables chosen by `n`, so 20× packs get distinct, realistic-looking aliases. */
function syntheticName(n: number): string {
  const syl = ['ka', 'dhi', 'mi', 'sha', 'mma', 'ri', 'ha', 'lb', 'oo', 'si', 'na', 'sr', 'qa', 'ssem', 'mu', 'ha'];
  let s = '';
  let x = n + 17;
  for (let k = 0; k < 3; k++) {
    s += syl[x % syl.length];
    x = Math.floor(x / syl.length) + k * 7;
  }
  return s.charAt(0).toUpperCase() + s.slice(1) + String.fromCharCode(97 + (n % 26));
}

/** `base` plus `(factor - 1)` synthetic copies with fresh names and quotes: a pack `factor` times larger. */
export function scaledPack(base: Pack, factor: number): Pack {
  const entities: EntitySpec[] = base.entities.map((e) => ({ ...e }));
  const quotes: QuoteSpec[] = base.quotes.map((q) => ({ id: q.id, text: q.text, speaker: q.speaker }));
  const r = rng(11);
  let n = 0;
  for (let copy = 1; copy < factor; copy++) {
    for (const e of base.entities) {
      const renamed = new Map<string, string>();
      const rename = (alias: string): string =>
        alias.replace(/\p{Lu}[\p{L}']+/gu, (w) => {
          if (!renamed.has(w)) renamed.set(w, syntheticName(n++));
          return renamed.get(w) as string;
        });
      const aliases = [...new Set(e.aliases.map(rename))];
      entities.push({
        id: `${e.id}-x${copy}`,
        kind: e.kind,
        aliases,
        ambiguous: e.ambiguous.map(rename).filter((a) => aliases.includes(a)),
        notWhen: e.notWhen.map(rename),
        demonyms: e.demonyms.map(rename),
      });
    }
    for (const q of base.quotes) {
      const words = q.text.split(' ');
      for (let k = words.length - 1; k > 0; k--) {
        const j = Math.floor(r() * (k + 1));
        [words[k], words[j]] = [words[j] as string, words[k] as string];
      }
      quotes.push({ id: `${q.id}-x${copy}`, speaker: q.speaker, text: words.join(' ') });
    }
  }
  return makePack(entities, quotes);
}

/**
 * News-like prose of about `bytes` characters: paragraphs of sentences drawn from a news vocabulary, with the
 * pack's aliases in about one sentence in three (curly apostrophes, possessives) and now and then one of its quotes.
 */
export function newsText(pack: Pack, bytes: number, seed = 3): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const aliases = pack.entities.flatMap((e) => e.aliases);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const sentences: string[] = [];
    const count = 2 + Math.floor(r() * 4);
    for (let s = 0; s < count; s++) {
      const words = Array.from({ length: 10 + Math.floor(r() * 18) }, () => pick(WORDS));
      if (r() < 0.35) words.splice(Math.floor(r() * words.length), 0, pick(aliases) + (r() < 0.2 ? '’s' : ''));
      if (r() < 0.03 && pack.quotes.length > 0) words.push(`“${pick(pack.quotes).text},”`, 'he', 'said');
      const sentence = words.join(' ');
      sentences.push(sentence.charAt(0).toUpperCase() + sentence.slice(1) + '.');
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length + 1;
  }
  return paragraphs.join('\n');
}

/** The naive baseline: one case-insensitive regular expression of every alias between `\b`s. */
export function naiveRegExp(pack: Pack): RegExp {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const aliases = pack.entities.flatMap((e) => e.aliases).sort((a, b) => b.length - a.length);
  return new RegExp(`\\b(?:${aliases.map(escape).join('|')})\\b`, 'gi');
}
