/**
 * Imports a zone file or a regulator quarterly file into a running service, through its GraphQL API
 * (so the service's roles, checks and consequences all apply):
 *   npm run zones -- import <file.csv> [--commit] [--quarter 2025-Q3] [--url http://127.0.0.1:3000]
 * The token comes from SCORAN_TOKEN (or --token). Without --commit it is a dry run: the file is
 * checked and nothing is written. Exit code 0: done (or clean dry run); 1: the file has issues,
 * nothing written; 2: usage, connection or access error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { derivedCommandId } from '../src/decider/command-handler.js';
import { kindOf } from '../src/zones/zone-files.js';

const USAGE = 'Usage: npm run zones -- import <file.csv> [--commit] [--quarter YYYY-Qn] [--url http://127.0.0.1:3000] [--token <jwt>]';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { commit: { type: 'boolean', default: false }, quarter: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [verb, path, ...extra] = positionals;
if (verb !== 'import' || !path || extra.length > 0) fail(USAGE);

let content: string;
try {
  content = readFileSync(path, 'utf8');
} catch (error) {
  fail(`Cannot read ${path}: ${(error as Error).message}`);
}
const kind = kindOf(content);
if (typeof kind !== 'string') fail(`${path}: line ${kind.line}: ${kind.message}`, 1);
if (kind === 'zones' && values.quarter) fail('--quarter is for regulator files only');

const token = values.token ?? process.env.SCORAN_TOKEN;
if (!token) fail('No token: set SCORAN_TOKEN (development: npm run token -- --actor <id> --role commission_secretariat)');
const url = `${(values.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '')}/graphql`;
// The same file sent again is the same command: a re-run after an interruption completes it, never doubles it.
const commandId = derivedCommandId(`zones-cli:${createHash('sha256').update(content).digest('hex')}`, `${kind}:${values.quarter ?? ''}`);
const fileName = basename(path);

const ISSUES = 'issues { row column message }';
const [mutation, input] =
  kind === 'zones'
    ? [`mutation($input: ImportZoneFileInput!) { result: importZoneFile(input: $input) { rows recorded changed endedCommitments ${ISSUES} } }`, { commandId, fileName, content, commit: values.commit }]
    : [
        `mutation($input: ImportRegulatorFiguresInput!) { result: importRegulatorFigures(input: $input) { quarter asOf rows recorded commitmentsToMove commitmentsMoved estimateChanges ${ISSUES} } }`,
        { commandId, fileName, content, commit: values.commit, ...(values.quarter ? { quarter: values.quarter } : {}) },
      ];

interface Issue {
  row: number;
  column: string;
  message: string;
}
let body: { data?: { result: Record<string, unknown> & { issues: Issue[] } } | null; errors?: { message: string; extensions?: { code?: string; issues?: Issue[] } }[] };
try {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: mutation, variables: { input } }) });
  body = (await response.json()) as typeof body;
} catch (error) {
  fail(`Cannot reach the service at ${url}: ${(error as Error).message}`);
}

const printIssues = (issues: Issue[]) => {
  for (const issue of issues) console.log(`  ${issue.row === 0 ? 'file' : `line ${issue.row}`}${issue.column ? `, ${issue.column}` : ''}: ${issue.message}`);
};
const [error] = body.errors ?? [];
if (error) {
  if (error.extensions?.issues) {
    console.log(`${fileName}: ${error.extensions.issues.length} issue(s); nothing was recorded.`);
    printIssues(error.extensions.issues);
    process.exit(1);
  }
  fail(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
}
const result = body.data!.result;
const what = kind === 'zones' ? 'zone file' : `regulator file for ${String(result.quarter)}`;
if (result.issues.length > 0) {
  console.log(`${fileName} (${what}, ${String(result.rows)} rows): ${result.issues.length} issue(s); nothing would be recorded.`);
  printIssues(result.issues);
  process.exit(1);
}
if (!values.commit) {
  const effect = kind === 'zones' ? '' : `; would move ${String(result.commitmentsToMove)} commitment(s), ${String(result.estimateChanges)} change(s) of the best estimate`;
  console.log(`${fileName} (${what}, ${String(result.rows)} rows): no issue${effect}. Dry run: nothing written; add --commit to record it.`);
} else if (kind === 'zones') {
  console.log(`${fileName} (${what}, ${String(result.rows)} rows): recorded; ${String(result.changed)} commune(s) changed zone, ${String(result.endedCommitments)} operator commitment(s) ended.`);
} else {
  console.log(`${fileName} (${what}, ${String(result.rows)} rows): recorded; ${String(result.commitmentsMoved)} commitment(s) moved as regulator data.`);
}
