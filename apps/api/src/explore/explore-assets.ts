import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The graph explorer's files, all served by the API itself so the page works
 * with no internet: Cytoscape.js and its fCoSE layout (with the two Bilkent
 * libraries fCoSE is built on) from their npm packages, and our own page from
 * ./public (copied beside the compiled module by scripts/copy-assets.mjs).
 * Only these names are served.
 */
const require = createRequire(import.meta.url);

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** Vendor files, in the order the page loads them: each UMD build expects the one before as a global. */
const VENDOR: Record<string, string> = {
  'cytoscape.min.js': 'cytoscape/dist/cytoscape.min.js',
  'layout-base.js': 'layout-base/layout-base.js',
  'cose-base.js': 'cose-base/cose-base.js',
  'cytoscape-fcose.js': 'cytoscape-fcose/cytoscape-fcose.js',
};

/** name -> absolute path: the vendor files, and every script and stylesheet in ./public (listed once, at start). */
const FILES = new Map<string, string>([
  ...Object.entries(VENDOR).map(([name, spec]) => [name, require.resolve(spec)] as const),
  ...readdirSync(PUBLIC_DIR).filter((name) => /\.(js|css)$/.test(name)).map((name) => [name, PUBLIC_DIR + name] as const),
]);

/** The file served as /explore/assets/<name>, if it is one. */
export const exploreAsset = (name: string): string | undefined => FILES.get(name);

/** The page itself (public/explore.html), served at /explore; its files are under /explore/assets/. */
export const EXPLORE_PAGE = PUBLIC_DIR + 'explore.html';
