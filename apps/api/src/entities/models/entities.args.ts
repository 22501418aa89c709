import { ArgsType, Field } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ENTITY_TYPES, type EntityType } from '../../../../../seed/ontology/types.js';
import { PageArgs } from '../../graphql/relay.js';
import { EntityTypeEnum } from './entity-type.enum.js';

@ArgsType()
export class EntitiesArgs extends PageArgs {
  @Field(() => EntityTypeEnum, { nullable: true, description: 'Only entities of this type' })
  @IsOptional() @IsIn(ENTITY_TYPES)
  type?: EntityType;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name or an alias' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;
}
