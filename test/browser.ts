import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** The system's Chromium (Debian package; .ci/run installs it). playwright-core drives it and downloads nothing. */
export const CHROMIUM_PATH = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));

export interface IsolatedBrowser {
  browser: Browser;
  context: BrowserContext;
  /** Every request the page tried beyond the allowed origin (each was aborted). */
  blocked: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium with a new empty profile whose pages may reach only `origin` (the service under
 * test): anything else (a CDN, fonts, telemetry) is aborted and listed in `blocked`.
 */
export async function isolatedBrowser(origin: string): Promise<IsolatedBrowser> {
  if (!CHROMIUM_PATH) throw new Error('No Chromium at /usr/bin/chromium (apt-get install chromium)');
  // playwright-core starts Chromium on a new empty profile of its own (it refuses --user-data-dir here).
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 } });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  // WebSockets are not routed by context.route: check their URLs too.
  context.on('page', (page) =>
    page.on('websocket', (ws) => {
      const http = ws.url().replace(/^ws/, 'http');
      if (!http.startsWith(origin)) blocked.push(ws.url());
    }),
  );
  return {
    browser,
    context,
    blocked,
    async close() {
      await browser.close();
    },
  };
}

/** Where tests save screenshots: a temporary folder, or docs/images with SCREENSHOTS=docs (to refresh the docs' pictures). */
export function screenshotPath(name: string): string {
  const dir = process.env.SCREENSHOTS === 'docs' ? join(process.cwd(), 'docs', 'images') : join(tmpdir(), 'scoran-screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
