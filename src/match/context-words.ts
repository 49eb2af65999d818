/**
 * The words the namesake rules (`namesakes.ts`) read around a mention. Data, not code: each list says what its words
 * mean for the mention next to them. Every word is in folded form (lower case, no diacritics, apostrophes dropped),
 * the form the rules compare against; a list holds whole words, never phrases.
 */

/** Builds a set from a space-separated list. */
function words(list: string): ReadonlySet<string> {
  return new Set(list.trim().split(/\s+/));
}

/**
 * Offices, ranks, honorifics and courtesy titles that introduce the person named after them (`President Biden`,
 * `Gen. Soleimani`, `Mr Trump`, `Sheikh Naim Qassem`): a capitalised title before a surname is not another person's
 * given name. Abbreviations are listed without their full stop. Nicknames built the same way count too: `Uncle
 * Trump` (a meme's name for the president himself), `Team Trump`, `Camp Biden` (his campaign). So do the labels news
 * copy glues to a name like a title (`Demonstrator Mohammed Mazin`).
 */
export const TITLES = words(`
  president presidents vice premier prime minister ministers secretary senator sen representative rep congressman
  congresswoman governor gov mayor speaker chairman chairwoman chair chancellor king queen prince princess emir amir
  sultan crown sheikh shaikh sheik sayyid sayyed sayed seyed ayatollah grand imam mullah cleric pope cardinal bishop
  archbishop patriarch rabbi reverend rev father mufti haji hajji general gen lieutenant lt colonel col major maj
  captain capt brigadier brig admiral adm commander cmdr sergeant sgt marshal field chief deputy director ambassador
  envoy judge justice attorney spokesman spokeswoman spokesperson commissioner leader founder candidate nominee
  mr mister ms miss dr doctor prof professor sir lord dame madam madame mme monsieur m herr
  former late then acting interim caretaker outgoing incoming elect retired disgraced
  uncle team camp
  demonstrator protester protestor activist
`);

/**
 * Family titles: a title that names a relative of a public figure rather than the figure (`Mrs Trump`, `First Lady
 * Biden`). Before a surname they stand for another person, like a given name, unless the entity's own aliases use
 * them. `Uncle` is not one: news quotes `Uncle Trump`, a nickname of the president himself.
 */
export const FAMILY_TITLES = words(`mrs lady`);

/**
 * Words that follow a surname and name another member of the family (`Trump Jr.`, `Bush Sr.`, `Henry VIII` aside):
 * the generational suffixes.
 */
export const GENERATION_SUFFIXES = words(`jr junior sr senior ii iii iv`);

/**
 * Capitalised words that start a sentence or a clause in front of a name (`But Trump said`, `After Soleimani was
 * killed`, `Asked whether Sadr…`): prepositions, conjunctions, determiners, pronouns, sentence adverbs and the
 * verbs that open questions. None of them is a given name.
 */
export const SENTENCE_STARTERS = words(`
  the a an and but or nor so yet for if when whenever while as after before since until till because although though
  unless whether once then now still also even only just here there where why how what who whom whose which that this
  these those both either neither each every all any some many most more several few such no not yes
  in on at of to by from with without within into onto upon over under about above below against among amid amidst
  between beyond during despite following including like unlike per via toward towards through throughout near
  around across along behind beside besides inside outside
  i me my we us our you your he him his she her it its they them their
  yesterday today tonight tomorrow meanwhile later earlier instead however moreover indeed overall perhaps maybe
  thus hence therefore nevertheless nonetheless likewise similarly already again ultimately eventually finally first
  second third last next soon recently previously initially originally currently besides otherwise
  is are was were be been am do does did has have had will would could should can may might must shall let
  asked tells told according thanks dear sorry welcome hello goodbye
`);

/** Days and months: `On Monday Biden…`, `in Iraq December 30`. */
export const CALENDAR = words(`
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
`);

/**
 * Adjectives of nationality, faith, ethnicity, politics and direction that stand before a name or after a place
 * (`Iranian Gen.`, `Republican Trump`, `in Iraq Shiite militias`) without being a name. A pack's own demonyms are
 * read from the pack as well.
 */
export const DESCRIPTORS = words(`
  american americans iraqi iraqis iranian iranians israeli israelis syrian lebanese saudi kuwaiti jordanian turkish
  egyptian yemeni qatari emirati bahraini omani palestinian russian chinese british french german european arab arabs
  kurdish kurd kurds persian western eastern northern southern central north south east west
  shia shiite shiites sunni sunnis muslim muslims christian christians jewish islamic islamist
  republican republicans democrat democrats democratic conservative liberal labour tory gop independent
  federal national international regional local
`);

/**
 * Words that, after a person's name, make it the name of a place (`Sadr City`, `Soleimani Square`, `Trump Tower`,
 * `Saddam International Airport`), and, after a place, keep the place in view (`Baghdad Airport`, `Najaf
 * Governorate`): the place is still where the thing is.
 */
export const PLACE_WORDS = words(`
  city town village district province governorate county region square street st road avenue ave boulevard blvd
  lane highway bridge tower towers airport airfield port harbour harbor station stadium park gardens garden plaza
  circle roundabout gate hall palace building center centre mall market bazaar mosque shrine camp base dam canal
  lake river island neighbourhood neighborhood quarter suburb
`);

/**
 * Words that may stand between a name and its place or organisation word (`Saddam International Airport`, `Trump
 * National Golf Club`): the rule looks past up to two of them.
 */
export const NAME_MODIFIERS = words(`
  international national memorial grand central golf martyr martyrs old new upper lower great royal public
  state community supreme
`);

/**
 * Words that, after a name, make it another organisation: sports clubs (`Al Ahad FC`, `Al-Ahed SC`), universities,
 * institutes, foundations, companies and courts named after a person or a place (`Trump University`, `Washington
 * Institute`, `Washington Supreme Court`, the state's). Lower case `club` counts too (`the Al-Ahad club`).
 */
export const ORGANISATION_WORDS = words(`
  fc sc cf afc ac club clubs sporting sports sport athletic athletics wanderers rovers
  university college school academy institute institution foundation hospital clinic bank
  organization organisation corporation company holdings enterprises court courts
`);

/** Organisation words that also count in lower case (`Al-Ahad club`); the others must be capitalised. */
export const LOWER_CASE_ORGANISATION_WORDS = words(`club clubs fc sc`);

/**
 * Capitalised words that continue a place's name without making it another thing (`Iraq War`, `Baghdad
 * International Airport`, `in Iraq Friday`, `Najaf Governorate`): after a place they keep the place, as do
 * {@link CALENDAR} and {@link DESCRIPTORS}. `City` is not one: `Kuwait City` and `Mexico City` are other places.
 */
export const PLACE_CONTINUATIONS = words(`
  war wars conflict crisis invasion occupation campaign withdrawal airport airfield international province
  governorate district region embassy time street road bridge square station port harbour harbor stadium market
  mosque shrine base camp gate
`);

/**
 * Lower-case words that, with `of`, make the next name a place (`the city of Sadr`, `the town of Saddam`): a person
 * alias after `<word> of` is used as a place.
 */
export const PLACE_OF_WORDS = words(`
  city town village district province governorate county region neighbourhood neighborhood quarter suburb
  municipality capital port
`);

/**
 * Lower-case prepositions of place: before an outlet's name they make it a place (`fighting in al-Mayadeen`, the
 * Syrian town, not the channel; one is `on` a channel and reads something `in the` paper).
 */
export const PLACE_PREPOSITIONS = words(`in near outside around inside`);

/**
 * Capitalised words that, with `of`, make the next place name part of an outlet's or an institution's name (`The
 * Times of Israel`, `Bank of Israel`, `University of Baghdad`): the place is not what is named. With
 * {@link ORGANISATION_WORDS}. Titles of people (`President of Iraq`) are not among them: the country is meant there.
 */
export const OUTLET_WORDS = words(`
  times post news journal herald gazette tribune voice radio press daily weekly review observer chronicle monitor
  examiner telegraph star sun mirror express standard guardian independent
`);
