import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageArgs } from '../../graphql/relay.js';

@ArgsType()
export class TopicsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only the subsections of this topic (slug)' })
  @IsOptional() @IsString() @MaxLength(200)
  parent?: string;

  @Field(() => String, { nullable: true, description: 'Only topics that mention this entity (slug)' })
  @IsOptional() @IsString() @MaxLength(200)
  entity?: string;
}
