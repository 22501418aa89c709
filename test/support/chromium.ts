import { existsSync } from 'node:fs';
import { describe } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';

/**
 * Chromium for the browser tests: Debian's package (`apt-get install chromium`), at /usr/bin/chromium
 * unless CHROMIUM_PATH says otherwise. Where it is missing the tests skip with a message naming the
 * package, except in CI (CI=true, which .ci/run sets), where they must run: there a missing browser fails them.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const INSTALL_HINT = 'install Debian\'s chromium package: apt-get install chromium';

export type ChromiumLookup = { action: 'run' } | { action: 'skip' | 'fail'; message: string };

/** What the browser tests should do with the Chromium at `path` (pure, for its own test). */
export function lookUpChromium(what: string, path = CHROMIUM_PATH, inCi = process.env.CI === 'true'): ChromiumLookup {
  if (existsSync(path)) return { action: 'run' };
  return inCi
    ? { action: 'fail', message: `${what} needs Chromium at ${path}, which is missing; CI runs the browser tests, so ${INSTALL_HINT}` }
    : { action: 'skip', message: `${what} skipped: no Chromium at ${path}; to run it, ${INSTALL_HINT} (in CI this fails instead)` };
}

/** `describe`, or `describe.skip` after a warning when Chromium is missing outside CI. */
export function describeWithChromium(what: string): typeof describe | typeof describe.skip {
  const lookup = lookUpChromium(what);
  if (lookup.action !== 'skip') return describe;
  console.warn(lookup.message);
  return describe.skip;
}

/** Launches Chromium headless, without the services that would reach the internet; a clear error where it is missing. */
export function launchChromium(what: string): Promise<Browser> {
  const lookup = lookUpChromium(what);
  if (lookup.action !== 'run') throw new Error(lookup.message);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
