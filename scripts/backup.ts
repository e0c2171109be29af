import { runBackupCli } from '../src/backup/backup.js';

// Online backup of the embedded stores while the service runs: see docs/operations.md, "Backups".
const { code, output } = await runBackupCli(process.argv.slice(2));
(code === 0 ? process.stdout : process.stderr).write(`${output}\n`);
process.exitCode = code;
