import type { ManifestFinding as CheckerFinding, ManifestStatus } from '../../../../seed/manifests/types.js';
import type { EntityRef, TopicSummary } from '../common/refs.types.js';

// The checker (seed/manifests) owns the status and finding vocabulary; the API re-uses it.
export type { ManifestStatus };

/** A Kubernetes API removal that applies to a manifest. */
export interface Deprecation {
  replacement: string;
  removedIn: string;
  /** The version that deprecated it, where known. */
  deprecatedIn: string | null;
  note: string;
}

/** A YAML snippet that is a Kubernetes object: what it says about itself, and its check against today's APIs. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  name: string | null;
  /** The entity of its kind (a provisional one for a kind nobody listed); null when it has none. */
  entity: EntityRef | null;
  status: ManifestStatus;
  /** Line-exact findings (lines in the notes document). */
  findings: ManifestFinding[];
  /** Set when its API was removed. */
  deprecated?: Deprecation;
  /** The object on its replacement API, where the migration is mechanical (what `kubectl convert` did). */
  converted?: string;
}

export const MANIFEST_STATUSES = ['ok', 'deprecated', 'removed', 'invalid'] as const satisfies readonly ManifestStatus[];

/** The checker's finding; `rule` is a plain string here because stored findings are read back from JSON. */
export type ManifestFinding = Omit<CheckerFinding, 'rule'> & { rule: string };

export interface ManifestDeprecation {
  replacement: string;
  deprecatedIn: string | null;
  removedIn: string | null;
  note: string;
}

/** One Kubernetes object of YAML sent to POST /manifests/check. */
export interface CheckedManifest {
  apiVersion: string;
  kind: string;
  name: string | null;
  /** Line where the object starts. */
  line: number;
  status: ManifestStatus;
  findings: ManifestFinding[];
  /** The object on its replacement API, where the migration is mechanical. */
  converted: string | null;
  /** The entity of its kind; null for a kind no entity is. */
  entity: EntityRef | null;
  deprecation: ManifestDeprecation | null;
}

export interface ManifestCheckResult {
  /** The Kubernetes version deprecations were judged at. */
  kubernetesVersion: string;
  documents: CheckedManifest[];
}

/** A manifest found in the notes, with where it is. */
export interface ManifestInNotes {
  topic: TopicSummary;
  citation: { document: string; documentSlug: string; lineStart: number; lineEnd: number };
  manifest: Manifest;
}

export interface ManifestListQuery {
  status?: ManifestStatus;
  kind?: string;
  limit?: number;
  cursor?: string;
}
