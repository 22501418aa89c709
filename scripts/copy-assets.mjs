// tsc compiles only TypeScript; the ontology's YAML data must sit beside the
// compiled loader in dist/, which reads it relative to its own module URL.
import { cpSync, readdirSync } from 'node:fs';

for (const file of readdirSync('seed/ontology').filter((name) => name.endsWith('.yaml'))) {
  cpSync(`seed/ontology/${file}`, `dist/seed/ontology/${file}`);
}
