import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { cutPassages, locateBody, shortenPassage, TARGET, SNIPPET_MAX, type CutPassage } from '../apps/api/src/retrieval/passages.js';
import { parseDocument, splitLines } from '../seed/parser/parse-document.js';
import type { ParsedSection } from '../seed/parser/types.js';

const NOTES = readFileSync(new URL('../seed/notes/k8s-notes.txt', import.meta.url), 'utf8');
const LINES = splitLines(NOTES);
const sections = (list: ParsedSection[]): ParsedSection[] => list.flatMap((s) => [s, ...sections(s.children)]);
const ALL = sections(parseDocument('k8s-notes.txt', NOTES).sections).filter((s) => s.body !== '');
const squash = (s: string) => s.replace(/\s+/g, '');

function passagesOf(section: ParsedSection): CutPassage[] {
  const bodyLineStart = locateBody(LINES, section);
  if (bodyLineStart === null) throw new Error(`body of '${section.title}' not found`);
  return cutPassages({ body: section.body, bodyLineStart, snippets: section.snippets });
}

const cited = (p: { lineStart: number; lineEnd: number }) => LINES.slice(p.lineStart - 1, p.lineEnd).join('\n');

describe('passage cutting on the seed notes', () => {
  const all = ALL.map((section) => ({ section, passages: passagesOf(section) }));

  it('finds every topic body in the document', () => {
    for (const { section } of all) expect(locateBody(LINES, section)).toBeGreaterThanOrEqual(section.lineStart);
  });

  it('cites lines that contain each passage, whitespace aside, and stay within the topic', () => {
    const count = all.reduce((n, t) => n + t.passages.length, 0);
    expect(count).toBeGreaterThan(ALL.length);
    for (const { section, passages } of all) {
      for (const p of passages) {
        expect(squash(cited(p))).toContain(squash(p.text));
        expect(p.lineStart).toBeGreaterThanOrEqual(section.lineStart);
        expect(p.lineEnd).toBeLessThanOrEqual(section.lineEnd);
        expect(p.lineEnd).toBeGreaterThanOrEqual(p.lineStart);
      }
    }
  });

  it('starts and ends passages on the cited lines themselves (no padding lines)', () => {
    for (const { passages } of all) {
      for (const p of passages) {
        const text = p.text.split('\n');
        expect(squash(LINES[p.lineStart - 1]!)).toContain(squash(text[0]!));
        expect(squash(LINES[p.lineEnd - 1]!)).toContain(squash(text[text.length - 1]!));
      }
    }
  });

  it('keeps passages paragraph or snippet sized, never a whole long topic', () => {
    for (const { section, passages } of all) {
      for (const p of passages) {
        if (p.kind === 'snippet') expect(p.text.length).toBeLessThanOrEqual(SNIPPET_MAX);
        if (section.body.length > 2 * TARGET) expect(p.text.length).toBeLessThan(section.body.length);
      }
    }
    const prose = all.flatMap((t) => t.passages).filter((p) => p.kind === 'prose');
    const long = prose.filter((p) => p.text.length > TARGET);
    // A prose passage longer than TARGET is one unbroken sentence; none in the seed notes is.
    expect(long.map((p) => p.text.slice(0, 40))).toEqual([]);
  });

  it('makes each snippet its own passage with the snippet\'s line range', () => {
    for (const { section, passages } of all) {
      for (const [index, snippet] of section.snippets.entries()) {
        const own = passages.filter((p) => p.snippetIndex === index);
        expect(own.length).toBeGreaterThanOrEqual(1);
        expect(own[0]!.lineStart).toBe(snippet.lineStart);
        expect(own[own.length - 1]!.lineEnd).toBe(snippet.lineEnd);
      }
    }
  });

  it('never leaves a prose passage ending mid-sentence when it splits a paragraph', () => {
    for (const { passages } of all) {
      const prose = passages.filter((p) => p.kind === 'prose');
      for (const [i, p] of prose.entries()) {
        const next = prose[i + 1];
        if (!next || next.lineStart > p.lineEnd + 1) continue; // a paragraph break follows
        if (next.lineStart === p.lineEnd) {
          // split inside a line: only after a sentence end
          expect(p.text).toMatch(/[。！？.!?]$/u);
        } else {
          expect(p.text).not.toMatch(/[,，、]$/u);
        }
      }
    }
  });
});

describe('passage cutting rules', () => {
  const english = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} explains one thing about probes.`).join(' ');

  it('splits a long one-line paragraph between sentences and cites the same line', () => {
    const passages = cutPassages({ body: english, bodyLineStart: 7, snippets: [] });
    expect(passages.length).toBeGreaterThan(1);
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(TARGET);
      expect(p.text).toMatch(/probes\.$/);
      expect([p.lineStart, p.lineEnd]).toEqual([7, 7]);
    }
    expect(passages.map((p) => p.text).join(' ')).toBe(english);
  });

  it('splits Chinese at 。！？ and cites the right lines', () => {
    const body = ['第一行说明。', '', ...Array.from({ length: 40 }, (_, i) => `第${i}句话讲述就绪探针的用途！还有更多内容？`)].join('\n');
    const passages = cutPassages({ body, bodyLineStart: 10, snippets: [] });
    expect(passages[0]).toMatchObject({ text: '第一行说明。', lineStart: 10, lineEnd: 10 });
    for (const p of passages.slice(1)) {
      expect(p.text).toMatch(/？$/u);
      expect(p.lineStart).toBeGreaterThanOrEqual(12);
    }
  });

  it('does not break a wrapped English sentence at its line end', () => {
    const wrapped = Array.from({ length: 20 }, (_, i) => `This long sentence ${i} keeps going on the next line\nand ends here.`).join('\n');
    for (const p of cutPassages({ body: wrapped, bodyLineStart: 1, snippets: [] })) {
      expect(p.text).toMatch(/ends here\.$/);
      expect(p.text.startsWith('This')).toBe(true);
    }
  });

  it('shortens a passage to whole sentences and recomputes its last line', () => {
    const body = 'One sentence here.\nTwo sentence here.\nThree sentence here.';
    const [p] = cutPassages({ body, bodyLineStart: 3, snippets: [] });
    const short = shortenPassage(p!, 40)!;
    expect(short.text).toBe('One sentence here.\nTwo sentence here.');
    expect([short.lineStart, short.lineEnd]).toEqual([3, 4]);
    expect(shortenPassage(p!, 5)).toBeNull();
  });
});
