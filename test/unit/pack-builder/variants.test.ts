/**
 * Spelling variants from the transliteration table (`src/pack-builder/variants.ts`), on invented names.
 */
import { describe, expect, it } from 'vitest';
import { isEnglishInName, isEnglishWord } from '../../../src/pack-builder/english-words';
import { LETTER_RULES } from '../../../src/pack-builder/transliteration';
import { MAX_RULES, generateVariants, type GeneratedVariant } from '../../../src/pack-builder/variants';

const key = (alias: string): string => alias.toLowerCase().replace(/['’]/g, '').replace(/\bal /g, 'al-');
const spellings = (aliases: string[], language: 'arabic' | 'persian' = 'arabic'): string[] =>
  generateVariants(aliases, language, isEnglishInName, key).map((v) => v.alias);
const byAlias = (aliases: string[], language: 'arabic' | 'persian' = 'arabic'): Map<string, GeneratedVariant> =>
  new Map(generateVariants(aliases, language, isEnglishInName, key).map((v) => [v.alias, v]));

describe('letter rules', () => {
  it.each([
    ['q written k', ['Qadir Zubaidi'], 'Kadir Zubaidi', ['q-k']],
    ['dh written z, d and th', ['Nadhim'], 'Nazim', ['dh-z']],
    ['dh written d', ['Nadhim'], 'Nadim', ['dh-d']],
    ['dh written th', ['Nadhim'], 'Nathim', ['dh-th']],
    ['short u written o and ou', ['Yunus Hadid'], 'Yonus Hadid', ['u-o']],
    ['short u written ou', ['Yunus Hadid'], 'Younus Hadid', ['u-o']],
    ['short e written i', ['Nadhem'], 'Nadhim', ['e-i']],
    ['long ee written i', ['Rasheed'], 'Rashid', ['ee-i']],
    ['long oo written ou and u', ['Jabbouri'], 'Jabboori', ['ou-oo']],
    ['the diphthong ei written ai and ay', ['Zubeidi'], 'Zubaidi', ['ei-ai']],
    ['a doubled letter written once', ['Jabbouri'], 'Jabouri', ['double-single']],
    ['a final -ah written -a', ['Hamzah Ali'], 'Hamza Ali', ['ah-a']],
  ])('%s', (_name, aliases, expected, rules) => {
    expect(byAlias(aliases).get(expected)?.rules).toEqual(rules);
  });

  it('leaves a final -i alone (the nisba is a long vowel, never e)', () => {
    expect(spellings(['Zubaidi'])).not.toContain('Zubaide');
  });

  it('applies Persian rules to Persian names only', () => {
    expect(spellings(['Qasem Rahimi'], 'persian')).toContain('Ghasem Rahimi');
    expect(spellings(['Qasem Rahimi'], 'arabic')).not.toContain('Ghasem Rahimi');
  });

  it('never rewrites what another rule wrote', () => {
    expect(spellings(['Yunus Hadid'])).not.toContain('Yoonus Hadid');
  });

  it('every rule of the table has a source and a note', () => {
    for (const rule of LETTER_RULES) {
      expect(rule.source.length, rule.id).toBeGreaterThan(10);
      expect(rule.note.length, rule.id).toBeGreaterThan(10);
    }
  });
});

describe('the article', () => {
  it.each([
    ['el-', 'Karim al-Zubaidi', 'Karim el-Zubaidi', ['al-el']],
    ['assimilated to a sun letter', 'Karim al-Zubaidi', 'Karim az-Zubaidi', ['al-sun']],
    ['assimilated to sh', 'Karim al-Shawi', 'Karim ash-Shawi', ['al-sun']],
    ['left out inside a full name', 'Karim al-Zubaidi', 'Karim Zubaidi', ['al-drop']],
  ])('%s', (_name, alias, expected, rules) => {
    expect(byAlias([alias]).get(expected)?.rules).toEqual(rules);
  });

  it('is not assimilated before a moon letter', () => {
    expect(spellings(['Karim al-Jabouri'])).not.toContain('Karim aj-Jabouri');
  });
});

describe('given names and their combinations', () => {
  it('given-name forms combine with surname spellings, two rules at most', () => {
    const variants = byAlias(['Mohammed al-Rashidi']);
    expect(variants.get('Muhammad al-Rashidi')?.rules).toEqual(['given-muhammad']);
    expect(variants.get('Mohamed ar-Rashidi')?.rules).toEqual(['given-muhammad', 'al-sun']);
    expect(variants.get('Mohamad Rashidi')?.rules).toEqual(['given-muhammad', 'al-drop']);
    for (const v of variants.values()) expect(v.rules.length).toBeLessThanOrEqual(MAX_RULES);
  });

  it('two rewrites of letters are never combined', () => {
    expect(spellings(['Qadir al-Zubaidi'])).not.toContain('Kadir az-Zubaidi');
  });
});

describe('what is left as written', () => {
  it('English words, titles and acronyms keep their spelling', () => {
    const out = spellings(['Prime Minister Rasheed', 'Rasheed Popular Front', 'QRF Rasheed']);
    expect(out).toContain('Prime Minister Rashid');
    expect(out.some((s) => !s.startsWith('Prime Minister ') && s.includes('Minister'))).toBe(false);
    expect(out.filter((s) => s.includes('Popular Front'))).toEqual(['Rashid Popular Front']);
    expect(out.filter((s) => s.includes('QRF'))).toEqual(['QRF Rashid']);
  });

  it('spellings already hand-written are not generated again; hand spellings of the same words are not varied', () => {
    const out = spellings(['Nadhim Rasheed', 'Nazim Rasheed', 'Naadhim Rasheed']);
    expect(out).not.toContain('Nazim Rasheed');
    expect(out.filter((s) => s.startsWith('Naadhim'))).toEqual([]);
  });

  it('is deterministic: fewer rules first, then alias order, then alphabetical', () => {
    const a = generateVariants(['Qadir al-Zubaidi', 'Zubaidi'], 'arabic', isEnglishInName, key);
    expect(generateVariants(['Qadir al-Zubaidi', 'Zubaidi'], 'arabic', isEnglishInName, key)).toEqual(a);
    const counts = a.map((v) => v.rules.length);
    expect([...counts].sort()).toEqual(counts);
  });
});

describe('English words', () => {
  it.each([
    ['hash', true],
    ['mission', false],
    ['Kazimi', false],
    ['general', true],
  ])('%s: a common word %s (the lexicon’s)', (word, expected) => {
    expect(isEnglishWord(word)).toBe(expected);
  });

  it('names’ institution words are English in a name', () => {
    expect(isEnglishInName('Division')).toBe(true);
    expect(isEnglishInName('Harakat')).toBe(false);
  });
});

describe('given names of the table', () => {
  it('get their established forms only, no letter rule', () => {
    const out = spellings(['Mohammed Rashid']);
    expect(out).toContain('Muhammad Rashid');
    expect(out).not.toContain('Mohammid Rashid');
    expect(out).not.toContain('Mouhammed Rashid');
  });
});
