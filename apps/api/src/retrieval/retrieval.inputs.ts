import { ArgsType, Field, Float, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ENTITY_TYPES, type EntityType } from '../../../../seed/ontology/types.js';
import { EntityTypeEnum } from '../entities/models/entity-type.enum.js';
import { MAX_RETRIEVE_QUERY_CHARS, RETRIEVE_DEFAULTS, RETRIEVE_LIMITS } from './retrieval.types.js';

const [TOPK_MIN, TOPK_MAX] = RETRIEVE_LIMITS.topK;
const [CHARS_MIN, CHARS_MAX] = RETRIEVE_LIMITS.maxChars;

/** POST /api/v1/retrieve's body and GraphQL `retrieve`/`retrieval`'s arguments: the same names in both doors. */
@ArgsType()
export class RetrieveInput {
  @Field({ description: `The question, in Chinese, English or both (1 to ${MAX_RETRIEVE_QUERY_CHARS} characters)` })
  @ApiProperty({ description: `The question, in Chinese, English or both (1 to ${MAX_RETRIEVE_QUERY_CHARS} characters)`, example: 'headless service 有什么用？', minLength: 1, maxLength: MAX_RETRIEVE_QUERY_CHARS })
  @IsString() @IsNotEmpty() @MaxLength(MAX_RETRIEVE_QUERY_CHARS)
  query: string;

  @Field(() => Int, { nullable: true, description: `How many passages, ${TOPK_MIN} to ${TOPK_MAX} (default ${RETRIEVE_DEFAULTS.topK})` })
  @ApiPropertyOptional({ type: 'integer', description: `How many passages, ${TOPK_MIN} to ${TOPK_MAX}`, default: RETRIEVE_DEFAULTS.topK, minimum: TOPK_MIN, maximum: TOPK_MAX })
  @IsOptional() @IsInt() @Min(TOPK_MIN) @Max(TOPK_MAX)
  topK?: number;

  @Field(() => Int, { nullable: true, description: `Characters of passage text in all, ${CHARS_MIN} to ${CHARS_MAX} (default ${RETRIEVE_DEFAULTS.maxChars})` })
  @ApiPropertyOptional({ type: 'integer', description: `Characters of passage text in all, ${CHARS_MIN} to ${CHARS_MAX}`, default: RETRIEVE_DEFAULTS.maxChars, minimum: CHARS_MIN, maximum: CHARS_MAX })
  @IsOptional() @IsInt() @Min(CHARS_MIN) @Max(CHARS_MAX)
  maxChars?: number;

  @Field(() => Float, { nullable: true, description: 'Drop passages scoring below this, 0 to 1 (default 0)' })
  @ApiPropertyOptional({ description: 'Drop passages scoring below this (0..1)', default: RETRIEVE_DEFAULTS.scoreThreshold, minimum: 0, maximum: 1 })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1)
  scoreThreshold?: number;

  @Field(() => [EntityTypeEnum], { nullable: true, description: 'Only passages that mention an entity of one of these types' })
  @ApiPropertyOptional({ enum: ENTITY_TYPES, enumName: 'EntityType', isArray: true, description: 'Only passages that mention an entity of one of these types' })
  @IsOptional() @IsArray() @ArrayMaxSize(ENTITY_TYPES.length)
  @IsIn(ENTITY_TYPES, { each: true, message: `types must hold only ${ENTITY_TYPES.join(', ')}` })
  types?: EntityType[];
}
