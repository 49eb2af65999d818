/**
 * Groups the names found in an article into entities: the same name however written (`al-Nujaba` / `Nujaba`), a
 * surname with the one full name it ends (`Kadhimi` → `Mustafa al-Kadhimi`), an acronym with the name it abbreviates
 * (`Popular Mobilization Forces (PMF)`), a state's formal or short name with the place (`Islamic Republic of Iran`,
 * `America`); the people of a place (`Baghdadis`) are no entity. Pure.
 */
import type { EntityKind } from '../../knowledge/schema';
import { DESCRIPTORS } from '../../match/context-words';
import { stem } from './names';
import type { NameSpan } from './types';
import { BASE_OF_PLACE, FORMAL_STATE, SHORT_COUNTRY_NAMES } from './words';

/** One drafted entity before it gets an id and a description. */
export interface Cluster {
  name: string;
  kind: EntityKind;
  /** Every spelling found, in order of first appearance, the name among them. */
  aliases: string[];
  /** Spellings too weak alone: a surname (or the end of a full name) when the full name is also found. */
  ambiguous: string[];
  spans: NameSpan[];
  /** The kind came from a list, a title or compromise agreeing. */
  sure: boolean;
}

/** The key two spellings of one name share: words' stems without glued articles, apostrophes or case. */
export function nameKey(name: string): string {
  return name
    .replace(/[’‘`´]/g, "'")
    .replace(/-(?:al|el)-/gi, ' al-')
    .split(/[\s]+/)
    .map((word) => stem(word).replace(/^abd[eu]l(?=-|$)/, 'abdul'))
    .filter((word) => word !== 'al' && word !== 'el' && word !== 'the')
    .join(' ');
}

/**
 * What English adds to a place's name for its people (`Baghdadis`, `Valmorans`, `Kesslinese`); plural only, as a
 * singular one is also a surname (`al-Baghdadi`).
 */
const DEMONYM_ENDINGS = ['is', 'ians', 'ans', 'ns', 'ese'];

const SPEAKING_KINDS: readonly EntityKind[] = ['person', 'group', 'organization', 'media'];

function byKey(spans: readonly NameSpan[]): Map<string, NameSpan[]> {
  const groups = new Map<string, NameSpan[]>();
  for (const span of spans) {
    const key = nameKey(span.text);
    if (!key) continue;
    groups.set(key, [...(groups.get(key) ?? []), span]);
  }
  return groups;
}

/** The kind most of a group's spans have, sure kinds first. */
function voteKind(spans: readonly NameSpan[]): { kind: EntityKind; sure: boolean } {
  const votes = new Map<EntityKind, number>();
  for (const span of spans) votes.set(span.kind, (votes.get(span.kind) ?? 0) + (span.sure ? 3 : 1));
  const [kind] = [...votes.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['organization'];
  return { kind, sure: spans.some((span) => span.sure && span.kind === kind) };
}

/** The acronyms written in brackets right after a name: acronym key → the name's key. */
function bracketAcronyms(text: string, spans: readonly NameSpan[]): Map<string, string> {
  const acronyms = new Map<string, string>();
  for (const span of spans) {
    const acronym = /^\s*\(([A-Z][A-Za-z.]{1,9})\)/.exec(text.slice(span.end, span.end + 16))?.[1];
    if (acronym && /^[A-Z.]+$/.test(acronym.replace(/[a-z]/g, ''))) acronyms.set(nameKey(acronym), nameKey(span.text));
  }
  return acronyms;
}

/**
 * Acronyms that spell the initials of exactly one longer name of the article (`UN` → `United Nations`, `KH` →
 * `Kataib Hezbollah`, `US` → `United States`).
 */
function acronymsByInitials(groups: Map<string, NameSpan[]>): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, group] of groups) {
    const text = group[0]?.text ?? '';
    if (!/^(?:[A-Z]\.?){2,5}$/.test(text)) continue;
    const letters = text.replace(/\./g, '');
    // `AFP` → `Agence France-Presse`: the capitalised parts of a hyphenated word count too.
    const spells = (name: string, split: RegExp) => {
      const words = name.split(split).filter((word) => /^\p{Lu}/u.test(word));
      return words.length === letters.length && words.map((word) => word[0]).join('') === letters;
    };
    const owners = [...groups.entries()].filter(([other, spans]) => {
      const name = spans[0]?.text ?? '';
      return other !== key && (spells(name, /\s+/) || spells(name, /[\s-]+/));
    });
    const owner = owners[0];
    if (owners.length === 1 && owner) found.set(key, owner[0]);
  }
  return found;
}

/** Names given as another name of the one before (`Jamal Jaafar Ibrahimi, also known as Abu Mahdi al-Mohandes`). */
function otherNames(text: string, spans: readonly NameSpan[]): Map<string, string> {
  const names = new Map<string, string>();
  spans.forEach((span, i) => {
    const next = spans[i + 1];
    if (!next || next.start - span.end > 24) return;
    if (/^,?\s+(?:also\s+)?(?:known as|a\.k\.a\.?|aka|alias)\s+$/.test(text.slice(span.end, next.start))) {
      names.set(nameKey(next.text), nameKey(span.text));
    }
  });
  return names;
}

/**
 * Other names of one place: a state's formal name (`Islamic Republic of Iran` → `Iran`), a base named after its place
 * (`Camp Taji` → `Taji`) and a conventional short name (`America` → `United States`), when the article also has the
 * other.
 */
function samePlaces(groups: Map<string, NameSpan[]>, kinds: Map<string, EntityKind>): Map<string, string> {
  const found = new Map<string, string>();
  for (const key of groups.keys()) {
    const base = BASE_OF_PLACE.exec(key);
    const named = base?.[1] ?? base?.[2] ?? base?.[3];
    // A name given a title (`President David`) is a person's, whatever base shares it.
    const titled = (groups.get(named ?? '') ?? []).some((span) => span.title);
    if (titled) continue;
    // The base is the place (its name says so, whatever kind the bare name was guessed).
    if (named && groups.has(named) && kinds.get(key) === 'place' && kinds.get(named) !== 'place') found.set(named, key);
    else if (named && groups.has(named)) found.set(key, named);
    const place = FORMAL_STATE.exec(key)?.[1];
    if (place && groups.has(place) && kinds.get(place) === 'place') found.set(key, place);
    const full = SHORT_COUNTRY_NAMES.get(key);
    if (full && groups.has(full) && !found.has(full)) found.set(key, full);
    // `America` where the article writes only `US`: the country's initials.
    const initials = full
      ?.split(' ')
      .map((word) => word[0])
      .join('');
    const short = [...groups.keys()].find((other) => other.replace(/\./g, '') === initials);
    if (full && !groups.has(full) && short && !found.has(short)) found.set(key, short);
  }
  return found;
}

/** `Baghdadis`, `Iraqis`: the people of a place the article names, not an entity of their own. */
function demonymOfPlace(key: string, kinds: Map<string, EntityKind>): boolean {
  if (key.includes(' ') || kinds.get(key) === 'person') return false;
  return DEMONYM_ENDINGS.some(
    (ending) =>
      key.endsWith(ending) && key.length - ending.length >= 3 && kinds.get(key.slice(0, -ending.length)) === 'place',
  );
}

/** The one multi-word person group whose words end with `key`'s words, if exactly one does. */
function fullNameEnding(key: string, groups: Map<string, NameSpan[]>, kinds: Map<string, EntityKind>): string | null {
  const words = key.split(' ');
  const owners = [...groups.keys()].filter((other) => {
    const otherWords = other.split(' ');
    return (
      other !== key &&
      kinds.get(other) === 'person' &&
      otherWords.length > words.length &&
      otherWords.slice(-words.length).join(' ') === key
    );
  });
  return owners.length === 1 ? (owners[0] ?? null) : null;
}

/** Groups `spans` (found in `text`) into entities, in order of first mention. */
export function clusterNames(text: string, spans: readonly NameSpan[]): Cluster[] {
  const groups = byKey(spans);
  const kinds = new Map([...groups].map(([key, group]) => [key, voteKind(group).kind]));
  const target = new Map<string, string>();
  for (const [acronym, long] of bracketAcronyms(text, spans)) {
    if (groups.has(long) && acronym !== long) target.set(acronym, long);
  }
  for (const [acronym, long] of acronymsByInitials(groups)) {
    if (!target.has(acronym)) target.set(acronym, long);
  }
  for (const [alias, owner] of otherNames(text, spans)) {
    if (groups.has(owner) && alias !== owner && !target.has(owner)) target.set(alias, owner);
  }
  for (const [alias, place] of samePlaces(groups, kinds)) {
    if (!target.has(alias) && !target.has(place)) target.set(alias, place);
  }
  for (const key of [...groups.keys()]) if (demonymOfPlace(key, kinds)) groups.delete(key);
  for (const key of groups.keys()) {
    if (target.has(key)) continue;
    const withDemonym = [...groups.keys()].find((other) => {
      const [first, ...rest] = other.split(' ');
      return rest.join(' ') === key && DESCRIPTORS.has(first ?? '') && kinds.get(other) === kinds.get(key);
    });
    if (withDemonym && kinds.get(key) !== 'person') {
      target.set(key, withDemonym);
      continue;
    }
    const kind = kinds.get(key) ?? 'organization';
    // A lone surname may have been tagged a place or an organisation: a full name of a person ending with it wins.
    if (kind === 'person' || !key.includes(' ')) {
      const owner = fullNameEnding(key, groups, kinds);
      if (owner) target.set(key, owner);
    }
  }
  const clusters = new Map<string, Cluster>();
  const ordered = [...groups.entries()].sort((a, b) => (a[1][0]?.start ?? 0) - (b[1][0]?.start ?? 0));
  for (const [key, group] of ordered) {
    if (target.has(key)) continue;
    const { kind, sure } = voteKind(group);
    clusters.set(key, { name: '', kind, aliases: [], ambiguous: [], spans: [...group], sure });
  }
  for (const [key, owner] of target) {
    const root = target.get(owner) ?? owner;
    const cluster = clusters.get(root);
    const group = groups.get(key) ?? [];
    if (!cluster) continue;
    cluster.spans.push(...group);
    const ownerWords = root.split(' ').length;
    // The end of a full name is ambiguous (another person may share it); an acronym is not.
    if (cluster.kind === 'person' && key.split(' ').length < ownerWords) {
      cluster.ambiguous.push(...new Set(group.map((span) => span.text)));
    }
  }
  for (const cluster of clusters.values()) finish(cluster);
  return [...clusters.values()].sort((a, b) => firstStart(a) - firstStart(b));
}

function firstStart(cluster: Cluster): number {
  return Math.min(...cluster.spans.map((span) => span.start));
}

/** Orders spans, lists the distinct spellings and picks the display name. */
function finish(cluster: Cluster): void {
  cluster.spans.sort((a, b) => a.start - b.start);
  const counts = new Map<string, number>();
  for (const span of cluster.spans) counts.set(span.text, (counts.get(span.text) ?? 0) + 1);
  cluster.aliases = [...counts.keys()];
  cluster.ambiguous = [...new Set(cluster.ambiguous)].filter((alias) => counts.has(alias));
  const firm = cluster.aliases.filter((alias) => !cluster.ambiguous.includes(alias));
  const words = (alias: string) => alias.split(/\s+/).length;
  const isAcronym = (alias: string) => /^[A-Z.]{2,}$/.test(alias);
  const candidates = firm.filter((alias) => !isAcronym(alias));
  const pool = candidates.length ? candidates : firm.length ? firm : cluster.aliases;
  cluster.name =
    [...pool].sort((a, b) => {
      if (cluster.kind === 'person' && words(b) !== words(a)) return words(b) - words(a);
      return (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || words(b) - words(a);
    })[0] ?? '';
}

/** Whether entities of this kind speak (quotes are attributed to them). */
export function speaks(kind: EntityKind): boolean {
  return SPEAKING_KINDS.includes(kind);
}
