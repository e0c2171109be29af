import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { loadDemo } from '../../src/demo/demo-loader.js';
import { CHROMIUM_PATH, isolatedBrowser, screenshotPath, type IsolatedBrowser } from '../browser.js';
import { startTestService, type TestService } from '../e2e/harness.js';

/**
 * The starter front-end (web/) in headless Chromium against the service on the Pays de la Loire demo:
 * French first, every section drawn from the API, reports downloaded with a token, and a live update
 * after a mutation made elsewhere. The page may reach nothing but the service.
 */
const run = CHROMIUM_PATH ? describe : describe.skip;

run(`Starter front-end at /app in headless Chromium${CHROMIUM_PATH ? '' : ' (NOT RUN: no chromium)'}`, () => {
  let service: TestService;
  let origin: string;
  let isolated: IsolatedBrowser;
  let adminToken: string;

  beforeAll(async () => {
    // Always rebuilt: the page under test must be the current sources' (about 5 s).
    execFileSync('npm', ['run', 'build:web', '--silent'], { stdio: 'pipe' });
    service = await startTestService();
    await loadDemo(service.app);
    origin = (await service.listen()).replace(/^ws/, 'http').replace(/\/graphql$/, '');
    isolated = await isolatedBrowser(origin);
    adminToken = await service.token('sgar-52', 'admin');
  }, 180_000);
  afterAll(async () => {
    await isolated?.close();
    await service?.close();
  });

  it('serves the built page with only its own assets', async () => {
    const html = await (await fetch(`${origin}/app/`)).text();
    expect(html).toContain('<html lang="fr">');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((url) => !url.startsWith('data:'));
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.every((url) => url.startsWith('/app/assets/'))).toBe(true);
  });

  it('shows the region in French: conventions with signatures, RIP timelines, commitments by standing, decisions with what they caused', async () => {
    const page = await isolated.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/app/?region=52`);
    await page.locator('#reports[aria-busy="false"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('h1').innerText()).resolves.toBe('Région Pays de la Loire');

    const convention = page.locator('#conventions article.convention').first();
    await expect(convention.locator('.badge').innerText()).resolves.toBe('en vigueur');
    await expect(convention.locator('.parties li').count()).resolves.toBe(5);
    expect(await convention.locator('.parties').innerText()).toMatch(/signée le 6 mars 2017 à Nantes/);

    const timelines = page.locator('#milestones svg.timeline');
    await expect(timelines.count()).resolves.toBe(5);
    expect(await page.locator('#milestones svg.timeline circle.dot.achieved').count()).toBeGreaterThan(20);
    expect(await page.locator('#milestones li.milestone').first().innerText()).toMatch(/^SDTAN adopté — atteint · \d{1,2}(er)? \p{L}+ 20\d\d/u);

    const standings = await page.locator('#commitments .standing h3').allInnerTexts();
    expect(standings.map((text) => text.replace(/\s*\d+$/, ''))).toEqual(['En bonne voie', 'À risque', 'En retard', 'Tenus', 'Non tenus', 'Retirés']);
    await expect(page.locator('#commitments [data-standing="LATE"] #commitment-ccrant-52-2018-2\\.telemed\\.commitment').count()).resolves.toBe(1);

    const caused = page.locator('#decisions td.caused a');
    expect(await caused.count()).toBeGreaterThan(2);
    const link = await caused.first().getAttribute('href');
    expect(link).toMatch(/^#commitment-/);
    expect(await page.locator(`[id="${link!.slice(1)}"]`).count()).toBe(1); // the commitment it created is on the page

    await expect(page.locator('#reports').innerText()).resolves.toContain('Connectez-vous avec un jeton');
    await expect(page.locator('.live').innerText()).resolves.toBe('Hors direct');
    await page.screenshot({ path: screenshotPath('web-app.png') });
    expect(errors).toEqual([]);
    expect(isolated.blocked).toEqual([]);
    await page.close();
  }, 60_000);

  it('with a token: downloads a report, and updates live when a commitment changes elsewhere', async () => {
    const page = await isolated.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/app/`);
    await page.locator('#reports[aria-busy="false"]').waitFor({ timeout: 30_000 });
    await page.locator('input[name="token"]').fill(adminToken);
    await page.locator('form.token button').click();
    await page.locator('.live.on').waitFor({ timeout: 30_000 });
    await page.locator('#reports[aria-busy="false"] table.reports').waitFor({ timeout: 30_000 });
    expect(await page.locator('#reports tbody tr').count()).toBeGreaterThanOrEqual(12);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#reports tbody tr').first().locator('a.pdf').click()]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^scoran-52-20\d\d-S[12]\.pdf$/);

    const card = page.locator('#commitment-ccrant-52-2018-2\\.telemed\\.commitment');
    await expect(card.locator('.progress').innerText()).resolves.toBe('39 sur 60 unités');
    // Wait until the page's subscriptions are acknowledged: the server counts them.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ars = await service.token('ars-pdl', 'representative');
    const reported = await service.graphql(
      `mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { commitment { currentValue } } }`,
      {
        input: {
          commandId: crypto.randomUUID(),
          commitmentId: 'ccrant-52-2018-2.telemed.commitment',
          value: 52,
          asOf: new Date().toISOString().slice(0, 10),
          source: 'DECLARED',
        },
      },
      ars,
    );
    expect(reported.body.errors).toBeUndefined();
    await page.waitForFunction(
      `document.querySelector('#commitment-ccrant-52-2018-2\\\\.telemed\\\\.commitment .progress')?.textContent === '52 sur 60 unités'`,
      undefined,
      { timeout: 15_000 },
    );
    await expect(page.locator('.notice').innerText()).resolves.toBe('Mis à jour : Équiper 60 EHPAD en télémédecine');
    await page.evaluate(`document.getElementById('commitments').scrollIntoView()`);
    await page.screenshot({ path: screenshotPath('web-app-live.png') });
    expect(errors).toEqual([]);
    expect(isolated.blocked).toEqual([]);
    await page.close();
  }, 90_000);

  it('speaks English on request, with English formats', async () => {
    const page = await isolated.context.newPage();
    await page.goto(`${origin}/app/?lang=en`);
    await page.locator('#conventions[aria-busy="false"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('h1').innerText()).resolves.toBe('Region Pays de la Loire');
    await expect(page.locator('#commitments h2').innerText()).resolves.toBe('Commitments by standing');
    expect(await page.locator('#conventions .parties').first().innerText()).toMatch(/signed on 6 March 2017 in Nantes/);
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('en');
    await page.close();
  }, 60_000);
});
