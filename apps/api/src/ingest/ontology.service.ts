import { Inject, Injectable } from '@nestjs/common';
import { isAbsolute, join } from 'node:path';
import { loadOntology } from '../../../../seed/ontology/load.js';
import type { Ontology, OntologyEntity } from '../../../../seed/ontology/types.js';
import { projectRoot } from '../common/project-root.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { createMentionFinder, type MentionFinder } from '../../../../seed/parser/linker.js';

/** The ontology and its alias matcher, loaded once per process (jieba's dictionary is costly to build). */
@Injectable()
export class OntologyService {
  private loaded?: { ontology: Ontology; finder: MentionFinder; bySlug: Map<string, OntologyEntity> };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get state() {
    if (!this.loaded) {
      const dir = this.config.ontologyDir;
      const ontology = loadOntology({ extraDir: dir === undefined ? undefined : isAbsolute(dir) ? dir : join(projectRoot(), dir) });
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
