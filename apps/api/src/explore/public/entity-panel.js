// The details of one entity: aliases, typed attributes, relations with their
// evidence, and the topics that mention it, each cited to its lines.
import { typeColor, typeLabel } from './colors.js';
import { citation, h, linkButton, truncatedList } from './dom.js';

export function typeBadge(type) {
  return h('span', { className: 'badge', style: { 'background-color': typeColor(type) } }, typeLabel(type));
}

/** A clickable entity name with its type's colour. */
export function entityLink(ref, go) {
  return h('span', { className: 'entity-ref' },
    h('span', { className: 'dot', style: { 'background-color': typeColor(ref.type) }, title: typeLabel(ref.type) }),
    linkButton(ref.name, () => go.entity(ref.slug), { title: `${typeLabel(ref.type)} · ${ref.slug}` }));
}

function attributeValue(value) {
  if (Array.isArray(value)) return value.map(attributeValue).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function attributes(entity) {
  const entries = Object.entries(entity.attributes ?? {});
  if (!entries.length) return null;
  return h('section', {},
    h('h3', {}, 'Attributes'),
    h('dl', { className: 'attributes' }, entries.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, attributeValue(value))])));
}

/** One row per relation; evidence topics named by their titles (they are among the entity's own topics). */
function relations(entity, go) {
  if (!entity.relations.length) return null;
  const titles = new Map(entity.topics.map((t) => [t.slug, t.title]));
  const row = (relation) => {
    const arrow = relation.direction === 'OUT' ? '→' : '←';
    const evidence = relation.evidence.length
      ? truncatedList(relation.evidence, (slug) => h('li', {}, linkButton(titles.get(slug) ?? slug, () => go.topic(slug))), {
          limit: 3,
          className: 'evidence',
          more: (n) => `${n} more topics`,
        })
      : h('p', { className: 'muted' }, 'From the ontology; no topic names both.');
    return h('li', { className: 'relation' },
      h('div', {}, h('span', { className: 'arrow' }, arrow), ' ', h('code', { className: 'relation-type' }, relation.type), ' ', entityLink(relation.entity, go)),
      evidence);
  };
  return h('section', {}, h('h3', {}, `Relations (${entity.relations.length})`), h('ul', { className: 'relations' }, entity.relations.map(row)));
}

export function topicRow(topic, go) {
  return h('li', { className: 'topic-row' },
    linkButton(topic.title, () => go.topic(topic.slug)),
    h('div', { className: 'cite' },
      h('code', {}, citation(topic.source)),
      ' · ',
      h('a', { href: go.topicUrl(topic.slug), target: '_blank', rel: 'noopener' }, 'JSON')));
}

function topics(entity, go) {
  return h('section', {},
    h('h3', {}, `Topics that mention it (${entity.topics.length})`),
    entity.topics.length
      ? truncatedList(entity.topics, (t) => topicRow(t, go), { limit: 30, className: 'topics' })
      : h('p', { className: 'muted' }, 'No topic of the notes names it.'));
}

/**
 * @param entity the GraphQL entity (api.entity)
 * @param go { entity(slug), topic(slug), topicUrl(slug), centre?(slug) } navigation
 */
export function entityPanel(entity, go) {
  return h('div', { className: 'entity', 'data-slug': entity.slug },
    h('header', {},
      h('h2', {}, entity.name),
      typeBadge(entity.type),
      ' ',
      h('code', { className: 'slug' }, entity.slug),
      go.centre ? h('button', { type: 'button', className: 'small', on: { click: () => go.centre(entity.slug) } }, 'Centre the graph here') : null),
    entity.description ? h('p', { className: 'description' }, entity.description) : null,
    entity.aliases.length
      ? h('section', {}, h('h3', {}, 'Aliases'), h('ul', { className: 'chips' }, entity.aliases.map((alias) => h('li', {}, alias))))
      : null,
    attributes(entity),
    relations(entity, go),
    topics(entity, go));
}
