import { describe, expect, it } from '@jest/globals';
import { lookUpChromium } from '../support/chromium.js';

/** The browser tests' gate: skip with the package to install outside CI, fail in CI, run where Chromium is. */
describe('lookUpChromium', () => {
  const missing = '/nonexistent/kubenotes-test/chromium';

  it('skips outside CI when Chromium is missing, naming the Debian package to install', () => {
    const lookup = lookUpChromium('x.browser.spec.ts', missing, false);
    expect(lookup).toEqual({ action: 'skip', message: expect.stringContaining('apt-get install chromium') });
    expect(lookup).toEqual({ action: 'skip', message: expect.stringContaining(missing) });
  });

  it('fails in CI when Chromium is missing', () => {
    expect(lookUpChromium('x.browser.spec.ts', missing, true)).toEqual({ action: 'fail', message: expect.stringContaining('apt-get install chromium') });
  });

  it('runs where the executable exists, in CI or not', () => {
    // process.execPath stands in for a browser binary: the lookup only asks whether the file is there.
    expect(lookUpChromium('x.browser.spec.ts', process.execPath, false)).toEqual({ action: 'run' });
    expect(lookUpChromium('x.browser.spec.ts', process.execPath, true)).toEqual({ action: 'run' });
  });
});
