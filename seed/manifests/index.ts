/** Kubernetes manifests checked like kubeconform -strict and pluto (pure: YAML text in, findings out). */
export { checkManifests, MAX_MANIFEST_CHARS, type CheckManifestsOptions } from './check.js';
export { KubernetesVersionError, ManifestTooLargeError, ManifestYamlError } from './errors.js';
export type { CheckedManifest, ManifestCheckResult, ManifestDeprecation, ManifestFinding, ManifestStatus, FindingRule } from './types.js';
