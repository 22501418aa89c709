import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EntityRefModel, TopicSummaryModel } from '../../common/refs.model.js';
import { connectionTypes } from '../../graphql/relay.js';
import type * as T from '../manifests.types.js';
import { MANIFEST_STATUSES } from '../manifests.types.js';

// One class per shape: each is the GraphQL type and the OpenAPI schema at once. Where GraphQL
// answers whole objects (the kind's Entity, the Topic), the field carries only @ApiProperty
// here and its resolver defines it for GraphQL (manifests.resolver.ts).

/** GraphQL enum names are upper case; the values are REST's lower-case statuses. */
export enum ManifestStatusEnum {
  OK = 'ok',
  DEPRECATED = 'deprecated',
  REMOVED = 'removed',
  INVALID = 'invalid',
}
registerEnumType(ManifestStatusEnum, {
  name: 'ManifestStatus',
  description: 'OK; DEPRECATED (still served, going away); REMOVED (its API is gone at the checked version); INVALID (does not match its schema)',
});

@ObjectType({ description: 'A problem found in a manifest, where it is' })
export class ManifestFinding implements T.ManifestFinding {
  @Field({ description: 'error, warning or info' })
  @ApiProperty({ enum: ['error', 'warning', 'info'], example: 'error' })
  severity: 'error' | 'warning' | 'info';

  @Field({ description: 'JSON pointer into the object' })
  @ApiProperty({ description: 'JSON pointer into the object', example: '/spec/template/spec/containers/0/imagePullPolcy' })
  path: string;

  @Field(() => Int, { description: 'Line: in the notes document for a stored manifest, in the YAML sent for a check' })
  @ApiProperty({ description: 'Line: in the notes document for a stored manifest, in the YAML sent for a check', example: 41 })
  line: number;

  @Field()
  @ApiProperty({ example: 'imagePullPolcy is not a field of Container (did you mean imagePullPolicy?)' })
  message: string;

  @Field({ description: 'schema, unknown-field, removed-api, deprecated-api or yaml' })
  @ApiProperty({ enum: ['schema', 'unknown-field', 'removed-api', 'deprecated-api', 'yaml'], example: 'unknown-field' })
  rule: string;
}

@ObjectType({ description: 'A Kubernetes API removal that applies to a manifest' })
export class Deprecation implements T.Deprecation {
  @Field({ description: 'The apiVersion to use instead' })
  @ApiProperty({ example: 'apps/v1' })
  replacement: string;

  @Field({ description: 'Kubernetes version that removed the old apiVersion' })
  @ApiProperty({ example: '1.16' })
  removedIn: string;

  @Field(() => String, { nullable: true, description: 'Kubernetes version that deprecated it, where known' })
  @ApiProperty({ type: String, nullable: true, example: '1.9' })
  deprecatedIn: string | null;

  @Field()
  @ApiProperty({ example: 'extensions/v1beta1 Deployment was removed; use apps/v1' })
  note: string;
}

@ObjectType({ description: 'A YAML snippet that is a Kubernetes manifest, checked against the Kubernetes APIs' })
export class Manifest implements T.Manifest {
  @Field()
  @ApiProperty({ example: 'apps/v1' })
  apiVersion: string;

  @Field()
  @ApiProperty({ example: 'Deployment' })
  kind: string;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: 'nginx-deployment' })
  name: string | null;

  @ApiProperty({ type: EntityRefModel, nullable: true, description: "The entity of its kind (a provisional one for a kind nobody listed)" })
  entity: EntityRefModel | null;

  @Field(() => ManifestStatusEnum)
  @ApiProperty({ enum: MANIFEST_STATUSES, example: 'ok' })
  status: T.ManifestStatus;

  @Field(() => [ManifestFinding])
  @ApiProperty({ type: [ManifestFinding], description: 'Line-exact findings; lines in the notes document' })
  findings: ManifestFinding[];

  @Field(() => Deprecation, { nullable: true })
  @ApiPropertyOptional({ type: Deprecation, description: 'Set when its API was removed from Kubernetes' })
  deprecated?: Deprecation;

  @Field(() => String, { nullable: true, description: 'The object on its replacement API, where the migration is mechanical' })
  @ApiPropertyOptional({ description: 'The object on its replacement API (YAML), where the migration is mechanical' })
  converted?: string;
}

@ObjectType({ description: 'What an API deprecation says: since when, until when, and what replaces it' })
export class ManifestDeprecation implements T.ManifestDeprecation {
  @Field()
  @ApiProperty({ example: 'networking.k8s.io/v1' })
  replacement: string;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: '1.14' })
  deprecatedIn: string | null;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: '1.22' })
  removedIn: string | null;

  @Field()
  @ApiProperty({ example: 'Ingress moved to networking.k8s.io/v1: pathType is required, backend is service.name/port.number' })
  note: string;
}

@ObjectType({ description: 'One Kubernetes object of the YAML sent for a check' })
export class CheckedManifest implements T.CheckedManifest {
  @Field()
  @ApiProperty({ example: 'extensions/v1beta1' })
  apiVersion: string;

  @Field()
  @ApiProperty({ example: 'Ingress' })
  kind: string;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: 'web' })
  name: string | null;

  @Field(() => Int, { description: 'Line where the object starts' })
  @ApiProperty({ description: 'Line where the object starts', example: 1 })
  line: number;

  @Field(() => ManifestStatusEnum)
  @ApiProperty({ enum: MANIFEST_STATUSES, example: 'removed' })
  status: T.ManifestStatus;

  @Field(() => [ManifestFinding])
  @ApiProperty({ type: [ManifestFinding] })
  findings: ManifestFinding[];

  @Field(() => String, { nullable: true, description: 'The object on its replacement API, where the migration is mechanical' })
  @ApiProperty({ type: String, nullable: true, description: 'The object on its replacement API (YAML), where the migration is mechanical' })
  converted: string | null;

  @ApiProperty({ type: EntityRefModel, nullable: true, description: 'The entity of its kind; null for a kind no entity is' })
  entity: EntityRefModel | null;

  @Field(() => ManifestDeprecation, { nullable: true })
  @ApiProperty({ type: ManifestDeprecation, nullable: true })
  deprecation: ManifestDeprecation | null;
}

@ObjectType({ description: 'The objects of the YAML sent, each checked' })
export class ManifestCheckResult implements T.ManifestCheckResult {
  @Field({ description: 'The Kubernetes version deprecations and removals were judged at' })
  @ApiProperty({ example: '1.34' })
  kubernetesVersion: string;

  @Field(() => [CheckedManifest])
  @ApiProperty({ type: [CheckedManifest] })
  documents: CheckedManifest[];
}

@ObjectType({ description: 'Where a manifest is written' })
export class ManifestCitation {
  @Field({ description: "The document's name (its path)" })
  @ApiProperty({ example: 'concepts/workloads/deployment.md' })
  document: string;

  @Field()
  @ApiProperty({ example: 'concepts-workloads-deployment' })
  documentSlug: string;

  @Field(() => Int)
  @ApiProperty({ example: 30 })
  lineStart: number;

  @Field(() => Int)
  @ApiProperty({ example: 52 })
  lineEnd: number;
}

@ObjectType({ description: 'A manifest found in the notes, with the topic and lines it is in' })
export class ManifestInNotes implements T.ManifestInNotes {
  @ApiProperty({ type: TopicSummaryModel })
  topic: TopicSummaryModel;

  @Field(() => ManifestCitation)
  @ApiProperty({ type: ManifestCitation })
  citation: ManifestCitation;

  @Field(() => Manifest)
  @ApiProperty({ type: Manifest })
  manifest: Manifest;
}

export class ManifestPage {
  @ApiProperty({ type: [ManifestInNotes] })
  items: ManifestInNotes[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

export const ManifestConnection = connectionTypes('ManifestInNotes', () => ManifestInNotes);
