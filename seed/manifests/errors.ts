/** Input errors of the manifest check, each carrying what a 400 problem needs to name. */

/** The YAML does not parse; `line` and `column` are 1-based, in the input (plus lineOffset). */
export class ManifestYamlError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`YAML does not parse at line ${line}, column ${column}: ${message}`);
    this.name = 'ManifestYamlError';
  }
}

/** The input is larger than MAX_MANIFEST_CHARS. */
export class ManifestTooLargeError extends Error {
  constructor(readonly size: number, readonly limit: number) {
    super(`manifest input of ${size} characters exceeds the limit of ${limit}`);
    this.name = 'ManifestTooLargeError';
  }
}

/** kubernetesVersion is not a version like "1.25". */
export class KubernetesVersionError extends Error {
  constructor(readonly value: string) {
    super(`kubernetesVersion "${value}" is not a Kubernetes version like "1.25"`);
    this.name = 'KubernetesVersionError';
  }
}
