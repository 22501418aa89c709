/** DataLoader batch helpers: answers in the order of the keys, as DataLoader requires. */

export function groupByKey<K, Row, Item>(keys: readonly K[], rows: Row[], keyOf: (row: Row) => K, map: (row: Row) => Item): Item[][] {
  const groups = new Map<K, Item[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(map(row));
  return keys.map((key) => groups.get(key) ?? []);
}

export function oneByKey<K, Row, Item>(keys: readonly K[], rows: Row[], keyOf: (row: Row) => K, map: (row: Row) => Item): (Item | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), map(row)]));
  return keys.map((key) => byKey.get(key) ?? null);
}
