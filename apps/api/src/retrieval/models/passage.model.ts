import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { RETRIEVE_DEFAULTS, RETRIEVE_LIMITS } from '../retrieval.types.js';

const [TOPK_MIN, TOPK_MAX] = RETRIEVE_LIMITS.topK;
const [CHARS_MIN, CHARS_MAX] = RETRIEVE_LIMITS.maxChars;

export enum PassageKind {
  PROSE = 'prose',
  SNIPPET = 'snippet',
}
registerEnumType(PassageKind, { name: 'PassageKind' });

@ArgsType()
export class RetrieveArgs {
  @Field({ description: 'The question, in Chinese, English or both' })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  query: string;

  @Field(() => Int, { nullable: true, description: `How many passages, ${TOPK_MIN} to ${TOPK_MAX} (default ${RETRIEVE_DEFAULTS.topK})` })
  @IsOptional() @IsInt() @Min(TOPK_MIN) @Max(TOPK_MAX)
  topK?: number;

  @Field(() => Int, { nullable: true, description: `Characters of passage text in all, ${CHARS_MIN} to ${CHARS_MAX}` })
  @IsOptional() @IsInt() @Min(CHARS_MIN) @Max(CHARS_MAX)
  maxChars?: number;
}

@ObjectType({ description: 'Where a passage is written: its lines contain the passage text' })
export class Citation {
  @Field({ description: "The document's name (its path)" })
  document: string;

  @Field({ description: "The document's slug" })
  documentSlug: string;

  @Field(() => Int)
  lineStart: number;

  @Field(() => Int)
  lineEnd: number;
}

@ObjectType({ description: 'A manifest in the passage uses an API that Kubernetes removed' })
export class PassageWarning {
  @Field()
  code: string;

  @Field()
  message: string;

  @Field()
  apiVersion: string;

  @Field()
  kind: string;

  @Field()
  removedIn: string;

  @Field()
  replacement: string;
}

@ObjectType({ description: 'A quotable passage with its citation, for chatbots' })
export class Passage {
  @Field({ description: 'Stable while its topic is unchanged: the topic slug and the passage position (service#3)' })
  id: string;

  @Field()
  topicSlug: string;

  @Field()
  title: string;

  @Field()
  text: string;

  @Field(() => Float, { description: '0..1' })
  score: number;

  @Field(() => Citation)
  citation: Citation;

  @Field(() => PassageKind)
  kind: PassageKind;

  @Field(() => [String], { description: 'document › section › subsection: where the passage sits' })
  headingPath: string[];

  @Field(() => String, { nullable: true, description: 'The id of the passage before it in its document, for widening the context' })
  previous: string | null;

  @Field(() => String, { nullable: true, description: 'The id of the passage after it in its document' })
  next: string | null;

  @Field(() => [PassageWarning], { nullable: true })
  warnings?: PassageWarning[];
}

export function retrieveComplexity({ args, childComplexity }: Pick<ComplexityEstimatorArgs, 'args' | 'childComplexity'>): number {
  return 1 + childComplexity * (typeof args.topK === 'number' ? args.topK : RETRIEVE_DEFAULTS.topK);
}
