/**
 * The shapes the pure parser produces and the ingest consumes.
 * Line numbers are 1-based and inclusive, counted in the original document.
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
  /** The fence's language ('yaml', 'bash', 'json'...), null when the notes do not say. */
  language: string | null;
  content: string; // exact source text of lines lineStart..lineEnd (CRLF normalised to LF)
  lineStart: number;
  lineEnd: number;
  /** Set for a YAML snippet that is a Kubernetes object (has apiVersion and kind). */
  manifest?: ParsedManifest;
}

export interface ParsedSection {
  title: string;
  /** True when the header had no title and one was derived from the content. */
  titleDerived: boolean;
  /** 1 = top-level topic, 2 = subsection of the topic above. */
  level: 1 | 2;
  /** Header line .. last line of the section (children included). */
  lineStart: number;
  lineEnd: number;
  /** The section's own text after the header, children excluded, as in the source. */
  body: string;
  lang: 'zh' | 'en' | 'mixed';
  snippets: ParsedSnippet[];
  children: ParsedSection[];
}

export interface DocumentMetadata {
  title: string | null;
  description: string | null;
  tags: string[];
  aliases: string[];
  /** Every other front-matter key, as parsed. */
  extra: Record<string, unknown>;
}

export interface ParsedDocument {
  name: string;
  format: DocumentFormat;
  metadata: DocumentMetadata;
  lineCount: number;
  sections: ParsedSection[];
}
