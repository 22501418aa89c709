/**
 * Dify's metadata_condition (External Knowledge API), evaluated against a
 * record's metadata (pure). Fields we do not have count as absent: only
 * `empty` / `null` hold for them. An operator Dify does not document is a bad request.
 */

export type MetadataValue = string | number | string[] | null | undefined;

export interface MetadataConditionItem {
  name: string | string[];
  comparison_operator: string;
  value?: string | number | string[] | null;
}

/** Dify dumps its model with nulls for unset fields: a null operator is "and", null conditions match everything. */
export interface MetadataCondition {
  logical_operator?: string | null;
  conditions?: MetadataConditionItem[] | null;
}

export const COMPARISON_OPERATORS = [
  'contains', 'not contains', 'start with', 'end with', 'is', 'is not', 'in', 'not in',
  'empty', 'not empty', 'null', 'not null', '=', '≠', '>', '<', '≥', '≤', 'before', 'after',
] as const;

export class MetadataConditionError extends Error {}

/** Throws MetadataConditionError for an unknown logical or comparison operator. */
export function validateCondition(condition: MetadataCondition): void {
  const logical = condition.logical_operator ?? 'and';
  if (logical !== 'and' && logical !== 'or') throw new MetadataConditionError(`logical_operator must be "and" or "or", not "${logical}"`);
  for (const item of condition.conditions ?? []) {
    if (!(COMPARISON_OPERATORS as readonly string[]).includes(item.comparison_operator)) {
      throw new MetadataConditionError(`comparison_operator "${item.comparison_operator}" is not one Dify documents`);
    }
  }
}

export function matchesCondition(metadata: object, condition: MetadataCondition): boolean {
  const results = (condition.conditions ?? []).map((item) => {
    // Older Dify docs give `name` as a list of fields: any of them may satisfy the condition.
    const names = Array.isArray(item.name) ? item.name : [item.name];
    return names.some((name) => compare(fieldOf(metadata, name), item.comparison_operator, item.value));
  });
  if (results.length === 0) return true;
  return (condition.logical_operator ?? 'and') === 'or' ? results.some(Boolean) : results.every(Boolean);
}

/** A field a condition can compare: a string, a number or a list of strings; anything else (objects) counts as absent. */
function fieldOf(metadata: object, name: string): MetadataValue {
  const value: unknown = Object.hasOwn(metadata, name) ? (metadata as Record<string, unknown>)[name] : undefined;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  return undefined;
}

const isEmpty = (v: MetadataValue) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const lower = (v: unknown) => String(v).toLowerCase();

function compare(field: MetadataValue, operator: string, value: MetadataConditionItem['value']): boolean {
  switch (operator) {
    case 'empty':
    case 'null':
      return isEmpty(field);
    case 'not empty':
    case 'not null':
      return !isEmpty(field);
  }
  if (isEmpty(field)) return false;
  const items = Array.isArray(field) ? field.map(String) : [String(field)];
  const wanted = Array.isArray(value) ? value.map(String) : value === null || value === undefined ? [] : [String(value)];
  const first = wanted[0] ?? '';
  switch (operator) {
    case 'contains':
      return items.some((item) => lower(item).includes(lower(first)));
    case 'not contains':
      return !items.some((item) => lower(item).includes(lower(first)));
    case 'start with':
      return items.some((item) => item.startsWith(first));
    case 'end with':
      return items.some((item) => item.endsWith(first));
    case 'is':
      return items.includes(first);
    case 'is not':
      return !items.includes(first);
    case 'in':
      return items.some((item) => wanted.includes(item));
    case 'not in':
      return !items.some((item) => wanted.includes(item));
    case 'before':
    case 'after':
      return false; // no date fields in our metadata
    default:
      return numeric(field, operator, Number(first));
  }
}

function numeric(field: MetadataValue, operator: string, target: number): boolean {
  const n = typeof field === 'number' ? field : Number(field);
  if (!Number.isFinite(n) || !Number.isFinite(target)) return false;
  switch (operator) {
    case '=': return n === target;
    case '≠': return n !== target;
    case '>': return n > target;
    case '<': return n < target;
    case '≥': return n >= target;
    case '≤': return n <= target;
    default: return false;
  }
}
