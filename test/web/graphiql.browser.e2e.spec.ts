import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH, isolatedBrowser, screenshotPath } from '../browser.js';
import { startTestService, type TestService } from '../e2e/harness.js';

/** GraphiQL is bundled into web/dist by `npm run build:web`; built here when missing. */
function ensureWebBuilt(): void {
  if (!existsSync(join(process.cwd(), 'web', 'dist', 'graphiql.html'))) execFileSync('npm', ['run', 'build:web', '--silent'], { stdio: 'inherit' });
}

describe('GraphiQL served by the service itself', () => {
  let service: TestService;
  let origin: string;

  beforeAll(async () => {
    ensureWebBuilt();
    service = await startTestService();
    origin = (await service.listen()).replace(/^ws/, 'http').replace(/\/graphql$/, '');
  }, 120_000);
  afterAll(() => service.close());

  it('answers a browser asking /graphql for HTML with the bundled page, and a JSON client with GraphQL', async () => {
    const page = await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/app/assets/');
    expect(html).not.toMatch(/unpkg|jsdelivr|cdn\./i);
    const api = await fetch(`${origin}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
  });

  (CHROMIUM_PATH ? it : it.skip)(
    `loads and runs a query in headless Chromium with no network beyond the service${CHROMIUM_PATH ? '' : ' (NOT RUN: no chromium)'}`,
    async () => {
      const isolated = await isolatedBrowser(origin);
      try {
        const tab = await isolated.context.newPage();
        const errors: string[] = [];
        tab.on('pageerror', (error) => errors.push(error.message));
        await tab.goto(`${origin}/graphql`);
        // The editor is there once React rendered GraphiQL (the "Loading" text is gone).
        await tab.locator('.graphiql-container').waitFor({ timeout: 20_000 });
        // The editor holds the default query once it is ready, and the schema (introspection) has loaded.
        await tab.locator('.graphiql-query-editor').getByText('RegionConventions').waitFor({ timeout: 20_000 });
        await tab.locator('.graphiql-doc-explorer, [aria-label="Show Documentation Explorer"]').first().waitFor({ timeout: 20_000 });
        await tab.locator('.graphiql-execute-button').click();
        await tab
          .waitForFunction(`document.querySelector('.result-window')?.textContent?.includes('"conventions"')`, undefined, { timeout: 20_000 })
          .catch(async (error: unknown) => {
            await tab.screenshot({ path: screenshotPath('graphiql-failed.png') });
            throw error;
          });
        const result = await tab.locator('.result-window').innerText();
        expect(result).toContain('"edges": []');
        expect(result).not.toContain('"errors"');
        const scripts = await tab.evaluate<string[]>('[...document.scripts].map((s) => s.src)');
        expect(scripts.length).toBeGreaterThan(0);
        expect(scripts.every((src) => src.startsWith(`${origin}/app/assets/`))).toBe(true);
        expect(errors).toEqual([]);
        expect(isolated.blocked).toEqual([]);
        await tab.screenshot({ path: screenshotPath('graphiql.png') });
      } finally {
        await isolated.close();
      }
    },
    60_000,
  );
});
