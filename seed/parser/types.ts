/**
 * The shapes the pure parser produces and the ingest consumes.
 * Line numbers are 1-based and inclusive, counted in the original document
 * (after a BOM is dropped and CRLF/CR are normalised to LF, line N is line N).
 */

export type SnippetKind = 'yaml' | 'shell' | 'output' | 'text';

export type DocumentFormat = 'notes' | 'markdown';

/** A manifest whose apiVersion/kind was removed from Kubernetes. */
export interface ApiDeprecation {
  replacement: string; // e.g. "networking.k8s.io/v1"
  removedIn: string; // e.g. "1.22"
  note: string; // one sentence a person can act on
}

export interface ParsedManifest {
  apiVersion: string;
  kind: string;
  name: string | null;
  deprecated?: ApiDeprecation;
}

export interface ParsedSnippet {
  kind: SnippetKind;
  /**
   * Lower-cased language of the fence info string ('yaml', 'bash', 'console', 'json', 'go', ...);
   * 'html' for <pre>/<code> HTML blocks; null when unknown (notes format, indented code, bare fence).
   */
  language: string | null;
  /** Exact source text of lines lineStart..lineEnd (CRLF normalised); for fenced code the lines between the fences. */
  content: string;
  lineStart: number;
  lineEnd: number;
  /** Set for a YAML snippet that is a Kubernetes object (has apiVersion and kind). */
  manifest?: ParsedManifest;
}

/** A unit of readable prose (paragraph, list item run, table, blockquote, ...) that passages are cut from. */
export interface ParsedBlock {
  /**
   * Readable text: Markdown markup removed (emphasis markers, link/image syntax keep label/alt text,
   * table pipes and delimiter rows, HTML tags, shortcode/admonition markers), line structure kept.
   * Notes format: the verbatim lines.
   */
  text: string;
  /**
   * Source document line (1-based) of each line of `text` (text.split('\n').length === lines.length).
   * Consecutive: a line inside a block whose markup had no text (a table's delimiter row) is an empty line.
   */
  lines: number[];
}

export interface ParsedSection {
  /** Readable heading text (inline markup removed). */
  title: string;
  /** True when the heading had no title and one was derived from the content. */
  titleDerived: boolean;
  /**
   * Depth in the section tree: 1 = top level, a child is its parent's level + 1. A document's
   * shallowest heading is level 1; skipped heading depths do not create empty levels.
   */
  level: number;
  /** Heading line .. last line of the section (children included). */
  lineStart: number;
  lineEnd: number;
  /** The section's own source lines after the heading, children excluded, verbatim. */
  body: string;
  lang: 'zh' | 'en' | 'mixed';
  snippets: ParsedSnippet[];
  /** The section's own prose, in order, snippets excluded. */
  blocks: ParsedBlock[];
  children: ParsedSection[];
}

export interface DocumentMetadata {
  title: string | null;
  description: string | null;
  tags: string[];
  aliases: string[];
  /** Every other front-matter key, as parsed (YAML or TOML; TOML dates as their ISO strings). */
  extra: Record<string, unknown>;
}

export interface ParsedDocument {
  name: string;
  format: DocumentFormat;
  lineCount: number;
  metadata: DocumentMetadata;
  sections: ParsedSection[];
}
