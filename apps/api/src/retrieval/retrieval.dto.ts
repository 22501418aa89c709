import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ENTITY_TYPES, type EntityType } from '../../../../seed/ontology/types.js';
import { RETRIEVE_DEFAULTS, RETRIEVE_LIMITS } from './retrieval.types.js';

const [TOPK_MIN, TOPK_MAX] = RETRIEVE_LIMITS.topK;
const [CHARS_MIN, CHARS_MAX] = RETRIEVE_LIMITS.maxChars;

export class RetrieveBody {
  @ApiProperty({ description: 'The question, in Chinese, English or both', example: 'headless service 有什么用？' })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  query!: string;

  @ApiPropertyOptional({ description: `How many passages, ${TOPK_MIN} to ${TOPK_MAX}`, default: RETRIEVE_DEFAULTS.topK })
  @IsOptional() @IsInt() @Min(TOPK_MIN) @Max(TOPK_MAX)
  topK?: number;

  @ApiPropertyOptional({ description: `Characters of passage text in all, ${CHARS_MIN} to ${CHARS_MAX}`, default: RETRIEVE_DEFAULTS.maxChars })
  @IsOptional() @IsInt() @Min(CHARS_MIN) @Max(CHARS_MAX)
  maxChars?: number;

  @ApiPropertyOptional({ description: 'Drop passages scoring below this (0..1)', default: 0 })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1)
  scoreThreshold?: number;

  @ApiPropertyOptional({ enum: ENTITY_TYPES, isArray: true, description: 'Only passages that mention an entity of one of these types' })
  @IsOptional() @IsArray() @ArrayMaxSize(ENTITY_TYPES.length)
  @IsIn(ENTITY_TYPES, { each: true, message: `types must hold only ${ENTITY_TYPES.join(', ')}` })
  types?: EntityType[];
}
