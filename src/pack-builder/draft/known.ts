/**
 * Links drafted entities to the entities of the reader's packs: a known person, group or place found again keeps its
 * id, name, kind and spellings (so the packs merge it), rather than becoming a duplicate. Pure.
 */
import type { Entity, EntityKind, Pack } from '../../knowledge/schema';
import { aliasKey } from '../annotations';
import type { Cluster } from './cluster';
import type { KnownLink } from './types';

export interface KnownEntity {
  pack: Pack;
  entity: Entity;
}

/** Kinds a draft may confuse without naming another thing (an armed group drafted as an organisation). */
function compatible(a: EntityKind, b: EntityKind): boolean {
  const family = (kind: EntityKind) => (kind === 'group' || kind === 'organization' || kind === 'media' ? 'org' : kind);
  return family(a) === family(b);
}

/** Index of known spellings: firm aliases, and ambiguous ones (a surname) apart. */
export function indexKnown(packs: readonly Pack[]): {
  firm: Map<string, KnownEntity[]>;
  weak: Map<string, KnownEntity[]>;
} {
  const firm = new Map<string, KnownEntity[]>();
  const weak = new Map<string, KnownEntity[]>();
  for (const pack of packs) {
    for (const entity of pack.entities) {
      const ambiguous = new Set(entity.ambiguous.map(aliasKey));
      for (const alias of new Set([entity.name, ...entity.aliases].map(aliasKey))) {
        const map = ambiguous.has(alias) ? weak : firm;
        const list = map.get(alias) ?? [];
        if (!list.some((known) => known.entity.id === entity.id)) list.push({ pack, entity });
        map.set(alias, list);
      }
    }
  }
  return { firm, weak };
}

/** The known entity a cluster names: by a firm spelling; a lone surname only when one known person has it. */
export function findKnown(cluster: Cluster, index: ReturnType<typeof indexKnown>): KnownEntity | null {
  const firmAliases = cluster.aliases.filter((alias) => !cluster.ambiguous.includes(alias));
  for (const alias of [cluster.name, ...firmAliases]) {
    const hit = index.firm.get(aliasKey(alias))?.find((known) => compatible(known.entity.kind, cluster.kind));
    if (hit) return hit;
  }
  if (cluster.kind === 'person' && cluster.aliases.every((alias) => !alias.includes(' '))) {
    const ids = new Map<string, KnownEntity>();
    for (const alias of cluster.aliases) {
      for (const known of index.weak.get(aliasKey(alias)) ?? []) {
        if (known.entity.kind === 'person') ids.set(known.entity.id, known);
      }
    }
    if (ids.size === 1) return [...ids.values()][0] ?? null;
  }
  return null;
}

/** The link the review page shows. */
export function linkOf(known: KnownEntity): KnownLink {
  return { packId: known.pack.id, entityId: known.entity.id, name: known.entity.name };
}
