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
 * The 1-based line of `pointer` in `doc`: the key's line when `atKey` (an unknown or a missing
 * field) or the value's, else the line of the deepest node that exists on the way.
 */
export function lineOf(doc: Document, pointer: string, atKey: boolean, counter: LineCounter): number {
  const at = (offset: number): number => counter.linePos(offset).line;
  let node: unknown = doc.contents;
  let line = node && (node as Node).range ? at((node as Node).range![0]) : 1;
  const parts = pointer.split('/').slice(1).map(unescape);
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyOf(p) === part);
      if (!pair) return line; // a missing field: the line of the object that should have it
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (last && atKey && key?.range) return at(key.range[0]);
      line = value?.range ? at(value.range[0]) : key?.range ? at(key.range[0]) : line;
      node = value;
    } else if (isSeq(node)) {
      const item = node.items[Number(part)] as Node | undefined;
      if (!item) return line;
      if (item.range) line = at(item.range[0]);
      node = item;
    } else {
      return line;
    }
  }
  return line;
}
