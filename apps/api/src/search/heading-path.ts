/**
 * Heading paths: what a section sits under, document › section › subsection.
 * A document is named by its front matter's title, else by its file name
 * (`concepts/objects/service.md` → "service"), except the names that say nothing (README, index).
 */
const NAMELESS = new Set(['readme', 'index', '_index', 'summary']);

export function documentHeading(document: { title: string | null; name: string }): string | null {
  if (document.title?.trim()) return document.title.trim();
  const stem = document.name.split('/').pop()!.replace(/\.(md|markdown|txt)$/i, '');
  return stem && !NAMELESS.has(stem.toLowerCase()) ? stem : null;
}

/** Per topic id, the titles above it: the document's heading, then its ancestors' titles, outermost first. */
export function ancestorHeadings(
  topics: ReadonlyArray<{ id: number; parentId: number | null; title: string; document: { title: string | null; name: string } }>,
): Map<number, string[]> {
  const byId = new Map(topics.map((t) => [t.id, t]));
  const paths = new Map<number, string[]>();
  const pathOf = (id: number): string[] => {
    const known = paths.get(id);
    if (known) return known;
    const topic = byId.get(id)!;
    const parent = topic.parentId !== null && byId.has(topic.parentId) ? byId.get(topic.parentId)! : undefined;
    const path = parent ? [...pathOf(parent.id), parent.title] : [documentHeading(topic.document)].filter((h): h is string => h !== null);
    paths.set(id, path);
    return path;
  };
  for (const topic of topics) pathOf(topic.id);
  return paths;
}
