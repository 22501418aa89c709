import { toEntityRef } from '../common/refs.mapper.js';
import type { EntityRef } from '../common/refs.types.js';
import type { Manifest, ManifestFinding, ManifestStatus } from './manifests.types.js';

/** The manifest columns of a snippet row (any select that has them). */
export interface ManifestColumns {
  apiVersion: string | null;
  manifestKind: string | null;
  manifestName: string | null;
  manifestStatus: ManifestStatus | null;
  manifestFindings: unknown;
  manifestConverted: string | null;
  deprecatedReplacement: string | null;
  deprecatedRemovedIn: string | null;
  deprecatedIn: string | null;
  deprecatedNote: string | null;
  manifestEntity: EntityRef | null;
}

/** A snippet's manifest, or undefined when the snippet is not one. */
export function toManifest(row: ManifestColumns): Manifest | undefined {
  if (!row.apiVersion || !row.manifestKind) return undefined;
  const manifest: Manifest = {
    apiVersion: row.apiVersion,
    kind: row.manifestKind,
    name: row.manifestName,
    entity: row.manifestEntity ? toEntityRef(row.manifestEntity) : null,
    // Rows stored before manifests were checked know only whether the API was removed.
    status: row.manifestStatus ?? (row.deprecatedRemovedIn !== null ? 'removed' : 'ok'),
    findings: Array.isArray(row.manifestFindings) ? (row.manifestFindings as ManifestFinding[]) : [],
  };
  if (row.deprecatedReplacement !== null && row.deprecatedRemovedIn !== null) {
    manifest.deprecated = {
      replacement: row.deprecatedReplacement,
      removedIn: row.deprecatedRemovedIn,
      deprecatedIn: row.deprecatedIn,
      note: row.deprecatedNote ?? '',
    };
  }
  if (row.manifestConverted !== null) manifest.converted = row.manifestConverted;
  return manifest;
}
