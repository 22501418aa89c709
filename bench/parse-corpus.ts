/**
 * Parses every Markdown file under a folder and reports what the parser made of it:
 * sections by level, titles that came from inside code/HTML/front matter (must be 0),
 * citation problems found by test/support/citations.ts (must be 0), the parse time
 * against the bare mdast parse of the same files in the same run, and a few sampled
 * citations to read by eye. For measuring real corpora; never commit them.
 *
 *   npm run build --silent && npx tsc -p bench/tsconfig.json && node dist/bench/parse-corpus.js <folder> [samples]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadApiRemovals } from '../seed/parser/manifests.js';
import { parseDocument, splitLines } from '../seed/parser/parse-document.js';
import { cutSectionPassages } from '../seed/parser/passages.js';
import { literalLines, parseMarkdownTree } from '../seed/parser/markdown/tree.js';
import type { ParsedDocument, ParsedSection } from '../seed/parser/types.js';
import { citationProblems } from '../test/support/citations.js';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.isFile() && /\.(?:md|markdown)$/i.test(entry.name) ? [path] : [];
  }).sort();
}

const flatten = (sections: ParsedSection[]): ParsedSection[] => sections.flatMap((s) => [s, ...flatten(s.children)]);

function main(): void {
  const [folder, samplesArg] = process.argv.slice(2);
  if (!folder) throw new Error('usage: node dist/bench/parse-corpus.js <folder> [samples]');
  const removals = loadApiRemovals();
  const files = markdownFiles(folder).map((path) => ({ name: relative(folder, path), text: readFileSync(path, 'utf8') }));

  // Warm both paths once so the JIT does not bill the first file to either.
  for (const { name, text } of files.slice(0, 10)) {
    parseMarkdownTree(splitLines(text).join('\n'));
    parseDocument(name, text, { format: 'markdown', removals });
  }

  let bareMs = 0;
  for (const { text } of files) {
    const t0 = performance.now();
    parseMarkdownTree(splitLines(text).join('\n'));
    bareMs += performance.now() - t0;
  }

  let parseMs = 0;
  const docs: Array<{ doc: ParsedDocument; lines: string[] }> = [];
  const failures: string[] = [];
  for (const { name, text } of files) {
    try {
      const t0 = performance.now();
      const doc = parseDocument(name, text, { format: 'markdown', removals });
      parseMs += performance.now() - t0;
      docs.push({ doc, lines: splitLines(text) });
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
    }
  }

  const levels: Record<number, number> = {};
  let fromLiteral = 0;
  let derived = 0;
  let withMetadata = 0;
  const problems: string[] = [];
  const counts = { snippets: 0, blocks: 0, passages: 0 };
  for (const { doc, lines } of docs) {
    if (doc.metadata.title) withMetadata++;
    const literal = literalLines(parseMarkdownTree(lines.join('\n')));
    for (const section of flatten(doc.sections)) {
      levels[section.level] = (levels[section.level] ?? 0) + 1;
      if (section.titleDerived) derived++;
      const headed = !section.titleDerived && section.title !== doc.metadata.title;
      if (headed && literal.has(section.lineStart)) fromLiteral++;
      counts.snippets += section.snippets.length;
      counts.blocks += section.blocks.length;
      counts.passages += cutSectionPassages(section).length;
    }
    problems.push(...citationProblems(doc, lines));
  }

  const sections = docs.flatMap(({ doc, lines }) => flatten(doc.sections).map((section) => ({ doc, lines, section })));
  const samples = Number(samplesArg ?? 6);
  const step = Math.max(1, Math.floor(sections.length / samples));
  const spot = sections.filter((_, i) => i % step === 0).slice(0, samples).map(({ doc, lines, section }) => {
    const block = section.blocks[0];
    return {
      cite: `${doc.name}:${section.lineStart}-${section.lineEnd}`,
      level: section.level,
      title: section.title,
      headingLine: lines[section.lineStart - 1],
      firstBlock: block && { lines: `${block.lines[0]}-${block.lines.at(-1)}`, text: block.text.split('\n')[0], source: lines[block.lines[0]! - 1] },
    };
  });

  console.log(JSON.stringify({
    folder,
    files: files.length,
    bytes: files.reduce((n, f) => n + Buffer.byteLength(f.text), 0),
    threw: failures,
    documentsWithFrontMatterTitle: withMetadata,
    sections: sections.length,
    sectionsByLevel: levels,
    derivedTitles: derived,
    titlesFromCodeHtmlOrFrontMatter: fromLiteral,
    ...counts,
    citationProblems: problems.length,
    firstProblems: problems.slice(0, 10),
    parseMs: Math.round(parseMs),
    bareMdastMs: Math.round(bareMs),
    parseVsBareMdast: Math.round((parseMs / bareMs) * 100) / 100,
    spotChecks: spot,
  }, null, 2));
}

main();
