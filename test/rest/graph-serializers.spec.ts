import { describe, expect, it } from '@jest/globals';
import parseDot from 'dotparser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { GraphDocument } from '../../apps/api/src/graph/graph.types.js';
import { toDot } from '../../apps/api/src/graph/serializers/dot.js';
import { toGraphml } from '../../apps/api/src/graph/serializers/graphml.js';

/** Labels come from the notes: anything a notes file can hold must leave both formats well formed. */
const HOSTILE = ['ends with a backslash \\', 'say "hi"', '<b>&amp;</b> \'x\'', 'line\nbreak\r\nand\ttab', 'NUL\u0000BEL\u0007', '无头服务 🚀', '\\"', 'lone \uD800 surrogate', ']]> -->'];

function graphOf(labels: string[]): GraphDocument {
  return {
    nodes: labels.map((label, i) => ({ id: `topic:t${i}`, kind: 'topic', slug: `t${i}`, label, type: null })),
    edges: labels.slice(1).map((label, i) => ({ from: `topic:t${i}`, to: `topic:t${i + 1}`, type: label, evidence: [label], weight: i })),
  };
}

describe('graph serializers', () => {
  it('writes DOT a Graphviz parser reads back, labels intact up to control characters', () => {
    const [graph] = parseDot(toDot(graphOf(HOSTILE)));
    const nodes = graph!.children.filter((s) => s.type === 'node_stmt');
    expect(nodes).toHaveLength(HOSTILE.length);
    expect(graph!.children.filter((s) => s.type === 'edge_stmt')).toHaveLength(HOSTILE.length - 1);
    const label = (i: number) => (nodes[i] as { attr_list: Array<{ id: string; eq: string }> }).attr_list.find((a) => a.id === 'label')!.eq;
    // A quote comes back as a quote; a backslash stays the escString \\ that Graphviz draws as one backslash.
    expect(label(1)).toBe('say "hi"');
    expect(label(0)).toBe('ends with a backslash \\\\');
    expect(label(5)).toBe('无头服务 🚀');
  });

  it('writes GraphML that is well-formed XML, text intact apart from characters XML forbids', () => {
    const xml = toGraphml(graphOf(HOSTILE));
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['node', 'edge', 'data'].includes(name) }).parse(xml);
    const nodes = parsed.graphml.graph.node as Array<{ data: Array<{ '#text': string; '@key': string }> }>;
    const label = (i: number) => String(nodes[i]!.data.find((d) => d['@key'] === 'label')!['#text']);
    expect(label(2)).toBe('<b>&amp;</b> \'x\'');
    expect(label(1)).toBe('say "hi"');
    expect(label(4)).toBe('NULBEL');
    expect(label(5)).toBe('无头服务 🚀');
    expect(label(7)).toBe('lone  surrogate');
    expect(parsed.graphml.graph.edge).toHaveLength(HOSTILE.length - 1);
  });
});
