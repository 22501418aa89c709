import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { generateNotes, SEED_NOTES } from '../bench/generate-notes.js';
import { parseDocument } from '../seed/parser/parse-document.js';
import { slugify } from '../seed/parser/slug.js';

/** Smoke test of the scale benchmark's input (the benchmark itself is not part of the suite: too slow). */
describe('bench notes generator', () => {
  const dirs: string[] = [];
  const generate = (factor: number, seed?: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'kubenotes-gen-'));
    dirs.push(dir);
    const corpus = generateNotes(factor, dir, seed);
    return { ...corpus, texts: corpus.files.map((file) => readFileSync(file, 'utf8')) };
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('writes factor × the seed in seed-sized files the parser reads as notes, with distinct titles', () => {
    const seedChars = readFileSync(SEED_NOTES, 'utf8').length;
    const corpus = generate(3);
    expect(corpus.files).toHaveLength(3);
    expect(corpus.chars).toBe(corpus.texts.reduce((sum, text) => sum + text.length, 0));
    expect(corpus.chars).toBeGreaterThanOrEqual(3 * seedChars);
    expect(corpus.chars).toBeLessThan(3.3 * seedChars);

    const titles = corpus.texts.flatMap((text, i) => {
      const doc = parseDocument(`notes-${i}.txt`, text);
      expect(doc.format).toBe('notes');
      expect(doc.sections.length).toBeGreaterThan(5);
      const sections = doc.sections.flatMap((s) => [s, ...s.children]);
      expect(sections.some((s) => s.snippets.some((snippet) => snippet.kind === 'yaml'))).toBe(true);
      expect(sections.some((s) => s.lang !== 'en')).toBe(true);
      return sections.map((s) => s.title);
    });
    expect(new Set(titles.map(slugify)).size).toBe(titles.length);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generate(1, 7).texts).toEqual(generate(1, 7).texts);
    expect(generate(1, 8).texts).not.toEqual(generate(1, 7).texts);
  });
});
