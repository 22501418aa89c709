// The Cytoscape canvas: what is drawn, how it looks, focus and filters.
import { typeColor } from './colors.js';

/* global cytoscape, cytoscapeFcose */
cytoscape.use(cytoscapeFcose);

const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      label: 'data(label)',
      width: 'mapData(degree, 0, 20, 16, 46)',
      height: 'mapData(degree, 0, 20, 16, 46)',
      'font-size': 11,
      color: '#1f2937',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      'min-zoomed-font-size': 6,
    },
  },
  {
    selector: 'edge',
    style: {
      width: 1.4,
      'line-color': '#b6bfcc',
      'target-arrow-color': '#b6bfcc',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      label: 'data(type)',
      'font-size': 8,
      color: '#4b5563',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': 1,
      // Below this on-screen size labels are not drawn: a whole graph zoomed out stays legible and fast.
      'min-zoomed-font-size': 7,
    },
  },
  { selector: '.faded', style: { opacity: 0.12 } },
  { selector: 'edge.near', style: { width: 2.2, 'line-color': '#64748b', 'target-arrow-color': '#64748b' } },
  { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#111827', 'font-weight': 'bold', 'font-size': 13 } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f59e0b' } },
  { selector: '.filtered', style: { display: 'none' } },
];

const LAYOUT = {
  name: 'fcose',
  quality: 'default',
  randomize: true,
  animate: false,
  nodeRepulsion: 9000,
  idealEdgeLength: 80,
  nodeSeparation: 90,
  packComponents: true,
};

export class GraphView {
  /**
   * @param container element to draw in
   * @param onEntity called with a slug when an entity is clicked
   * @param onExpand called with a slug when an entity is double-clicked
   */
  constructor(container, { onEntity, onExpand }) {
    this.container = container;
    this.hiddenTypes = new Set();
    this.hiddenRelations = new Set();
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
    });
    this.cy.on('tap', 'node', (event) => onEntity(event.target.id()));
    this.cy.on('dbltap', 'node', (event) => onExpand(event.target.id()));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) this.clearFocus();
    });
  }

  /**
   * Replaces what is drawn and lays it out.
   * @param nodes [{ slug, name, type }]
   * @param edges [{ from, to, type, evidence }] between those slugs
   */
  draw(nodes, edges) {
    this.container.dataset.state = 'layout';
    const degree = new Map();
    for (const edge of edges) for (const end of [edge.from, edge.to]) degree.set(end, (degree.get(end) ?? 0) + 1);
    const elements = [
      ...nodes.map((n) => ({ group: 'nodes', data: { id: n.slug, label: n.name, type: n.type, color: typeColor(n.type), degree: degree.get(n.slug) ?? 0 } })),
      ...edges.map((e) => ({ group: 'edges', data: { id: `${e.from}|${e.type}|${e.to}`, source: e.from, target: e.to, type: e.type, evidence: e.evidence.length } })),
    ];
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
      this.applyFilters();
    });
    const started = performance.now();
    this.cy.layout(LAYOUT).run();
    this.cy.fit(undefined, 30);
    this.layoutMs = Math.round(performance.now() - started);
    this.container.dataset.state = 'ready';
  }

  has(slug) {
    return this.cy.getElementById(slug).nonempty();
  }

  /** Marks an entity and what lies within `depth` hops, fades the rest, and zooms to them. */
  focus(slug, depth) {
    const node = this.cy.getElementById(slug);
    if (node.empty()) return;
    let near = node;
    for (let i = 0; i < depth; i++) near = near.closedNeighborhood();
    this.cy.batch(() => {
      this.cy.elements().removeClass('focus near').addClass('faded');
      near.removeClass('faded');
      near.edges().addClass('near');
      node.addClass('focus');
    });
    this.cy.elements().unselect();
    node.select();
    const shown = near.filter(':visible');
    if (shown.nonempty()) this.cy.animate({ fit: { eles: shown, padding: 50 }, duration: 300 });
  }

  clearFocus() {
    this.cy.elements().removeClass('focus near faded');
  }

  fitAll() {
    this.clearFocus();
    this.cy.animate({ fit: { eles: this.cy.elements(':visible'), padding: 30 }, duration: 300 });
  }

  setTypeHidden(type, hidden) {
    if (hidden) this.hiddenTypes.add(type);
    else this.hiddenTypes.delete(type);
    this.applyFilters();
  }

  setRelationHidden(type, hidden) {
    if (hidden) this.hiddenRelations.add(type);
    else this.hiddenRelations.delete(type);
    this.applyFilters();
  }

  applyFilters() {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => void n.toggleClass('filtered', this.hiddenTypes.has(n.data('type'))));
      this.cy.edges().forEach((e) => void e.toggleClass('filtered', this.hiddenRelations.has(e.data('type'))));
    });
  }

  /** What is shown now: drawn minus filtered (an edge also goes when an end is hidden). */
  counts() {
    const nodes = this.cy.nodes().not('.filtered');
    const edges = this.cy.edges().not('.filtered').filter((e) => !e.source().hasClass('filtered') && !e.target().hasClass('filtered'));
    return { nodes: nodes.length, edges: edges.length, drawn: this.cy.nodes().length };
  }
}
