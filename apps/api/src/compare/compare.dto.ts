import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { MAX_COMPARED, MIN_COMPARED } from './compare.service.js';

export class CompareQuery {
  @ApiProperty({ description: `${MIN_COMPARED} to ${MAX_COMPARED} comma-separated entity slugs`, example: 'clusterip,nodeport,loadbalancer' })
  @IsString({ message: 'entities must be one comma-separated list of slugs' }) @MaxLength(2000)
  entities: string;
}
