import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The graph explorer's files, all served by the API itself so the page works
 * with no internet: Cytoscape.js and its fCoSE layout (with the two Bilkent
 * libraries fCoSE is built on) from their npm packages, and our own page from
 * ./public (copied beside the compiled module by scripts/copy-assets.mjs).
 * Only these names are served; each file is read once, on first request.
 */
const require = createRequire(import.meta.url);

export interface ExploreAsset {
  contentType: string;
  body: Buffer;
  etag: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const TYPES: Record<string, string> = { '.js': JS, '.css': CSS };

/** Vendor files, in the order the page loads them: each UMD build expects the one before as a global. */
const VENDOR: Record<string, string> = {
  'cytoscape.min.js': 'cytoscape/dist/cytoscape.min.js',
  'layout-base.js': 'layout-base/layout-base.js',
  'cose-base.js': 'cose-base/cose-base.js',
  'cytoscape-fcose.js': 'cytoscape-fcose/cytoscape-fcose.js',
};

/** name -> file and type: the vendor files, and every script and stylesheet in ./public (listed once, at start). */
const FILES = new Map<string, { path: string; contentType: string }>([
  ...Object.entries(VENDOR).map(([name, spec]) => [name, { path: require.resolve(spec), contentType: JS }] as const),
  ...readdirSync(PUBLIC_DIR).flatMap((name) => {
    const contentType = TYPES[name.slice(name.lastIndexOf('.'))];
    return contentType ? [[name, { path: PUBLIC_DIR + name, contentType }] as const] : [];
  }),
]);

const cache = new Map<string, ExploreAsset>();

function load(path: string, contentType: string): ExploreAsset {
  const body = readFileSync(path);
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

export function exploreAsset(name: string): ExploreAsset | undefined {
  let found = cache.get(name);
  const file = FILES.get(name);
  if (found || !file) return found;
  cache.set(name, (found = load(file.path, file.contentType)));
  return found;
}

let page: ExploreAsset | undefined;

/** The page itself (public/explore.html), served at /explore; its files are under /explore/assets/. */
export function explorePage(): ExploreAsset {
  return (page ??= load(PUBLIC_DIR + 'explore.html', HTML));
}
