// The graph explorer: loads the entity graph, draws it whole or one
// neighbourhood at a time, and keeps the selection in the URL's hash
// (#entity=<slug>, #topic=<slug>) so the browser's Back button and links work.
import { api } from './api.js';
import { typeColor, typeLabel } from './colors.js';
import { h, highlightFragment, replace } from './dom.js';
import { entityPanel } from './entity-panel.js';
import { GraphView } from './graph-view.js';
import { topicPanel } from './topic-panel.js';

/**
 * Up to this many entities the whole graph is laid out and drawn; beyond it,
 * only the neighbourhood of the focused entity (GET /entities/{slug}/neighbors),
 * itself cut to this many. fCoSE lays out on the main thread and its time grows
 * faster than the graph (bench/explore-scale.ts: the seed's 121 entities in
 * 0.3–0.7 s, 300 synthetic ones about 4× that, 600 about 8×, on a busy 2-core
 * machine), and thousands of labelled nodes are unreadable anyway.
 * `?maxNodes=` overrides it.
 */
const DEFAULT_MAX_NODES = 250;
const params = new URLSearchParams(location.search);
const maxNodes = Number(params.get('maxNodes')) > 0 ? Number(params.get('maxNodes')) : DEFAULT_MAX_NODES;

const $ = (id) => document.getElementById(id);
const ui = {
  graph: $('graph'), status: $('status'), panel: $('panel'), results: $('results'),
  search: $('search'), input: $('search-input'), depth: $('depth'), showAll: $('show-all'),
  typeFilter: $('type-filter'), relationFilter: $('relation-filter'),
};

/** Moves the selection; the same hash again would fire no hashchange, so it is routed at once. */
function navigate(hash) {
  if (location.hash === `#${hash}`) void route();
  else location.hash = hash;
}

const go = {
  entity: (slug) => navigate(`entity=${encodeURIComponent(slug)}`),
  topic: (slug) => navigate(`topic=${encodeURIComponent(slug)}`),
  topicUrl: api.topicUrl,
};

const view = new GraphView(ui.graph, { onEntity: go.entity, onExpand: (slug) => void centre(slug) });
// For the browser's console (and the browser test): the Cytoscape instance.
window.explore = { view, cy: view.cy };

/** What the page knows of the whole graph, drawn or not. */
const state = { nodes: [], edges: [], whole: true, root: null, note: '' };
const tooBig = () => state.nodes.length > maxNodes;
const depth = () => Number(ui.depth.value);

function setStatus(message) {
  state.note = message;
  showCounts();
}

function showCounts() {
  const { nodes, edges, drawn } = view.counts();
  const hidden = drawn - nodes;
  const scope = state.whole ? 'the whole graph'
    : `the neighbourhood of ${state.root.name}, depth ${depth()}` + (tooBig() ? ` (the whole graph has over ${maxNodes} entities, too many to lay out at once: search, or double-click an entity to move there)` : '');
  ui.status.textContent = `${nodes} entities and ${edges} relations shown, of ${state.nodes.length} and ${state.edges.length}: ${scope}`
    + (hidden ? ` (${hidden} hidden by the filters)` : '') + (state.note ? `. ${state.note}` : '');
}

function filterList(list, counts, label, color, onToggle) {
  replace(list, [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => {
    const box = h('input', { type: 'checkbox', checked: true, 'data-key': key, on: { change: (e) => onToggle(key, !e.target.checked) } });
    return h('li', {}, h('label', {}, box, color ? h('span', { className: 'dot', style: { 'background-color': color(key) } }) : null, label(key), h('span', { className: 'count' }, String(count))));
  }));
}

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function buildFilters() {
  filterList(ui.typeFilter, countBy(state.nodes, (n) => n.type), typeLabel, typeColor, (type, hidden) => {
    view.setTypeHidden(type, hidden);
    showCounts();
  });
  filterList(ui.relationFilter, countBy(state.edges, (e) => e.type), (t) => t, null, (type, hidden) => {
    view.setRelationHidden(type, hidden);
    showCounts();
  });
}

function drawWhole() {
  state.whole = true;
  state.root = null;
  view.draw(state.nodes, state.edges);
  setStatus(`Laid out in ${view.layoutMs} ms`);
}

/** Draws one entity's neighbourhood: the whole graph is too big, or the reader asked for it. */
async function centre(slug) {
  const hood = await api.neighbors(slug, depth());
  // A hub's neighbourhood can itself be too big: keep the nearest entities (the API lists them by depth).
  const nodes = [...hood.nodes].sort((a, b) => a.depth - b.depth).slice(0, maxNodes);
  const kept = new Set(nodes.map((n) => n.slug));
  const edges = hood.edges.filter((e) => kept.has(e.from) && kept.has(e.to));
  state.whole = false;
  state.root = { slug, name: hood.nodes.find((n) => n.slug === slug)?.name ?? slug };
  view.draw(nodes, edges);
  view.focus(slug, 0);
  setStatus(nodes.length < hood.nodes.length ? `Only the ${nodes.length} nearest of its ${hood.nodes.length} are drawn` : '');
}

async function showEntity(slug) {
  // Only a neighbourhood is drawn and the entity is outside it: draw the entity's.
  if (!view.has(slug)) await centre(slug);
  view.focus(slug, depth());
  const entity = await api.entity(slug);
  if (!entity) throw new Error(`No entity '${slug}'`);
  replace(ui.panel, entityPanel(entity, { ...go, centre: (s) => void centre(s).catch(fail) }));
}

async function showTopic(slug) {
  replace(ui.panel, topicPanel(await api.topic(slug), go));
}

function fail(error) {
  replace(ui.panel, h('p', { className: 'error' }, error.message));
}

/** The hash names what the panel shows: #entity=<slug> or #topic=<slug>. */
async function route() {
  const [kind, value] = location.hash.slice(1).split('=');
  if (!value) return;
  const slug = decodeURIComponent(value);
  ui.panel.setAttribute('aria-busy', 'true');
  try {
    if (kind === 'entity') await showEntity(slug);
    else if (kind === 'topic') await showTopic(slug);
    ui.panel.scrollTop = 0;
  } catch (error) {
    fail(error);
  } finally {
    ui.panel.removeAttribute('aria-busy');
  }
}

function hitRow(hit) {
  const open = () => (hit.kind === 'entity' ? go.entity(hit.slug) : go.topic(hit.slug));
  return h('li', { className: `hit hit-${hit.kind}` },
    h('button', { type: 'button', className: 'link', on: { click: open } }, hit.title),
    h('p', { className: 'highlight' }, highlightFragment(hit.highlight)));
}

/**
 * Lists the hits and focuses the best entity (or opens the best topic). Entities
 * and topics are asked for apart: on 100× the notes a dozen topics outrank the
 * entity a query names. When only neighbourhoods are drawn, the graph moves to the entity's.
 */
async function search(q) {
  const [entities, topics] = await Promise.all([api.search(q, 'entity', 5), api.search(q, 'topic', 10)]);
  const group = (title, hits) => (hits.length ? [h('h3', {}, title), h('ul', { className: 'hits' }, hits.map(hitRow))] : []);
  const count = entities.hits.length + topics.hits.length;
  const [entity] = entities.hits;
  // Folded once an entity is focused, so its panel is what the reader sees first.
  replace(ui.results, h('details', { open: !entity },
    h('summary', {}, count ? `${count} results for “${q}”` : `Nothing found for “${q}”`),
    group('Entities', entities.hits), group('Topics', topics.hits)));
  ui.results.hidden = false;
  if (entity && tooBig()) await centre(entity.slug);
  if (entity) go.entity(entity.slug);
  else if (topics.hits[0]) go.topic(topics.hits[0].slug);
}

ui.search.addEventListener('submit', (event) => {
  event.preventDefault();
  const q = ui.input.value.trim();
  if (q) search(q).catch(fail);
});
ui.depth.addEventListener('change', () => {
  if (!state.whole) centre(state.root.slug).catch(fail);
  else void route();
});
ui.showAll.addEventListener('click', () => {
  if (tooBig()) return;
  if (!state.whole) drawWhole();
  else view.fitAll();
  showCounts();
});
window.addEventListener('hashchange', () => void route());

async function start() {
  const graph = await api.graph();
  state.nodes = graph.nodes.filter((n) => n.kind === 'entity').map((n) => ({ slug: n.slug, name: n.label, type: n.type }));
  const slugOf = (id) => id.slice(id.indexOf(':') + 1);
  state.edges = graph.edges.filter((e) => e.type !== 'MENTIONS').map((e) => ({ ...e, from: slugOf(e.from), to: slugOf(e.to) }));
  buildFilters();
  if (!tooBig()) {
    drawWhole();
  } else {
    ui.showAll.disabled = true;
    ui.showAll.title = `Over ${maxNodes} entities: drawn one neighbourhood at a time`;
    // Until the reader picks one: the best-connected entity's neighbourhood.
    const degree = countBy(state.edges.flatMap((e) => [e.from, e.to]), (slug) => slug);
    const hub = [...degree].sort((a, b) => b[1] - a[1])[0]?.[0] ?? state.nodes[0]?.slug;
    if (hub) await centre(hub);
  }
  await route();
}

start().catch((error) => {
  ui.graph.dataset.state = 'failed';
  ui.status.textContent = `Could not load the graph: ${error.message}`;
});
