import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { verifyExport } from './export-format.js';

const USAGE = 'usage: npm run verify -- --export <file.ndjson> [--root <64 hex: a seal root you kept>]';

/**
 * `npm run verify -- --export <file> [--root <hex>]`: verifies an export offline (no service, no
 * store). Exit code 0: verified; 1: the export fails (the first bad leaf index, position, line and
 * why); 2: bad usage.
 */
export async function runVerifyCli(argv: readonly string[]): Promise<{ code: number; output: string }> {
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

function valueOf(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}
