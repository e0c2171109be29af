/**
 * The zones import tool (scripts/zones.ts): reads a zone file or a regulator quarterly file and
 * sends it to a running service through its GraphQL API, so the service's roles, checks and
 * consequences all apply. Without --commit it is a dry run. Returns the exit code: 0 done (or clean
 * dry run); 1 the file has issues, nothing written; 2 usage, connection or access error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { derivedCommandId } from '../decider/command-handler.js';
import { kindOf } from './zone-files.js';

export const ZONES_CLI_USAGE = 'Usage: npm run zones -- import <file.csv> [--commit] [--quarter YYYY-Qn] [--url http://127.0.0.1:3000] [--token <jwt>]';

interface Issue {
  row: number;
  column: string;
  message: string;
}

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function runZonesCli(args: string[], env: Record<string, string | undefined>, io: CliOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        commit: { type: 'boolean', default: false },
        quarter: { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${ZONES_CLI_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(ZONES_CLI_USAGE);
    return 0;
  }
  const [verb, path, ...extra] = positionals;
  if (verb !== 'import' || !path || extra.length > 0) {
    io.err(ZONES_CLI_USAGE);
    return 2;
  }
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    io.err(`Cannot read ${path}: ${(error as Error).message}`);
    return 2;
  }
  const kind = kindOf(content);
  if (typeof kind !== 'string') {
    io.err(`${path}: line ${kind.line}: ${kind.message}`);
    return 1;
  }
  if (kind === 'zones' && values.quarter) {
    io.err('--quarter is for regulator files only');
    return 2;
  }
  const token = values.token ?? env.SCORAN_TOKEN;
  if (!token) {
    io.err('No token: set SCORAN_TOKEN (development: npm run token -- --actor <id> --role commission_secretariat)');
    return 2;
  }
  const url = `${(values.url ?? `http://127.0.0.1:${env.PORT ?? 3000}`).replace(/\/+$/, '')}/graphql`;
  // The same file sent again is the same command: a re-run after an interruption completes it, never doubles it.
  const commandId = derivedCommandId(`zones-cli:${createHash('sha256').update(content).digest('hex')}`, `${kind}:${values.quarter ?? ''}`);
  const fileName = basename(path);
  const ISSUES = 'issues { row column message }';
  const [mutation, input] =
    kind === 'zones'
      ? [
          `mutation($input: ImportZoneFileInput!) { result: importZoneFile(input: $input) { rows recorded changed endedCommitments ${ISSUES} } }`,
          { commandId, fileName, content, commit: values.commit },
        ]
      : [
          `mutation($input: ImportRegulatorFiguresInput!) { result: importRegulatorFigures(input: $input) { quarter asOf rows recorded commitmentsToMove commitmentsMoved estimateChanges ${ISSUES} } }`,
          { commandId, fileName, content, commit: values.commit, ...(values.quarter ? { quarter: values.quarter } : {}) },
        ];

  let body: {
    data?: { result: Record<string, unknown> & { issues: Issue[] } } | null;
    errors?: { message: string; extensions?: { code?: string; issues?: Issue[] } }[];
  };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: mutation, variables: { input } }),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    io.err(`Cannot reach the service at ${url}: ${(error as Error).message}`);
    return 2;
  }
  const printIssues = (issues: Issue[]) => {
    for (const issue of issues) io.out(`  ${issue.row === 0 ? 'file' : `line ${issue.row}`}${issue.column ? `, ${issue.column}` : ''}: ${issue.message}`);
  };
  const [error] = body.errors ?? [];
  if (error) {
    if (error.extensions?.issues) {
      io.out(`${fileName}: ${error.extensions.issues.length} issue(s); nothing was recorded.`);
      printIssues(error.extensions.issues);
      return 1;
    }
    io.err(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
    return 2;
  }
  const result = body.data!.result;
  const what = kind === 'zones' ? 'zone file' : `regulator file for ${String(result.quarter)}`;
  if (result.issues.length > 0) {
    io.out(`${fileName} (${what}, ${String(result.rows)} rows): ${result.issues.length} issue(s); nothing would be recorded.`);
    printIssues(result.issues);
    return 1;
  }
  if (!values.commit) {
    const effect =
      kind === 'zones'
        ? ''
        : `; would move ${String(result.commitmentsToMove)} commitment(s), ${String(result.estimateChanges)} change(s) of the best estimate`;
    io.out(`${fileName} (${what}, ${String(result.rows)} rows): no issue${effect}. Dry run: nothing written; add --commit to record it.`);
  } else if (kind === 'zones') {
    io.out(
      `${fileName} (${what}, ${String(result.rows)} rows): recorded; ${String(result.changed)} commune(s) changed zone, ${String(result.endedCommitments)} operator commitment(s) ended.`,
    );
  } else {
    io.out(`${fileName} (${what}, ${String(result.rows)} rows): recorded; ${String(result.commitmentsMoved)} commitment(s) moved as regulator data.`);
  }
  return 0;
}
