import { readFileSync } from 'node:fs';
import { describe, it, expect } from '@jest/globals';
import { parseDocument } from '../../seed/parser/parse-document.js';
import { checkManifest, extractManifest, loadApiRemovals } from '../../seed/parser/manifests.js';
import { detectSnippets } from '../../seed/parser/blocks.js';
import { detectLang } from '../../seed/parser/lang.js';
import type { ParsedSection, ParsedSnippet } from '../../seed/parser/types.js';

const NOTES = readFileSync(new URL('../../seed/notes/k8s-notes.txt', import.meta.url), 'utf8');
const LINES = NOTES.split('\n');
const doc = parseDocument('k8s-notes.txt', NOTES);
const all = (sections: ParsedSection[]): ParsedSection[] => sections.flatMap((s) => [s, ...all(s.children)]);
const snippets = (d = doc): ParsedSnippet[] => all(d.sections).flatMap((s) => s.snippets);
const brief = (s: ParsedSnippet) => [s.kind, s.lineStart, s.lineEnd];

const TOP: Array<[string, number]> = [
  ['Pod的Volume与PV的区别', 1], ['扩展 PV 空间', 9], ['Pod', 35], ['Pod的生命周期', 46],
  ['Pause容器的作用', 49], ['Init 容器能做什么？', 54], ['PDB', 70], ['preStop', 82], ['postStart', 93],
  ['该什么时候使用存活（liveness）和就绪（readiness）探针?', 113], ['API Server的具体的功能', 120],
  ['kube-controller-manager', 123], ['cloud-controller-manager', 129], ['kube-proxy mode', 135],
  ['label selector', 138], ['rolling update过程', 172], ['部署策略', 178], ['stateful set 部署和scaling顺序保证', 190],
  ['nginx ingress controller', 209], ['service', 262], ['访问服务的五种方式', 361], ['外部访问pod的方法', 417],
  ['proxy', 428], ['无状态服务、普通有状态服务和有状态集群服务', 441], ['Control Panel 核心概念 Pod', 497],
  ['NodeAffinity Node 亲和性调度', 553], ['pod eviction', 590], ['下面两种类型应用适合使用local volume', 639],
];

describe('parseDocument on the seed notes', () => {
  it('detects the notes format and counts lines', () => {
    expect(doc.format).toBe('notes');
    expect(doc.lineCount).toBe(643);
  });

  it('finds the 28 top-level sections in order with their start lines', () => {
    expect(doc.sections.map((s) => [s.title, s.lineStart])).toEqual(TOP);
    expect(doc.sections.every((s) => s.level === 1)).toBe(true);
  });

  it('gives the Service section exactly its three subsections', () => {
    const service = doc.sections.find((s) => s.lineStart === 262)!;
    expect(service.children.map((c) => [c.title, c.lineStart, c.level])).toEqual([
      ['Type ExternalName', 270, 2], ['External IPs', 289, 2], ['headless service', 310, 2],
    ]);
    expect(service.lineEnd).toBe(359);
    expect(service.body.split('\n')).toHaveLength(269 - 263 + 1);
    expect(doc.sections.filter((s) => s.children.length > 0)).toHaveLength(1);
  });

  it('derives the title of the untitled header from its first prose line', () => {
    const last = doc.sections[27]!;
    expect(last.titleDerived).toBe(true);
    expect(last.title).toBe('下面两种类型应用适合使用local volume');
    expect(doc.sections.slice(0, 27).every((s) => !s.titleDerived)).toBe(true);
  });

  it('never turns a single-# line into a header', () => {
    const headerLines = new Set(all(doc.sections).map((s) => s.lineStart));
    LINES.forEach((line, i) => {
      if (/^\s*#(?!#)/.test(line)) expect(headerLines.has(i + 1)).toBe(false);
    });
    expect(headerLines.has(88)).toBe(false); // "# Introduce a delay..." inside the preStop YAML
    expect(headerLines.has(268)).toBe(false); // "#If the external service..."
    expect(headerLines.has(370)).toBe(false); // "# 生成client-certificate-data"
  });

  it('keeps every snippet equal to its source lines', () => {
    const list = snippets();
    expect(list.length).toBeGreaterThan(10);
    for (const s of list) {
      expect(s.content).toBe(LINES.slice(s.lineStart - 1, s.lineEnd).join('\n'));
    }
  });

  it('finds every embedded block with the right kind and range', () => {
    expect(snippets().map(brief)).toEqual([
      ['yaml', 23, 33], ['yaml', 73, 81], ['yaml', 83, 92], ['yaml', 94, 108],
      ['yaml', 140, 141], ['yaml', 144, 149], ['yaml', 153, 170],
      ['yaml', 225, 236], ['shell', 241, 241], ['output', 242, 248], ['shell', 251, 251], ['yaml', 255, 260],
      ['yaml', 275, 282], ['yaml', 295, 308],
      ['shell', 313, 313], ['output', 314, 318], ['shell', 321, 321], ['output', 322, 330],
      ['shell', 370, 377], ['shell', 387, 387], ['shell', 391, 391], ['output', 392, 392],
      ['shell', 397, 397], ['output', 398, 403], ['shell', 422, 423],
      ['yaml', 564, 588],
    ]);
  });

  it('keeps prose lines that merely look like key: value out of snippets', () => {
    const covered = (n: number) => snippets().some((s) => n >= s.lineStart && n <= s.lineEnd);
    expect(covered(47)).toBe(false); // Pod phase: Pending, Running, ...
    expect(covered(130)).toBe(false); // 节点控制器: 用于检查云提供商...
    expect(covered(593)).toBe(false); // Kube-controller-manager: 周期性检查...
    expect(covered(434)).toBe(false); // kubectl expose creates a service for existing pods
    expect(covered(421)).toBe(false); // kubectl port-forward 指令来实现...
    expect(covered(424)).toBe(false); // English prose after port-forward commands
  });

  it('extracts every manifest with its API status', () => {
    const manifests = snippets().filter((s) => s.manifest).map((s) => [s.lineStart, s.manifest]);
    expect(manifests).toEqual([
      [23, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: 'gluster-vol-default' }],
      [73, {
        apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', name: 'nginx-pdb',
        deprecated: expect.objectContaining({ replacement: 'policy/v1', removedIn: '1.25' }),
      }],
      [225, {
        apiVersion: 'extensions/v1beta1', kind: 'Ingress', name: 'test-ingress',
        deprecated: expect.objectContaining({ replacement: 'networking.k8s.io/v1', removedIn: '1.22' }),
      }],
      [255, {
        apiVersion: 'extensions/v1beta1', kind: 'Ingress', name: 'test-ingress',
        deprecated: expect.objectContaining({ replacement: 'networking.k8s.io/v1', removedIn: '1.22' }),
      }],
      [275, { apiVersion: 'v1', kind: 'Service', name: 'my-service' }],
      [295, { apiVersion: 'v1', kind: 'Service', name: 'my-service' }],
      [564, { apiVersion: 'v1', kind: 'Pod', name: 'with-node-affinity' }],
    ]);
  });

  it('reproduces the parse captured before the Markdown rewrite, new fields aside', () => {
    const captured: unknown = JSON.parse(readFileSync(new URL('../fixtures/seed-notes-parse.json', import.meta.url), 'utf8'));
    const withoutNewFields = (sections: ParsedSection[]): unknown[] => sections.map(({ blocks: _b, children, snippets: list, ...rest }) => ({
      ...rest,
      snippets: list.map(({ language: _l, ...snippet }) => snippet),
      children: withoutNewFields(children),
    }));
    const { metadata: _m, sections, ...head } = doc;
    expect({ ...head, sections: withoutNewFields(sections) }).toEqual(captured);
    expect(snippets().every((s) => s.language === null)).toBe(true);
    expect(doc.metadata).toEqual({ title: null, description: null, tags: [], aliases: [], extra: {} });
  });

  it('keeps the prose of every section verbatim in blocks of consecutive lines', () => {
    for (const section of all(doc.sections)) {
      for (const block of section.blocks) {
        expect(block.text).toBe(block.lines.map((n) => LINES[n - 1]).join('\n'));
        expect(block.lines).toEqual(block.lines.map((_, k) => block.lines[0]! + k));
      }
    }
  });

  it('parses CRLF input to the same structure', () => {
    const crlf = parseDocument('k8s-notes.txt', NOTES.replace(/\n/g, '\r\n'));
    expect(crlf).toEqual(doc);
  });

  it('sets section languages', () => {
    expect(doc.sections[0]!.lang).toBe('zh');
    expect(doc.sections.find((s) => s.title === 'stateful set 部署和scaling顺序保证')!.lang).toBe('en');
    expect(detectLang('Pod 中可以共享两种资源 network and storage volumes')).toBe('mixed');
  });
});

describe('snippet detection edge cases', () => {
  it('handles tabs and full-width punctuation', () => {
    const text = [
      '#######示例#######',
      '注意：这里是中文说明，不是 YAML（只是一句话）',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '\tname: web',
      '备注：完成',
      '$ kubectl get pods',
      'NAME\tREADY\tSTATUS',
      'web-1\t1/1\tRunning',
      '部署完成。',
    ].join('\n');
    const d = parseDocument('tabs.txt', text);
    expect(d.sections).toHaveLength(1);
    expect(d.sections[0]!.snippets.map(brief)).toEqual([['yaml', 3, 6], ['shell', 8, 8], ['output', 9, 10]]);
    expect(d.sections[0]!.snippets[0]!.manifest).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
  });

  it('does not take a single key: value prose line for YAML', () => {
    expect(detectSnippets(['Pod phase: Pending, Running', 'Note: read the docs first before you do anything'])).toEqual([]);
  });

  it('splits multi-document YAML into one manifest per document', () => {
    const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: a', '---', 'apiVersion: apps/v1beta2', 'kind: Deployment', 'metadata:', '  name: b'];
    const d = parseDocument('multi.txt', `######multi######\n${lines.join('\n')}`);
    const got = d.sections[0]!.snippets.map((s) => [s.lineStart, s.lineEnd, s.manifest?.kind, s.manifest?.name, s.manifest?.deprecated?.replacement]);
    expect(got).toEqual([[2, 5, 'Service', 'a', undefined], [7, 10, 'Deployment', 'b', 'apps/v1']]);
  });

  it('falls back to regex extraction on invalid YAML and never throws', () => {
    const broken = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\nspec: [unclosed';
    expect(extractManifest(broken, loadApiRemovals())).toEqual({
      apiVersion: 'batch/v1beta1', kind: 'CronJob', name: 'nightly',
      deprecated: expect.objectContaining({ replacement: 'batch/v1', removedIn: '1.25' }),
    });
    expect(extractManifest('kind: [', loadApiRemovals())).toBeUndefined();
  });

  it('checks the removal table', () => {
    const removals = loadApiRemovals();
    expect(checkManifest('apps/v1', 'Deployment', removals)).toBeUndefined();
    expect(checkManifest('policy/v1beta1', 'PodSecurityPolicy', removals)).toMatchObject({ removedIn: '1.25', replacement: 'none' });
    expect(checkManifest('autoscaling/v2beta2', 'HorizontalPodAutoscaler', removals)).toMatchObject({ removedIn: '1.26', replacement: 'autoscaling/v2' });
    expect(checkManifest('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', removals)).toMatchObject({ removedIn: '1.32' });
  });
});

describe('parseDocument on Markdown', () => {
  const md = [
    '# Services', // 1
    'Intro text.',
    '',
    '## ClusterIP',
    '```yaml', // 5
    '# comment inside the fence',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web', // 10
    '```',
    '### Deeper',
    '```bash',
    '# kubectl get svc',
    'kubectl get svc', // 15
    '```',
    '# Probes ##',
    'Text',
  ].join('\n');
  const d = parseDocument('doc.md', md);

  it('detects markdown and nests headings by depth', () => {
    expect(d.format).toBe('markdown');
    const shape = (s: ParsedSection): unknown => [s.title, s.level, s.lineStart, s.lineEnd, s.children.map(shape)];
    expect(d.sections.map(shape)).toEqual([
      ['Services', 1, 1, 16, [['ClusterIP', 2, 4, 16, [['Deeper', 3, 12, 16, []]]]]],
      ['Probes', 1, 17, 18, []],
    ]);
  });

  it('turns fenced blocks into snippets and ignores # inside fences', () => {
    const clusterIp = d.sections[0]!.children[0]!;
    const deeper = clusterIp.children[0]!;
    expect(clusterIp!.snippets.map(brief)).toEqual([['yaml', 6, 10]]);
    expect(clusterIp!.snippets[0]!.content.startsWith('# comment inside the fence')).toBe(true);
    expect(clusterIp!.snippets[0]!.manifest).toEqual({ apiVersion: 'v1', kind: 'Service', name: 'web' });
    expect(deeper!.snippets.map(brief)).toEqual([['shell', 14, 15]]);
  });
});
