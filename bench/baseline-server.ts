/**
 * The baseline: a bare node:http server answering every request with the same
 * bytes and content type as the service's topic response. Run as a child
 * process so it gets its own event loop, as the service does.
 *
 *   node dist/bench/baseline-server.js <bodyFile> <contentType>
 * Prints the port it listens on as one JSON line.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [bodyFile, contentType] = process.argv.slice(2);
const body = readFileSync(bodyFile!);
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': contentType ?? 'application/json', 'content-length': body.length });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
