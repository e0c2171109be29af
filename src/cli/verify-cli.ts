import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { verifyExport } from '../integrity/export-format.js';
import { isVerdict, parseBundle, verifyBundle } from '../national/submission-bundle.js';

const USAGE =
  'usage: npm run verify -- --export <file.ndjson> [--root <64 hex: a seal root you kept>]\n' +
  '       npm run verify -- --bundle <bundle.json> [--region <code>] [--previous-size <n> --previous-root <64 hex>]';

/**
 * `npm run verify -- --export <file> [--root <hex>]`: verifies an export offline (no service, no
 * store). Exit code 0: verified; 1: the export fails (the first bad leaf index, position, line and
 * why); 2: bad usage.
 */
export async function runVerifyCli(argv: readonly string[]): Promise<{ code: number; output: string }> {
  if (argv.includes('--bundle')) return verifyBundleFile(argv);
  const file = valueOf(argv, '--export');
  const root = valueOf(argv, '--root');
  if (!file || (root !== undefined && !/^[0-9a-fA-F]{64}$/.test(root))) return { code: 2, output: USAGE };
  if (!existsSync(file)) return { code: 2, output: `no such file: ${file}` };
  const lines = () => createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const verdict = await verifyExport(lines, root);
  if (verdict.ok) {
    const trusted = verdict.trustedRootMatched ? `; the trusted root matches the ${verdict.trustedRootMatched}` : '';
    return {
      code: 0,
      output: `OK: ${verdict.events} events (${verdict.complete ? 'complete log' : 'filtered, each with its inclusion proof'}) sealed in a tree of ${verdict.treeSize} events, root ${verdict.root}${trusted}`,
    };
  }
  const where = [
    verdict.index !== null ? `leaf index ${verdict.index}` : null,
    verdict.position !== null ? `position ${verdict.position}` : null,
    verdict.line !== null ? `line ${verdict.line}` : null,
  ].filter(Boolean);
  return { code: 1, output: `FAILED${where.length ? ` at ${where.join(', ')}` : ''}: ${verdict.reason}` };
}

/**
 * `--bundle`: a regional report's submission bundle checked offline as the national instance
 * checks it (report bytes, issue event, inclusion under the seal; with --previous-size and
 * --previous-root, the consistency from the seal last accepted from that region).
 */
function verifyBundleFile(argv: readonly string[]): { code: number; output: string } {
  const file = valueOf(argv, '--bundle');
  const region = valueOf(argv, '--region');
  const size = valueOf(argv, '--previous-size');
  const root = valueOf(argv, '--previous-root');
  if (!file || (region !== undefined && !/^\d{2}$/.test(region)) || (size === undefined) !== (root === undefined)) return { code: 2, output: USAGE };
  if (size !== undefined && (!/^[1-9]\d{0,15}$/.test(size) || !/^[0-9a-f]{64}$/.test(root!))) return { code: 2, output: USAGE };
  if (!existsSync(file)) return { code: 2, output: `no such file: ${file}` };
  const parsed = parseBundle(readFileSync(file, 'utf8'));
  if (isVerdict(parsed)) return { code: 1, output: `REFUSED: ${parsed.ok ? 'malformed' : parsed.reason}` };
  const last = size !== undefined ? { treeSize: Number(size), root: root!, reports: [] } : null;
  const verdict = verifyBundle(parsed, region ?? null, last);
  if (!verdict.ok) return { code: 1, output: `REFUSED (${verdict.refusal}): ${verdict.reason}` };
  const consistency = last ? `, consistent with the seal of ${last.treeSize} events` : ' (no previous seal given: consistency not checked)';
  return {
    code: 0,
    output: `OK: region ${verdict.region} ${verdict.semester} report ${verdict.sha256}, issued ${verdict.issuedAt} by ${verdict.issuedBy}, included in the seal of ${verdict.seal.treeSize} events, root ${verdict.seal.root}${consistency}`,
  };
}

function valueOf(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}
