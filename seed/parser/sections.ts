/**
 * The section tree, shared by both formats: a format finds its headings and the
 * content of any line range; this nests the headings and fills in each section.
 */
import type { ParsedBlock, ParsedSection, ParsedSnippet } from './types.js';
import { isBlank } from './blocks.js';
import { detectLang } from './lang.js';

export interface OutlineHeading {
  /** 0-based indexes of the heading's first and last line (a Setext heading spans two or more). */
  first: number;
  last: number;
  /** A heading is the child of the nearest heading before it with a smaller depth. */
  depth: number;
  /** Readable title; '' when the heading has none. */
  title: string;
}

export interface SectionContent {
  snippets: ParsedSnippet[];
  blocks: ParsedBlock[];
}

export interface Outline {
  headings: OutlineHeading[];
  /** 0-based index where content before the first heading may start (after front matter). */
  preambleStart: number;
  /** Title for the content before the first heading (the front matter's), else derived. */
  preambleTitle: string | null;
  /** Snippets and prose of the lines [from, to) (0-based). */
  contentOf(from: number, to: number): SectionContent;
  /** Whether the content before the first heading makes a section. */
  keepPreamble(body: readonly string[], content: SectionContent): boolean;
}

const TITLE_MAX = 40;

/** First meaningful prose line, cut to ~40 characters; 'Untitled' when there is none. */
export function deriveTitle(blocks: readonly ParsedBlock[]): string {
  for (const raw of blocks.flatMap((b) => b.text.split('\n'))) {
    if (/^\s*(?:```|~~~)/.test(raw)) continue; // fence markers are not prose
    const line = raw.trim().replace(/^[#\-*>\d.、)\s]+/u, '').replace(/[\s。.:：;；,，!！?？]+$/u, '');
    if (!/[\p{L}\p{N}]/u.test(line)) continue;
    const chars = [...line];
    if (chars.length <= TITLE_MAX) return line;
    const cut = chars.slice(0, TITLE_MAX).join('');
    const space = cut.lastIndexOf(' ');
    return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).trim()}…`;
  }
  return 'Untitled';
}

/** [a, b) without blank lines at either end. */
function trimBlank(lines: readonly string[], a: number, b: number): [number, number] {
  while (a < b && isBlank(lines[a]!)) a++;
  while (b > a && isBlank(lines[b - 1]!)) b--;
  return [a, b];
}

export function buildSections(lines: readonly string[], outline: Outline): ParsedSection[] {
  const { headings } = outline;
  const roots: ParsedSection[] = [];
  const open: Array<{ depth: number; section: ParsedSection }> = [];

  const add = (heading: OutlineHeading | null, from: number, to: number): void => {
    const content = outline.contentOf(from, to);
    const [a, b] = trimBlank(lines, from, to);
    if (!heading && !outline.keepPreamble(lines.slice(a, b), content)) return;
    const body = lines.slice(a, b).join('\n');
    const prose = content.blocks.map((block) => block.text).join('\n');
    const given = heading ? heading.title : outline.preambleTitle ?? '';
    const section: ParsedSection = {
      title: given || deriveTitle(content.blocks),
      titleDerived: given === '',
      level: 1,
      lineStart: heading ? heading.first + 1 : a + 1,
      lineEnd: a < b ? b : heading ? heading.last + 1 : a + 1,
      body,
      lang: detectLang(prose.trim() ? prose : body),
      snippets: content.snippets,
      blocks: content.blocks,
      children: [],
    };
    if (heading) {
      while (open.length && open.at(-1)!.depth >= heading.depth) open.pop();
    } else {
      open.length = 0;
    }
    section.level = open.length + 1;
    const parent = open.at(-1)?.section;
    (parent ? parent.children : roots).push(section);
    for (const { section: ancestor } of open) ancestor.lineEnd = Math.max(ancestor.lineEnd, section.lineEnd);
    if (heading) open.push({ depth: heading.depth, section });
  };

  add(null, outline.preambleStart, headings[0]?.first ?? lines.length);
  headings.forEach((heading, k) => add(heading, heading.last + 1, headings[k + 1]?.first ?? lines.length));
  return roots;
}
