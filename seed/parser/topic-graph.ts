import { slugify } from './slug.js';
import type { ParsedBlock, ParsedDocument, ParsedSection, ParsedSnippet } from './types.js';

/** A topic ready to store: a section flattened in document order, with its slug and mentions. */
export interface GraphTopic {
  slug: string;
  parentSlug: string | null;
  /** Depth in the document's section tree: 1 = top level, a child is its parent's level + 1. */
  level: number;
  /** 0-based position in document order (depth first), so parents come before their children. */
  position: number;
  title: string;
  titleDerived: boolean;
  body: string;
  lang: 'zh' | 'en' | 'mixed';
  lineStart: number;
  lineEnd: number;
  snippets: ParsedSnippet[];
  /** The section's own prose, for passages. */
  blocks: ParsedBlock[];
  mentions: Array<{ entitySlug: string; count: number }>;
}

export interface TopicGraphOptions {
  /** Entity mentions in a piece of text (the linker's finder). */
  findMentions(text: string): Array<{ entitySlug: string; count: number }>;
  /** True when another document already owns this slug. */
  slugTakenElsewhere(slug: string): boolean;
  documentSlug: string;
}

/**
 * Flattens a parsed document into topics. Slugs come from titles alone, so
 * re-ingesting the same notes yields the same slugs; a duplicate title in the
 * same document takes -2, -3…, and a slug another document owns takes this
 * document's slug as a suffix.
 */
export function buildTopicGraph(doc: ParsedDocument, options: TopicGraphOptions): GraphTopic[] {
  const topics: GraphTopic[] = [];
  const used = new Set<string>();
  const claim = (title: string): string => {
    const base = slugify(title);
    const stem = options.slugTakenElsewhere(base) ? `${base}--${options.documentSlug}` : base;
    let candidate = stem;
    for (let n = 2; used.has(candidate) || options.slugTakenElsewhere(candidate); n++) candidate = `${stem}-${n}`;
    used.add(candidate);
    return candidate;
  };
  const visit = (section: ParsedSection, parentSlug: string | null, headings: readonly string[]) => {
    const slug = claim(section.title);
    topics.push({
      slug,
      parentSlug,
      level: section.level,
      position: topics.length,
      title: section.title,
      titleDerived: section.titleDerived,
      body: section.body,
      lang: section.lang,
      lineStart: section.lineStart,
      lineEnd: section.lineEnd,
      snippets: section.snippets,
      blocks: section.blocks,
      mentions: mentionsInContext(options.findMentions, `${section.title}\n${readableText(section)}`, headings),
    });
    for (const child of section.children) visit(child, slug, [...headings, section.title]);
  };
  const documentTitle = doc.metadata.title ? [doc.metadata.title] : [];
  for (const section of doc.sections) visit(section, null, documentTitle);
  return topics;
}

/**
 * What a topic mentions: what its own title and text name; a section that
 * names nothing itself ("Usage", "参考文档", a heading over its subsections) is
 * about what its headings name (the document's title, then its ancestors'), once each.
 */
export function mentionsInContext(
  findMentions: TopicGraphOptions['findMentions'],
  ownText: string,
  headings: readonly string[],
): Array<{ entitySlug: string; count: number }> {
  const own = findMentions(ownText);
  if (own.length > 0 || headings.length === 0) return own;
  return findMentions(headings.join('\n')).map(({ entitySlug }) => ({ entitySlug, count: 1 }));
}

/**
 * A section's own text as a reader sees it: prose blocks (Markdown markup
 * removed, so link targets and image paths name nothing) and snippets, in line order.
 */
export function readableText(section: Pick<ParsedSection, 'blocks' | 'snippets'>): string {
  const units = [
    ...section.blocks.map((block) => ({ line: block.lines[0] ?? 0, text: block.text })),
    ...section.snippets.map((snippet) => ({ line: snippet.lineStart, text: snippet.content })),
  ];
  return units
    .sort((a, b) => a.line - b.line)
    .map((unit) => unit.text)
    .join('\n');
}
