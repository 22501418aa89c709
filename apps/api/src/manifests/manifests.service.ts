import { Injectable } from '@nestjs/common';
import { checkManifests, KubernetesVersionError, ManifestTooLargeError, ManifestYamlError } from '../../../../seed/manifests/index.js';
import { loadApiDeprecations } from '../../../../seed/ontology/api-removals.js';
import { decodeCursor, pageSize, toPage, type CursorPage } from '../common/pagination.js';
import { BadParameterError } from '../common/problems.js';
import { toTopicSummary } from '../common/refs.mapper.js';
import { EntitiesService } from '../entities/entities.service.js';
import { OntologyService } from '../ingest/ontology.service.js';
import { toManifest } from './manifest.mapper.js';
import { ManifestsRepository, type ManifestRow } from './manifests.repository.js';
import type { ManifestCheckResult, ManifestInNotes, ManifestListQuery } from './manifests.types.js';

const isManifestCursor = (v: unknown): v is { i: number } => typeof v === 'object' && v !== null && Number.isInteger((v as { i: unknown }).i);

/** The manifests of the notes, and any YAML checked like kubeconform -strict and pluto would. */
@Injectable()
export class ManifestsService {
  constructor(
    private readonly manifests: ManifestsRepository,
    private readonly entities: EntitiesService,
    private readonly ontology: OntologyService,
  ) {}

  async list(query: ManifestListQuery): Promise<CursorPage<ManifestInNotes>> {
    const limit = pageSize(query.limit);
    const after = decodeCursor(query.cursor, isManifestCursor);
    const rows = await this.manifests.list({ status: query.status, kind: query.kind, afterId: after?.i, take: limit + 1 });
    return toPage(rows, limit, (row) => ({ i: row.id }), toManifestInNotes);
  }

  /** Every Kubernetes object of `yaml`, checked; YAML that does not parse is a 400 naming its line. */
  async check(yaml: string, kubernetesVersion?: string): Promise<ManifestCheckResult> {
    const version = kubernetesVersion?.replace(/^v/, '') || loadApiDeprecations().latestKubernetesVersion;
    let checked;
    try {
      checked = await checkManifests(yaml, { kubernetesVersion: version, ontology: this.ontology.ontology });
    } catch (error) {
      if (error instanceof ManifestYamlError) throw new BadParameterError('yaml', `does not parse: ${error.message}`, { line: error.line, column: error.column });
      if (error instanceof ManifestTooLargeError) throw new BadParameterError('yaml', error.message);
      if (error instanceof KubernetesVersionError) throw new BadParameterError('kubernetesVersion', error.message);
      throw error;
    }
    const refs = new Map((await this.entities.refs(checked.documents.flatMap((d) => (d.entity ? [d.entity] : [])))).map((ref) => [ref.slug, ref]));
    return {
      kubernetesVersion: version,
      documents: checked.documents.map((d) => ({
        apiVersion: d.apiVersion,
        kind: d.kind,
        name: d.name,
        line: d.line,
        status: d.status,
        findings: d.findings,
        converted: d.converted ?? null,
        entity: d.entity ? refs.get(d.entity) ?? null : null,
        deprecation: d.deprecation
          ? { replacement: d.deprecation.replacement, deprecatedIn: d.deprecation.deprecatedIn ?? null, removedIn: d.deprecation.removedIn ?? null, note: d.deprecation.note }
          : null,
      })),
    };
  }
}

function toManifestInNotes(row: ManifestRow): ManifestInNotes {
  return {
    topic: toTopicSummary(row.topic),
    citation: { document: row.topic.document.name, documentSlug: row.topic.document.slug, lineStart: row.lineStart, lineEnd: row.lineEnd },
    manifest: toManifest(row)!,
  };
}
