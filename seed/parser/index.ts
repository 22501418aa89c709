/** Public API of the pure notes parser. */
export { parseDocument, splitLines } from './parse-document.js';
export type { ParseOptions } from './parse-document.js';
export { deriveTitle } from './sections.js';
export { detectFormat, matchNotesHeader } from './headers.js';
export { detectSnippets, guessKind } from './blocks.js';
export {
  loadApiRemovals, checkManifest, extractManifest, splitYamlDocuments, annotateManifests,
} from './manifests.js';
export { cutSectionPassages, shortenPassage, TARGET, SNIPPET_MAX } from './passages.js';
export type { CutPassage } from './passages.js';
export { slugify, uniqueSlugs } from './slug.js';
export { detectLang } from './lang.js';
export type { Lang } from './lang.js';
export { createMentionFinder, relateTopics, relationEvidence } from './linker.js';
export type { Mention, MentionFinder, TopicRelation, TopicMentions } from './linker.js';
export * from './types.js';
