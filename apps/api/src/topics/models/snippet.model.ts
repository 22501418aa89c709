import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** GraphQL enum values are upper case; they map to REST's lower-case `kind` strings. */
export enum SnippetKind {
  YAML = 'yaml',
  SHELL = 'shell',
  OUTPUT = 'output',
  TEXT = 'text',
}
registerEnumType(SnippetKind, { name: 'SnippetKind', description: 'What an embedded block holds' });

@ObjectType({ description: 'A Kubernetes API removal that applies to a manifest' })
export class Deprecation {
  @Field({ description: 'The apiVersion to use instead' })
  replacement: string;

  @Field({ description: 'Kubernetes version that removed the old apiVersion' })
  removedIn: string;

  @Field()
  note: string;
}

@ObjectType({ description: 'Fields parsed from a YAML snippet that is a Kubernetes manifest' })
export class Manifest {
  @Field()
  apiVersion: string;

  @Field()
  kind: string;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => Deprecation, { nullable: true })
  deprecated?: Deprecation;
}

@ObjectType({ description: 'YAML, a shell session, command output or text embedded in a topic' })
export class Snippet {
  @Field(() => SnippetKind)
  kind: SnippetKind;

  @Field(() => String, { nullable: true, description: "The fence's language (yaml, bash, console, json...); null when the notes do not say" })
  language: string | null;

  @Field()
  content: string;

  @Field(() => Int)
  lineStart: number;

  @Field(() => Int)
  lineEnd: number;

  @Field(() => Manifest, { nullable: true })
  manifest?: Manifest;
}
