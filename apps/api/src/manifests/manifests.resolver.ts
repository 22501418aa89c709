import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Entity as EntityValue } from '../entities/entities.types.js';
import { Entity } from '../entities/models/entity.model.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import { connectionComplexity, toConnection } from '../graphql/relay.js';
import { Topic } from '../topics/models/topic.model.js';
import type { Topic as TopicValue } from '../topics/topics.types.js';
import { CheckManifestInput, ListManifestsInput } from './manifests.inputs.js';
import { ManifestsService } from './manifests.service.js';
import type * as T from './manifests.types.js';
import { CheckedManifest, Manifest, ManifestCheckResult, ManifestConnection, ManifestInNotes } from './models/manifest.model.js';

@Resolver(() => ManifestInNotes)
export class ManifestsResolver {
  constructor(private readonly service: ManifestsService) {}

  @Query(() => ManifestConnection, { description: 'The manifests found in the notes, each checked, as GET /api/v1/manifests', complexity: connectionComplexity })
  async manifests(@Args() query: ListManifestsInput) {
    const page = await this.service.list(query);
    return toConnection(page, page.items);
  }

  @Query(() => ManifestCheckResult, { description: 'Pasted YAML checked like kubeconform -strict and pluto, as POST /api/v1/manifests/check' })
  checkManifest(@Args() { yaml, kubernetesVersion }: CheckManifestInput): Promise<T.ManifestCheckResult> {
    return this.service.check(yaml, kubernetesVersion);
  }

  @ResolveField(() => Topic, { nullable: true, description: 'The topic the manifest is in' })
  topic(@Parent() item: T.ManifestInNotes, @Loaders() loaders: GraphqlLoaders): Promise<TopicValue | null> {
    return loaders.topic.load(item.topic.slug);
  }
}

/** A manifest's kind as a whole Entity, wherever a manifest appears (a topic's snippet, a checked document). */
@Resolver(() => Manifest)
export class ManifestEntityResolver {
  @ResolveField(() => Entity, { nullable: true, description: "The entity of its kind (a provisional one for a kind nobody listed)" })
  entity(@Parent() manifest: T.Manifest, @Loaders() loaders: GraphqlLoaders): Promise<EntityValue | null> | null {
    return manifest.entity ? loaders.entity.load(manifest.entity.slug) : null;
  }
}

@Resolver(() => CheckedManifest)
export class CheckedManifestEntityResolver {
  @ResolveField(() => Entity, { nullable: true, description: 'The entity of its kind; null for a kind no entity is' })
  entity(@Parent() manifest: T.CheckedManifest, @Loaders() loaders: GraphqlLoaders): Promise<EntityValue | null> | null {
    return manifest.entity ? loaders.entity.load(manifest.entity.slug) : null;
  }
}
