#!/usr/bin/env node
/**
 * Runs a built script (dist/scripts/<name>.js), compiling first only when a source file is newer than
 * the build: `npm run token` then costs a fraction of a second instead of a full `tsc` each time.
 * Usage: node scripts/run-built.mjs <name> [args...]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z-]+$/.test(name)) {
  console.error('Usage: node scripts/run-built.mjs <script-name> [args...]');
  process.exit(2);
}

/** Newest modification time of the TypeScript sources and build settings the scripts are built from. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['src', 'scripts', 'bench']) visit(join(root, dir));
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

function builtTime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

const built = join(root, 'dist', 'scripts', `${name}.js`);
if (builtTime(built) < newestSource()) {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  if (builtTime(built) < 0) {
    console.error(`No script named '${name}' in scripts/.`);
    process.exit(2);
  }
}
process.argv = [process.argv[0], built, ...args];
await import(pathToFileURL(built).href);
