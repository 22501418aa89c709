import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AdminKeyGuard } from '../common/admin-key.guard.js';
import { SlugInput } from '../common/slug.input.js';
import { Loaders } from '../graphql/graphql-context.js';
import type { GraphqlLoaders } from '../graphql/loaders/loaders.factory.js';
import { PageInput } from '../common/page.input.js';
import { connectionComplexity, listComplexity, toConnection } from '../graphql/relay.js';
import { Topic } from '../topics/models/topic.model.js';
import { DocumentsService } from './documents.service.js';
import type { DocumentDetail } from './documents.types.js';
import type { Topic as TopicValue } from '../topics/topics.types.js';
import { DeleteReportModel, DocumentConnection, DocumentModel } from './models/document.model.js';

@Resolver(() => DocumentModel)
export class DocumentsResolver {
  constructor(private readonly service: DocumentsService) {}

  @Query(() => DocumentModel, { nullable: true, description: 'A document by slug; null when there is none' })
  async document(@Args() { slug }: SlugInput): Promise<DocumentDetail | null> {
    const [document] = await this.service.getMany([slug]);
    return document ?? null;
  }

  @Query(() => DocumentConnection, { description: 'Documents in name (path) order, as GET /api/v1/documents', complexity: connectionComplexity })
  async documents(@Args() page: PageInput) {
    const found = await this.service.list(page);
    return toConnection(found, await this.service.getMany(found.items.map((item) => item.slug)));
  }

  @ResolveField(() => [Topic], { description: 'Its topics in document order', complexity: listComplexity })
  async outline(@Parent() document: DocumentDetail, @Loaders() loaders: GraphqlLoaders): Promise<TopicValue[]> {
    const nodes = await loaders.topic.loadMany(document.outline.map((topic) => topic.slug));
    return nodes.filter((node): node is TopicValue => node !== null && !(node instanceof Error));
  }

  @Mutation(() => DeleteReportModel, { description: 'Deletes a document and everything derived from it (needs the x-api-key header)' })
  @UseGuards(AdminKeyGuard)
  deleteDocument(@Args() { slug }: SlugInput) {
    return this.service.delete(slug);
  }
}
