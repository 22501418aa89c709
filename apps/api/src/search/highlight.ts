/** How long a highlight may be (characters of source text, marks aside). */
export const HIGHLIGHT_CHARS = 160;
/** Context kept before the first match, so the snippet does not start on the matched word. */
const LEAD_CHARS = 40;

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A short window of `text` around the first matched term, HTML-escaped, with
 * every matched term wrapped in <mark>…</mark>. Terms are matched
 * case-insensitively, longest first, so "headless" wins over "head".
 */
export function highlight(text: string, terms: Iterable<string>, maxChars = HIGHLIGHT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sorted = [...new Set([...terms].filter(Boolean))].sort((a, b) => b.length - a.length);
  const pattern = sorted.length ? new RegExp(sorted.map(escapeRegExp).join('|'), 'giu') : null;
  const first = pattern ? flat.search(pattern) : -1;
  let start = first > LEAD_CHARS ? first - LEAD_CHARS : 0;
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    if (space >= 0 && space < first) start = space + 1; // do not cut a word in two
  }
  const end = Math.min(flat.length, start + maxChars);
  const window = flat.slice(start, end);
  const marked = pattern
    ? window.split(new RegExp(`(${sorted.map(escapeRegExp).join('|')})`, 'giu'))
        .map((part, i) => (i % 2 === 1 ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part)))
        .join('')
    : escapeHtml(window);
  return `${start > 0 ? '…' : ''}${marked}${end < flat.length ? '…' : ''}`;
}
