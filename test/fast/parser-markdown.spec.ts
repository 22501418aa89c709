import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parseDocument, splitLines } from '../../seed/parser/parse-document.js';
import { detectFormat } from '../../seed/parser/headers.js';
import { buildTopicGraph } from '../../seed/parser/topic-graph.js';
import type { ParsedDocument, ParsedSection, ParsedSnippet } from '../../seed/parser/types.js';
import { citationProblems, derivableByDeletion } from '../support/citations.js';

const ROOT = fileURLToPath(new URL('../fixtures/markdown-notes/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(md|markdown)$/.test(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

const FIXTURES = files(ROOT).map((path) => {
  const name = relative(ROOT, path);
  const text = readFileSync(path, 'utf8');
  return { name, text, lines: splitLines(text), doc: parseDocument(name, text, { format: 'markdown' }) };
});
const fixture = (name: string) => FIXTURES.find((f) => f.name === name)!;
const docOf = (name: string): ParsedDocument => fixture(name).doc;
const flatten = (sections: ParsedSection[]): ParsedSection[] => sections.flatMap((s) => [s, ...flatten(s.children)]);
/** [title, level, lineStart, lineEnd, children] all the way down. */
const shape = (s: ParsedSection): unknown[] => [s.title, s.level, s.lineStart, s.lineEnd, s.children.map(shape)];
const brief = (s: ParsedSnippet) => [s.kind, s.language, s.lineStart, s.lineEnd];
const blockTexts = (s: ParsedSection) => s.blocks.map((b) => b.text);

describe('the Markdown fixture tree', () => {
  it('has every case the ingest needs: nested README.md, same-named files, both extensions, an empty file', () => {
    expect(FIXTURES.map((f) => f.name)).toEqual([
      'README.md', 'concepts/README.md', 'concepts/objects/README.md', 'concepts/objects/pod.md',
      'concepts/objects/service.md', 'reference/README.md', 'reference/cheat-sheet.markdown', 'reference/empty.md',
      'reference/heading-only.md', 'troubleshooting/README.md', 'troubleshooting/pod.md',
    ]);
    const raw = readFileSync(join(ROOT, 'troubleshooting/pod.md'));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // git must not have stripped the BOM...
    expect(raw.includes('\r\n')).toBe(true); // ...nor the CRLF line ends (see test/fixtures/.gitattributes)
  });

  it('cites exactly: every section, snippet, block and passage of every fixture holds its text', () => {
    for (const { doc, lines } of FIXTURES) expect(citationProblems(doc, lines)).toEqual([]);
    const counted = FIXTURES.flatMap((f) => flatten(f.doc.sections));
    expect(counted.length).toBeGreaterThan(25);
    expect(counted.flatMap((s) => s.blocks).length).toBeGreaterThan(40);
  });

  it('leaves no Markdown, HTML or shortcode markup in the prose', () => {
    // (`<name>.<namespace>` in service.md is inline code, so text; real tags are named here)
    const markup = /\{\{|:::|!!!|<\/?(?:abbr|pre|code|details|summary|p|br|img)\b|\]\(|\]\[|^\s*[|*+-]\s|\*\*|^\s*#|^\s*>|&amp;|`|\{width=/m;
    for (const { doc } of FIXTURES) {
      for (const section of flatten(doc.sections)) {
        for (const block of section.blocks) expect([doc.name, block.text]).not.toEqual([doc.name, expect.stringMatching(markup)]);
        expect(section.title).not.toMatch(markup);
      }
    }
  });
});

describe('Markdown structure', () => {
  it('nests headings by depth, Setext ones included, with the shallowest at level 1', () => {
    expect(docOf('README.md').sections.map(shape)).toEqual([
      ['Kubernetes study notes', 1, 1, 35, [
        ['Layout', 2, 10, 16, []],
        ['Conventions', 2, 18, 25, []],
        ['Multi-line Setext title', 2, 27, 35, []],
      ]],
    ]);
    expect(docOf('concepts/objects/pod.md').sections.map(shape)).toEqual([
      ['Pod', 1, 13, 14, []],
      ['Lifecycle', 1, 16, 50, [
        ['Init containers', 2, 25, 50, [
          ['Restart policy', 3, 46, 50, []],
        ]],
      ]],
      ['Probes', 1, 52, 78, []],
    ]);
  });

  it('does not create empty levels for skipped depths and derives the title of an empty heading', () => {
    expect(docOf('troubleshooting/pod.md').sections.map(shape)).toEqual([
      ['Pod troubleshooting', 1, 1, 28, [
        ['Pending', 2, 5, 13, []],
        ['ImagePullBackOff means the image cannot…', 2, 15, 20, []],
        ['CrashLoopBackOff', 2, 22, 28, []],
      ]],
    ]);
    const derived = flatten(docOf('troubleshooting/pod.md').sections).filter((s) => s.titleDerived);
    expect(derived.map((s) => s.lineStart)).toEqual([15]);
  });

  it('never takes a heading from code, HTML, front matter, a shortcode or an admonition', () => {
    const titles = FIXTURES.flatMap((f) => flatten(f.doc.sections).map((s) => s.title));
    for (const inside of ['Not a heading', 'Not a heading either', 'Still not a heading', 'A commented-out heading']) {
      expect(titles).not.toContain(inside);
    }
    expect(titles.filter((t) => /comment|wait until|check the probes|Events:/i.test(t))).toEqual([]);
    expect(docOf('concepts/objects/service.md').sections.map(shape)).toEqual([
      ['Service', 1, 1, 63, [['ClusterIP', 2, 9, 29, []], ['Headless Services', 2, 31, 63, []]]],
    ]);
    expect(docOf('troubleshooting/README.md').sections.map(shape)).toEqual([
      ['Troubleshooting', 1, 1, 43, [['Checklist', 2, 22, 43, []]]],
    ]);
  });

  it('makes a heading-less document one section and a heading-only document one empty section', () => {
    const reference = docOf('reference/README.md');
    expect(reference.sections.map(shape)).toEqual([['Reference pages: the glossary, the…', 1, 1, 4, []]]);
    expect(reference.sections[0]!.titleDerived).toBe(true);
    const glossary = docOf('reference/heading-only.md').sections;
    expect(glossary.map(shape)).toEqual([['Glossary', 1, 1, 1, []]]);
    expect(glossary[0]).toMatchObject({ body: '', blocks: [], snippets: [], titleDerived: false });
    expect(docOf('reference/empty.md')).toMatchObject({ lineCount: 0, sections: [] });
  });

  it('titles the content after front matter with the front matter title, never with a derived one', () => {
    const concepts = docOf('concepts/README.md').sections[0]!;
    expect([concepts.title, concepts.titleDerived, concepts.lineStart, concepts.lineEnd]).toEqual(['Concepts', false, 13, 14]);
    const sheet = docOf('reference/cheat-sheet.markdown').sections;
    expect(sheet.map(shape)).toEqual([['kubectl cheat sheet', 1, 6, 11, []]]);
  });

  it('takes the format from the caller when given, and detects it otherwise', () => {
    const { text } = fixture('reference/README.md');
    expect(detectFormat(splitLines(text))).toBe('notes');
    expect(parseDocument('reference/README.md', text).format).toBe('notes');
    expect(parseDocument('reference/README.md', text, { format: 'markdown' }).format).toBe('markdown');
    expect(parseDocument('pod.md', fixture('concepts/objects/pod.md').text).format).toBe('markdown');
  });
});

describe('front matter', () => {
  it('reads YAML front matter into the metadata, YAML comments included as nothing', () => {
    expect(docOf('concepts/README.md').metadata).toEqual({
      title: 'Concepts',
      description: 'Objects and controllers, one page each.',
      tags: ['kubernetes', 'concepts'],
      aliases: ['/notes/concepts/'],
      extra: { weight: 10, draft: false },
    });
  });

  it('reads TOML front matter, tables and dates included', () => {
    expect(docOf('concepts/objects/pod.md').metadata).toEqual({
      title: 'Pod',
      description: 'The smallest deployable unit.',
      tags: ['workload', 'pod'],
      aliases: [],
      extra: { date: '2024-05-01T08:00:00.000+08:00', weight: 20, params: { toc: true } },
    });
  });

  it('accepts a single tag and keeps front matter out of every section', () => {
    expect(docOf('reference/cheat-sheet.markdown').metadata).toMatchObject({ title: 'kubectl cheat sheet', tags: ['kubectl'] });
    for (const name of ['concepts/README.md', 'concepts/objects/pod.md', 'reference/cheat-sheet.markdown']) {
      const end = fixture(name).lines.findIndex((l, i) => i > 0 && /^(---|\+\+\+)$/.test(l)) + 1;
      for (const s of flatten(docOf(name).sections)) {
        expect(s.lineStart).toBeGreaterThan(end);
        for (const b of s.blocks) expect(b.lines[0]).toBeGreaterThan(end);
      }
    }
  });

  it('gives empty metadata for malformed front matter instead of failing', () => {
    const doc = parseDocument('bad.md', '---\ntitle: [unclosed\n---\n\n# Heading\n\nText.\n', { format: 'markdown' });
    expect(doc.metadata).toEqual({ title: null, description: null, tags: [], aliases: [], extra: {} });
    expect(doc.sections.map((s) => s.title)).toEqual(['Heading']);
  });
});

describe('snippets', () => {
  it('turns fenced, indented and <pre> code into snippets with their language and kind', () => {
    const service = flatten(docOf('concepts/objects/service.md').sections).flatMap((s) => s.snippets);
    expect(service.map(brief)).toEqual([
      ['yaml', 'html', 12, 22], ['shell', 'html', 25, 28],
      ['shell', null, 35, 36], ['yaml', 'yaml', 44, 49], ['yaml', 'yaml', 51, 54],
      ['text', 'json', 58, 58], ['shell', null, 62, 62],
    ]);
    expect(service.map((s) => s.manifest && [s.manifest.kind, s.manifest.name, s.manifest.deprecated?.replacement ?? null])).toEqual([
      ['Service', 'web', null], undefined, undefined, ['Service', 'web-headless', null], ['Ingress', 'web', 'networking.k8s.io/v1'],
      undefined, undefined,
    ]);
    expect(service[0]!.content.split('\n')[0]).toBe('# service.yaml: a ClusterIP Service');
  });

  it('keeps # lines inside code as code and reads Hugo highlight bodies as code', () => {
    const pod = flatten(docOf('concepts/objects/pod.md').sections).flatMap((s) => s.snippets);
    expect(pod.map(brief)).toEqual([['yaml', 'yaml', 29, 42], ['shell', 'bash', 73, 74]]);
    expect(pod[0]!.manifest).toEqual({ apiVersion: 'v1', kind: 'Pod', name: 'web' });
    expect(pod[1]!.content).toBe('# check the probes of a Pod\nkubectl describe pod web | grep -A3 Liveness');
  });

  it('handles console, tab-indented and tilde-fenced code under CRLF and a BOM', () => {
    const list = flatten(docOf('troubleshooting/pod.md').sections).flatMap((s) => s.snippets);
    expect(list.map(brief)).toEqual([['shell', 'console', 10, 12], ['shell', null, 19, 20], ['shell', 'bash', 27, 27]]);
    expect(list[1]!.content).toBe('\t$ kubectl describe pod web\n\t# Events: this line is not a heading');
  });

  it('gives the same parse for CRLF + BOM as for the same text with LF and no BOM', () => {
    const { text, doc } = fixture('troubleshooting/pod.md');
    expect(parseDocument('troubleshooting/pod.md', text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'), { format: 'markdown' })).toEqual(doc);
  });

  it('maps fence languages to kinds', () => {
    const md = ['```sh', 'ls', '```', '```powershell', 'Get-Service kubelet', '```', '```log', 'E0101 failed', '```',
      '```go', 'func main() {}', '```', '```YML', 'a: 1', '```'].join('\n');
    const got = parseDocument('k.md', md, { format: 'markdown' }).sections[0]!.snippets.map((s) => [s.language, s.kind]);
    expect(got).toEqual([['sh', 'shell'], ['powershell', 'shell'], ['log', 'output'], ['go', 'text'], ['yml', 'yaml']]);
  });
});

describe('prose blocks', () => {
  it('keeps link labels and image alt text, and drops URLs, definitions and comments', () => {
    const intro = docOf('README.md').sections[0]!;
    expect(intro.blocks).toEqual([{
      text: 'Notes kept while learning Kubernetes: concepts first, then troubleshooting.\n'
        + 'See the concepts and the cluster diagram below,\nor the reference pages.',
      lines: [4, 5, 6],
    }]);
    expect(blockTexts(intro.children[2]!)).toEqual([
      'Text under a Setext heading written over two lines.',
      'Written by hand, checked against https://kubernetes.io/docs/.',
    ]);
  });

  it('keeps tables as rows of cells joined by " | ", the delimiter row an empty line', () => {
    const layout = docOf('README.md').sections[0]!.children[0]!;
    expect(layout.blocks).toEqual([{
      text: 'Folder | What it holds\n\nconcepts/ | objects such as Pod and Service\ntroubleshooting/ | what to do when a Pod does not start',
      lines: [13, 14, 15, 16],
    }]);
  });

  it('unwraps Hugo shortcodes: inline text kept, markers gone, titles kept with their content', () => {
    const [preamble, lifecycle, probes] = docOf('concepts/objects/pod.md').sections;
    expect(blockTexts(preamble!)).toEqual([
      'A Pod groups containers that share a network namespace and volumes; the\ncontrol plane schedules it as one unit.',
    ]);
    expect(blockTexts(lifecycle!)).toEqual([
      'A Pod moves through Pending, Running and then Succeeded or Failed.',
      'Not a heading\nA Pod is not rescheduled by itself: use a controller such as a Deployment.',
    ]);
    expect(blockTexts(lifecycle!.children[0]!.children[0]!)).toEqual([
      '重启策略\nrestartPolicy 作用于 Pod 中的所有容器，取值为 Always、OnFailure 或 Never。',
    ]);
    expect(probes!.blocks).toEqual([
      { text: 'HTTP\nAn HTTP probe calls a path on the container.', lines: [55, 56] },
      { text: 'Exec\nAn exec probe runs a command inside the container.', lines: [58, 59] },
      { text: 'Probe kinds\n\nProbe | Fails when\n\nliveness | the app is stuck\nreadiness | the app cannot serve yet', lines: [63, 64, 65, 66, 67, 68] },
      { text: 'Pod lifecycle', lines: [77] },
    ]);
  });

  it('unwraps Docusaurus, VuePress and MkDocs admonitions with their titles', () => {
    const [top] = docOf('troubleshooting/README.md').sections;
    expect(blockTexts(top!)).toEqual([
      'Start from the symptom, then narrow it down.',
      'Read the events first\nkubectl get events --sort-by=.lastTimestamp shows what the scheduler and the kubelet said.',
      'Not a heading either\nDeleting a Pod by hand only helps when a controller recreates it.',
      '生产环境\n不要在生产环境中使用 kubectl delete --force。',
      'Where logs go\nContainer logs live on the node under /var/log/pods.',
    ]);
    const checklist = top!.children[0]!;
    expect(blockTexts(checklist)).toEqual([
      'Before you ask\nCollect the kubectl describe output.',
      'Still not a heading\nInclude the kubelet log of the node.',
      'The Pod is scheduled\nThe image can be pulled\nThe node is Ready checked twice',
      'Write a new admonition like this (markup inside code stays code):',
    ]);
    // the same markup inside a fence is code: nothing unwrapped, no title taken out of it
    expect(checklist.snippets.map(brief)).toEqual([['text', 'markdown', 37, 42]]);
    expect(checklist.snippets[0]!.content).toBe(fixture('troubleshooting/README.md').lines.slice(36, 42).join('\n'));
  });

  it('drops HTML tags and comments but keeps their text, references decoded', () => {
    const [service] = docOf('concepts/objects/service.md').sections;
    expect(blockTexts(service!)).toEqual(['A Service gives a set of Pods one stable address. DNS names it <name>.<namespace>.svc.']);
    expect(service!.children[1]!.blocks).toEqual([
      { text: 'A headless Service has clusterIP: None; DNS then answers with the Pod addresses.', lines: [33] },
      { text: 'Why no load balancing?\nClients pick an address & connect to it themselves.', lines: [39, 40] },
    ]);
  });

  it('keeps tabs inside prose and sets languages from the prose', () => {
    expect(blockTexts(docOf('troubleshooting/pod.md').sections[0]!)).toEqual(['When a Pod\tdoes not start, look at its status first.']);
    const concepts = docOf('concepts/README.md').sections;
    expect(concepts.map((s) => s.lang)).toEqual(['en', 'en', 'zh']);
  });
});

describe('the topic graph of a deep document', () => {
  it('flattens any depth in document order, parents first, with their levels and blocks', () => {
    const topics = buildTopicGraph(docOf('concepts/objects/pod.md'), {
      findMentions: () => [], slugTakenElsewhere: () => false, documentSlug: 'pod',
    });
    expect(topics.map((t) => [t.position, t.slug, t.parentSlug, t.level, t.lineStart])).toEqual([
      [0, 'pod', null, 1, 13],
      [1, 'lifecycle', null, 1, 16],
      [2, 'init-containers', 'lifecycle', 2, 25],
      [3, 'restart-policy', 'init-containers', 3, 46],
      [4, 'probes', null, 1, 52],
    ]);
    expect(topics[3]!.blocks).toEqual(docOf('concepts/objects/pod.md').sections[1]!.children[0]!.children[0]!.blocks);
  });
});

describe('the citation check itself (negative controls)', () => {
  const { doc, lines } = fixture('concepts/objects/pod.md');

  it('allows deleting characters only, whitespace and character references aside', () => {
    expect(derivableByDeletion('See the [concepts](concepts/README.md)', 'See the concepts')).toBe(true);
    expect(derivableByDeletion('| a | b |', 'a | b')).toBe(true);
    expect(derivableByDeletion('Clients &amp; servers', 'Clients & servers')).toBe(true);
    expect(derivableByDeletion('See the concepts', 'See the concept list')).toBe(false);
    expect(derivableByDeletion('ab', 'ba')).toBe(false);
  });

  it('reports a block whose text is not on its line, and a snippet moved by one line', () => {
    const broken = structuredClone(doc);
    const lifecycle = broken.sections[1]!;
    lifecycle.blocks[0]!.lines = [19];
    lifecycle.children[0]!.snippets[0]!.lineStart += 1;
    lifecycle.children[0]!.snippets[0]!.lineEnd += 1;
    const problems = citationProblems(broken, lines);
    expect(problems.some((p) => p.includes('block 0 line 19'))).toBe(true);
    expect(problems.some((p) => p.includes('snippet 0 is not lines 30-43'))).toBe(true);
  });

  it('reports a wrong level and a title that is not on its heading line', () => {
    const broken = structuredClone(doc);
    broken.sections[1]!.children[0]!.level = 3;
    broken.sections[2]!.lineStart = 53;
    const problems = citationProblems(broken, lines);
    expect(problems.some((p) => p.includes('level 3, expected 2'))).toBe(true);
    expect(problems.some((p) => p.includes('title not on line 53'))).toBe(true);
  });
});
