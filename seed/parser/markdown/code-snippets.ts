/**
 * Code in Markdown → snippets: fenced and indented code, `<pre>`/`<code>` HTML blocks and
 * Hugo `highlight` bodies. A snippet's content is always the document's own lines; its
 * kind comes from the language, or from the code itself when there is none.
 */
import type { Code, Html } from 'mdast';
import type { ApiRemoval } from '../../ontology/types.js';
import type { ParsedSnippet, SnippetKind } from '../types.js';
import { guessKind, isBlank } from '../blocks.js';
import { annotateManifests, extractManifest } from '../manifests.js';
import { htmlText } from './readable.js';

const SHELL = new Set([
  'sh', 'bash', 'shell', 'console', 'zsh', 'fish', 'shell-session', 'shellsession', 'terminal',
  'powershell', 'ps1', 'pwsh', 'cmd', 'bat',
]);
const OUTPUT = new Set(['output', 'log', 'logs']);

/** Kind of a code block: from its language when it has one, else guessed from the code. */
export function kindOf(language: string | null, code: string): SnippetKind {
  if (language === null) return guessKind(code);
  if (language === 'yaml' || language === 'yml') return 'yaml';
  if (SHELL.has(language)) return 'shell';
  if (OUTPUT.has(language)) return 'output';
  return 'text';
}

/** Container prefixes a fence line may carry: indentation, `>` and list markers. */
const PREFIX = String.raw`^(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*`;
const FENCE_OPEN = new RegExp(`${PREFIX}(?:\`{3,}|~{3,})`);
const FENCE_CLOSE = new RegExp(`${PREFIX}(?:\`{3,}|~{3,})[ \\t]*$`);

/**
 * A snippet over document lines [start, end] (1-based) whose code, without container
 * prefixes, is `code`; YAML gets its manifests (one snippet per YAML document when the
 * lines are the code itself).
 */
function snippetOf(lines: readonly string[], start: number, end: number, language: string | null, code: string, removals: readonly ApiRemoval[], kind = kindOf(language, code)): ParsedSnippet[] {
  const content = lines.slice(start - 1, end).join('\n');
  if (end < start || isBlank(content)) return [];
  const snippet: ParsedSnippet = { kind, language, content, lineStart: start, lineEnd: end };
  if (kind !== 'yaml') return [snippet];
  if (content === code) return annotateManifests([snippet], removals);
  const manifest = extractManifest(code, removals);
  return [manifest ? { ...snippet, manifest } : snippet];
}

/** Fenced or indented code. */
export function codeSnippets(node: Code, lines: readonly string[], removals: readonly ApiRemoval[]): ParsedSnippet[] {
  const { start, end } = node.position!;
  const language = node.lang ? node.lang.toLowerCase() : null;
  const valueLines = node.value === '' ? 0 : node.value.split('\n').length;
  const span = end.line - start.line + 1;
  const fenced = node.lang != null || node.meta != null || (FENCE_OPEN.test(lines[start.line - 1]!) && span !== valueLines);
  if (!fenced) return snippetOf(lines, start.line, end.line, null, node.value, removals);
  const closed = end.line > start.line && FENCE_CLOSE.test(lines[end.line - 1]!);
  return snippetOf(lines, start.line + 1, closed ? end.line - 1 : end.line, language, node.value, removals);
}

const OPEN_TAGS = /^\s*(?:<(?:pre|code)\b[^>]*>\s*)+$/i;
const CLOSE_TAGS = /^\s*(?:<\/(?:pre|code)\s*>\s*)+$/i;

/** An HTML block that is code (`<pre>`, `<code>`), else null. */
export function htmlSnippet(node: Html, lines: readonly string[], removals: readonly ApiRemoval[]): ParsedSnippet[] | null {
  if (!/^\s*<(?:pre|code)\b/i.test(node.value)) return null;
  const { start, end } = node.position!;
  // Tags alone on their lines are the fences of this block: cite the lines between them.
  const first = start.line < end.line && OPEN_TAGS.test(lines[start.line - 1]!) ? start.line + 1 : start.line;
  const last = end.line > first && CLOSE_TAGS.test(lines[end.line - 1]!) ? end.line - 1 : end.line;
  const code = htmlText(lines.slice(first - 1, last).join('\n'));
  return snippetOf(lines, first, last, 'html', code, removals, guessKind(code));
}

/** The body of a Hugo `{{< highlight lang >}}`. */
export function highlightSnippets(lines: readonly string[], start: number, end: number, language: string | null, removals: readonly ApiRemoval[]): ParsedSnippet[] {
  return snippetOf(lines, start, end, language, lines.slice(start - 1, end).join('\n'), removals);
}
