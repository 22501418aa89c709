/**
 * Front matter (YAML between `---`, TOML between `+++`) → the document's metadata.
 * Malformed front matter gives empty metadata rather than an error: the notes still count.
 */
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { DocumentMetadata } from '../types.js';

export const emptyMetadata = (): DocumentMetadata => ({ title: null, description: null, tags: [], aliases: [], extra: {} });

function parseMatter(type: 'yaml' | 'toml', value: string): unknown {
  try {
    return type === 'toml' ? parseToml(value) : parseYaml(value, { logLevel: 'silent' });
  } catch {
    return null;
  }
}

function text(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** A list of strings from a list or a single value. */
function strings(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value == null ? [] : [value];
  return items.map(text).filter((s): s is string => s !== null);
}

/** Dates (TOML has them) as ISO strings, so metadata stays plain JSON. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export function readFrontMatter(type: 'yaml' | 'toml', value: string): DocumentMetadata {
  const data = parseMatter(type, value);
  if (!data || typeof data !== 'object' || Array.isArray(data)) return emptyMetadata();
  const { title, description, tags, aliases, ...extra } = data as Record<string, unknown>;
  return {
    title: text(title),
    description: text(description),
    tags: strings(tags),
    aliases: strings(aliases),
    extra: plain(extra) as Record<string, unknown>,
  };
}
