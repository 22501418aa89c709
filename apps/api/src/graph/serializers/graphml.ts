import type { GraphDocument } from '../graph.types.js';

/*
 * Hand-written rather than xmlbuilder2: it escapes markup but passes through
 * characters XML 1.0 forbids (U+0000-U+001F, lone surrogates), which makes
 * the file unreadable to XML parsers. GraphML needs only elements and
 * attributes, so escaping plus that filter is all there is to it.
 */

// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an XML attribute value or element. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const KEYS = [
  { id: 'kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'slug', for: 'node', name: 'slug', type: 'string' },
  { id: 'label', for: 'node', name: 'label', type: 'string' },
  { id: 'type', for: 'node', name: 'type', type: 'string' },
  { id: 'relation', for: 'edge', name: 'type', type: 'string' },
  { id: 'evidence', for: 'edge', name: 'evidence', type: 'string' },
  { id: 'weight', for: 'edge', name: 'weight', type: 'int' },
];

function data(key: string, value: string | number): string {
  return `<data key="${key}">${xmlText(String(value))}</data>`;
}

/** The graph as GraphML (application/graphml+xml), readable by yEd, Gephi, networkx and igraph. */
export function toGraphml(graph: GraphDocument): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...KEYS.map((k) => `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`),
    '  <graph id="kubenotes" edgedefault="directed">',
  ];
  for (const node of graph.nodes) {
    const fields = [data('kind', node.kind), data('slug', node.slug), data('label', node.label), ...(node.type ? [data('type', node.type)] : [])];
    lines.push(`    <node id="${xmlText(node.id)}">${fields.join('')}</node>`);
  }
  graph.edges.forEach((edge, index) => {
    const fields = [data('relation', edge.type), data('weight', edge.weight), ...(edge.evidence.length ? [data('evidence', edge.evidence.join(' '))] : [])];
    lines.push(`    <edge id="e${index}" source="${xmlText(edge.from)}" target="${xmlText(edge.to)}">${fields.join('')}</edge>`);
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
