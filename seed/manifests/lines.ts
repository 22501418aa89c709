/**
 * From a JSON pointer into a parsed object back to the line of the YAML it came from, through
 * the `yaml` package's node ranges and a LineCounter.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';

function unescape(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/**
 * The 1-based line of `pointer` in `doc`: the key's line when `atKey` (an unknown field) or the
 * value's; for a field that is missing, the line of the key holding the object that lacks it.
 */
export function lineOf(doc: Document, pointer: string, atKey: boolean, counter: LineCounter): number {
  const at = (offset: number): number => counter.linePos(offset).line;
  let node: unknown = doc.contents;
  let line = node && (node as Node).range ? at((node as Node).range![0]) : 1;
  let holder = line; // line of the key (or item) that holds `node`
  const parts = pointer.split('/').slice(1).map(unescape);
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyOf(p) === part);
      if (!pair) return holder;
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (last && atKey && key?.range) return at(key.range[0]);
      holder = key?.range ? at(key.range[0]) : line;
      line = value?.range ? at(value.range[0]) : holder;
      node = value;
    } else if (isSeq(node)) {
      const item = node.items[Number(part)] as Node | undefined;
      if (!item) return holder;
      if (item.range) line = holder = at(item.range[0]);
      node = item;
    } else {
      return line;
    }
  }
  return line;
}
