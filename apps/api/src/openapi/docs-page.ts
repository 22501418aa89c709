import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * The API reference page: Swagger UI from the swagger-ui-dist package, every
 * file served by this API so the page works with no internet. Served from an
 * allow-list rather than @fastify/static (which SwaggerModule.setup uses):
 * five fixed files need no directory serving, and @fastify/static cannot be
 * loaded under Jest's ESM runtime (it require()s an ESM-only dependency).
 */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

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
  const cache = new Map<string, Buffer>();
  const html = page(options.path, options.title);
  const init = initScript(options.openApiPath);

  fastify.get(options.path, (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
  // One address for the page; people type the trailing slash too.
  fastify.get(`${options.path}/`, (_request, reply) => reply.redirect(options.path, 301));
  fastify.get(`${options.path}/docs-init.js`, (_request, reply) => reply.type('application/javascript; charset=utf-8').send(init));
  for (const [file, contentType] of Object.entries(ASSETS)) {
    fastify.get(`${options.path}/${file}`, (_request, reply) => {
      let body = cache.get(file);
      if (!body) cache.set(file, (body = readFileSync(join(root, file))));
      return reply.type(contentType).header('cache-control', 'public, max-age=86400').send(body);
    });
  }
}
