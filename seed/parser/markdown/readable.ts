/**
 * Readable text of Markdown nodes, kept line by line: the words a reader sees with the
 * markup removed (emphasis markers, link and image syntax but their label and alt
 * text, table pipes, HTML tags and comments), each piece on the document line it came
 * from, so prose can be cited by line.
 */
import type { Html, PhrasingContent, Table } from 'mdast';

/** Document line (1-based) → the readable text found on it. */
export type LineTexts = Map<number, string>;

function put(out: LineTexts, line: number, text: string): void {
  out.set(line, (out.get(line) ?? '') + text);
}

/** Adds text that starts on `line` (newlines move to the next lines); returns the line it ends on. */
function putLines(out: LineTexts, line: number, text: string): number {
  const parts = text.split('\n');
  parts.forEach((part, k) => put(out, line + k, part));
  return line + parts.length - 1;
}

const keepNewlines = (s: string): string => s.replace(/[^\n]/g, '');

/**
 * Character references as the characters they stand for: numeric ones and the names
 * notes actually use. Hand-written: the full table (decode-named-character-reference)
 * is only a transitive dependency, and these six names cover the corpora measured.
 */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeReferences(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]+));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name] ?? whole;
    const code = dec ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
const ALT = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/** Text of raw HTML: comments, scripts and styles dropped, tags dropped (an image keeps its alt), references decoded, newlines kept. */
export function htmlText(html: string): string {
  return decodeReferences(stripTags(html));
}

function stripTags(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, keepNewlines)
    .replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, keepNewlines)
    .replace(/<img\b[^>]*>/gi, (tag) => {
      const alt = ALT.exec(tag);
      return (alt ? alt[1] ?? alt[2] ?? alt[3] ?? '' : '') + keepNewlines(tag);
    })
    .replace(/<\/?[A-Za-z][^>]*>/g, keepNewlines);
}

/**
 * Readable text of inline content into `out`, starting at `line` for nodes the GFM
 * transforms left without a position; returns the line the content ends on.
 * `source` is the text the tree was parsed from (for inline code across lines).
 */
export function phrasingText(nodes: readonly PhrasingContent[], out: LineTexts, line: number, source: string): number {
  for (const node of nodes) {
    const at = node.position?.start.line ?? line;
    switch (node.type) {
      case 'text':
        line = putLines(out, at, node.value);
        break;
      case 'inlineCode': {
        // The tree turns newlines inside code spans into spaces; the source keeps them.
        const { start, end } = node.position ?? {};
        const raw = start && end && end.line > start.line
          ? source.slice(start.offset, end.offset).replace(/^`+ ?|\s?`+$/g, '')
          : node.value;
        line = putLines(out, at, raw);
        break;
      }
      case 'image':
      case 'imageReference':
        line = putLines(out, at, node.alt ?? '');
        break;
      case 'html':
        line = putLines(out, at, htmlText(node.value));
        break;
      case 'break':
      case 'footnoteReference':
        break;
      default:
        if ('children' in node) line = phrasingText(node.children, out, at, source);
    }
  }
  return line;
}

/** A table, one row per line: its non-empty cells joined by " | " (the delimiter row has no node, so no line). */
export function tableText(table: Table, out: LineTexts, source: string): void {
  for (const row of table.children) {
    const rowLine = row.position!.start.line;
    const cells = row.children.map((cell) => {
      const texts: LineTexts = new Map();
      phrasingText(cell.children, texts, rowLine, source);
      return [...texts.values()].join(' ').trim();
    });
    put(out, rowLine, cells.filter(Boolean).join(' | '));
  }
}

/** An HTML block that is not code: its text, line by line. */
export function htmlBlockText(node: Html, out: LineTexts): void {
  putLines(out, node.position!.start.line, htmlText(node.value));
}

/** One line of readable text: whitespace runs collapsed. */
export const oneLine = (texts: LineTexts): string => [...texts.values()].join(' ').replace(/\s+/g, ' ').trim();
