/**
 * One entity across packs: the enabled packs' entities and quotes merged into one page pack that the matcher
 * compiles once. Entities of different packs merge when they have the same id, the same declared `sameAs` key, or
 * the same canonical name and kind; every merge records why (`mergedBecause`), and a reader's split decisions keep
 * an entity apart. Pure: no DOM, no `browser`.
 */
import type { PagePack, PageEntity, PageQuote } from '../knowledge/page-pack';
import type { Entity, Pack } from '../knowledge/schema';

/** Why an entity joined another pack's entity. */
export type MergeReason = 'same-id' | 'same-sameAs' | 'same-name-and-kind';

/** An entity of one pack. */
export interface MemberRef {
  readonly packId: string;
  readonly entityId: string;
}

/** One merge: `member` joined the entity because of `reason`, shared with `with`. */
export interface MergeNote {
  readonly member: MemberRef;
  readonly with: MemberRef;
  readonly reason: MergeReason;
}

/** A reader's decision that an entity of a pack stands alone (merges with nothing). */
export type SplitDecision = MemberRef;

/** An entity of the merged page pack. */
export interface MergedEntity extends PageEntity {
  /** Every pack entity it stands for, the first one (bundled pack first, then by pack order) giving id and name. */
  readonly members: readonly MemberRef[];
  readonly mergedBecause: readonly MergeNote[];
}

/** A quote of the merged page pack, with where it comes from. */
export interface MergedQuote extends PageQuote {
  readonly packId: string;
  /** The quote's id in its pack (`q-3`): its reader anchor. */
  readonly quoteId: string;
}

export interface MergedPack extends PagePack {
  readonly entities: readonly MergedEntity[];
  readonly quotes: readonly MergedQuote[];
  /** The merged id of a pack's entity (undefined for an unknown one). */
  idOf(packId: string, entityId: string): string | undefined;
}

/** The id of the merged page pack. */
export const MERGED_PACK_ID = 'merged';

const keyOf = (ref: MemberRef) => `${ref.packId}\u0000${ref.entityId}`;

/** A name as compared across packs: letter case, apostrophe style, hyphens and spaces do not count. */
export function canonicalName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/[\s\u00a0‐-―-]+/g, ' ')
    .trim()
    .toLowerCase();
}

interface Node {
  readonly ref: MemberRef;
  readonly entity: Entity;
  parent: number;
  note: MergeNote | null;
}

/** `nodes[index]`, which exists for every index the union-find hands out. */
function at(nodes: readonly Node[], index: number): Node {
  const node = nodes[index];
  if (!node) throw new Error(`merge: no entity at ${index}`);
  return node;
}

function find(nodes: Node[], index: number): number {
  let root = index;
  while (at(nodes, root).parent !== root) root = at(nodes, root).parent;
  for (let node = at(nodes, index); node.parent !== root;) {
    const next = node.parent;
    node.parent = root;
    node = at(nodes, next);
  }
  return root;
}

/** Joins the sets of `a` and `b` (the earlier one stays the root); notes why on the member that joined. */
function union(nodes: Node[], a: number, b: number, reason: MergeReason): void {
  const rootA = find(nodes, a);
  const rootB = find(nodes, b);
  if (rootA === rootB) return;
  const [keep, join] = rootA < rootB ? [rootA, rootB] : [rootB, rootA];
  at(nodes, join).parent = keep;
  const joined = at(nodes, join === rootB ? b : a);
  const other = at(nodes, join === rootB ? a : b);
  joined.note ??= { member: joined.ref, with: other.ref, reason };
}

/** Links every entity to the first earlier entity of another pack that shares `key` (when it has one). */
function linkBy(nodes: Node[], key: (node: Node) => string | undefined, reason: MergeReason, split: Set<string>) {
  const first = new Map<string, number>();
  nodes.forEach((node, index) => {
    if (split.has(keyOf(node.ref))) return;
    const value = key(node);
    if (value === undefined) return;
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, index);
    else if (at(nodes, earlier).ref.packId !== node.ref.packId) union(nodes, earlier, index, reason);
  });
}

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

/**
 * Merges `packs` (in priority order: the bundled pack first, then the others as the reader added them). Quotes of
 * the first pack keep their ids; others are `<packId>:<quoteId>`, so two packs' `q-1` never collide.
 */
export function mergePacks(packs: readonly Pack[], splits: readonly SplitDecision[] = []): MergedPack {
  const split = new Set(splits.map(keyOf));
  const nodes: Node[] = [];
  for (const pack of packs) {
    for (const entity of pack.entities) {
      const index = nodes.length;
      nodes.push({ ref: { packId: pack.id, entityId: entity.id }, entity, parent: index, note: null });
    }
  }
  linkBy(nodes, (node) => node.entity.id, 'same-id', split);
  linkBy(nodes, (node) => node.entity.sameAs, 'same-sameAs', split);
  linkBy(nodes, (node) => `${node.entity.kind}|${canonicalName(node.entity.name)}`, 'same-name-and-kind', split);

  const groups = new Map<number, [Node, ...Node[]]>();
  nodes.forEach((node, index) => {
    const root = find(nodes, index);
    const group = groups.get(root);
    if (group) group.push(node);
    else groups.set(root, [node]);
  });

  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const members of groups.values()) {
    const [head] = members;
    const id = taken.has(head.entity.id) ? `${head.ref.packId}:${head.entity.id}` : head.entity.id;
    taken.add(id);
    for (const member of members) ids.set(keyOf(member.ref), id);
  }
  const idOf = (packId: string, entityId: string) => ids.get(keyOf({ packId, entityId }));

  const entities = [...groups.values()].map((members) => mergeGroup(members, idOf));
  const firstPack = packs[0]?.id;
  const quotes: MergedQuote[] = packs.flatMap((pack) =>
    pack.quotes.map((quote) => ({
      id: pack.id === firstPack ? quote.id : `${pack.id}:${quote.id}`,
      text: quote.text,
      speaker: idOf(pack.id, quote.speaker) ?? quote.speaker,
      packId: pack.id,
      quoteId: quote.id,
    })),
  );
  return { schemaVersion: 1, id: MERGED_PACK_ID, entities, quotes, idOf };
}

/** One merged entity from its members (the first gives id, kind and name). */
function mergeGroup(
  members: readonly [Node, ...Node[]],
  idOf: (packId: string, entityId: string) => string | undefined,
): MergedEntity {
  const [head] = members;
  const id = idOf(head.ref.packId, head.entity.id) ?? head.entity.id;
  const aliases = unique(members.flatMap((member) => member.entity.aliases));
  const firm = new Set(
    members.flatMap((member) => member.entity.aliases.filter((alias) => !member.entity.ambiguous.includes(alias))),
  );
  const confirmedBy = unique(
    members.flatMap((member) =>
      member.entity.confirmedBy
        .map((target) => idOf(member.ref.packId, target))
        .filter((target) => target !== undefined),
    ),
  ).filter((target) => target !== id);
  return {
    id,
    kind: head.entity.kind,
    name: head.entity.name,
    aliases,
    ambiguous: unique(members.flatMap((member) => member.entity.ambiguous)).filter((alias) => !firm.has(alias)),
    confirmedBy,
    notWhen: unique(members.flatMap((member) => member.entity.notWhen)),
    demonyms: unique(members.flatMap((member) => member.entity.demonyms)),
    members: members.map((member) => member.ref),
    mergedBecause: members.flatMap((member) => (member.note ? [member.note] : [])),
  };
}

/** A sentence for the card and the options page: why `note.member` was merged. */
export function explainMerge(note: MergeNote, titleOf: (packId: string) => string): string {
  const why =
    note.reason === 'same-id'
      ? 'the same id'
      : note.reason === 'same-sameAs'
        ? 'the same declared identity (sameAs)'
        : 'the same name and kind';
  return `Merged with “${titleOf(note.with.packId)}” because both packs give ${why}.`;
}
