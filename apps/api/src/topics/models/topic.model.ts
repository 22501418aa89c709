import { Field, Int, ObjectType } from '@nestjs/graphql';
import { connectionTypes } from '../../graphql/relay.js';

@ObjectType({ description: 'Where a topic sits in its source document' })
export class TopicSource {
  @Field({ description: 'Name of the notes document' })
  document: string;

  @Field(() => Int)
  lineStart: number;

  @Field(() => Int)
  lineEnd: number;
}

/**
 * A section of the notes. Its relations (parent, children, snippets, entities)
 * are field resolvers in topics.resolver.ts, loaded per level through DataLoaders.
 */
@ObjectType({ description: 'A section of the notes; level 1 topics may have level 2 children' })
export class Topic {
  @Field()
  slug: string;

  @Field()
  title: string;

  @Field(() => Int)
  level: number;

  @Field(() => Int, { description: 'Position within its document' })
  order: number;

  @Field(() => String, { nullable: true })
  parentSlug: string | null;

  @Field({ description: 'The prose of the section' })
  body: string;

  @Field({ description: 'Main language of the body: zh, en or mixed' })
  lang: string;

  @Field(() => TopicSource)
  source: TopicSource;
}

export const TopicConnection = connectionTypes('Topic', () => Topic);
