/**
 * npm run kinds:generate — rewrites seed/ontology/kinds.generated.json from the installed
 * kubernetes-models package (run it after upgrading the package, then commit the file).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../apps/api/src/common/project-root.js';
import { buildKindCatalogue, serialiseCatalogue } from './kind-catalogue.js';

const target = join(projectRoot(), 'seed/ontology/kinds.generated.json');
const catalogue = await buildKindCatalogue();
writeFileSync(target, serialiseCatalogue(catalogue));
process.stdout.write(`${catalogue.kinds.length} kinds from ${catalogue.source} written to ${target}\n`);
