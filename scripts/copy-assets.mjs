// tsc compiles only TypeScript; files read at run time relative to their
// module's URL must sit beside the compiled module in dist/: the ontology's
// data (YAML, and the generated kind catalogue in JSON), the graph explorer's
// page, scripts and styles, and the GraphQL explorer's start-up script.
import { cpSync, readdirSync } from 'node:fs';

for (const file of readdirSync('seed/ontology').filter((name) => /\.(yaml|json)$/.test(name))) {
  cpSync(`seed/ontology/${file}`, `dist/seed/ontology/${file}`);
}
cpSync('apps/api/src/explore/public', 'dist/apps/api/src/explore/public', { recursive: true });
cpSync('apps/api/src/graphql/explorer/public', 'dist/apps/api/src/graphql/explorer/public', { recursive: true });
