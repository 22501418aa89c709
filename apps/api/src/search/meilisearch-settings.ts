import type { Settings } from 'meilisearch';
import type { Ontology } from '../../../../seed/ontology/types.js';

/** Synonym lists longer than this only slow Meilisearch's query expansion down. */
const MAX_SYNONYMS = 12;

/**
 * Every alias ↔ the entity's name, both ways, lowercased (Meilisearch folds
 * case anyway). One-character aliases are skipped: as synonyms they would match everywhere.
 */
export function ontologySynonyms(ontology: Ontology): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (from === to || Array.from(from).length < 2 || Array.from(to).length < 2) return;
    const set = synonyms.get(from) ?? new Set<string>();
    if (set.size < MAX_SYNONYMS) set.add(to);
    synonyms.set(from, set);
  };
  for (const entity of ontology.entities) {
    const name = entity.name.normalize('NFKC').toLowerCase().trim();
    for (const alias of entity.aliases.map((a) => a.normalize('NFKC').toLowerCase().trim())) {
      add(alias, name);
      add(name, alias);
    }
  }
  return Object.fromEntries([...synonyms].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v]]));
}

/**
 * The index settings; `segmented` carries jieba words and Han bigrams Meilisearch would not find itself.
 * Attribute order is rank order, as the embedded engine's boosts: title, then the heading path
 * (document › section), then aliases and text.
 */
export function meiliSettings(ontology: Ontology): Settings {
  return {
    searchableAttributes: ['title', 'headings', 'aliases', 'text', 'segmented'],
    filterableAttributes: ['kind', 'entityType', 'document'],
    displayedAttributes: ['id', 'kind', 'slug', 'title', 'text', 'topicSlug', 'entityType', 'aliases'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    synonyms: ontologySynonyms(ontology),
    localizedAttributes: [
      { attributePatterns: ['title', 'headings', 'aliases', 'text', 'segmented'], locales: ['cmn', 'eng'] },
    ],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  };
}

/** A filter expression with every value quoted, so no value can change its meaning. */
export function meiliFilter(conditions: Record<string, readonly string[] | undefined>): string | undefined {
  const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const parts = Object.entries(conditions)
    .filter(([, values]) => values && values.length > 0)
    .map(([attribute, values]) => `${attribute} IN [${values!.map(quote).join(', ')}]`);
  return parts.length ? parts.join(' AND ') : undefined;
}
