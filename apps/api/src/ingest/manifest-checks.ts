import { checkManifests, ManifestYamlError, type CheckedManifest } from '../../../../seed/manifests/index.js';
import { provisionalEntity } from '../../../../seed/ontology/kinds.js';
import type { Ontology, OntologyEntity } from '../../../../seed/ontology/types.js';
import type { ParsedDocument, ParsedSection, ParsedSnippet } from '../../../../seed/parser/types.js';
import type { ManifestFinding, ManifestStatus } from '../manifests/manifests.types.js';

/** What ingest stores of a manifest snippet's check. */
export interface ManifestCheck {
  status: ManifestStatus;
  /** Lines in the notes document. */
  findings: ManifestFinding[];
  converted: string | null;
  deprecatedIn: string | null;
  /** The entity of its kind: built-in or curated, or `provisional` (to create) for a kind nobody listed. */
  entitySlug: string;
  provisional: OntologyEntity | null;
}

/**
 * Every manifest snippet of a document checked as POST /manifests/check checks
 * pasted YAML (schema, unknown fields, deprecated and removed APIs), with its
 * findings' lines in the document and the entity of its kind.
 */
export async function checkDocumentManifests(parsed: ParsedDocument, ontology: Ontology): Promise<Map<ParsedSnippet, ManifestCheck>> {
  const checks = new Map<ParsedSnippet, ManifestCheck>();
  const visit = async (section: ParsedSection): Promise<void> => {
    for (const snippet of section.snippets) {
      if (snippet.manifest) checks.set(snippet, await checkSnippet(snippet, ontology));
    }
    for (const child of section.children) await visit(child);
  };
  for (const section of parsed.sections) await visit(section);
  return checks;
}

async function checkSnippet(snippet: ParsedSnippet, ontology: Ontology): Promise<ManifestCheck> {
  const { apiVersion, kind } = snippet.manifest!;
  let checked: CheckedManifest | undefined;
  try {
    const result = await checkManifests(snippet.content, { lineOffset: snippet.lineStart - 1, ontology });
    checked = result.documents.find((d) => d.apiVersion === apiVersion && d.kind === kind) ?? result.documents[0];
  } catch (error) {
    // The parser read apiVersion and kind from it, yet it is not YAML a cluster would take.
    if (!(error instanceof ManifestYamlError)) throw error;
    const line = error.line ?? snippet.lineStart;
    return { ...entityOf(apiVersion, kind, null, ontology), status: 'invalid', findings: [{ severity: 'error', path: '', line, message: error.message, rule: 'yaml' }], converted: null, deprecatedIn: null };
  }
  return {
    ...entityOf(apiVersion, kind, checked?.entity ?? null, ontology),
    status: checked?.status ?? 'ok',
    findings: checked?.findings ?? [],
    converted: checked?.converted ?? null,
    deprecatedIn: checked?.deprecation?.deprecatedIn ?? null,
  };
}

function entityOf(apiVersion: string, kind: string, resolved: string | null, ontology: Ontology): Pick<ManifestCheck, 'entitySlug' | 'provisional'> {
  if (resolved) return { entitySlug: resolved, provisional: null };
  const provisional = provisionalEntity(apiVersion, kind, ontology);
  return { entitySlug: provisional.slug, provisional };
}
