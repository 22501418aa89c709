import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseDocument, splitLines } from '../../seed/parser/parse-document.js';
import { cutSectionPassages, shortenPassage, SNIPPET_MAX, TARGET, type CutPassage } from '../../seed/parser/passages.js';
import type { ParsedBlock, ParsedSection } from '../../seed/parser/types.js';
import { citationProblems, derivableByDeletion } from '../support/citations.js';

const NOTES = readFileSync(new URL('../../seed/notes/k8s-notes.txt', import.meta.url), 'utf8');
const flatten = (sections: ParsedSection[]): ParsedSection[] => sections.flatMap((s) => [s, ...flatten(s.children)]);
const SEED = flatten(parseDocument('k8s-notes.txt', NOTES).sections);
/** A section made of prose blocks only, as the notes format gives them (verbatim, consecutive lines). */
const prose = (text: string, firstLine: number): Pick<ParsedSection, 'blocks' | 'snippets'> => ({
  snippets: [],
  blocks: [{ text, lines: text.split('\n').map((_, k) => firstLine + k) }],
});

describe('passages cut from the seed notes', () => {
  it('are the passages the old body-splitting cutter gave, section by section', () => {
    const captured = JSON.parse(readFileSync(new URL('../fixtures/seed-notes-passages.json', import.meta.url), 'utf8')) as
      Array<{ lineStart: number; title: string; passages: CutPassage[] }>;
    expect(SEED.map((s) => ({ lineStart: s.lineStart, title: s.title, passages: cutSectionPassages(s) }))).toEqual(captured);
    expect(captured.flatMap((c) => c.passages).length).toBeGreaterThan(SEED.length);
  });

  it('keep snippets whole up to SNIPPET_MAX and prose near TARGET', () => {
    for (const section of SEED) {
      for (const p of cutSectionPassages(section)) {
        if (p.kind === 'snippet') expect(p.text.length).toBeLessThanOrEqual(SNIPPET_MAX);
        else expect(p.text.length).toBeLessThanOrEqual(TARGET);
      }
    }
  });
});

describe('passages cut from Markdown blocks', () => {
  const long = [
    '# Probes',
    '',
    ...Array.from({ length: 24 }, (_, i) => `Sentence ${i} says **one** thing about [probes](https://example.com/${i}).`),
    '',
    '```yaml',
    'apiVersion: v1',
    'kind: Pod',
    '```',
    '',
    '| Probe | Purpose |',
    '|---|---|',
    '| liveness | restart a stuck container |',
  ].join('\n');
  const doc = parseDocument('probes.md', long, { format: 'markdown' });
  const lines = splitLines(long);
  const [section] = doc.sections;
  const passages = cutSectionPassages(section!);

  it('cite exactly the lines of a piece cut from the middle of a long block', () => {
    const pieces = passages.filter((p) => p.kind === 'prose' && p.lineStart < 27);
    expect(pieces.length).toBeGreaterThan(1);
    const middle = pieces[1]!;
    expect(middle.lineStart).toBeGreaterThan(3);
    const source = (text: string) => {
      const n = /^Sentence (\d+) says one thing about probes\.$/.exec(text)![1];
      return `Sentence ${n} says **one** thing about [probes](https://example.com/${n}).`;
    };
    const texts = middle.text.split('\n');
    expect(lines[middle.lineStart - 1]).toBe(source(texts[0]!));
    expect(lines[middle.lineEnd - 1]).toBe(source(texts.at(-1)!));
    expect(derivableByDeletion(lines[middle.lineStart - 1]!, texts[0]!)).toBe(true);
    expect(citationProblems(doc, lines)).toEqual([]);
  });

  it('interleave prose and snippets in line order', () => {
    expect(passages.map((p) => [p.kind, p.snippetIndex])).toEqual([
      ...passages.filter((p) => p.lineStart < 27).map(() => ['prose', null]),
      ['snippet', 0],
      ['prose', null],
    ]);
    const pod = readFileSync(new URL('../fixtures/markdown-notes/concepts/objects/pod.md', import.meta.url), 'utf8');
    const init = parseDocument('pod.md', pod, { format: 'markdown' }).sections[1]!.children[0]!;
    expect(cutSectionPassages(init).map((p) => [p.kind, p.lineStart, p.lineEnd])).toEqual([
      ['prose', 27, 27], ['snippet', 29, 42], ['prose', 44, 44],
    ]);
  });

  it('shorten across a table delimiter row and still cite the right last line', () => {
    const table = passages.at(-1)!;
    expect(table).toMatchObject({ text: 'Probe | Purpose\n\nliveness | restart a stuck container', lineStart: 33, lineEnd: 35 });
    const short = shortenPassage(table, 20)!;
    expect(short).toMatchObject({ text: 'Probe | Purpose', lineStart: 33, lineEnd: 33 });
  });
});

describe('passage cutting rules', () => {
  const english = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} explains one thing about probes.`).join(' ');

  it('splits a long one-line paragraph between sentences and cites the same line', () => {
    const passages = cutSectionPassages(prose(english, 7));
    expect(passages.length).toBeGreaterThan(1);
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(TARGET);
      expect(p.text).toMatch(/probes\.$/);
      expect([p.lineStart, p.lineEnd]).toEqual([7, 7]);
    }
    expect(passages.map((p) => p.text).join(' ')).toBe(english);
  });

  it('splits Chinese at 。！？ and cites the right lines', () => {
    const text = Array.from({ length: 40 }, (_, i) => `第${i}句话讲述就绪探针的用途！还有更多内容？`).join('\n');
    const blocks: ParsedBlock[] = [
      { text: '第一行说明。', lines: [10] },
      { text, lines: text.split('\n').map((_, k) => 12 + k) },
    ];
    const passages = cutSectionPassages({ blocks, snippets: [] });
    expect(passages[0]).toMatchObject({ text: '第一行说明。', lineStart: 10, lineEnd: 10 });
    for (const p of passages.slice(1)) {
      expect(p.text).toMatch(/？$/u);
      expect(p.lineStart).toBeGreaterThanOrEqual(12);
      expect(p.text.split('\n')[0]).toBe(text.split('\n')[p.lineStart - 12]);
    }
  });

  it('does not break a wrapped English sentence at its line end', () => {
    const wrapped = Array.from({ length: 20 }, (_, i) => `This long sentence ${i} keeps going on the next line\nand ends here.`).join('\n');
    for (const p of cutSectionPassages(prose(wrapped, 1))) {
      expect(p.text).toMatch(/ends here\.$/);
      expect(p.text.startsWith('This')).toBe(true);
    }
  });

  it('shortens a passage to whole sentences and recomputes its last line', () => {
    const [p] = cutSectionPassages(prose('One sentence here.\nTwo sentence here.\nThree sentence here.', 3));
    const short = shortenPassage(p!, 40)!;
    expect(short.text).toBe('One sentence here.\nTwo sentence here.');
    expect([short.lineStart, short.lineEnd]).toEqual([3, 4]);
    expect(shortenPassage(p!, 5)).toBeNull();
  });

  it('splits a snippet longer than SNIPPET_MAX between lines and numbers each piece', () => {
    const content = Array.from({ length: 120 }, (_, i) => `  key${i}: value number ${i}`).join('\n');
    const passages = cutSectionPassages({ blocks: [], snippets: [{ kind: 'yaml', language: 'yaml', content, lineStart: 50, lineEnd: 169 }] });
    expect(passages.length).toBeGreaterThan(1);
    const source = content.split('\n');
    for (const p of passages) {
      expect(p.snippetIndex).toBe(0);
      expect(p.text).toBe(source.slice(p.lineStart - 50, p.lineEnd - 50 + 1).join('\n'));
    }
    expect(passages[0]!.lineStart).toBe(50);
    expect(passages.at(-1)!.lineEnd).toBe(169);
  });
});
