import { Injectable } from '@nestjs/common';
import { checkManifests, type CheckManifestsOptions, type ManifestCheckResult } from '../../../../seed/manifests/index.js';

/**
 * The manifest check the explain_manifest prompt runs on pasted YAML. A seam: checkManifests is
 * pure and not yet a service of the API; when a manifests service exists (issue 14 asks REST and
 * GraphQL for manifests), McpModule provides it under this class instead, and the prompt is unchanged.
 */
@Injectable()
export class ManifestChecker {
  check(yaml: string, options: Pick<CheckManifestsOptions, 'kubernetesVersion'> = {}): Promise<ManifestCheckResult> {
    return checkManifests(yaml, options);
  }
}
