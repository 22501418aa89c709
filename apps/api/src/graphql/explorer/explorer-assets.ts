import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The explorer's files, served by the API itself so it works with no internet:
 * GraphiQL's bundle and styles, React 18's UMD builds, and our start-up script.
 * Only these names are served; each is read once, on first request.
 */
const require = createRequire(import.meta.url);

export interface ExplorerAsset {
  contentType: string;
  body: Buffer;
  etag: string;
}

const FILES: Record<string, { pkg: string; file: string; contentType: string }> = {
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', contentType: 'text/javascript; charset=utf-8' },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', contentType: 'text/css; charset=utf-8' },
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', contentType: 'text/javascript; charset=utf-8' },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', contentType: 'text/javascript; charset=utf-8' },
};

/** From the package folder: react's `exports` map does not list its UMD builds, so require.resolve cannot name them. */
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** Starts GraphiQL against the endpoint the page was served from (no inline script: the CSP allows only 'self'). */
const EXPLORER_JS = `'use strict';
(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname, enableIncrementalDelivery: false });
  var defaultQuery = '# Explore the kubenotes knowledge base; Ctrl-Enter runs the query.\\n' +
    '{\\n  topic(slug: "service") {\\n    title\\n    children { slug title }\\n    entities { name type }\\n  }\\n}\\n';
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, isHeadersEditorEnabled: true })
  );
})();
`;

const cache = new Map<string, ExplorerAsset>();

function asset(body: Buffer, contentType: string): ExplorerAsset {
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

export function explorerAsset(name: string): ExplorerAsset | undefined {
  const hit = cache.get(name);
  if (hit) return hit;
  let found: ExplorerAsset | undefined;
  if (name === 'explorer.js') found = asset(Buffer.from(EXPLORER_JS), 'text/javascript; charset=utf-8');
  else if (Object.hasOwn(FILES, name)) {
    const { pkg, file, contentType } = FILES[name]!;
    found = asset(readFileSync(packageFile(pkg, file)), contentType);
  }
  if (found) cache.set(name, found);
  return found;
}

export const EXPLORER_ASSET_PATH = '/graphql/explorer';

export const EXPLORER_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>kubenotes GraphQL explorer</title>
  <link rel="stylesheet" href="${EXPLORER_ASSET_PATH}/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading the explorer…</div>
  <script src="${EXPLORER_ASSET_PATH}/react.production.min.js"></script>
  <script src="${EXPLORER_ASSET_PATH}/react-dom.production.min.js"></script>
  <script src="${EXPLORER_ASSET_PATH}/graphiql.min.js"></script>
  <script src="${EXPLORER_ASSET_PATH}/explorer.js"></script>
</body>
</html>
`;
