/** parseDocument: a notes or Markdown document → metadata and a tree of sections with snippets and prose. */
import type { DocumentFormat, ParsedDocument } from './types.js';
import type { ApiRemoval } from '../ontology/types.js';
import { detectFormat } from './headers.js';
import { loadApiRemovals } from './manifests.js';
import { buildSections } from './sections.js';
import { notesOutline } from './notes-format.js';
import { markdownOutline } from './markdown/outline.js';
import { emptyMetadata } from './markdown/front-matter.js';

export interface ParseOptions {
  /** Removal table to check manifests against; defaults to seed/ontology/api-removals.yaml. */
  removals?: readonly ApiRemoval[];
  /** The format when the caller knows it (a .md file); otherwise detected from the text. */
  format?: DocumentFormat;
}

/** Split into lines: CRLF/CR normalised, BOM dropped, no phantom line after a final newline. */
export function splitLines(text: string): string[] {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (normalised === '') return [];
  const lines = normalised.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function parseDocument(name: string, text: string, options: ParseOptions = {}): ParsedDocument {
  const lines = splitLines(text);
  const format = options.format ?? detectFormat(lines);
  const removals = options.removals ?? loadApiRemovals();
  if (format === 'notes') {
    const sections = buildSections(lines, notesOutline(lines, removals));
    return { name, format, lineCount: lines.length, metadata: emptyMetadata(), sections };
  }
  const { outline, metadata } = markdownOutline(lines, removals);
  return { name, format, lineCount: lines.length, metadata, sections: buildSections(lines, outline) };
}
