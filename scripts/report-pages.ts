/**
 * Renders every page of one demo report to PNG, for docs/reports.md:
 *   npm run report:pages [-- --semester 2018-S2 --lang fr --out docs/img/report-pages --dpi 50]
 * Loads the Pays de la Loire demo on an in-memory store (as `npm run demo` does), takes the issued
 * report's PDF as the service serves it, and rasterises it with pdftoppm (poppler-utils).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app/create-app.js';
import { loadConfig } from '../src/config/config.js';
import { loadDemo } from '../src/demo/demo-loader.js';
import { isLang } from '../src/reports/document/format.js';
import { renderPdf } from '../src/reports/render-pdf.js';
import { ReportsService } from '../src/reports/reports.service.js';

const { values } = parseArgs({
  options: {
    semester: { type: 'string', default: '2018-S2' },
    lang: { type: 'string', default: 'fr' },
    out: { type: 'string', default: 'docs/img/report-pages' },
    dpi: { type: 'string', default: '50' },
  },
});
function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
if (!isLang(values.lang)) fail('--lang must be fr or en');
if (!/^\d{2,3}$/.test(values.dpi)) fail('--dpi is a number such as 50');
try {
  execFileSync('which', ['pdftoppm'], { stdio: 'ignore' });
} catch {
  fail('pdftoppm is missing: apt-get install poppler-utils');
}

const app = await createApp(
  loadConfig({
    NODE_ENV: 'development',
    EVENT_STORE_PATH: ':memory:',
    READ_MODEL_PATH: ':memory:',
    AUTH_DEV_SECRET: 'report-pages-secret-long-enough-0123456789',
    REPORT_SCHEDULER_ENABLED: 'false',
    DEMO_DATA: 'off',
    LOG_LEVEL: 'warn',
  }),
);
const work = mkdtempSync(join(tmpdir(), 'scoran-pages-'));
try {
  await loadDemo(app);
  const reports = app.get(ReportsService);
  const report = await reports.generate({ region: '52', semester: values.semester });
  const pdf = await renderPdf(await reports.document(report, values.lang, await reports.narrativeFor(report)));
  const file = join(work, 'report.pdf');
  writeFileSync(file, pdf);
  rmSync(values.out, { recursive: true, force: true });
  mkdirSync(values.out, { recursive: true });
  execFileSync('pdftoppm', ['-r', values.dpi, '-png', file, join(values.out, 'page')]);
  const pages = readdirSync(values.out)
    .filter((name) => name.endsWith('.png'))
    .sort();
  console.log(`${pages.length} pages of the ${values.semester} report of Pays de la Loire (${values.lang}) in ${values.out}, sha256 ${report.sha256}`);
} finally {
  rmSync(work, { recursive: true, force: true });
  await app.close();
}
