/** URL-safe ASCII slugs for (possibly Chinese) titles. */
import { pinyin } from 'pinyin-pro';

const MAX_LEN = 60;
const FALLBACK = 'topic';
const HAN = /\p{Script=Han}/u;

/** Transliterate Han characters to toneless pinyin syllables, separated by spaces. */
function transliterate(title: string): string {
  if (!HAN.test(title)) return title;
  const parts = pinyin(title, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  return parts.join(' ');
}

/**
 * "Pod的生命周期" → "pod-de-sheng-ming-zhou-qi". Lowercase [a-z0-9-], single dashes,
 * no leading/trailing dash, at most 60 characters (cut on a dash when possible), never empty.
 */
export function slugify(title: string): string {
  const ascii = transliterate(title.normalize('NFKC'))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // strip accents
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let slug = ascii;
  if (slug.length > MAX_LEN) {
    const cut = slug.slice(0, MAX_LEN + 1);
    const lastDash = cut.lastIndexOf('-');
    slug = lastDash > MAX_LEN / 2 ? cut.slice(0, lastDash) : slug.slice(0, MAX_LEN);
    slug = slug.replace(/-+$/g, '');
  }
  return slug || FALLBACK;
}
