/**
 * Kubernetes manifests inside YAML snippets: apiVersion/kind/name extraction
 * (the `yaml` library first, a regex fallback for fragments that do not parse)
 * and the check against the API removal table (seed/ontology/api-removals.yaml).
 * Never throws on bad input.
 */
import { parseAllDocuments } from 'yaml';
import type { ApiDeprecation, ParsedManifest, ParsedSnippet } from './types.js';
import { findApiRow, loadApiDeprecations } from '../ontology/api-removals.js';
import type { ApiRemoval } from '../ontology/types.js';

/** The deprecation table's rows (seed/ontology/api-removals.yaml), read once. Throws when the file is missing or malformed. */
export function loadApiRemovals(): ApiRemoval[] {
  return loadApiDeprecations().rows;
}

/**
 * The row for apiVersion + kind (kind compared case-insensitively) as a deprecation, when the API
 * has been removed; an API that is only deprecated (no removedIn) gives undefined here — the
 * manifest check (seed/manifests) reports those, relative to a Kubernetes version.
 */
export function checkManifest(apiVersion: string, kind: string, removals: readonly ApiRemoval[]): ApiDeprecation | undefined {
  const row = findApiRow(apiVersion, kind, removals);
  return row?.removedIn ? { replacement: row.replacement, removedIn: row.removedIn, note: row.note } : undefined;
}

const unquote = (s: string): string => s.trim().replace(/^(["'])(.*)\1$/, '$2');

/** Regex fallback: top-level apiVersion/kind (at the smallest indentation) and metadata.name. */
function regexManifest(content: string): Omit<ParsedManifest, 'deprecated'> | null {
  const lines = content.split('\n').filter((l) => l.trim() && !/^\s*#/.test(l));
  if (lines.length === 0) return null;
  const minIndent = Math.min(...lines.map((l) => /^\s*/.exec(l)![0].length));
  let apiVersion: string | null = null;
  let kind: string | null = null;
  let name: string | null = null;
  let inMetadata = false;
  for (const line of lines) {
    const indent = /^\s*/.exec(line)![0].length;
    const m = /^\s*([\w.-]+)\s*:\s*([^#]*?)\s*(?:#.*)?$/.exec(line);
    if (!m) continue;
    const [, key, value] = m;
    if (indent === minIndent) {
      inMetadata = key === 'metadata';
      if (key === 'apiVersion' && value) apiVersion ??= unquote(value);
      if (key === 'kind' && value) kind ??= unquote(value);
    } else if (inMetadata && key === 'name' && value && name === null && indent > minIndent) {
      name = unquote(value);
    }
  }
  return apiVersion && kind ? { apiVersion, kind, name } : null;
}

/** apiVersion/kind/name of one YAML document, or undefined when it is not a Kubernetes object. */
export function extractManifest(content: string, removals: readonly ApiRemoval[]): ParsedManifest | undefined {
  if (!/\bapiVersion\s*:/.test(content) || !/\bkind\s*:/.test(content)) return undefined;
  let base: Omit<ParsedManifest, 'deprecated'> | null = null;
  try {
    const docs = parseAllDocuments(content, { logLevel: 'silent' });
    const doc = Array.isArray(docs) ? docs[0] : undefined;
    if (doc && doc.errors.length === 0) {
      const obj: unknown = doc.toJS();
      if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
        const o = obj as Record<string, unknown>;
        const meta = o.metadata as Record<string, unknown> | undefined;
        if (typeof o.apiVersion === 'string' && typeof o.kind === 'string') {
          base = {
            apiVersion: o.apiVersion,
            kind: o.kind,
            name: meta && typeof meta === 'object' && meta.name != null ? String(meta.name) : null,
          };
        }
      }
    }
  } catch {
    base = null;
  }
  base ??= regexManifest(content);
  if (!base) return undefined;
  const deprecated = checkManifest(base.apiVersion, base.kind, removals);
  return deprecated ? { ...base, deprecated } : base;
}

const SEPARATOR = /^---[ \t]*(?:#.*)?$/;

/** Split a YAML snippet at `---` lines into one snippet per non-empty document. */
export function splitYamlDocuments(snippet: ParsedSnippet): ParsedSnippet[] {
  const lines = snippet.content.split('\n');
  if (!lines.some((l) => SEPARATOR.test(l))) return [snippet];
  const parts: ParsedSnippet[] = [];
  let start = 0;
  const flush = (end: number): void => {
    let a = start;
    let b = end;
    while (a < b && !lines[a]!.trim()) a++;
    while (b > a && !lines[b - 1]!.trim()) b--;
    if (b > a) {
      parts.push({
        ...snippet, content: lines.slice(a, b).join('\n'),
        lineStart: snippet.lineStart + a, lineEnd: snippet.lineStart + b - 1,
      });
    }
  };
  lines.forEach((line, i) => {
    if (SEPARATOR.test(line)) { flush(i); start = i + 1; }
  });
  flush(lines.length);
  return parts;
}

/** Split multi-document YAML snippets and attach a manifest to each Kubernetes object. */
export function annotateManifests(snippets: readonly ParsedSnippet[], removals: readonly ApiRemoval[]): ParsedSnippet[] {
  const out: ParsedSnippet[] = [];
  for (const s of snippets) {
    if (s.kind !== 'yaml') { out.push(s); continue; }
    for (const part of splitYamlDocuments(s)) {
      const manifest = extractManifest(part.content, removals);
      out.push(manifest ? { ...part, manifest } : part);
    }
  }
  return out;
}
