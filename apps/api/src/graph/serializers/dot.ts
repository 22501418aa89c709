import type { GraphDocument } from '../graph.types.js';

/*
 * Hand-written rather than ts-graphviz: its toDot (3.0.x) leaves backslashes
 * as they are, so a label ending in "\" escapes the closing quote and the file
 * no longer parses. The DOT quoting rules we need fit in one function.
 */

/** A DOT double-quoted string: quote and backslash escaped, line breaks as \n, other control characters dropped. */
export function dotString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${escaped}"`;
}

function attributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([key, value]) => `${key}=${typeof value === 'number' ? value : dotString(value)}`)
    .join(', ');
}

/** The graph as a Graphviz digraph (text/vnd.graphviz); kind/type/evidence ride along as attributes. */
export function toDot(graph: GraphDocument): string {
  const lines = ['digraph kubenotes {', '  node [shape=box];'];
  for (const node of graph.nodes) {
    const attrs: Record<string, string> = { label: node.label, kind: node.kind, slug: node.slug };
    if (node.type) attrs.type = node.type;
    if (node.kind === 'topic') attrs.shape = 'note';
    lines.push(`  ${dotString(node.id)} [${attributes(attrs)}];`);
  }
  for (const edge of graph.edges) {
    const attrs: Record<string, string | number> = { label: edge.type, type: edge.type, weight: edge.weight };
    if (edge.evidence.length) attrs.evidence = edge.evidence.join(' ');
    lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)} [${attributes(attrs)}];`);
  }
  lines.push('}', '');
  return lines.join('\n');
}
