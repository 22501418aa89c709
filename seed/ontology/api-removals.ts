/**
 * The Kubernetes API deprecation table (api-removals.yaml) and what it says about one
 * apiVersion + kind at a given Kubernetes version, the way pluto judges a manifest:
 * removed when removedIn <= version, deprecated when deprecatedIn <= version < removedIn.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { ApiRemoval } from './types.js';

const TABLE_URL = new URL('./api-removals.yaml', import.meta.url);
const VERSION = /^v?(\d+)\.(\d+)(?:\.\d+)?$/;

export interface ApiDeprecationTable {
  /** The newest Kubernetes release the table was checked against; the default version to judge by. */
  latestKubernetesVersion: string;
  rows: ApiRemoval[];
}

let cached: ApiDeprecationTable | null = null;

function versionField(row: Record<string, unknown>, key: string, i: number): string | undefined {
  const value = row[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !VERSION.test(value)) throw new Error(`api-removals.yaml row ${i + 1}: ${key} must be a version like "1.22"`);
  return value;
}

/** The table, read and checked once. Throws when the data file is missing or malformed. */
export function loadApiDeprecations(): ApiDeprecationTable {
  if (cached) return cached;
  const data = parseYaml(readFileSync(TABLE_URL, 'utf8')) as { latestKubernetesVersion?: unknown; removals?: unknown } | null;
  if (!data || !Array.isArray(data.removals)) throw new Error(`api-removals.yaml: expected a "removals" list (${TABLE_URL.pathname})`);
  const latest = String(data.latestKubernetesVersion ?? '');
  if (!VERSION.test(latest)) throw new Error('api-removals.yaml: latestKubernetesVersion must be a version like "1.34"');
  const rows = (data.removals as Record<string, unknown>[]).map((r, i): ApiRemoval => {
    for (const key of ['apiVersion', 'kind'] as const) {
      if (typeof r[key] !== 'string' || !r[key]) throw new Error(`api-removals.yaml row ${i + 1}: missing ${key}`);
    }
    const deprecatedIn = versionField(r, 'deprecatedIn', i);
    const removedIn = versionField(r, 'removedIn', i);
    if (!deprecatedIn && !removedIn) throw new Error(`api-removals.yaml row ${i + 1}: needs deprecatedIn or removedIn`);
    return {
      apiVersion: String(r.apiVersion), kind: String(r.kind), replacement: String(r.replacement ?? 'none'),
      ...(deprecatedIn ? { deprecatedIn } : {}), ...(removedIn ? { removedIn } : {}), note: String(r.note ?? ''),
    };
  });
  cached = { latestKubernetesVersion: latest, rows };
  return cached;
}

/** Compares "1.22" with "1.9" numerically (minor versions are not decimals); a patch part is ignored. */
export function compareKubernetesVersions(a: string, b: string): number {
  const [x, y] = [VERSION.exec(a.trim()), VERSION.exec(b.trim())];
  if (!x || !y) throw new RangeError(`not a Kubernetes version: "${x ? b : a}"`);
  return Number(x[1]) - Number(y[1]) || Number(x[2]) - Number(y[2]);
}

export function isKubernetesVersion(value: string): boolean {
  return VERSION.test(value.trim());
}

export type ApiStatus = 'removed' | 'deprecated' | 'served';

/** The table's row for apiVersion + kind (kind compared case-insensitively), if any. */
export function findApiRow(apiVersion: string, kind: string, rows: readonly ApiRemoval[] = loadApiDeprecations().rows): ApiRemoval | undefined {
  const k = kind.trim().toLowerCase();
  return rows.find((r) => r.apiVersion === apiVersion.trim() && r.kind.toLowerCase() === k);
}

/** Whether a row's API is removed, deprecated or still served at a Kubernetes version. */
export function statusAt(row: ApiRemoval | undefined, kubernetesVersion: string): ApiStatus {
  if (!row) return 'served';
  if (row.removedIn && compareKubernetesVersions(row.removedIn, kubernetesVersion) <= 0) return 'removed';
  if (row.deprecatedIn && compareKubernetesVersions(row.deprecatedIn, kubernetesVersion) <= 0) return 'deprecated';
  return 'served';
}
