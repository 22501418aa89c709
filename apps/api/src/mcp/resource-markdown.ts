/**
 * Topics and documents as the Markdown MCP resources return: readable as they are, the citation
 * (document and lines) at the top, links to other resources as kubenotes:// URIs a client can read.
 */
import type { DocumentDetail } from '../documents/documents.types.js';
import type { EntityRef } from '../common/refs.types.js';
import type { Snippet, Topic, TopicSummary } from '../topics/topics.types.js';
import { cite } from './tool-text.js';

export const TOPIC_URI_TEMPLATE = 'kubenotes://topics/{slug}';
export const DOCUMENT_URI_TEMPLATE = 'kubenotes://documents/{slug}';
export const topicUri = (slug: string): string => `kubenotes://topics/${encodeURIComponent(slug)}`;
export const documentUri = (slug: string): string => `kubenotes://documents/${encodeURIComponent(slug)}`;

const refs = (list: readonly EntityRef[]) => list.map((e) => `${e.name} (\`${e.slug}\`, ${e.type})`).join(', ');
const topicLink = (t: TopicSummary) => `[${t.title.replace(/[[\]]/g, '\\$&')}](${topicUri(t.slug)})`;

export function topicMarkdown(topic: Topic): string {
  const out = [`# ${topic.title}`, '', `> Source: ${cite(topic.source)} (topic \`${topic.slug}\`)`];
  if (topic.parentSlug) out.push(`> Part of: ${topicUri(topic.parentSlug)}`);
  out.push('', topic.body || '_(no text of its own)_');
  for (const snippet of topic.snippets) out.push('', ...snippetMarkdown(snippet));
  if (topic.children.length) out.push('', '## Subtopics', '', ...topic.children.map((c) => `- ${topicLink(c)}`));
  if (topic.entities.length) out.push('', `Entities: ${refs(topic.entities)}`);
  return `${out.join('\n')}\n`;
}

function snippetMarkdown(s: Snippet): string[] {
  const out = [`${fence(s.content)}${s.language ?? (s.kind === 'text' ? '' : s.kind)}`, s.content, fence(s.content), `(lines ${s.lineStart}-${s.lineEnd})`];
  const d = s.manifest?.deprecated;
  if (d && s.manifest) out.push(`Warning: ${s.manifest.kind} ${s.manifest.apiVersion} was removed in Kubernetes ${d.removedIn}; use ${d.replacement}. ${d.note}`.trim());
  return out;
}

/** A code fence longer than any run of backticks inside, so the content cannot close it. */
function fence(content: string): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** A document as its outline: every topic, indented by level, each a resource to read. */
export function documentMarkdown(document: DocumentDetail): string {
  const out = [`# ${document.title ?? document.name}`, '', `> Source: ${cite({ document: document.name, lineStart: 1, lineEnd: Math.max(1, document.lines) })} (document \`${document.slug}\`)`];
  const { description, tags } = document.metadata;
  if (description) out.push('', description);
  if (tags.length) out.push('', `Tags: ${tags.join(', ')}`);
  if (document.outline.length) {
    const top = Math.min(...document.outline.map((t) => t.level));
    out.push('', '## Topics', '', ...document.outline.map((t) => `${'  '.repeat(t.level - top)}- ${topicLink(t)}`));
  }
  return `${out.join('\n')}\n`;
}
