import { runVerifyCli } from '../src/cli/verify-cli.js';

// Offline verification of an export: see docs/integrity.md.
const { code, output } = await runVerifyCli(process.argv.slice(2));
(code === 0 ? process.stdout : process.stderr).write(`${output}\n`);
process.exitCode = code;
