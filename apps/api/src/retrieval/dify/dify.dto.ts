import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow, ArrayMaxSize, IsArray, IsDefined, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min,
  ValidateNested,
} from 'class-validator';

/** Dify's External Knowledge API request body, as its documentation gives it. */
export class DifyRetrievalSetting {
  @ApiProperty({ description: 'Maximum number of records', example: 5 })
  @IsInt() @Min(1) @Max(100)
  top_k!: number;

  @ApiProperty({ description: 'Minimum score (0..1); 0.0 when Dify has the threshold switched off', example: 0.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1)
  score_threshold!: number;
}

export class DifyConditionItem {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'Metadata field: document, topicSlug, entityType (also title, kind, entity, lineStart, lineEnd); older Dify sends a list of fields',
    example: 'entityType',
  })
  @IsDefined() @IsString({ each: true }) @MaxLength(200, { each: true })
  name!: string | string[];

  @ApiProperty({ description: 'One of the comparison operators Dify documents', example: 'contains' })
  @IsString() @MaxLength(20)
  comparison_operator!: string;

  @ApiPropertyOptional({ description: 'Compared value; omitted for empty / not empty' })
  @Allow() @IsOptional()
  value?: string | number | string[] | null;
}

/** As Dify sends it (its MetadataCondition model dumped): either field may be null. */
export class DifyMetadataCondition {
  @ApiPropertyOptional({ type: String, nullable: true, description: '"and" (default) or "or"' })
  @IsOptional() @IsString()
  logical_operator?: string | null;

  @ApiPropertyOptional({ type: [DifyConditionItem], nullable: true, description: 'None (or null) matches every record' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => DifyConditionItem)
  conditions?: DifyConditionItem[] | null;
}

export class DifyRetrievalBody {
  @ApiProperty({ description: '"kubenotes" for every document, or one document\'s slug', example: 'kubenotes' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  knowledge_id!: string;

  @ApiProperty({ example: 'What is a headless service?' })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  query!: string;

  @ApiProperty({ type: DifyRetrievalSetting })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => DifyRetrievalSetting)
  retrieval_setting!: DifyRetrievalSetting;

  @ApiPropertyOptional({ type: DifyMetadataCondition, nullable: true, description: 'Dify sends null when metadata filtering is off' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => DifyMetadataCondition)
  metadata_condition?: DifyMetadataCondition | null;
}
