/**
 * Brings a region's existing record in from a spreadsheet (docs/import.md):
 *   npm run import -- <file.xlsx|file.csv> [--commit] [--json <report.json>]
 *   npm run import -- --template <dir>
 *   npm run import -- --export <file.xlsx> --region <code> [--lang en]
 *   npm run import -- <deployment file> --mapping <arcep|mapping.json> [--source operator_data|regulator_data] [--quarter 2024-T3] [--sheet name]
 * Dry run by default: every row is validated and every problem listed; nothing is written.
 */
import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createApp } from '../src/app/create-app.js';
import { ConfigError, loadToolConfig } from '../src/config/config.js';
import { deploymentMapping, InvalidMapping, type DeploymentMapping } from '../src/import/deployment-mapping.js';
import { importFile, type ImportReport } from '../src/import/importer.js';
import { IMPORT_KINDS } from '../src/import/import-kinds.js';
import { writeTemplates } from '../src/import/template.js';
import { exportWorkbook } from '../src/import/export.js';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      commit: { type: 'boolean', default: false },
      json: { type: 'string' },
      template: { type: 'string' },
      export: { type: 'string' },
      region: { type: 'string' },
      lang: { type: 'string' },
      mapping: { type: 'string' },
      source: { type: 'string' },
      quarter: { type: 'string' },
      sheet: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(
    `${(error as Error).message}\nUsage: npm run import -- <file.xlsx|file.csv> [--commit] [--json report.json] | --template <dir> | --export <file.xlsx> --region <code>`,
  );
}
const { values, positionals } = args;
if (values.help) {
  process.stdout.write(
    'Usage: npm run import -- <file.xlsx|file.csv> [--commit] [--json report.json]\n       npm run import -- --template <dir>\n       npm run import -- --export <file.xlsx> --region <code> [--lang fr|en]\n       npm run import -- <deployment file> --mapping <arcep|mapping.json> [--source operator_data|regulator_data] [--quarter 2024-T3] [--sheet name] [--commit]\nDry run by default: nothing is written without --commit. See docs/import.md.\n',
  );
  process.exit(0);
}
if (values.template !== undefined) {
  const written = await writeTemplates(values.template);
  process.stdout.write(`Modèles écrits dans ${values.template} :\n${written.map((path) => `  ${path}`).join('\n')}\n`);
  process.exit(0);
}
/** The service on this machine's configuration (the store the CLI reaches directly), without demo or scheduler. */
async function startService() {
  let config;
  try {
    config = loadToolConfig({
      ...process.env,
      DEMO_DATA: 'off',
      REPORT_SCHEDULER_ENABLED: 'false',
      COMMITMENT_LAPSE_CHECK_MINUTES: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  try {
    return await createApp(config);
  } catch (error) {
    fail(`Le service ne démarre pas avec cette configuration : ${(error as Error).message}`);
  }
}

if (values.export !== undefined || values.region !== undefined) {
  if (values.export === undefined || values.region === undefined || positionals.length > 0)
    fail('L’export demande un fichier et une région : npm run import -- --export <fichier.xlsx> --region <code>');
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') fail('--lang vaut fr ou en.');
  const region = values.region.padStart(2, '0');
  const app = await startService();
  try {
    const { bytes, export: exported } = await exportWorkbook(app, region, values.lang ?? 'fr');
    if ((exported.data.actors ?? []).length === 0) fail(`Rien à exporter pour la région ${region} (aucun acteur).`, 1);
    await writeFile(values.export, bytes);
    const counts = Object.entries(exported.data)
      .map(([kind, rows]) => `${rows.length} ${kind}`)
      .join(', ');
    const left = Object.entries(exported.excluded).map(([type, e]) => `  ${e.count} ${type} : ${e.why}`);
    process.stdout.write(
      `Région ${region} exportée dans ${values.export} : ${counts}.\n${left.length ? `Non exporté (l’import ne l’exprime pas) :\n${left.join('\n')}\n` : ''}`,
    );
  } finally {
    await app.close();
  }
  process.exit(0);
}

if (positionals.length !== 1) fail('Donnez un fichier à importer (un seul) : npm run import -- <fichier.xlsx|fichier.csv> [--commit]');
const path = positionals[0];
let bytes: Buffer;
try {
  bytes = await readFile(path);
} catch (error) {
  fail(`Fichier illisible : ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
}

let mapping: DeploymentMapping | undefined;
if (values.mapping !== undefined || values.source !== undefined || values.quarter !== undefined || values.sheet !== undefined) {
  if (values.mapping === undefined) fail('--source, --quarter et --sheet vont avec --mapping (arcep, ou un fichier JSON de correspondance).');
  try {
    const preset = values.mapping.endsWith('.json') ? undefined : values.mapping;
    let json: unknown;
    if (preset === undefined) {
      try {
        json = JSON.parse(await readFile(values.mapping, 'utf8'));
      } catch (error) {
        fail(`Correspondance illisible : ${values.mapping} (${(error as Error).message})`);
      }
    }
    mapping = deploymentMapping({ preset, json, source: values.source, quarter: values.quarter, sheet: values.sheet });
  } catch (error) {
    if (error instanceof InvalidMapping) fail(error.message);
    throw error;
  }
}

const app = await startService();
let report: ImportReport;
const bar = new cliProgress.SingleBar(
  { format: 'Import [{bar}] {value}/{total} commandes | {eta_formatted}', stream: process.stderr },
  cliProgress.Presets.shades_classic,
);
try {
  report = await importFile(app, path, bytes, {
    commit: values.commit,
    mapping,
    // The CLI reaches the store directly, so it acts as the service's admin; the batch names the user.
    principal: { subject: `cli:${userInfo().username}`, actorId: 'scoran-ledger', role: 'admin' },
    onProgress: (done, total) => (done === 0 ? bar.start(total, 0) : bar.update(done)),
  });
} finally {
  bar.stop();
  await app.close();
}
if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(summary(report));
process.exit(report.ok ? 0 : 1);

function summary(r: ImportReport): string {
  const lines = [
    `${r.fileName} (lot ${r.batchId}) : ${
      Object.entries(r.rows)
        .map(([kind, n]) => `${IMPORT_KINDS.find((k) => k.key === kind)?.fr ?? kind} : ${n}`)
        .join(' ; ') || 'aucune ligne'
    }`,
  ];
  const shown = r.problems.slice(0, 100);
  for (const p of shown)
    lines.push(`  ${[p.sheet, p.cell ?? (p.row !== undefined ? `ligne ${p.row}` : undefined), p.column].filter(Boolean).join(' · ')} : ${p.message}`);
  if (r.problems.length > shown.length) lines.push(`  … et ${r.problems.length - shown.length} autres (tous dans le rapport JSON : --json rapport.json).`);
  if (r.notices.length > 0) {
    lines.push(`${r.notices.length} ligne(s) lue(s) mais non enregistrée(s) :`);
    for (const n of r.notices.slice(0, 20))
      lines.push(`  ${[n.sheet, n.cell ?? (n.row !== undefined ? `ligne ${n.row}` : undefined)].filter(Boolean).join(' · ')} : ${n.message}`);
    if (r.notices.length > 20) lines.push(`  … et ${r.notices.length - 20} autres (toutes dans le rapport JSON).`);
  }
  if (r.mode === 'dry-run') {
    lines.push(
      r.ok
        ? `Aucun problème : ${r.commands - r.alreadyRecorded} commandes à enregistrer${r.alreadyRecorded ? ` (${r.alreadyRecorded} déjà enregistrées)` : ''}. Rien n’a été écrit ; relancez avec --commit.`
        : `${r.problems.length} problème(s). Rien n’a été écrit.`,
    );
  } else {
    lines.push(
      r.ok
        ? `Import terminé : ${r.recorded} commandes enregistrées, ${r.alreadyRecorded} l’étaient déjà.`
        : r.recorded === 0 && r.alreadyRecorded === 0
          ? `${r.problems.length} problème(s). Rien n’a été écrit.`
          : `Import arrêté : ${r.recorded} commandes enregistrées par cette exécution.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
