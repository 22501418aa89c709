import type { OntologyEntity } from '../../../../seed/ontology/types.js';

export interface MentionSource {
  findMentions(text: string): Array<{ entitySlug: string }>;
  entity(slug: string): OntologyEntity | undefined;
}

/**
 * The ontology's aliases as synonyms: every entity named in the query (by any
 * alias, in either language, found by the linker's mention finder) brings its
 * other names along, so 无头服务 also searches "headless service" and
 * "blue/green" also searches 蓝绿部署.
 */
export class QueryExpander {
  constructor(private readonly mentions: MentionSource) {}

  /**
   * The entities the query mentions, each with its names and aliases (the query's own words
   * included), and all those names as one list.
   */
  expand(query: string): { entitySlugs: string[]; phrases: string[]; synonyms: Array<{ entitySlug: string; names: string[] }> } {
    const entitySlugs = this.mentions.findMentions(query).map((m) => m.entitySlug);
    const synonyms = entitySlugs.flatMap((slug) => {
      const entity = this.mentions.entity(slug);
      return entity ? [{ entitySlug: slug, names: [entity.name, ...entity.aliases] }] : [];
    });
    return { entitySlugs, phrases: synonyms.flatMap((s) => s.names), synonyms };
  }
}
