/** A question file is checked against its corpus before a run: a wrong path or heading is a broken question, not a miss. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outline } from './markdown-outline.js';
import { answeringDocuments, isDocumentCase, type EvalCase } from './questions.js';
import { sameHeading } from './score.js';

/** What is wrong with the questions' answers in corpus folder `dir`, one line each; empty when nothing is. */
export function checkQuestions(dir: string, cases: readonly EvalCase[]): string[] {
  const problems: string[] = [];
  for (const c of cases.filter(isDocumentCase)) {
    const missing = answeringDocuments(c).filter((doc) => !existsSync(join(dir, doc)));
    if (missing.length > 0) problems.push(`${c.q}: no such file ${missing.join(', ')}`);
    else if (c.heading && typeof c.doc === 'string') {
      const headings = outline(readFileSync(join(dir, c.doc), 'utf8')).headings;
      if (!headings.some((h) => sameHeading(h.text, c.heading!))) problems.push(`${c.q}: ${c.doc} has no heading "${c.heading}"`);
    }
  }
  return problems;
}
