/**
 * What the MCP prompts put before the model: the instruction, then the material it must work
 * from (passages with their citations, or a manifest's findings), so the answer can cite what it says.
 */
import type { CheckedManifest, ManifestCheckResult } from '../manifests/manifests.types.js';
import type { RetrieveResult } from '../retrieval/retrieval.types.js';
import { passagesText } from './tool-text.js';

export function answerWithCitationsText(question: string, result: RetrieveResult): string {
  const intro = [
    'Answer the question below from the passages of the Kubernetes notes that follow, in the language of the question.',
    'Cite every claim with the number of its passage and its citation, e.g. [2] (concepts/service.md, lines 12-18).',
    'If the passages do not answer the question, say that the notes do not cover it; do not fill the gap from memory.',
    'The retrieve tool finds more passages, and the kubenotes://topics/{slug} resources hold whole topics.',
  ];
  return [...intro, '', `Question: ${question}`, '', 'Passages:', '', passagesText(result)].join('\n');
}

export function explainManifestText(result: ManifestCheckResult, kubernetesVersion: string | undefined): string {
  const at = kubernetesVersion ? `Kubernetes ${kubernetesVersion}` : 'the newest Kubernetes release the checker knows';
  const intro = [
    `A Kubernetes manifest was checked against ${at} (schema, unknown fields, removed and deprecated APIs).`,
    'Explain the findings below to someone learning Kubernetes: for each, what it means, why it matters and how to fix it, the most severe first.',
    'Where a converted manifest is given, show it as the fix. For background, call the retrieve tool and cite the passages of the notes it returns (document, lines).',
  ];
  if (result.documents.length === 0) {
    return [...intro, '', 'Findings: none — the input holds no Kubernetes object (no apiVersion or kind). Say so, and what a manifest needs.'].join('\n');
  }
  return [...intro, '', 'Findings:', '', ...result.documents.flatMap(manifestLines)].join('\n');
}

export function unparsableManifestText(error: { message: string; line: number; column: number }): string {
  return [
    `A Kubernetes manifest was pasted, but it is not valid YAML: ${error.message}.`,
    `Explain to someone learning Kubernetes what is wrong at line ${error.line}, column ${error.column} and how to fix it`,
    '(indentation, a missing colon or quote, tabs instead of spaces are the usual causes), then show the corrected lines.',
  ].join('\n');
}

function manifestLines(m: CheckedManifest, index: number): string[] {
  const what = `${m.kind || '(no kind)'}${m.name ? ` "${m.name}"` : ''} (${m.apiVersion || 'no apiVersion'})`;
  const out = [`${index + 1}. ${what}, from line ${m.line}: ${m.status}${m.entity ? ` — the get_entity tool describes "${m.entity.slug}"` : ''}`];
  if (m.findings.length === 0) out.push('   - no finding');
  for (const f of m.findings) out.push(`   - ${f.severity} at line ${f.line}${f.path ? ` (${f.path})` : ''}: ${f.message} [${f.rule}]`);
  if (m.converted) out.push('   Converted to its replacement API:', '```yaml', m.converted.trimEnd(), '```');
  out.push('');
  return out;
}
