import { ArgsType, Field } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_MANIFEST_CHARS } from '../../../../seed/manifests/index.js';
import { PageInput } from '../common/page.input.js';
import { NoControlChars } from '../common/validation.js';
import { MANIFEST_STATUSES, type ManifestStatus } from './manifests.types.js';
import { ManifestStatusEnum } from './models/manifest.model.js';

/** GET /api/v1/manifests and GraphQL `manifests`. */
@ArgsType()
export class ListManifestsInput extends PageInput {
  @Field(() => ManifestStatusEnum, { nullable: true, description: 'Only manifests with this status' })
  @ApiPropertyOptional({ enum: MANIFEST_STATUSES, description: 'Only manifests with this status' })
  @IsOptional() @IsIn(MANIFEST_STATUSES, { message: `status must be one of ${MANIFEST_STATUSES.join(', ')}` })
  status?: ManifestStatus;

  @Field(() => String, { nullable: true, description: 'Only manifests of this kind (Deployment, Ingress, …; any case)' })
  @ApiPropertyOptional({ description: 'Only manifests of this kind (Deployment, Ingress, …; any case)', example: 'Ingress' })
  @IsOptional() @IsString() @MaxLength(100) @NoControlChars()
  kind?: string;
}

/** POST /api/v1/manifests/check and GraphQL `checkManifest`. */
@ArgsType()
export class CheckManifestInput {
  @Field({ description: `Kubernetes YAML, one or more documents (up to ${MAX_MANIFEST_CHARS} characters)` })
  @ApiProperty({
    description: `Kubernetes YAML, one or more documents separated by ---, up to ${MAX_MANIFEST_CHARS} characters`,
    example: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n',
  })
  @IsString() @IsNotEmpty() @MaxLength(MAX_MANIFEST_CHARS)
  yaml: string;

  @Field(() => String, { nullable: true, description: 'Judge deprecations and removals at this Kubernetes version (1.25); default the newest known' })
  @ApiPropertyOptional({ description: 'Judge deprecations and removals at this Kubernetes version; default the newest known', example: '1.25' })
  @IsOptional() @IsString() @Matches(/^v?1\.\d{1,3}$/, { message: 'kubernetesVersion must look like 1.25' })
  kubernetesVersion?: string;
}
