import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { buildKindCatalogue, serialiseCatalogue } from '../scripts/kind-catalogue.js';
import { loadApiDeprecations, compareKubernetesVersions } from '../seed/ontology/api-removals.js';
import { loadKinds } from '../seed/ontology/kinds.js';

const committed = readFileSync(new URL('../seed/ontology/kinds.generated.json', import.meta.url), 'utf8');

describe('the built-in kind catalogue (seed/ontology/kinds.generated.json)', () => {
  it('is what the installed kubernetes-models gives: run `npm run kinds:generate` when this fails', async () => {
    const fresh = await buildKindCatalogue();
    expect(serialiseCatalogue(fresh)).toBe(committed);
    // The comparison is real: a catalogue missing one kind does not match.
    expect(serialiseCatalogue({ ...fresh, kinds: fresh.kinds.slice(1) })).not.toBe(committed);
  });

  it('covers the removed beta groups and gives each kind its spec fields with types', () => {
    const kinds = loadKinds();
    expect(kinds.get('Deployment')!.schemaApiVersions).toEqual(['apps/v1', 'apps/v1beta2', 'apps/v1beta1', 'extensions/v1beta1']);
    expect(kinds.get('HorizontalPodAutoscaler')!.schemaApiVersions).toEqual(expect.arrayContaining(['autoscaling/v2beta1', 'autoscaling/v2beta2']));
    expect(kinds.get('CronJob')!.schemaApiVersions).toContain('batch/v1beta1');
    expect(kinds.get('PodDisruptionBudget')!.schemaApiVersions).toContain('policy/v1beta1');
    expect(kinds.get('Deployment')!.fields).toMatchObject({ 'spec.replicas': 'number', 'spec.selector': 'LabelSelector, required', 'spec.template': 'PodTemplateSpec, required' });
    expect(kinds.get('Service')!.fields['spec.type']).toBe('"ClusterIP" | "ExternalName" | "LoadBalancer" | "NodePort"');
    expect(kinds.get('ConfigMap')!.fields).toEqual({ binaryData: 'map[string]string', data: 'map[string]string', immutable: 'boolean' });
  });
});

describe('the API deprecation table (seed/ontology/api-removals.yaml)', () => {
  const { rows, latestKubernetesVersion } = loadApiDeprecations();
  const kinds = loadKinds();

  it('names known kinds, each deprecated before it was removed, none removed after the latest version known', () => {
    for (const r of rows) {
      expect([r.apiVersion, r.kind, kinds.has(r.kind)]).toEqual([r.apiVersion, r.kind, true]);
      if (r.deprecatedIn && r.removedIn) expect([r.apiVersion, r.kind, compareKubernetesVersions(r.deprecatedIn, r.removedIn) < 0]).toEqual([r.apiVersion, r.kind, true]);
      if (r.removedIn) expect(compareKubernetesVersions(r.removedIn, latestKubernetesVersion)).toBeLessThanOrEqual(0);
      expect([r.apiVersion, r.kind, r.replacement === 'none' || kinds.get(r.kind)!.schemaApiVersions.includes(r.replacement)]).toEqual([r.apiVersion, r.kind, true]);
    }
  });

  it('keeps the two values that were in doubt, as the 1.16 announcement and the migration guide give them', () => {
    const row = (apiVersion: string, kind: string) => rows.find((r) => r.apiVersion === apiVersion && r.kind === kind);
    expect(row('extensions/v1beta1', 'PodSecurityPolicy')).toMatchObject({ removedIn: '1.16', replacement: 'policy/v1beta1' });
    for (const kind of ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment']) expect(row('storage.k8s.io/v1beta1', kind)?.removedIn).toBe('1.22');
    expect(row('storage.k8s.io/v1beta1', 'CSIStorageCapacity')?.removedIn).toBe('1.27');
  });
});
