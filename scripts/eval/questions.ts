/**
 * Question files of the search evaluation. A case names what answers it in one of two ways:
 * `expect`, a topic slug (the seed's questions, one document, so the topic is what matters), or
 * `doc`, a corpus-relative file path (or a list, when copies or translations in several folders
 * answer it equally), optionally with the `heading` of the section of that one file that answers it.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const tags = z.array(z.string().min(1)).default([]);
const topicCase = z.object({ q: z.string().min(1), expect: z.string().min(1), tags }).strict();
const documentCase = z
  .object({ q: z.string().min(1), doc: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]), heading: z.string().min(1).optional(), tags })
  .strict()
  .refine((c) => !(Array.isArray(c.doc) && c.heading), { message: 'a heading names a section of one file: give one doc with it' });
const schema = z.object({ cases: z.array(z.union([topicCase, documentCase])).min(1) });

export type TopicCase = z.infer<typeof topicCase>;
export type DocumentCase = z.infer<typeof documentCase>;
export type EvalCase = TopicCase | DocumentCase;

export function isDocumentCase(c: EvalCase): c is DocumentCase {
  return 'doc' in c;
}

/** The files that answer a document question. */
export function answeringDocuments(c: DocumentCase): string[] {
  return Array.isArray(c.doc) ? c.doc : [c.doc];
}

/** What the case expects, as printed: the document (and section) or the topic. */
export function expectation(c: EvalCase): string {
  if (!isDocumentCase(c)) return c.expect;
  const docs = answeringDocuments(c).join(' or ');
  return c.heading ? `${docs} › ${c.heading}` : docs;
}

export function loadQuestions(file: string): EvalCase[] {
  return schema.parse(parse(readFileSync(file, 'utf8'))).cases;
}
