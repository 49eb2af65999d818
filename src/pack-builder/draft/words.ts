/**
 * The word lists the drafting rules read: titles that introduce a name, words that make a name an organisation, an
 * armed group, an outlet or a place. Data only; all lower case, without full stops.
 */
const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Offices, ranks and honorifics written before a name (`Prime Minister Adel Abdul Mahdi`, `Gen. Qassem Soleimani`). */
export const NAME_TITLES = words(`
  president vice premier prime minister secretary senator sen representative rep congressman congresswoman governor
  gov mayor speaker chairman chairwoman chancellor king queen prince princess emir amir sultan sheikh shaikh sheik
  sayyid sayyed ayatollah imam cleric pope cardinal bishop archbishop patriarch rabbi reverend mufti general gen
  lieutenant lt colonel col major maj captain capt brigadier admiral adm commander cmdr sergeant sgt marshal chief
  deputy director ambassador envoy judge justice attorney spokesman spokeswoman spokesperson commissioner leader founder
  master mr mrs ms dr prof professor sir lord dame former acting interim caretaker outgoing supreme foreign defense defence
  writer correspondent reporter photographer demonstrator protester protestor activist
  interior state-general secretary-general
`);

/** Titles that stand before a name only as its honorific, not as an office (`Mr.`, `Dr.`). */
export const HONORIFICS = words(`mr mrs ms dr sir dame lord`);

/** Abbreviations whose full stop belongs to the word. */
export const ABBREVIATED = words(`gen lt col maj capt adm cmdr sgt sen rep gov mr mrs ms dr prof st jr sr rev brig`);

/** Words after which `of` continues a name (`Ministry of Defence`, `Islamic Republic of Iran`). */
export const OF_HEADS = words(`
  ministry department council republic bank university house office league organization organisation kingdom states
  court commission committee board party union federation institute school church government chamber assembly
  army forces guardians people corps command secretary minister president chiefs coalition institute
  port city gulf strait bay sea isle island lake cape center centre
`);

/** Last or first words that make a name an organisation. */
export const ORGANISATION_HEADS = words(`
  ministry department council parliament congress senate house office agency committee commission coalition
  alliance bloc party government cabinet embassy consulate court command pentagon administration authority
  university institute company corporation bank union federation league assembly organization organisation
  nations nato opec institution center centre
`);

/** Words that make a name an armed or political group. */
export const GROUP_HEADS = words(`
  forces force army militia militias brigade brigades battalion battalions movement front guard guards corps
  hezbollah hizbollah hashd kataib kata'ib asaib asa'ib qaeda taliban isis isil daesh nujaba badr houthis houthi
  mobilization mobilisation units division divisions
`);

/** Outlets, and words that make a name an outlet. */
export const MEDIA_NAMES = words(`
  reuters ap afp bbc cnn msnbc nbc abc cbs fox npr pbs aljazeera jazeera mayadeen al-mayadeen al-arabiya arabiya
  times post journal guardian telegraph independent bloomberg tass xinhua irna isna tasnim fars press-tv presstv
  sputnik rudaw associated vox axios politico
`);
export const MEDIA_HEADS = words(`news network television tv channel newspaper agency radio magazine times post`);

/** Words that make a name a place. */
export const PLACE_HEADS = words(`
  city province governorate district region county street square airport base camp river valley strait gulf sea
  island mountains desert border zone east west port gulf strait bay lake cape mount
`);

/** All-caps abbreviations of places. */
export const PLACE_ACRONYMS = words(`us u.s usa u.s.a uk u.k uae u.a.e`);

/** Words of a lower-case or mixed name that still belong inside it (`Abu Mahdi al-Muhandis`, `Osama bin Laden`). */
export const NAME_PARTICLES = words(`al el bin ibn bint abu abdul abd de del della da di du van von der la le`);

/** Given names that mark a name as romanised from Arabic (the builder then generates its other spellings). */
export const ARABIC_GIVEN_NAMES = words(`
  mohammed muhammad mohammad mohamed ahmed ahmad ali hussein hussain hassan hasan mustafa mustapha abdul abdel
  abdullah abdallah omar umar khalid khaled ibrahim ismail youssef yousef yusuf nouri nuri haider haidar adel adil
  qais qassem qasim kassem qasem muqtada moqtada ammar hadi falih faleh fuad fouad salih saleh barham nasr nasser
  jaafar jafar mahdi hamid karim kareem saad tariq tarek walid majid hashem hashim sadiq sadeq faisal
`);

/** Given names that mark a name as romanised from Persian. */
export const PERSIAN_GIVEN_NAMES = words(`javad mahmoud hassan qasem ghasem ebrahim hossein gholam mohsen reza akbar`);

/** Capitalised abbreviations that name no actor. */
export const NOT_NAMES = words(`gmt utc est edt pst pdt cet bst et pt ct am pm tv ok i.e e.g covid ceo cfo coo cto`);

/** Prepositions after which a lone unknown name is a place (`in Najaf`). */
export const PLACE_PREPOSITIONS = words(`in at from near to across outside inside into toward towards around`);

/** `Iranian-backed`, `US-led`: an adjective made from a name, never a name itself. */
export const COMPOUND_ADJECTIVE =
  /-(?:backed|led|based|controlled|owned|run|linked|allied|funded|made|born|style|era|dominated|aligned|sponsored|supported|affiliated|held|majority|minority)$/i;

/** `Anti-government`, `Pro-Iran`: a prefix that makes an adjective of what follows, never a name. */
export const PREFIXED_ADJECTIVE = /^(?:[Aa]nti|[Pp]ro|[Nn]on|[Pp]ost|[Pp]re|[Ee]x|[Nn]eo|[Cc]ounter|[Mm]id)-\p{Ll}/u;

/**
 * Heads after which `to` and a verb continue a name (`Global Coalition to Defeat ISIS`, `Committee to Protect
 * Journalists`).
 */
export const TO_HEADS = words(`
  coalition committee campaign alliance commission council movement centre center fund foundation society
  association league mission project initiative network
`);

/**
 * A country's conventional short name, which news copy uses beside its full one (`America` for the United States):
 * both spellings are one entity.
 */
export const SHORT_COUNTRY_NAMES: ReadonlyMap<string, string> = new Map([
  ['america', 'united states'],
  ['britain', 'united kingdom'],
  ['great britain', 'united kingdom'],
  ['holland', 'netherlands'],
]);

/**
 * `Camp Taji`, `Ain al-Asad Air Base`: a military base named after the place it stands in, which news copy also calls
 * by the place's name alone (`rockets hit Taji`).
 */
export const BASE_OF_PLACE = /^(?:camp (.+)|(.+?) (?:air )?base|(.+) airbase)$/;

/** `Islamic Republic of Iran`, `Kingdom of Saudi Arabia`: a state's formal name, the place it ends with. */
export const FORMAL_STATE = /^(?:.+ )?(?:republic|kingdom|emirate|state|sultanate|federation|commonwealth) of (.+)$/;

/** Words that stand before a title without being one (`Grand Ayatollah`, `Supreme Leader`, `Vice President`). */
export const TITLE_PREFIXES = words(`grand supreme vice deputy former acting top senior chief then late`);

/** Words of captions, credits and page furniture that a page capitalises (`Image copyright AFP`). */
export const PAGE_FURNITURE = words(
  `image images caption copyright photo photos photograph video slideshow graphic file`,
);
