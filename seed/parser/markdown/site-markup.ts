/**
 * Site-generator markup that CommonMark does not know, unwrapped before the tree is
 * parsed: Hugo shortcodes (`{{< note >}}…{{< /note >}}`, `{{% tab name="x" %}}`, inline
 * `{{< glossary_tooltip text="control plane" term_id="…" >}}`), Docusaurus/VuePress
 * containers (`:::tip Title` … `:::`, `::: warning`) and MkDocs admonitions
 * (`!!! note "Title"` over an indented body).
 *
 * It rewrites a copy of the lines and never adds or removes one, so the tree parsed
 * from the copy still speaks in document lines:
 * - a line holding only markers becomes blank; the marker's title (see `labelOf`)
 *   is returned as a label, which the caller keeps as prose on that line;
 * - an inline shortcode is replaced by its label (a glossary tooltip by its text);
 * - an MkDocs body is dedented, so it is not read as indented code;
 * - the body of `{{< highlight lang >}}` is returned as a code block and blanked.
 * Lines of code, HTML blocks and front matter (`literal`) are left alone. Headings
 * inside a container are the caller's to demote. Shortcode calls must fit on one line.
 *
 * Hand-written: the mdast family has no extension for these (micromark's directive
 * syntax is `:::name[label]`, neither `::: warning Title` nor shortcodes).
 */
import { isBlank } from '../blocks.js';

/** 1-based, inclusive. */
export interface LineRange {
  start: number;
  end: number;
}

export interface UnwrappedMarkup {
  /** The document's lines with the markup taken out (same count). */
  lines: string[];
  /** Bodies of shortcodes and admonitions, marker lines included: a heading here is content. */
  containers: LineRange[];
  /** Titles of markers that were blanked: prose on their line. */
  labels: Array<{ line: number; text: string }>;
  /** `{{< highlight >}}` bodies (the lines between the markers). */
  codeBlocks: Array<LineRange & { language: string | null }>;
}

const SHORTCODE = /\{\{([<%])\s*(\/?)\s*([A-Za-z_][\w./-]*)((?:(?!\}\}).)*?)\s*(\/?)\s*[>%]\}\}/g;
const SHORTCODE_ARG = /(?:([\w-]+)=)?(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|([^\s"'`=]+))/g;
const HIGHLIGHT_CLOSE = /^\s*\{\{[<%]\s*\/\s*highlight\s*[>%]\}\}\s*$/;
const COLON_OPEN = /^\s*:{3,}\s*([A-Za-z][\w-]*)(.*)$/;
const COLON_CLOSE = /^\s*:{3,}\s*$/;
const MKDOCS_OPEN = /^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+"([^"]*)")?[ \t]*$/;

/** Argument keys whose value is readable text rather than an id, a path or an option. */
const LABEL_KEYS = new Set(['text', 'title', 'caption', 'alt', 'label']);
/** Shortcodes whose arguments are links or variables, never prose. */
const NO_LABEL = new Set(['ref', 'relref', 'param', 'highlight']);

/** Cheap test: is there anything for `unwrapSiteMarkup` to do? */
export const hasSiteMarkup = (text: string): boolean => /\{\{[<%]|^[ \t]*(?::::|!!!|\?\?\?)/m.test(text);

interface Shortcode {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  args: Array<{ key: string | null; value: string; quoted: boolean }>;
}

function readShortcode(m: RegExpMatchArray): Shortcode {
  const args = [...m[4]!.matchAll(SHORTCODE_ARG)].map((a) => ({
    key: a[1] ?? null,
    value: a[2] ?? a[3] ?? a[4] ?? a[5] ?? '',
    quoted: a[5] === undefined,
  }));
  return { name: m[3]!.toLowerCase(), closing: m[2] === '/', selfClosing: m[5] === '/', args };
}

/**
 * The readable part of a shortcode: its text/title/caption/alt/label arguments (a tab's
 * name), else its quoted positional arguments and unquoted ones after the first (which
 * names a type, as in `callout note "Title"`); nothing for closers and link shortcodes.
 */
export function labelOf(code: Shortcode): string {
  if (code.closing || NO_LABEL.has(code.name)) return '';
  const named = code.args.filter((a) => a.key && (LABEL_KEYS.has(a.key) || (a.key === 'name' && code.name === 'tab')));
  if (named.length) return named.map((a) => a.value).join(' ');
  const positional = code.args.filter((a) => a.key === null);
  return positional.filter((a, i) => a.quoted || i > 0).map((a) => a.value).join(' ').trim();
}

/** Columns of leading whitespace (a tab to the next multiple of 4, as CommonMark counts). */
function columns(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ') n++;
    else if (ch === '\t') n += 4 - (n % 4);
    else break;
  }
  return n;
}

/** The line without its first `width` columns of indentation. */
function dedent(line: string, width: number): string {
  let n = 0;
  let i = 0;
  while (i < line.length && n < width && (line[i] === ' ' || line[i] === '\t')) {
    n = line[i] === '\t' ? n + 4 - (n % 4) : n + 1;
    i++;
  }
  return line.slice(i);
}

/** `[Title]`, `"Title"` or `Title {attrs}` after a container's type. */
function containerTitle(rest: string): string {
  return rest.replace(/\{[^}]*\}/g, '').trim().replace(/^\[(.*)\]$/, '$1').replace(/^(["'])(.*)\1$/, '$2').trim();
}

export function unwrapSiteMarkup(source: readonly string[], literal: ReadonlySet<number>): UnwrappedMarkup {
  const lines = [...source];
  const containers: LineRange[] = [];
  const labels: UnwrappedMarkup['labels'] = [];
  const codeBlocks: UnwrappedMarkup['codeBlocks'] = [];
  const colons: number[] = [];
  const admonitions: Array<{ start: number; indent: number; last: number }> = [];
  const shortcodes: Array<{ name: string; line: number }> = [];
  let highlight: { start: number; language: string | null } | null = null;
  const label = (line: number, text: string): void => {
    if (text.trim()) labels.push({ line, text: text.trim() });
  };

  for (let i = 0; i < lines.length; i++) {
    const no = i + 1;
    let line = lines[i]!;
    while (admonitions.length && !isBlank(line) && columns(line) < admonitions.at(-1)!.indent) {
      const done = admonitions.pop()!;
      containers.push({ start: done.start, end: done.last });
    }
    const body = admonitions.at(-1);
    if (body) {
      if (!isBlank(line)) body.last = no;
      line = lines[i] = dedent(line, body.indent);
    } else if (literal.has(no)) {
      continue;
    }

    if (highlight) {
      lines[i] = '';
      if (HIGHLIGHT_CLOSE.test(line)) {
        codeBlocks.push({ start: highlight.start, end: no - 1, language: highlight.language });
        highlight = null;
      }
      continue;
    }

    const mkdocs = MKDOCS_OPEN.exec(line);
    if (mkdocs) {
      lines[i] = '';
      label(no, mkdocs[2] ?? '');
      admonitions.push({ start: no, indent: (body?.indent ?? 0) + columns(mkdocs[1]!) + 4, last: no });
      continue;
    }
    if (COLON_CLOSE.test(line)) {
      lines[i] = '';
      const start = colons.pop();
      if (start !== undefined) containers.push({ start, end: no });
      continue;
    }
    const colon = COLON_OPEN.exec(line);
    if (colon) {
      lines[i] = '';
      label(no, containerTitle(colon[2]!));
      colons.push(no);
      continue;
    }

    const found = [...line.matchAll(SHORTCODE)];
    if (found.length === 0) continue;
    const codes = found.map(readShortcode);
    for (const code of codes) {
      if (code.closing) {
        const at = shortcodes.map((s) => s.name).lastIndexOf(code.name);
        if (at < 0) continue;
        const open = shortcodes[at]!;
        shortcodes.length = at;
        if (open.line < no) containers.push({ start: open.line, end: no });
      } else if (!code.selfClosing && code.name !== 'highlight') {
        shortcodes.push({ name: code.name, line: no });
      }
    }
    const rest = line.replace(SHORTCODE, '');
    if (isBlank(rest)) {
      lines[i] = rest;
      label(no, codes.map(labelOf).join(' '));
      const only = codes.length === 1 ? codes[0]! : null;
      if (only?.name === 'highlight' && !only.closing && !only.selfClosing) {
        const language = only.args.find((a) => a.key === null)?.value.toLowerCase() ?? null;
        highlight = { start: no + 1, language };
      }
    } else {
      let k = 0;
      lines[i] = line.replace(SHORTCODE, () => labelOf(codes[k++]!));
    }
  }
  for (const open of admonitions) containers.push({ start: open.start, end: open.last });
  for (const start of colons) containers.push({ start, end: lines.length });
  if (highlight) codeBlocks.push({ start: highlight.start, end: lines.length, language: highlight.language });
  return { lines, containers, labels, codeBlocks };
}
