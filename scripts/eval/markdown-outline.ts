/**
 * The outline of a Markdown file as a CommonMark + GFM parser sees it (the mdast family):
 * its front matter and its headings with their lines. A `#` line inside a code fence or an
 * HTML block is not a heading, which is why this is not a regex over lines.
 */
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';

export interface OutlineHeading {
  depth: number;
  text: string;
  /** 1-based first and last line (a Setext heading spans two). */
  line: number;
  endLine: number;
}

export interface Outline {
  /** Lines (1-based, inclusive) of a YAML or TOML front matter block, or null. */
  frontMatter: { kind: 'yaml' | 'toml'; line: number; endLine: number } | null;
  headings: OutlineHeading[];
}

export function outline(markdown: string): Outline {
  const root: Root = fromMarkdown(markdown, {
    extensions: [gfm(), frontmatter(['yaml', 'toml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])],
  });
  let frontMatter: Outline['frontMatter'] = null;
  const headings: OutlineHeading[] = [];
  for (const node of root.children) {
    // mdast's types know YAML front matter only; the TOML node has the same shape.
    const type = node.type as string;
    if ((type === 'yaml' || type === 'toml') && node.position) {
      frontMatter = { kind: type, line: node.position.start.line, endLine: node.position.end.line };
    } else if (node.type === 'heading' && node.position) {
      headings.push({ depth: node.depth, text: plainText(node).trim(), line: node.position.start.line, endLine: node.position.end.line });
    }
  }
  return { frontMatter, headings };
}

/** The text a heading shows: its text and inline code, without markup. */
function plainText(node: Nodes): string {
  if ('value' in node && (node.type === 'text' || node.type === 'inlineCode')) return node.value;
  return 'children' in node ? node.children.map((child) => plainText(child as Nodes)).join('') : '';
}
