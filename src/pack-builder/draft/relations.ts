/**
 * Relations a draft reads from a person's appositive or title: `Nujaba's spokesman` → spokesperson of Nujaba,
 * `the leader of the Dock Workers Union` → leader of it. The entity named there also confirms the person's
 * ambiguous surname (`confirmedBy`): a page naming Nujaba may mark `Shammari` alone. Pure.
 */
import type { RelationType } from '../../knowledge/schema';
import { aliasKey, type EntityAnnotation } from '../annotations';

/** Role words and the relation they state. */
const ROLE_RELATIONS: ReadonlyArray<[RegExp, RelationType]> = [
  [/\bspokes(?:man|woman|person)\b/i, 'spokesperson-of'],
  [/\bpress secretary\b/i, 'press-secretary-of'],
  [/\bcommander\b/i, 'commander-of'],
  [/\b(?:leader|head|chief|chairman|chairwoman|president|director|founder)\b/i, 'leader-of'],
  [/\bmember\b/i, 'member-of'],
];

/** The text a description was drafted from, without its date (`Nujaba's spokesman`). */
function phraseOf(description: string): string {
  return description.replace(/, as of [A-Z][a-z]+ \d{4}\.$/, '').replace(/\.$/, '');
}

/**
 * Adds relations and confirmations to the people of `entities`, from the other entities their description names.
 * Only firm aliases of groups, organisations and outlets count; a place is no relation of this kind.
 */
export function addRelations(entities: EntityAnnotation[], drafted: ReadonlySet<string>): void {
  for (const person of entities) {
    if (person.kind !== 'person' || !drafted.has(person.id)) continue;
    const phrase = phraseOf(person.description);
    const words = ` ${aliasKey(phrase).replace(/['’]s\b/g, '')} `;
    // The longest name the phrase holds (`Dock Workers Union`, not `Dock`).
    let target: EntityAnnotation | undefined;
    let longest = 0;
    for (const other of entities) {
      if (other.id === person.id || !['group', 'organization', 'media'].includes(other.kind)) continue;
      for (const alias of other.aliases) {
        const key = aliasKey(alias);
        if (other.ambiguous.includes(alias) || key.length <= longest || !words.includes(` ${key} `)) continue;
        target = other;
        longest = key.length;
      }
    }
    if (!target) continue;
    const type = ROLE_RELATIONS.find(([pattern]) => pattern.test(phrase))?.[1] ?? 'affiliated-with';
    if (!person.relations.some((relation) => relation.target === target.id)) {
      person.relations.push({ type, target: target.id });
    }
    if (person.ambiguous.length > 0 && !person.confirmedBy.includes(target.id)) person.confirmedBy.push(target.id);
  }
}
