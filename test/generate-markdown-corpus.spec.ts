import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { BYTES_PER_SCALE, FILES_PER_SCALE, generateMarkdownCorpus, loadSections } from '../bench/generate-markdown-corpus.js';
import { outline } from '../scripts/eval/markdown-outline.js';

/** Smoke test of the ingest benchmark's Markdown corpus (the benchmark itself is not part of the suite). */
describe('bench Markdown corpus generator', () => {
  const sections = loadSections();
  const dirs: string[] = [];
  const generate = (scale: number, seed: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'kubenotes-mdgen-'));
    dirs.push(dir);
    const corpus = generateMarkdownCorpus(dir, { scale, seed, sections });
    return { ...corpus, texts: corpus.files.map((file) => readFileSync(join(dir, file), 'utf8')) };
  };
  const digest = (texts: string[], files: string[]) => createHash('sha256').update(files.join('\n')).update(texts.join('\0')).digest('hex');
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  const one = generate(1, 7);

  it('writes ~235 files and ~1.5 MB in nested folders with repeated base names', () => {
    expect(one.files).toHaveLength(FILES_PER_SCALE);
    expect(one.bytes).toBe(one.texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0));
    expect(one.bytes).toBeGreaterThan(0.9 * BYTES_PER_SCALE);
    expect(one.bytes).toBeLessThan(1.1 * BYTES_PER_SCALE);
    expect(Math.max(...one.files.map((f) => f.split('/').length))).toBeGreaterThanOrEqual(3);
    const byName = new Map<string, Set<string>>();
    for (const f of one.files) byName.set(basename(f), (byName.get(basename(f)) ?? new Set()).add(dirname(f)));
    expect(byName.get('README.md')!.size + (byName.get('index.md')?.size ?? 0)).toBeGreaterThanOrEqual(30);
    expect([...byName.values()].filter((folders) => folders.size >= 3).length).toBeGreaterThanOrEqual(20);
  });

  it('keeps the written corpus\'s Markdown: front matter, nested headings, shortcodes, admonitions, HTML, fences, both languages', () => {
    const outlines = one.texts.map((text) => outline(text));
    expect(outlines.filter((o) => o.frontMatter?.kind === 'yaml').length).toBeGreaterThan(40);
    expect(outlines.filter((o) => o.frontMatter?.kind === 'toml').length).toBeGreaterThan(10);
    // Every file opens with one level-1 heading; sections sit at levels 2 to 4.
    expect(outlines.every((o) => o.headings[0]?.depth === 1 && o.headings.slice(1).every((h) => h.depth >= 2 && h.depth <= 4))).toBe(true);
    expect(outlines.filter((o) => o.headings.some((h) => h.depth === 4)).length).toBeGreaterThan(20);
    const all = one.texts.join('\n');
    for (const marker of ['{{< note >}}', '{{< glossary_tooltip', ':::tip', '<pre>\n# Generated', '<details>', '<img ', '![', '| --- |', '```yaml', '```console', '```bash']) {
      expect({ marker, found: all.includes(marker) }).toEqual({ marker, found: true });
    }
    const english = one.files.map((f, i) => [f, one.texts[i]!] as const).filter(([f]) => f.startsWith('en/'));
    expect(english.length).toBeGreaterThan(5);
    expect(english.filter(([, text]) => /\p{Script=Han}/u.test(text)).map(([f]) => f)).toEqual([]);
    expect(one.texts.filter((text) => (text.match(/\p{Script=Han}/gu)?.length ?? 0) > 100).length).toBeGreaterThan(150);
  });

  it('is deterministic for a seed, differs across seeds, and scales by whole books', () => {
    const again = generate(1, 7);
    expect(digest(again.texts, again.files)).toBe(digest(one.texts, one.files));
    const other = generate(1, 8);
    expect(digest(other.texts, other.files)).not.toBe(digest(one.texts, one.files));
    const two = generate(2, 7);
    expect(two.files).toHaveLength(2 * FILES_PER_SCALE);
    expect(two.files.filter((f) => f.startsWith('version-2/'))).toHaveLength(FILES_PER_SCALE);
    expect(two.bytes).toBeGreaterThan(1.8 * BYTES_PER_SCALE);
  });
});
