import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser } from 'playwright-core';
import { describeWithChromium, launchChromium } from './support/chromium.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The explorer in a real browser with no internet: every request that does not
 * go to the API is blocked and recorded, and none may be needed.
 */
describeWithChromium('graphql-explorer.browser.spec.ts')('GraphQL explorer in Chromium', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = new URL(await t.app.getUrl()).origin;
    browser = await launchChromium('graphql-explorer.browser.spec.ts');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads only from the API, runs a typed query and shows the answer', async () => {
    const context = await browser.newContext();
    const blocked: string[] = [];
    const served: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) {
        served.push(new URL(url).pathname);
        return route.continue();
      }
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

    await page.goto(`${origin}/graphql`);
    const editor = page.locator('.graphiql-query-editor .CodeMirror');
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // insertText, not type(): the editor auto-closes brackets on key presses.
    await page.keyboard.insertText('{ entity(slug: "headless") { name ... on ServiceType { dnsRecord allocatesClusterIP } } }');
    await page.locator('.graphiql-execute-button').click();

    const response = page.locator('.graphiql-response');
    await response.filter({ hasText: 'A records to each ready Pod IP' }).waitFor({ timeout: 30_000 });
    const text = (await response.textContent()) ?? '';
    expect(text).toContain('"name": "Headless"');
    expect(text).toContain('"allocatesClusterIP": false');

    expect(blocked).toEqual([]);
    expect(served).toEqual(expect.arrayContaining(['/graphql', '/graphql/explorer/graphiql.min.js', '/graphql/explorer/graphiql.min.css', '/graphql/explorer/react.production.min.js', '/graphql/explorer/react-dom.production.min.js', '/graphql/explorer/explorer.js']));
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 90_000);
});
