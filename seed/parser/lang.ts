/**
 * Language of a piece of text: 'zh' | 'en' | 'mixed'.
 *
 * Han characters are counted one by one; Latin text is counted in words
 * (runs of ASCII letters). A Chinese character carries roughly the information
 * of an English word, so the two counts are compared directly.
 */
export type Lang = 'zh' | 'en' | 'mixed';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[A-Za-z]+/g;

export function hanCount(text: string): number {
  return text.match(HAN)?.length ?? 0;
}

export function latinWordCount(text: string): number {
  return text.match(LATIN_WORD)?.length ?? 0;
}

/** Share of Han characters among (Han characters + Latin words) at or above which text is 'zh'. */
const ZH_THRESHOLD = 0.75;
/** Share at or below which text is 'en'. */
const EN_THRESHOLD = 0.1;

export function detectLang(text: string): Lang {
  const han = hanCount(text);
  const latin = latinWordCount(text);
  const total = han + latin;
  if (total === 0) return 'en';
  const ratio = han / total;
  if (ratio >= ZH_THRESHOLD) return 'zh';
  if (ratio <= EN_THRESHOLD) return 'en';
  return 'mixed';
}
