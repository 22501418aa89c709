import { Injectable } from '@nestjs/common';
import { loadOntology } from '../../../../seed/ontology/load.js';
import type { Ontology, OntologyEntity } from '../../../../seed/ontology/types.js';
import { createMentionFinder, type MentionFinder } from '../../../../seed/parser/linker.js';

/** The ontology and its alias matcher, loaded once per process (jieba's dictionary is costly to build). */
@Injectable()
export class OntologyService {
  private loaded?: { ontology: Ontology; finder: MentionFinder; bySlug: Map<string, OntologyEntity> };

  private get state() {
    if (!this.loaded) {
      const ontology = loadOntology();
      this.loaded = {
        ontology,
        finder: createMentionFinder(ontology),
        bySlug: new Map(ontology.entities.map((entity) => [entity.slug, entity])),
      };
    }
    return this.loaded;
  }

  get ontology(): Ontology {
    return this.state.ontology;
  }

  findMentions(text: string): Array<{ entitySlug: string; count: number }> {
    return this.state.finder.findMentions(text);
  }

  entity(slug: string): OntologyEntity | undefined {
    return this.state.bySlug.get(slug);
  }
}
