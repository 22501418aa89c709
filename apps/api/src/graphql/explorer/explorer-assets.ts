import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The explorer's files, served by the API itself so it works with no internet:
 * GraphiQL's bundle and styles, React 18's UMD builds, and our start-up script
 * (./public, copied beside the compiled module by scripts/copy-assets.mjs).
 * Only these names are served.
 */
const require = createRequire(import.meta.url);

/** From the package folder: react's `exports` map does not list its UMD builds, so require.resolve cannot name them. */
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** name -> absolute path, resolved on first use. */
const FILES: Record<string, () => string> = {
  'graphiql.min.js': () => packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.min.css': () => packageFile('graphiql', 'graphiql.min.css'),
  'react.production.min.js': () => packageFile('react', 'umd/react.production.min.js'),
  'react-dom.production.min.js': () => packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'explorer.js': () => fileURLToPath(new URL('./public/explorer.js', import.meta.url)),
};

/** The file served as /graphql/explorer/<name>, if it is one. */
export function explorerAsset(name: string): string | undefined {
  return Object.hasOwn(FILES, name) ? FILES[name]!() : undefined;
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
