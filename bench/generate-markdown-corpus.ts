/**
 * A folder of Markdown notes shaped like a real docs repository, for ingest benchmarks
 * (issue 13): per unit of scale ~235 files and ~1.5 MB in nested folders, many README.md
 * and index.md, same-named files in different folders, YAML and TOML front matter, Hugo
 * shortcodes, Docusaurus admonitions, HTML blocks, tables, code fences, Chinese and English.
 * Built by recombining and varying the sections of our own written corpus
 * (test/fixtures/eval-corpus), so parsers and linkers meet realistic text. Scale N writes N
 * versions of the book (`version-1/` …), as versioned docs sites do. Deterministic for a seed.
 *
 *   node dist/bench/generate-markdown-corpus.js --out DIR [--scale N] [--seed S]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { projectRoot } from '../apps/api/src/common/project-root.js';
import { readCorpus } from '../scripts/eval/corpus-files.js';
import { outline } from '../scripts/eval/markdown-outline.js';
import { CORPUS_DIR } from '../scripts/eval/suites.js';
import { prng } from './generate-notes.js';
import { BOOK_FOLDERS, decorations, FILE_NAMES, NAME_SWAPS } from './markdown-corpus-parts.js';

export const FILES_PER_SCALE = 235;
export const BYTES_PER_SCALE = 1_500_000;

/** A `##` section of the written corpus, with the lines of its own headings (relative to its first line). */
interface Section {
  /** Base name of the file it comes from ("pod" for troubleshooting/pod.md). */
  source: string;
  title: string;
  lines: string[];
  headingLines: { index: number; depth: number; setext: boolean }[];
  zh: boolean;
}

export interface GeneratedCorpus {
  dir: string;
  files: string[];
  bytes: number;
}

/** Cuts every file of the written corpus at its second-level headings (found by a Markdown parser, never inside code). */
export function loadSections(corpusDir = join(projectRoot(), CORPUS_DIR)): Section[] {
  const sections: Section[] = [];
  for (const file of readCorpus(corpusDir)) {
    const lines = file.content.split('\n');
    const headings = outline(file.content).headings;
    const starts = headings.filter((h) => h.depth === 2);
    for (const [i, start] of starts.entries()) {
      const end = (starts[i + 1]?.line ?? lines.length + 1) - 1;
      const body = lines.slice(start.line - 1, end);
      const inside = headings.filter((h) => h.line >= start.line && h.line <= end);
      sections.push({
        source: basename(file.name, extname(file.name)),
        title: start.text,
        lines: body,
        headingLines: inside.map((h) => ({ index: h.line - start.line, depth: h.depth, setext: h.endLine > h.line })),
        // Any Chinese at all: a section from an English file has none, one from a Chinese file may be mostly code.
        zh: /\p{Script=Han}/u.test(body.join('\n')),
      });
    }
  }
  return sections;
}

/** Writes the corpus to `outDir` (created if need be) and says what it wrote. */
export function generateMarkdownCorpus(outDir: string, options: { scale?: number; seed?: number; sections?: Section[] } = {}): GeneratedCorpus {
  const scale = options.scale ?? 1;
  const random = prng(options.seed ?? 1);
  const sections = options.sections ?? loadSections();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const files: string[] = [];
  let bytes = 0;
  for (let version = 1; version <= scale; version++) {
    const prefix = scale === 1 ? '' : `version-${version}/`;
    const paths = bookPaths(random, pick);
    // Log-normal sizes (most files a few KB, some long), scaled so the book weighs BYTES_PER_SCALE.
    const raw = paths.map(() => Math.exp(Math.log(4500) + 0.8 * gaussian(random)));
    const factor = BYTES_PER_SCALE / raw.reduce((a, b) => a + b, 0);
    for (const [i, path] of paths.entries()) {
      const text = composeFile(path, Math.max(400, raw[i]! * factor), sections, random, pick);
      const file = join(outDir, prefix + path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      files.push(prefix + path);
      bytes += Buffer.byteLength(text);
    }
  }
  return { dir: outDir, files, bytes };
}

/** FILES_PER_SCALE paths: an index page in most folders, the rest named after topics, names repeating across folders. */
function bookPaths(random: () => number, pick: <T>(items: readonly T[]) => T): string[] {
  const paths = new Set<string>();
  for (const folder of BOOK_FOLDERS) paths.add(`${folder ? `${folder}/` : ''}${random() < 0.7 ? 'README.md' : 'index.md'}`);
  while (paths.size < FILES_PER_SCALE) paths.add(`${pick(BOOK_FOLDERS.filter(Boolean))}/${pick(FILE_NAMES)}.md`);
  return [...paths].sort();
}

function composeFile(path: string, targetBytes: number, sections: Section[], random: () => number, pick: <T>(items: readonly T[]) => T): string {
  // English folders get English sections, as translated books keep them apart.
  const english = /^en\//.test(path);
  const pool = sections.filter((s) => s.zh !== english);
  // A file named like a written one (pod.md) draws mostly on that one's sections, so its text fits its name.
  const namesake = pool.filter((s) => s.source === basename(path, '.md'));
  const next = () => (namesake.length > 0 && random() < 0.5 ? pick(namesake) : pick(pool));
  const first = namesake.length > 0 ? pick(namesake) : pick(pool);
  const title = first.title.replace(/^\d+\.\s*/, '');
  const parts: string[] = [...frontMatter(title, random), `# ${title}`, ''];
  const swap = pick(NAME_SWAPS);
  let size = Buffer.byteLength(parts.join('\n'));
  let section = first;
  // Nesting: a section is sometimes placed one level down, under the section before it.
  for (let n = 0; ; n++) {
    const text = relevel(section, n > 0 && random() < 0.3 ? 1 : 0);
    const varied = text.replace(swap.from, swap.to);
    const decoration = random() < 0.35 ? pick(decorations(english)) : '';
    const chunk = decoration ? `${varied}\n${decoration}\n` : `${varied}\n`;
    const chunkBytes = Buffer.byteLength(chunk) + 1;
    // Stop before a section that would overshoot the target by more than half of itself.
    if (n > 0 && size + chunkBytes / 2 > targetBytes) break;
    parts.push(chunk);
    size += chunkBytes;
    section = next();
  }
  return parts.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** The section's text with each of its headings (and only those) moved `down` levels, up to level 4. */
function relevel(section: Section, down: number): string {
  const lines = [...section.lines];
  for (const h of section.headingLines) {
    const depth = Math.min(4, h.depth + down);
    if (h.setext) {
      // Setext headings stay Setext at levels 1-2; deeper ones become ATX.
      if (depth <= 2) lines[h.index + 1] = (depth === 1 ? '=' : '-').repeat(Math.max(3, lines[h.index]!.length));
      else {
        lines[h.index] = `${'#'.repeat(depth)} ${lines[h.index]!.trim()}`;
        lines[h.index + 1] = '';
      }
    } else lines[h.index] = lines[h.index]!.replace(/^ {0,3}#{1,6}/, '#'.repeat(depth));
  }
  return lines.join('\n');
}

/** YAML front matter on 30% of the files, TOML on 10%, none on the rest (as lines). */
function frontMatter(title: string, random: () => number): string[] {
  const roll = random();
  const weight = Math.floor(random() * 100);
  const quoted = `"${title.replace(/"/g, "'")}"`;
  if (roll < 0.3) return ['---', `title: ${quoted}`, `weight: ${weight}`, 'tags: [kubernetes, notes]', '---', ''];
  if (roll < 0.4) return ['+++', `title = ${quoted}`, `weight = ${weight}`, '+++', ''];
  return [];
}

/** Standard normal, Box-Muller. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '1' } } });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (!values.out || !Number.isInteger(scale) || scale < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: node dist/bench/generate-markdown-corpus.js --out DIR [--scale N] [--seed S]\n');
    process.exit(2);
  }
  const out = resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  const corpus = generateMarkdownCorpus(out, { scale, seed });
  process.stdout.write(`${corpus.files.length} files, ${(corpus.bytes / 1e6).toFixed(2)} MB in ${out}\n`);
}
