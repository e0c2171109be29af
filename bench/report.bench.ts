/**
 * npm run bench:report [-- --quick] [-- --documents]
 * A synthetic log of 1,000,000 events across 13 regions over 12 semesters (2021-S1 to 2026-S2):
 * actors, conventions signed party by party, commitments and their progress reports. Times one
 * region's report for the last semester by full replay and from the checkpoint at the previous
 * cut-off, with peak memory. Then renders that report as HTML, PDF and XLSX (French), and the
 * same for the demo's 2018-S2 report of Pays de la Loire. Not a test: nothing here asserts.
 * --documents: the renderings only (the log is still built; the generation is not timed).
 */
import { CODE_FIELDS_OF_FEATURES } from '../src/app/features.js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '../src/event-store/event-store.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { generateReport, type SemestrialReport } from '../src/reports/report-generator.js';
import { buildDocument } from '../src/reports/document/report-document.js';
import { renderHtml } from '../src/reports/render-html.js';
import PDFDocument from 'pdfkit';
import { DEJAVU } from '../src/reports/pdf-fonts.js';
import { renderPdf } from '../src/reports/render-pdf.js';
import { renderXlsx } from '../src/reports/render-xlsx.js';
import { previousSemester } from '../src/reports/semester.js';
import { createApp } from '../src/app/create-app.js';
import { loadConfig } from '../src/config/config.js';
import { loadDemo } from '../src/demo/demo-loader.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.js';
import { reportSections } from '../src/app/report-sections.js';
import { cutoffOf, firstDayOf, semesterLabel, type Semester } from '../src/reports/semester.js';
import { SqliteReportCheckpoints } from '../src/reports/sqlite-report-checkpoints.js';
import { TerritoryService } from '../src/territory/territory.service.js';

const quick = process.argv.includes('--quick');
const documentsOnly = process.argv.includes('--documents');
const TOTAL = quick ? 100_000 : 1_000_000;
const REPS = quick ? 2 : 3;
const REGIONS = ['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'];
const SEMESTERS: Semester[] = [];
for (let year = 2021; year <= 2026; year++) SEMESTERS.push({ year, half: 1 }, { year, half: 2 });
const COMMITMENTS_PER_REGION = quick ? 200 : 2000;

const territories = new TerritoryService();
territories.load();
const dir = mkdtempSync(join(tmpdir(), 'scoran-bench-report-'));
let now = new Date('2021-01-01T00:00:00Z');
const store = new SqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL', clock: () => now });
const revisions = new Map<string, number>();

const metadata = (actor: string, occurredAt: string) => {
  const id = randomUUID();
  return { commandId: id, correlationId: id, causationId: id, actingActorId: actor, principal: 'bench', occurredAt, schemaVersion: 1 };
};
async function append(streamId: string, events: { type: string; data: unknown; actor: string; occurredAt: string }[]) {
  const batch: NewEvent[] = events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: metadata(e.actor, e.occurredAt) }));
  const result = await store.append(streamId, batch, revisions.get(streamId) ?? 'no_stream');
  revisions.set(streamId, result.nextRevision);
  return batch.length;
}

/** Setup: each region's départements and communes give actors and commitment territories. */
async function build(): Promise<number> {
  let count = 0;
  const communesOf = new Map(
    REGIONS.map((r) => [r, territories.departementsOfRegion(r).flatMap((d) => territories.communesOfDepartement(d.code).slice(0, 40))]),
  );
  const day = (s: Semester, offset: number) => new Date(Date.parse(`${firstDayOf(s)}T08:00:00Z`) + offset * 3_600_000).toISOString();
  for (const region of REGIONS) {
    for (const d of territories.departementsOfRegion(region)) {
      now = new Date(day(SEMESTERS[0], 1));
      count += await append(`actor-cd-${d.code}`, [
        {
          type: 'ActorRegistered',
          actor: 'admin',
          occurredAt: now.toISOString(),
          data: {
            actorId: `cd-${d.code}`,
            kind: 'departement',
            name: `Département ${d.name}`,
            territories: [{ kind: 'departement', code: d.code }],
            siren: null,
          },
        },
      ]);
    }
  }
  const reportsPerCommitment = Math.max(SEMESTERS.length, Math.floor((TOTAL - count) / (REGIONS.length * COMMITMENTS_PER_REGION)) - 1);
  // Spread evenly: semester k gets floor((k+1)R/n) - floor(kR/n) reports per commitment.
  const reportsIn = (k: number) => Math.floor(((k + 1) * reportsPerCommitment) / SEMESTERS.length) - Math.floor((k * reportsPerCommitment) / SEMESTERS.length);
  for (const [index, semester] of SEMESTERS.entries()) {
    for (const region of REGIONS) {
      const communes = communesOf.get(region)!;
      for (let i = 0; i < COMMITMENTS_PER_REGION; i++) {
        const commune = communes[i % communes.length];
        const actor = `cd-${commune.departementCode}`;
        const id = `${region}-${i}`;
        now = new Date(day(semester, 2 + (i % 2000) / 20));
        const events: { type: string; data: unknown; actor: string; occurredAt: string }[] = [];
        if (index === 0) {
          events.push({
            type: 'CommitmentMade',
            actor,
            occurredAt: now.toISOString(),
            data: {
              commitmentId: id,
              committingActorId: actor,
              subject: 'fixed_coverage',
              title: `FttH ${commune.name}`,
              target: { quantity: 1000 + i, unit: 'ftth_premises' },
              territories: [{ kind: 'commune', code: commune.code }],
              dueDate: '2027-12-31',
              madeOn: firstDayOf(semester),
              stemsFrom: null,
            },
          });
        }
        for (let r = 0; r < reportsIn(index); r++) {
          events.push({
            type: 'CommitmentProgressReported',
            actor,
            occurredAt: now.toISOString(),
            data: { commitmentId: id, value: index * 80 + r, asOf: firstDayOf(semester), source: 'declared', note: null, supersedesCurrent: true },
          });
        }
        if (events.length > 0) count += await append(`commitment-${id}`, events);
      }
    }
  }
  // Top up to the exact size with more reports in the last semester, spread over the regions.
  const last = SEMESTERS[SEMESTERS.length - 1];
  for (let i = 0; count < TOTAL; i++) {
    const region = REGIONS[i % REGIONS.length];
    const id = `${region}-${Math.floor(i / REGIONS.length) % COMMITMENTS_PER_REGION}`;
    const commune = communesOf.get(region)![Math.floor(i / REGIONS.length) % communesOf.get(region)!.length];
    now = new Date(day(last, 100));
    const batch = Math.min(100, TOTAL - count);
    count += await append(
      `commitment-${id}`,
      Array.from({ length: batch }, (_, r) => ({
        type: 'CommitmentProgressReported',
        actor: `cd-${commune.departementCode}`,
        occurredAt: now.toISOString(),
        data: { commitmentId: id, value: 1000 + r, asOf: firstDayOf(last), source: 'declared', note: null, supersedesCurrent: true },
      })),
    );
  }
  return count;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(run: () => Promise<unknown>) {
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  clearInterval(sampler);
  return { ms, peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap), baselineHeapMb: mb(baseline.heapUsed) };
}

const setupStart = performance.now();
const events = await build();
// One act after the last cut-off: the log has passed it, so that semester's figures can be frozen.
now = new Date('2027-01-15T00:00:00Z');
await append('actor-cd-44', [
  {
    type: 'ActorRenamed',
    actor: 'admin',
    occurredAt: now.toISOString(),
    data: { actorId: 'cd-44', name: 'Département de Loire-Atlantique', previousName: 'Département Loire-Atlantique' },
  },
]);
const setupS = (performance.now() - setupStart) / 1000;
const sections = reportSections({ commitments: { atRiskThreshold: 0.1, breachGraceDays: 0, lapseCheckMinutes: 0 } });
const last = SEMESTERS[SEMESTERS.length - 1];
const request = { region: '52', semester: last };

const checkpointDb = new Database(join(dir, 'checkpoints.db'));
const checkpoints = new SqliteReportCheckpoints(checkpointDb);
console.log(`# bench:report${quick ? ' (quick)' : ''}${documentsOnly ? ' (documents only)' : ''}`);
console.log(
  `${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model} · ${cpus().length} cores · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · medians of ${REPS}`,
);
console.log(
  `Log: ${events.toLocaleString('en-US')} events, ${REGIONS.length} regions, ${SEMESTERS.length} semesters (${semesterLabel(SEMESTERS[0])} to ${semesterLabel(last)}), ${(REGIONS.length * COMMITMENTS_PER_REGION).toLocaleString('en-US')} commitments; setup ${setupS.toFixed(1)} s.\n`,
);
if (!documentsOnly) await timeGeneration();

/** The report's generation three ways (full replay, from the checkpoint, from the frozen figures), timed. */
async function timeGeneration() {
  const full: Awaited<ReturnType<typeof timed>>[] = [];
  let sha = '';
  for (let i = 0; i < REPS; i++)
    full.push(await timed(async () => (sha = (await generateReport(store, sections, territories, CODE_FIELDS_OF_FEATURES, request)).sha256)));
  const half = await timed(() => generateReport(store, sections, territories, CODE_FIELDS_OF_FEATURES, { region: '52', semester: SEMESTERS[5] }));

  await generateReport(store, sections, territories, CODE_FIELDS_OF_FEATURES, { region: '52', semester: SEMESTERS[SEMESTERS.length - 2] }, { checkpoints });
  const fromCheckpoint: Awaited<ReturnType<typeof timed>>[] = [];
  let shaFromCheckpoint = '';
  for (let i = 0; i < REPS; i++) {
    checkpointDb.prepare('DELETE FROM report_checkpoints WHERE cutoff = ?').run(cutoffOf(last));
    fromCheckpoint.push(
      await timed(
        async () => (shaFromCheckpoint = (await generateReport(store, sections, territories, CODE_FIELDS_OF_FEATURES, request, { checkpoints })).sha256),
      ),
    );
  }
  const frozen: Awaited<ReturnType<typeof timed>>[] = [];
  let shaFrozen = '';
  for (let i = 0; i < REPS; i++)
    frozen.push(
      await timed(async () => (shaFrozen = (await generateReport(store, sections, territories, CODE_FIELDS_OF_FEATURES, request, { checkpoints })).sha256)),
    );

  console.log('| report of region 52, ' + semesterLabel(last) + ' | median time | peak RSS | peak heap (baseline) | target |\n|---|---:|---:|---:|---|');
  const line = (what: string, runs: Awaited<ReturnType<typeof timed>>[], target: string) =>
    console.log(
      `| ${what} | ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s | ${Math.max(...runs.map((r) => r.peakRssMb))} MB | ${Math.max(...runs.map((r) => r.peakHeapMb))} MB (${runs[0].baselineHeapMb}) | ${target} |`,
    );
  line('full replay of the log', full, '≤ 15 s');
  line('replay of the semester only, from the checkpoint at the previous cut-off', fromCheckpoint, '—');
  line('read from the figures frozen as the log passed the cut-off', frozen, '≤ 1 s');
  console.log(
    `\nSame bytes all three ways: ${sha === shaFromCheckpoint && sha === shaFrozen}. Full replay up to ${semesterLabel(SEMESTERS[5])} (half the events): ${(half.ms / 1000).toFixed(2)} s, peak heap ${half.peakHeapMb} MB.`,
  );
  console.log(`Cut-off of the last semester: ${cutoffOf(last)}.`);
}

/** Renders one report as the three documents, each timed (median of REPS) with its peak memory and size. */
async function renderings(report: SemestrialReport, previous: SemestrialReport) {
  const document = () =>
    buildDocument({
      content: report.content,
      sha256: report.sha256,
      lang: 'fr',
      previous: previous.content,
      places: { departement: (code) => territories.departement(code)?.name, commune: (code) => territories.commune(code)?.name },
    });
  const rows =
    document()
      .chapters.concat()
      .reduce((n, c) => n + c.tables.reduce((m, t) => m + t.rows.length, 0), 0) +
    document().annexes.reduce((n, a) => n + a.tables.reduce((m, t) => m + t.rows.length, 0), 0);
  const out: { format: string; runs: Awaited<ReturnType<typeof timed>>[]; bytes: number }[] = [];
  for (const [format, render] of [
    ['HTML', async () => Buffer.from(renderHtml(document()))],
    ['PDF', () => renderPdf(document())],
    ['PDF ceiling: bare pdfkit, every cell with text() at a fixed place, one pass, no wrapping', () => barePdf(document())],
    ['XLSX', () => renderXlsx(document())],
  ] as const) {
    const runs: Awaited<ReturnType<typeof timed>>[] = [];
    let bytes = 0;
    for (let i = 0; i < REPS; i++) runs.push(await timed(async () => (bytes = (await render()).length)));
    out.push({ format, runs, bytes });
  }
  return { rows, out };
}
/**
 * The same-shape ceiling of the PDF: the same cells, in the same embedded font, written by pdfkit's
 * public text() at fixed places (60 rows a page), with no measuring, wrapping, header or second pass.
 */
function barePdf(doc: ReturnType<typeof buildDocument>): Promise<Buffer> {
  const pdf = new PDFDocument({ autoFirstPage: false, info: { CreationDate: new Date(doc.cutoffInstant) } });
  pdf.registerFont('R', DEJAVU.normal);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  let row = 60;
  for (const table of [...doc.chapters.flatMap((c) => c.tables), ...doc.annexes.flatMap((a) => a.tables)]) {
    for (const cells of table.rows) {
      if (row === 60) {
        pdf.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
        pdf.font('R').fontSize(7);
        row = 0;
      }
      cells.forEach((cell, i) => pdf.text(cell.text, 40 + i * (760 / cells.length), 40 + row * 8.5, { lineBreak: false }));
      row++;
    }
  }
  pdf.end();
  return done;
}

const printRenderings = (title: string, result: Awaited<ReturnType<typeof renderings>>, pdfTarget: string) => {
  console.log(
    `\n| ${title} (${result.rows.toLocaleString('en-US')} table rows) | median time | peak RSS | peak heap (baseline) | size | target |\n|---|---:|---:|---:|---:|---|`,
  );
  for (const { format, runs, bytes } of result.out) {
    console.log(
      `| ${format} | ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s | ${Math.max(...runs.map((r) => r.peakRssMb))} MB | ${Math.max(...runs.map((r) => r.peakHeapMb))} MB (${runs[0].baselineHeapMb}) | ${(bytes / 1024).toFixed(0)} KiB | ${format === 'PDF' ? pdfTarget : '—'} |`,
    );
  }
  const pdfMs = median(result.out.find((o) => o.format === 'PDF')!.runs.map((r) => r.ms));
  const ceilingMs = median(result.out.find((o) => o.format.startsWith('PDF ceiling'))!.runs.map((r) => r.ms));
  console.log(`\nPDF against its ceiling: ${(pdfMs / ceilingMs).toFixed(2)} × the bare pdfkit time.`);
};
const large = await generateReport(store, sections, territories, CODE_FIELDS_OF_FEATURES, request, { checkpoints });
const largePrevious = await generateReport(
  store,
  sections,
  territories,
  CODE_FIELDS_OF_FEATURES,
  { region: '52', semester: previousSemester(last) },
  { checkpoints },
);
printRenderings(
  `documents of the ${events.toLocaleString('en-US')}-event report (region 52, ${semesterLabel(last)})`,
  await renderings(large, largePrevious),
  '≤ 2 s',
);

// The demo: Pays de la Loire loaded through the mutations on an in-memory store.
const app = await createApp(
  loadConfig({
    NODE_ENV: 'test',
    EVENT_STORE_PATH: ':memory:',
    READ_MODEL_PATH: ':memory:',
    AUTH_DEV_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    REPORT_SCHEDULER_ENABLED: 'false',
    DEMO_DATA: 'off',
    LOG_LEVEL: 'silent',
  }),
);
try {
  await loadDemo(app);
  const demoStore = app.get<EventStore>(EVENT_STORE);
  const demo = await generateReport(demoStore, sections, territories, CODE_FIELDS_OF_FEATURES, { region: '52', semester: { year: 2018, half: 2 } });
  const demoPrevious = await generateReport(demoStore, sections, territories, CODE_FIELDS_OF_FEATURES, { region: '52', semester: { year: 2018, half: 1 } });
  printRenderings('documents of the demo report (Pays de la Loire, 2018-S2)', await renderings(demo, demoPrevious), '—');
} finally {
  await app.close();
}
checkpointDb.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
