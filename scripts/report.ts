/**
 * Generates a semestrial report from the event store, without the service:
 *   npm run report -- --region 52 --semester 2026-S2 --format html --out report.html [--lang fr|en] [--cutoff <ISO>] [--table <name>]
 * Formats: json (default), html, pdf, xlsx, csv (with --table; --dialect excel-fr for French Excel).
 * Documents are French unless --lang en. Without the service, the cover shows no issue nor draft text. Reads the store configured as for the
 * service (EVENT_STORE_PATH or EVENTSTORE_CONNECTION_STRING); prints the SHA-256 and position on stderr.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import { createEventStore } from '../src/event-store/create-event-store.js';
import { buildDocument } from '../src/reports/document/report-document.js';
import { isLang, type Lang } from '../src/reports/document/format.js';
import { renderCsv, renderCsvExcelFr, reportTables } from '../src/reports/render-csv.js';
import { renderXlsx } from '../src/reports/render-xlsx.js';
import { renderHtml } from '../src/reports/render-html.js';
import { renderPdf } from '../src/reports/render-pdf.js';
import { generateReport } from '../src/reports/report-generator.js';
import { reportSections } from '../src/app/report-sections.js';
import { parseSemester, previousSemester } from '../src/reports/semester.js';
import { TerritoryService } from '../src/territory/territory.service.js';

const { values } = parseArgs({
  options: {
    region: { type: 'string' },
    semester: { type: 'string' },
    format: { type: 'string', default: 'json' },
    out: { type: 'string' },
    cutoff: { type: 'string' },
    table: { type: 'string' },
    lang: { type: 'string', default: 'fr' },
    dialect: { type: 'string', default: 'rfc4180' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const usage =
  'Usage: npm run report -- --region 52 --semester 2026-S2 [--format json|html|pdf|xlsx|csv] [--lang fr|en] [--table <name>] [--dialect rfc4180|excel-fr] [--out <file>] [--cutoff <ISO instant>]';
const semester = values.semester ? parseSemester(values.semester) : undefined;
if (!values.region || !semester) fail(usage);
if (!['json', 'html', 'pdf', 'xlsx', 'csv'].includes(values.format)) fail(`--format must be json, html, pdf, xlsx or csv\n${usage}`);
if (!isLang(values.lang)) fail(`--lang must be fr or en\n${usage}`);
if (!['rfc4180', 'excel-fr'].includes(values.dialect)) fail(`--dialect must be rfc4180 or excel-fr\n${usage}`);
if (values.format === 'csv' && !values.table) fail(`--format csv needs --table <name>\n${usage}`);
if (values.cutoff && Number.isNaN(Date.parse(values.cutoff))) fail('--cutoff must be an ISO-8601 instant');

const config = loadConfig(process.env);
const territories = new TerritoryService();
territories.load();
if (!territories.region(values.region)) fail(`No region ${values.region} in the official geography`);
if (config.eventStore.engine === 'sqlite' && !existsSync(config.eventStore.path)) fail(`No event store at ${config.eventStore.path} (set EVENT_STORE_PATH)`);
const store = await createEventStore(config.eventStore);
try {
  const report = await generateReport(store, reportSections(config), territories, {
    region: values.region,
    semester,
    cutoff: values.cutoff ? new Date(values.cutoff).toISOString() : undefined,
  });
  const previous = await generateReport(store, reportSections(config), territories, { region: values.region, semester: previousSemester(semester) });
  const document = () =>
    buildDocument({
      content: report.content,
      sha256: report.sha256,
      lang: values.lang as Lang,
      previous: previous.content,
      places: { departement: (code) => territories.departement(code)?.name, commune: (code) => territories.commune(code)?.name },
      provisional: Date.parse(report.content.cutoff) > Date.now(),
    });
  let output: string | Buffer;
  switch (values.format) {
    case 'html':
      output = renderHtml(document());
      break;
    case 'pdf':
      output = await renderPdf(document());
      break;
    case 'xlsx':
      output = await renderXlsx(document());
      break;
    case 'csv': {
      const table = reportTables(report.content).get(values.table!);
      if (!table) fail(`No table ${values.table}; the report has: ${[...reportTables(report.content).keys()].join(', ')}`);
      if (values.dialect === 'excel-fr') {
        const doc = document();
        output = renderCsvExcelFr([...doc.chapters.flatMap((c) => c.tables), ...doc.annexes.flatMap((a) => a.tables)].find((t) => t.key === values.table)!);
      } else output = renderCsv(table);
      break;
    }
    default:
      output = report.json;
  }
  if (values.out) writeFileSync(values.out, output);
  else process.stdout.write(output);
  console.error(`region ${values.region} ${values.semester}: cut-off ${report.content.cutoff}, position ${report.position}, sha256 ${report.sha256}`);
} finally {
  await store.close();
}
