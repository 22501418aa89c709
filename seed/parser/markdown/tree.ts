/**
 * The Markdown syntax tree: CommonMark + GFM (tables, strikethrough, task lists,
 * footnotes, autolinks) + YAML/TOML front matter, parsed by the mdast family.
 * Every node keeps its position, so lines are cited from the tree, never re-found.
 */
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';

const MATTERS = ['yaml', 'toml'] as const;

export function parseMarkdownTree(text: string): Root {
  return fromMarkdown(text, {
    extensions: [gfm(), frontmatter([...MATTERS])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown([...MATTERS])],
  });
}

/** A node of the tree, front matter included (`toml` is not in the mdast types). */
export type MarkdownNode = Nodes | { type: 'toml'; value: string; position?: Nodes['position'] };

const isFrontMatter = (node: { type: string }): boolean => node.type === 'yaml' || node.type === 'toml';

/** Nodes that hold blocks (flow content) rather than inline text. */
const FLOW_PARENTS = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition']);

/** Lines (1-based) of code blocks, HTML blocks and front matter, where nothing is markup. */
export function literalLines(tree: Root): Set<number> {
  const out = new Set<number>();
  const visit = (node: MarkdownNode): void => {
    if (node.type === 'code' || node.type === 'html' || isFrontMatter(node)) {
      const { start, end } = node.position!;
      for (let line = start.line; line <= end.line; line++) out.add(line);
      return;
    }
    if (FLOW_PARENTS.has(node.type) && 'children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return out;
}
