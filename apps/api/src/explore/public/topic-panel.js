// One topic: its citation, text, the entities it names, and its snippets with
// any manifest the parser read from them (and the manifest check's verdict).
import { citation, h, linkButton } from './dom.js';
import { entityLink } from './entity-panel.js';

function deprecation(deprecated) {
  return h('p', { className: 'warning' },
    `Removed in Kubernetes ${deprecated.removedIn}; use ${deprecated.replacement}.`,
    deprecated.note ? ` ${deprecated.note}` : null);
}

/** `findings[]`: { severity, path, line, message } from the manifest check. */
function findings(list) {
  return h('table', { className: 'findings' },
    h('thead', {}, h('tr', {}, h('th', {}, 'severity'), h('th', {}, 'path'), h('th', {}, 'line'), h('th', {}, 'message'))),
    h('tbody', {}, list.map((f) => h('tr', { className: `severity-${String(f.severity).toLowerCase()}` },
      h('td', {}, String(f.severity ?? '')),
      h('td', {}, h('code', {}, String(f.path ?? ''))),
      h('td', {}, f.line === undefined || f.line === null ? '' : String(f.line)),
      h('td', {}, String(f.message ?? ''))))));
}

function manifestEntity(value, go) {
  const slug = typeof value === 'string' ? value : value?.slug;
  return slug ? h('span', {}, ' · entity ', linkButton(value?.name ?? slug, () => go.entity(slug))) : null;
}

export function manifestBox(manifest, go) {
  return h('div', { className: 'manifest' },
    h('div', {},
      h('strong', {}, manifest.kind), ' ', h('code', {}, manifest.apiVersion),
      manifest.name ? h('span', {}, ' · ', h('code', {}, manifest.name)) : null,
      manifest.status ? h('span', { className: `verdict verdict-${String(manifest.status).toLowerCase()}` }, String(manifest.status)) : null,
      manifestEntity(manifest.entity, go)),
    manifest.deprecated ? deprecation(manifest.deprecated) : null,
    Array.isArray(manifest.findings) && manifest.findings.length ? findings(manifest.findings) : null,
    // Folded: the notes' own manifest is what the reader came for; the rewrite is one click away.
    manifest.converted
      ? h('details', { className: 'converted' }, h('summary', {}, 'Converted to today\'s API'), h('pre', { className: 'code' }, manifest.converted))
      : null);
}

function snippet(s, topic, go) {
  return h('li', { className: 'snippet' },
    h('div', { className: 'cite' }, h('span', { className: 'kind' }, s.kind), ' ', h('code', {}, citation({ ...topic.source, lineStart: s.lineStart, lineEnd: s.lineEnd }))),
    s.manifest ? manifestBox(s.manifest, go) : null,
    h('pre', { className: 'code' }, s.content));
}

/** @param topic the REST topic (GET /api/v1/topics/{slug}) */
export function topicPanel(topic, go) {
  return h('div', { className: 'topic', 'data-slug': topic.slug },
    h('header', {},
      h('h2', {}, topic.title),
      h('div', { className: 'cite' },
        h('code', {}, citation(topic.source)), ' · ',
        h('a', { href: go.topicUrl(topic.slug), target: '_blank', rel: 'noopener' }, 'JSON'),
        topic.parentSlug ? h('span', {}, ' · in ', linkButton(topic.parentSlug, () => go.topic(topic.parentSlug))) : null)),
    topic.entities.length
      ? h('section', {}, h('h3', {}, 'Entities it names'), h('ul', { className: 'chips' }, topic.entities.map((e) => h('li', {}, entityLink(e, go)))))
      : null,
    h('section', {}, h('h3', {}, 'Text'), h('pre', { className: 'body' }, topic.body)),
    topic.snippets.length
      ? h('section', {}, h('h3', {}, `Snippets (${topic.snippets.length})`), h('ul', { className: 'snippets' }, topic.snippets.map((s) => snippet(s, topic, go))))
      : null,
    topic.children.length
      ? h('section', {}, h('h3', {}, 'Subsections'), h('ul', {}, topic.children.map((c) => h('li', {}, linkButton(c.title, () => go.topic(c.slug))))))
      : null);
}
