/**
 * The baseline: a bare node:http server answering every request with the same
 * bytes as the service's topic response: its body and content type, and with
 * a headers file, every other header it sent as well. Run as a child process
 * so it gets its own event loop, as the service does.
 *
 *   node dist/bench/baseline-server.js <bodyFile> <contentType> [headersFile]
 * Prints the port it listens on as one JSON line.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [bodyFile, contentType, headersFile] = process.argv.slice(2);
const body = readFileSync(bodyFile!);
const headers: Record<string, string | number> = {
  ...(headersFile ? (JSON.parse(readFileSync(headersFile, 'utf8')) as Record<string, string>) : {}),
  'content-type': contentType ?? 'application/json',
  'content-length': body.length,
};
const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
