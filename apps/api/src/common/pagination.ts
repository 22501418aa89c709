import { BadParameterError } from './problems.js';

/** Items per page when the caller does not say; `limit` above MAX_PAGE_SIZE is capped. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page and, for each item, the cursor that resumes the list after it (GraphQL's edge cursors). */
export interface CursorPage<T> extends Page<T> {
  cursors: string[];
}

/** What REST sends of a page. */
export function restPage<T>({ items, nextCursor }: Page<T>): Page<T> {
  return { items, nextCursor };
}

export function pageSize(limit: number | undefined): number {
  return Math.min(limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}

/** Opaque cursors: base64url JSON of the last item's sort key, so clients cannot depend on their shape. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends Record<string, string | number>>(
  cursor: string | undefined,
  isKey: (value: unknown) => value is K,
  param = 'cursor',
): K | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isKey(value) || !fitsColumns(value)) throw new BadParameterError(param, 'is not a cursor this API returned');
  return value;
}

/** Cursor keys are integer ids and positions (int4) or slugs: anything else would fail in SQL, not page. */
function fitsColumns(key: Record<string, string | number>): boolean {
  return Object.values(key).every((v) =>
    typeof v === 'number' ? Number.isSafeInteger(v) && Math.abs(v) <= 2_147_483_647 : typeof v === 'string' && v.length <= 200 && !v.includes('\u0000'),
  );
}

/** Fetch limit+1 rows; the extra one tells whether another page exists. */
export function toPage<Row, Item>(rows: Row[], limit: number, key: (row: Row) => Record<string, string | number>, map: (row: Row) => Item): CursorPage<Item> {
  const kept = rows.slice(0, limit);
  const cursors = kept.map((row) => encodeCursor(key(row)));
  return { items: kept.map(map), nextCursor: rows.length > limit ? cursors.at(-1) ?? null : null, cursors };
}
