// tsc compiles only TypeScript; the ontology's data (YAML, and the generated kind
// catalogue in JSON) must sit beside the compiled loader in dist/, which reads it
// relative to its own module URL.
import { cpSync, readdirSync } from 'node:fs';

for (const file of readdirSync('seed/ontology').filter((name) => /\.(yaml|json)$/.test(name))) {
  cpSync(`seed/ontology/${file}`, `dist/seed/ontology/${file}`);
}
