/** What checkManifests answers: one checked manifest per Kubernetes object in the input. */

export type FindingRule = 'schema' | 'unknown-field' | 'removed-api' | 'deprecated-api' | 'yaml';

export interface ManifestFinding {
  severity: 'error' | 'warning' | 'info';
  /** JSON pointer into the object, e.g. /spec/template/spec/containers/0/imagePullPolcy */
  path: string;
  /** 1-based line in the input (plus lineOffset). */
  line: number;
  message: string;
  rule: FindingRule;
}

export type ManifestStatus = 'ok' | 'deprecated' | 'removed' | 'invalid';

export interface ManifestDeprecation {
  replacement: string; // apiVersion to migrate to, or "none"
  deprecatedIn?: string;
  removedIn?: string;
  note: string;
}

export interface CheckedManifest {
  apiVersion: string;
  kind: string;
  name: string | null;
  /** 1-based line where the object starts (plus lineOffset). */
  line: number;
  status: ManifestStatus;
  findings: ManifestFinding[];
  /** The same object on its replacement API (YAML), when the migration is mechanical. */
  converted?: string;
  /** Slug of the kind's entity (curated or built-in), null for a kind no entity is. */
  entity: string | null;
  deprecation?: ManifestDeprecation;
}

export interface ManifestCheckResult {
  documents: CheckedManifest[];
}

export interface CheckOptions {
  /** Judge deprecations at this Kubernetes version ("1.25"); default: the newest the API table knows. */
  kubernetesVersion?: string;
  /** Added to every line number, for YAML that starts further down a document. */
  lineOffset?: number;
}
