import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Entity as EntityValue } from '../entities/entities.types.js';
import { Entity } from '../entities/models/entity.model.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import { CompareInput } from './compare.inputs.js';
import { CompareService } from './compare.service.js';
import type { Comparison as ComparisonValue } from './compare.types.js';
import { Comparison } from './models/comparison.model.js';

@Resolver(() => Comparison)
export class CompareResolver {
  constructor(private readonly comparisons: CompareService) {}

  @Query(() => Comparison, { description: "Entities' typed attributes side by side, as GET /api/v1/compare" })
  compare(@Args() { entities }: CompareInput): Promise<ComparisonValue> {
    return this.comparisons.compare(entities);
  }

  @ResolveField(() => [Entity], { description: 'The compared entities, in the order asked' })
  async entities(@Parent() comparison: ComparisonValue, @Loaders() loaders: GraphqlLoaders): Promise<EntityValue[]> {
    const found = await loaders.entity.loadMany(comparison.entities.map((e) => e.slug));
    return found.filter((e): e is EntityValue => e !== null && !(e instanceof Error));
  }
}
