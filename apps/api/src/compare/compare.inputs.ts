import { ArgsType, Field } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, Matches } from 'class-validator';
import { MAX_COMPARED, MIN_COMPARED } from './compare.types.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
const howMany = `entities must name ${MIN_COMPARED} to ${MAX_COMPARED} entities`;

/** GET /api/v1/compare?entities=a,b,c (a comma list) and GraphQL `compare(entities: [...])` (a list). */
@ArgsType()
export class CompareInput {
  @Field(() => [String], { description: `${MIN_COMPARED} to ${MAX_COMPARED} entity slugs` })
  @ApiProperty({ type: String, description: `${MIN_COMPARED} to ${MAX_COMPARED} comma-separated entity slugs`, example: 'clusterip,nodeport,loadbalancer' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((s) => (typeof s === 'string' ? s.trim().toLowerCase() : s)) : value))
  @IsArray({ message: 'entities must be one comma-separated list of slugs' })
  @ArrayMinSize(MIN_COMPARED, { message: howMany }) @ArrayMaxSize(MAX_COMPARED, { message: howMany })
  @ArrayUnique({ message: 'entities names an entity twice' })
  @IsString({ each: true, message: 'entities must be entity slugs' })
  @Matches(SLUG, { each: true, message: ({ value }) => `entities must be entity slugs; '${String([value].flat().find((s) => !SLUG.test(String(s))) ?? '').slice(0, 50)}' is not a slug` })
  entities: string[];
}
