import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run token` (and report, verify, demo) run scripts/run-built.mjs, which compiles only when a
 * source is newer than the build. Checked on a copy of the script in a small project whose `tsc` is
 * a stand-in that counts its runs and writes the built script.
 */
describe('scripts/run-built.mjs', () => {
  let root: string;
  const compilations = () => Number(readFileSync(join(root, 'compilations'), 'utf8'));
  const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'scripts', 'run-built.mjs'), ...args], { encoding: 'utf8' });

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'scoran-run-built-'));
    for (const dir of ['scripts', 'src', 'bench', 'node_modules/typescript/bin']) mkdirSync(join(root, dir), { recursive: true });
    copyFileSync(new URL('../../scripts/run-built.mjs', import.meta.url), join(root, 'scripts', 'run-built.mjs'));
    for (const file of ['tsconfig.json', 'tsconfig.build.json']) writeFileSync(join(root, file), '{}');
    writeFileSync(join(root, 'package.json'), '{"type":"module"}');
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;');
    writeFileSync(join(root, 'compilations'), '0');
    // The stand-in compiler: counts, then writes dist/scripts/hello.js (which prints its arguments).
    writeFileSync(
      join(root, 'node_modules/typescript/bin/tsc'),
      `const fs = require('fs'); const path = require('path'); const root = path.join(__dirname, '../../..');
       fs.writeFileSync(path.join(root, 'compilations'), String(Number(fs.readFileSync(path.join(root, 'compilations'), 'utf8')) + 1));
       fs.mkdirSync(path.join(root, 'dist/scripts'), { recursive: true });
       fs.writeFileSync(path.join(root, 'dist/scripts/hello.js'), 'console.log(JSON.stringify(process.argv.slice(2)));');`,
    );
    writeFileSync(join(root, 'node_modules/typescript/package.json'), '{"type":"commonjs"}');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('compiles when there is no build, then runs the script with its arguments', () => {
    const result = run('hello', '--actor', 'cd-44');
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(['--actor', 'cd-44']);
    expect(compilations()).toBe(1);
  });

  it('does not compile again while the build is newer than every source', () => {
    expect(JSON.parse(run('hello', 'again').stdout)).toEqual(['again']);
    expect(compilations()).toBe(1);
  });

  it('compiles again once a source changed', () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src', 'a.ts'), later, later);
    expect(JSON.parse(run('hello').stdout)).toEqual([]);
    expect(compilations()).toBe(2);
  });

  it('refuses a name that is not a script', () => {
    const bad = run('../etc/passwd');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Usage');
    const missing = run('nothing');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("No script named 'nothing'");
  });
});
