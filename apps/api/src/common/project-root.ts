import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found from this file rather than process.cwd(), so the
 * same code works from src (tests), from dist (npm start) and when an MCP
 * client launches the server from another folder.
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'kubenotes') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('kubenotes package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
