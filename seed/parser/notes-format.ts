/**
 * The notes format: `####…####` headers (see headers.ts) over text whose YAML, shell
 * sessions and command output are not fenced; blocks.ts finds those, and the prose
 * between them is kept verbatim, one block per run of non-blank lines.
 */
import type { ApiRemoval } from '../ontology/types.js';
import type { ParsedBlock, ParsedSnippet } from './types.js';
import type { Outline, OutlineHeading } from './sections.js';
import { matchNotesHeader, notesLevel } from './headers.js';
import { detectSnippets, isBlank } from './blocks.js';
import { annotateManifests } from './manifests.js';

function notesHeadings(lines: readonly string[]): OutlineHeading[] {
  const headings: OutlineHeading[] = [];
  let hasTopic = false;
  lines.forEach((line, index) => {
    const header = matchNotesHeader(line);
    if (!header) return;
    const depth = notesLevel(header.hashes, hasTopic);
    if (depth === 1) hasTopic = true;
    headings.push({ first: index, last: index, depth, title: header.title });
  });
  return headings;
}

/** Runs of non-blank lines in [from, to) outside the snippets, verbatim. */
function proseBlocks(lines: readonly string[], from: number, to: number, snippets: readonly ParsedSnippet[]): ParsedBlock[] {
  const inSnippet = (i: number) => snippets.some((s) => i + 1 >= s.lineStart && i + 1 <= s.lineEnd);
  const blocks: ParsedBlock[] = [];
  let run: number[] = [];
  const flush = (): void => {
    if (run.length) blocks.push({ text: run.map((i) => lines[i]).join('\n'), lines: run.map((i) => i + 1) });
    run = [];
  };
  for (let i = from; i < to; i++) {
    if (isBlank(lines[i]!) || inSnippet(i)) flush();
    else run.push(i);
  }
  flush();
  return blocks;
}

export function notesOutline(lines: readonly string[], removals: readonly ApiRemoval[]): Outline {
  return {
    headings: notesHeadings(lines),
    preambleStart: 0,
    preambleTitle: null,
    contentOf(from, to) {
      const snippets = annotateManifests(detectSnippets(lines, from, to), removals);
      return { snippets, blocks: proseBlocks(lines, from, to, snippets) };
    },
    keepPreamble: (body) => body.length > 0,
  };
}
