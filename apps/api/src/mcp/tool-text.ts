/**
 * What the MCP tools answer as text: short, quotable, every claim with its
 * citation (document + lines), so a model can cite what it repeats.
 */
import type { Comparison } from '../compare/compare.types.js';
import type { ManifestCheckResult } from '../manifests/manifests.types.js';
import type { Entity, EntityRef } from '../entities/entities.types.js';
import type { Neighborhood } from '../graph/graph.types.js';
import type { Passage, RetrieveResult } from '../retrieval/retrieval.types.js';
import type { Topic } from '../topics/topics.types.js';

export const cite = (c: { document: string; lineStart: number; lineEnd: number }): string =>
  c.lineStart === c.lineEnd ? `${c.document}, line ${c.lineStart}` : `${c.document}, lines ${c.lineStart}-${c.lineEnd}`;

const refs = (list: readonly EntityRef[]) => list.map((e) => `${e.name} (${e.slug}, ${e.type})`).join(', ');

export function passagesText(result: RetrieveResult): string {
  if (result.passages.length === 0) return `No passage in the notes matches "${result.query}".`;
  return result.passages.map((p, i) => passageText(p, i + 1)).join('\n\n');
}

function passageText(p: Passage, n: number): string {
  const lines = [`[${n}] ${p.title} — ${cite(p.citation)} (topic ${p.topicSlug}, score ${p.score})`, p.text];
  if (p.entities.length) lines.push(`Entities: ${refs(p.entities)}`);
  for (const w of p.warnings ?? []) lines.push(`${w.severity === 'error' ? 'Error' : 'Warning'}${w.line === null ? '' : ` (line ${w.line})`}: ${w.message}`);
  return lines.join('\n');
}

export function topicText(topic: Topic): string {
  const lines = [`# ${topic.title}`, `Source: ${cite(topic.source)} (topic ${topic.slug})`];
  if (topic.parentSlug) lines.push(`Part of: ${topic.parentSlug}`);
  lines.push('', topic.body || '(no text of its own)');
  for (const s of topic.snippets) {
    if (s.manifest?.deprecated) {
      const d = s.manifest.deprecated;
      lines.push('', `Warning (lines ${s.lineStart}-${s.lineEnd}): ${s.manifest.kind} ${s.manifest.apiVersion} was removed in Kubernetes ${d.removedIn}; use ${d.replacement}. ${d.note}`.trim());
    }
  }
  if (topic.children.length) lines.push('', `Subtopics: ${topic.children.map((c) => `${c.title} (${c.slug})`).join(', ')}`);
  if (topic.entities.length) lines.push(`Entities: ${refs(topic.entities)}`);
  return lines.join('\n');
}

export function entityText(entity: Entity): string {
  const lines = [`# ${entity.name} (${entity.type}, ${entity.slug})`, entity.description];
  if (entity.aliases.length) lines.push(`Aliases: ${entity.aliases.join(', ')}`);
  const attributes = Object.entries(entity.attributes);
  if (attributes.length) lines.push(`Attributes: ${attributes.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join('; ')}`);
  for (const r of entity.relations) {
    const edge = r.direction === 'out' ? `${entity.name} ${r.type} ${r.entity.name}` : `${r.entity.name} ${r.type} ${entity.name}`;
    lines.push(`- ${edge}${r.evidence.length ? ` (topics: ${r.evidence.join(', ')})` : ''}`);
  }
  if (entity.topics.length) lines.push(`Topics that mention it: ${entity.topics.map((t) => `${t.title} (${t.slug})`).join(', ')}`);
  return lines.join('\n');
}

export function neighborsText(n: Neighborhood): string {
  const names = new Map(n.nodes.map((node) => [node.slug, node.name]));
  const lines = [`Entities within ${n.depth} hop(s) of ${names.get(n.root) ?? n.root}:`];
  for (const node of n.nodes) lines.push(`- ${node.name} (${node.slug}, ${node.type}), depth ${node.depth}`);
  lines.push('Relations:');
  for (const e of n.edges) {
    lines.push(`- ${names.get(e.from) ?? e.from} ${e.type} ${names.get(e.to) ?? e.to}${e.evidence.length ? ` (topics: ${e.evidence.join(', ')})` : ''}`);
  }
  return lines.join('\n');
}

export function comparisonText(c: Comparison): string {
  const header = ['attribute', ...c.entities.map((e) => e.name)];
  const rows = c.attributes.map((a) => [a.name, ...c.entities.map((e) => format(a.values[e.slug] ?? null))]);
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function format(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return (Array.isArray(value) ? value.join(', ') : String(value)).replace(/\|/g, '\\|');
}

/** A manifest check as text: each document's status, its findings at their lines, and the converted form. */
export function manifestCheckText(result: ManifestCheckResult): string {
  if (result.documents.length === 0) return 'No Kubernetes object (nothing with apiVersion and kind) in the YAML.';
  return result.documents
    .map((d, i) => [
      `${i + 1}. ${d.kind} ${d.name ?? '(no name)'} (${d.apiVersion}), line ${d.line}: ${d.status} at Kubernetes ${result.kubernetesVersion}`,
      ...d.findings.map((f) => `   - ${f.severity} at line ${f.line}${f.path ? ` ${f.path}` : ''}: ${f.message}`),
      ...(d.converted ? ['   converted:', ...d.converted.trimEnd().split('\n').map((line) => `     ${line}`)] : []),
    ].join('\n'))
    .join('\n');
}
