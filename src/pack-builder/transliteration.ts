/**
 * The transliteration table: how the same Arabic or Persian name is written in Latin letters by different
 * standards and outlets. Data only; `variants.ts` applies it to a pack's names at build time, and every generated
 * spelling records the rules that made it, so a reviewer can trace it here.
 *
 * Sources, cited per rule by key:
 * - ALA-LC: ALA-LC Romanization Tables, Arabic and Persian (Library of Congress;
 *   https://www.loc.gov/catdir/cpso/romanization/arabic.pdf, …/persian.pdf): q for ق, dh for ذ, ẓ for ظ, the
 *   diphthongs ay and aw, long vowels ā ī ū, the article always al-;
 * - BGN/PCGN: BGN/PCGN Romanization Systems for Arabic (1956) and Persian (1958), US Board on Geographic Names and
 *   the UK Permanent Committee on Geographical Names (https://assets.publishing.service.gov.uk/government/uploads/
 *   system/uploads/attachment_data/file/858000/ROMANIZATION_OF_ARABIC.pdf): digraphs without diacritics, the article
 *   assimilated to the sun letters as pronounced;
 * - WIRES: usage of the English-language wires and papers (AP Stylebook: "use the spelling the person prefers or the
 *   most widely used"; Reuters Handbook of Journalism, "Arabic names"), as seen in their copy for the same people:
 *   Qassem / Qasem / Qassim / Kassem Soleimani, Muqtada / Moqtada al-Sadr, Mustafa al-Kadhimi / al-Kazemi,
 *   Mohammed / Muhammad / Mohamed al-Halbousi / al-Halboosi, Hussein / Hussain / Husayn;
 * - SHORT VOWELS: Arabic script leaves short vowels out, so romanisations differ most there: i/u by the standards,
 *   e/o by ear (Muslim / Moslem, Muhammad / Mohammed / Mohamed);
 * - PERSIAN: Persian pronunciation of Arabic letters (ذ ز ض ظ all /z/, ق and غ both /ɣ~q/ written gh), as in
 *   Iranian English-language media (Ghasem, Kazemi);
 * - FRENCH: French-influenced romanisation of the Levant and the Maghreb (Moustafa, Mustapha, Youssef).
 */

/** The languages a pack's names are romanised from (`romanisedFrom` in the annotations). */
export const SOURCE_LANGUAGES = ['arabic', 'persian'] as const;
export type SourceLanguage = (typeof SOURCE_LANGUAGES)[number];

/** Where in a word a rule's letters may stand. */
export type RulePlace =
  /** Anywhere in the word. */
  | 'anywhere'
  /** With a consonant (or the word's edge) on both sides, so `ei`, `ai` and long vowels are left alone. */
  | 'between-consonants'
  /** At the end of the word. */
  | 'word-final';

/** One equivalence of the table: the letters `from`, written in a name, may also be written as each of `to`. */
export interface TransliterationRule {
  /** Stable id, recorded with every spelling the rule generates. */
  readonly id: string;
  /** Lower-case letters as they stand in the name. */
  readonly from: string;
  readonly to: readonly string[];
  readonly place: RulePlace;
  /** The languages whose names the rule applies to. */
  readonly languages: readonly SourceLanguage[];
  /** What the letters write, with an example. */
  readonly note: string;
  /** Which standards or usage the equivalence comes from (keys above). */
  readonly source: string;
}

/** Letter rules, in the order they are tried. */
export const LETTER_RULES: readonly TransliterationRule[] = [
  {
    id: 'q-k',
    from: 'q',
    to: ['k'],
    languages: ['arabic', 'persian'],
    place: 'anywhere',
    note: 'qāf (ق): Qassem / Kassem',
    source: 'ALA-LC and BGN/PCGN write q; WIRES often k for names long in the news',
  },
  {
    id: 'q-gh',
    from: 'q',
    to: ['gh'],
    languages: ['persian'],
    place: 'anywhere',
    note: 'qāf in Persian names: Qasem / Ghasem',
    source: 'PERSIAN; BGN/PCGN Persian writes q for ق and gh for غ, which Persian pronounces alike',
  },
  {
    id: 'dh-z',
    from: 'dh',
    to: ['z'],
    languages: ['arabic', 'persian'],
    place: 'anywhere',
    note: 'dhāl (ذ) and ẓāʾ (ظ) as Persian, Turkish and Urdu say them: Kadhimi / Kazimi',
    source: 'ALA-LC dh for ذ; PERSIAN z; WIRES al-Kazemi (Iranian outlets) beside al-Kadhimi (AP, Reuters)',
  },
  {
    id: 'dh-d',
    from: 'dh',
    to: ['d'],
    languages: ['arabic', 'persian'],
    place: 'anywhere',
    note: 'dhāl as Iraqi and Levantine speech often has it: Kadhimi / Kadimi',
    source: 'WIRES (Kadimi in some Gulf and Levant copy); spoken d for ذ in many dialects',
  },
  {
    id: 'dh-th',
    from: 'dh',
    to: ['th'],
    languages: ['arabic', 'persian'],
    place: 'anywhere',
    note: 'dhāl written th (the English voiced th): Kadhimi / Kathimi',
    source: 'BGN/PCGN 1956 note on ذ; WIRES older copy',
  },
  {
    id: 'u-o',
    from: 'u',
    to: ['o', 'ou'],
    languages: ['arabic', 'persian'],
    place: 'between-consonants',
    note: 'ḍamma, a short u: Muqtada / Moqtada / Mouqtada, Mustafa / Mostafa / Moustafa',
    source: 'ALA-LC u; SHORT VOWELS; WIRES o (Moqtada, Reuters); FRENCH ou',
  },
  {
    id: 'o-u',
    from: 'o',
    to: ['u', 'ou'],
    languages: ['arabic', 'persian'],
    place: 'between-consonants',
    note: 'the same vowel written o first: Soleimani / Suleimani / Souleimani, Mohandes / Muhandes',
    source: 'ALA-LC u; PERSIAN o; FRENCH ou',
  },
  {
    id: 'oo-ou',
    from: 'oo',
    to: ['ou', 'u'],
    languages: ['arabic', 'persian'],
    place: 'anywhere',
    note: 'long ū: Halboosi / Halbousi / Halbusi',
    source: 'ALA-LC ū (u without the macron); WIRES oo (Halboosi) and ou (Halbousi)',
  },
  {
    id: 'ou-oo',
    from: 'ou',
    to: ['oo', 'u'],
    languages: ['arabic', 'persian'],
    place: 'anywhere',
    note: 'long ū written ou first: Halbousi / Halboosi / Halbusi',
    source: 'ALA-LC ū; WIRES; FRENCH ou',
  },
  {
    id: 'e-i',
    from: 'e',
    to: ['i'],
    languages: ['arabic', 'persian'],
    place: 'between-consonants',
    note: 'kasra, a short i: Qassem / Qassim, Kazemi / Kazimi',
    source: 'ALA-LC i; SHORT VOWELS; PERSIAN and WIRES e',
  },
  {
    id: 'i-e',
    from: 'i',
    to: ['e'],
    languages: ['arabic', 'persian'],
    place: 'between-consonants',
    note: 'the same vowel written i first: Qasim / Qasem, Muhandis / Muhandes',
    source: 'ALA-LC i; PERSIAN e (Mohandes)',
  },
  {
    id: 'ee-i',
    from: 'ee',
    to: ['i'],
    languages: ['arabic', 'persian'],
    place: 'anywhere',
    note: 'long ī written ee: Mayadeen / Mayadin',
    source: 'ALA-LC ī (i without the macron); WIRES ee',
  },
  {
    id: 'ei-ai',
    from: 'ei',
    to: ['ai', 'ay'],
    languages: ['arabic', 'persian'],
    place: 'anywhere',
    note: 'the diphthong ay: Hussein / Hussain / Husayn, Soleimani / Solaimani / Solaymani',
    source: 'ALA-LC ay; BGN/PCGN ai; WIRES ei',
  },
  {
    id: 'ai-ei',
    from: 'ai',
    to: ['ei', 'ay'],
    languages: ['arabic', 'persian'],
    place: 'anywhere',
    note: 'the same diphthong written ai first: Kuraiti / Kureiti / Kurayti',
    source: 'ALA-LC ay; BGN/PCGN ai; WIRES ei',
  },
  {
    id: 'ah-a',
    from: 'ah',
    to: ['a'],
    languages: ['arabic', 'persian'],
    place: 'word-final',
    note: 'tāʾ marbūṭa at the end: Hamzah / Hamza',
    source: 'ALA-LC ah in pause; BGN/PCGN and WIRES a',
  },
];

/**
 * Doubled letters (shadda, or a long vowel written twice) may be written single: Qassem / Qasem, Shammari / Shamari,
 * Jaafar / Jafar. Only this direction: doubling any single letter would make spellings nobody writes.
 */
export const DOUBLE_RULE = {
  id: 'double-single',
  note: 'shadda (a doubled consonant) or a doubled vowel written once: Qassem / Qasem',
  source: 'ALA-LC doubles; BGN/PCGN doubles; WIRES often single (Qasem Soleimani, Reuters)',
} as const;

/**
 * The definite article `al-` and its other writings. Spaces, capitals and a missing hyphen (`Al Sadr`, `al Sadr`,
 * `alSadr`) need no variant: the matcher's normalisation already makes them one.
 * - `el-`: Egyptian and Levantine pronunciation (el-Sisi);
 * - assimilated before the "sun letters" (t th d dh r z s sh ṣ ḍ ṭ ẓ l n, written by their Latin first letters):
 *   as-Sadr, ash-Shammari, an-Nujaba (ALA-LC writes al- always; BGN/PCGN and transcriptions of speech assimilate);
 * - dropped inside a full name: Mustafa Kadhimi (WIRES on second reference and in headlines).
 */
export const ARTICLE_RULES = {
  el: { id: 'al-el', note: 'al- written el-', source: 'BGN/PCGN Egyptian usage; WIRES (el-Sisi)' },
  sun: { id: 'al-sun', note: 'al- assimilated to a sun letter: as-Sadr', source: 'BGN/PCGN; ALA-LC notes' },
  drop: { id: 'al-drop', note: 'al- left out: Mustafa Kadhimi', source: 'WIRES' },
} as const;

/** The sun letters' Latin spellings, longest first: `al-` before them may be written `a` + the letter + `-`. */
export const SUN_LETTERS: readonly string[] = ['th', 'dh', 'sh', 't', 'd', 'r', 'z', 's', 'l', 'n'];

/**
 * Given names with many established spellings: every form of a group stands for the others; `persian` forms only
 * for names romanised from Persian. Forms are whole words; the spellings come from WIRES (each is used for some
 * public figure in English-language copy), ALA-LC (the first of each group where it has one), FRENCH and PERSIAN.
 */
export const GIVEN_NAME_FORMS: readonly {
  readonly id: string;
  readonly forms: readonly string[];
  readonly persian?: readonly string[];
}[] = [
  { id: 'muhammad', forms: ['Muhammad', 'Mohammed', 'Mohammad', 'Mohamed', 'Muhammed', 'Mohamad'] },
  { id: 'mustafa', forms: ['Mustafa', 'Moustafa', 'Mostafa', 'Mustapha', 'Moustapha'] },
  { id: 'ahmad', forms: ['Ahmad', 'Ahmed'] },
  { id: 'mahmud', forms: ['Mahmud', 'Mahmoud'] },
  { id: 'husayn', forms: ['Husayn', 'Hussein', 'Hussain', 'Husain'], persian: ['Hossein'] },
  { id: 'hasan', forms: ['Hasan', 'Hassan'] },
  { id: 'qasim', forms: ['Qasim', 'Qassem', 'Qasem', 'Qassim', 'Kassem'], persian: ['Ghasem'] },
  { id: 'jafar', forms: ['Jafar', 'Jaafar', "Ja'far"] },
  { id: 'abu', forms: ['Abu', 'Abou'] },
  { id: 'abd', forms: ['Abdul', 'Abdel', 'Abd al', 'Abd el'] },
  { id: 'yusuf', forms: ['Yusuf', 'Youssef', 'Yousef', 'Yousif'] },
];
