import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sendAsset } from '../http/static-files.js';

/**
 * The API reference page: Swagger UI from the swagger-ui-dist package, every
 * file served by this API so the page works with no internet. Only these five
 * files of the package are served (by @fastify/static's sendFile), not its folder.
 */
const ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png', 'favicon-16x16.png'];

/** A file of its own, not an inline script, so the CSP can stay script-src 'self'. */
function initScript(openApiPath: string): string {
  return `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(openApiPath)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayRequestDuration: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout'
  });
});
`;
}

function page(base: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="stylesheet" href="${base}/swagger-ui.css">
  <link rel="icon" type="image/png" href="${base}/favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="${base}/favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${base}/swagger-ui-bundle.js"></script>
  <script src="${base}/swagger-ui-standalone-preset.js"></script>
  <script src="${base}/docs-init.js"></script>
</body>
</html>
`;
}

export function registerDocsPage(fastify: FastifyInstance, options: { path: string; openApiPath: string; title: string }): void {
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const html = page(options.path, options.title);
  const init = initScript(options.openApiPath);

  fastify.get(options.path, (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
  // One address for the page; people type the trailing slash too.
  fastify.get(`${options.path}/`, (_request, reply) => reply.redirect(options.path, 301));
  fastify.get(`${options.path}/docs-init.js`, (_request, reply) => reply.type('application/javascript; charset=utf-8').send(init));
  for (const file of ASSETS) fastify.get(`${options.path}/${file}`, (_request, reply) => sendAsset(reply, join(root, file)));
}
