/**
 * A Markdown document's outline, read from its tree: headings at the top level of the
 * document (not those inside a shortcode or an admonition) nest by depth; front matter
 * is the metadata; code becomes snippets and everything else readable prose, line by line.
 */
import type { Heading, Nodes, Root } from 'mdast';
import type { ApiRemoval } from '../../ontology/types.js';
import type { DocumentMetadata, ParsedBlock, ParsedSnippet } from '../types.js';
import type { Outline, OutlineHeading, SectionContent } from '../sections.js';
import { hasSiteMarkup, unwrapSiteMarkup, type UnwrappedMarkup } from './site-markup.js';
import { literalLines, parseMarkdownTree, type MarkdownNode } from './tree.js';
import { htmlBlockText, oneLine, phrasingText, tableText, type LineTexts } from './readable.js';
import { codeSnippets, highlightSnippets, htmlSnippet } from './code-snippets.js';
import { emptyMetadata, readFrontMatter } from './front-matter.js';

/** Prose from one node (a paragraph, a table row set, an HTML block, a label): its lines first..last. */
interface ProseUnit {
  kind: 'prose';
  first: number;
  last: number;
  texts: LineTexts;
  /** A container's title: the prose after it belongs with it, blank lines between or not. */
  leadsNext?: boolean;
}
interface SnippetUnit {
  kind: 'snippet';
  first: number;
  snippet: ParsedSnippet;
}
type Unit = ProseUnit | SnippetUnit;

export interface MarkdownOutline {
  outline: Outline;
  metadata: DocumentMetadata;
}

/** The tree, parsed a second time without site markup when the document has some. */
function readTree(lines: readonly string[]): { tree: Root; source: string; markup: UnwrappedMarkup | null } {
  const text = lines.join('\n');
  const tree = parseMarkdownTree(text);
  if (!hasSiteMarkup(text)) return { tree, source: text, markup: null };
  const markup = unwrapSiteMarkup(lines, literalLines(tree));
  const source = markup.lines.join('\n');
  return { tree: source === text ? tree : parseMarkdownTree(source), source, markup };
}

/** A Goldmark/Pandoc attribute list (`{#id}`, `{.class}`, `{width=300 height=200}`) is not text. */
const ATTRIBUTES = String.raw`\{(?:\s*(?:[.#][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s"'}]+)))+\s*\}`;
const TRAILING_ATTRIBUTES = new RegExp(String.raw`\s*${ATTRIBUTES}$`);
const ATTRIBUTES_LINE = new RegExp(`^${ATTRIBUTES}$`);

const headingTitle = (texts: LineTexts): string => oneLine(texts).replace(TRAILING_ATTRIBUTES, '');

/** One block per run of prose units on adjacent lines; blank lines inside a run stay as empty lines. */
function toBlock(run: readonly ProseUnit[], last: number): ParsedBlock | null {
  const texts = new Map<number, string>();
  for (const unit of run) for (const [line, text] of unit.texts) texts.set(line, (texts.get(line) ?? '') + text);
  const rows: Array<[number, string]> = [];
  for (let line = run[0]!.first; line <= last; line++) {
    const text = (texts.get(line) ?? '').trim();
    rows.push([line, ATTRIBUTES_LINE.test(text) ? '' : text]);
  }
  while (rows.length && rows[0]![1] === '') rows.shift();
  while (rows.length && rows.at(-1)![1] === '') rows.pop();
  return rows.length ? { text: rows.map((r) => r[1]).join('\n'), lines: rows.map((r) => r[0]) } : null;
}

function contentOf(units: readonly Unit[], from: number, to: number): SectionContent {
  const snippets: ParsedSnippet[] = [];
  const blocks: ParsedBlock[] = [];
  let run: ProseUnit[] = [];
  let runLast = 0;
  const flush = (): void => {
    const block = run.length ? toBlock(run, runLast) : null;
    if (block) blocks.push(block);
    run = [];
  };
  for (const unit of units) {
    if (unit.first <= from || unit.first > to) continue;
    if (unit.kind === 'snippet') {
      flush();
      snippets.push(unit.snippet);
      continue;
    }
    const previous = run.at(-1);
    if (previous && !previous.leadsNext && unit.first > runLast + 1) flush();
    runLast = run.length ? Math.max(runLast, unit.last) : unit.last;
    run.push(unit);
  }
  flush();
  return { snippets, blocks };
}

export function markdownOutline(lines: readonly string[], removals: readonly ApiRemoval[]): MarkdownOutline {
  const { tree, source, markup } = readTree(lines);
  const inContainer = (line: number): boolean => markup?.containers.some((r) => line >= r.start && line <= r.end) ?? false;
  const units: Unit[] = [];
  const headings: OutlineHeading[] = [];
  let metadata = emptyMetadata();
  let preambleStart = 0;

  const prose = (node: Nodes, fill: (texts: LineTexts, line: number) => void): void => {
    const { start, end } = node.position!;
    const texts: LineTexts = new Map();
    fill(texts, start.line);
    units.push({ kind: 'prose', first: start.line, last: end.line, texts });
  };
  const snippets = (list: readonly ParsedSnippet[]): void => {
    for (const snippet of list) units.push({ kind: 'snippet', first: snippet.lineStart, snippet });
  };
  const heading = (node: Heading, atTop: boolean): void => {
    const { start, end } = node.position!;
    if (!atTop || inContainer(start.line)) {
      prose(node, (texts, line) => phrasingText(node.children, texts, line, source));
      return;
    }
    const texts: LineTexts = new Map();
    phrasingText(node.children, texts, start.line, source);
    headings.push({ first: start.line - 1, last: end.line - 1, depth: node.depth, title: headingTitle(texts) });
  };

  const flow = (nodes: readonly MarkdownNode[], atTop: boolean): void => {
    for (const node of nodes) {
      if (node.type === 'yaml' || node.type === 'toml') {
        // micromark only reads front matter at the very start of the document
        metadata = readFrontMatter(node.type, node.value);
        preambleStart = node.position!.end.line;
        continue;
      }
      switch (node.type) {
        case 'heading':
          heading(node, atTop);
          break;
        case 'paragraph':
          prose(node, (texts, line) => phrasingText(node.children, texts, line, source));
          break;
        case 'table':
          prose(node, (texts) => tableText(node, texts, source));
          break;
        case 'code':
          snippets(codeSnippets(node, lines, removals));
          break;
        case 'html': {
          const code = htmlSnippet(node, lines, removals);
          if (code) snippets(code);
          else prose(node, (texts) => htmlBlockText(node, texts));
          break;
        }
        case 'thematicBreak':
        case 'definition':
          break;
        default:
          if ('children' in node) flow(node.children as MarkdownNode[], false);
      }
    }
  };
  flow(tree.children, true);

  for (const { line, text } of markup?.labels ?? []) {
    units.push({ kind: 'prose', first: line, last: line, texts: new Map([[line, text]]), leadsNext: true });
  }
  for (const block of markup?.codeBlocks ?? []) snippets(highlightSnippets(lines, block.start, block.end, block.language, removals));
  units.sort((a, b) => a.first - b.first);

  return {
    metadata,
    outline: {
      headings,
      preambleStart,
      preambleTitle: metadata.title,
      contentOf: (from, to) => contentOf(units, from, to),
      keepPreamble: (_body, content) => content.blocks.length > 0 || content.snippets.length > 0,
    },
  };
}
