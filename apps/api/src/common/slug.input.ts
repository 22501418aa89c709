import { ArgsType, Field } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { NoControlChars } from './validation.js';

export const MAX_SLUG_LENGTH = 200;

/**
 * A topic, entity or document by slug: REST's path parameter and GraphQL's
 * `slug` argument. It reaches SQL as it is, where a NUL byte is an error, so
 * control characters and absurd lengths are refused at the door; anything else
 * that names nothing is the service's 404.
 */
@ArgsType()
export class SlugInput {
  @Field()
  @ApiProperty({ example: 'headless-service' })
  @IsString() @IsNotEmpty() @MaxLength(MAX_SLUG_LENGTH) @NoControlChars()
  slug: string;
}
