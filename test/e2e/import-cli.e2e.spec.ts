/**
 * The import CLI as a newcomer runs it: a fresh folder, no token secret configured and no `npm start`
 * before it (the CLI verifies no token, so it must not ask for one), a French CSV as Excel writes it.
 */
import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { buildService, type Build } from './service-process.js';

jest.setTimeout(180_000);

const HEADER = '\uFEFFIdentifiant;Type;Nom;SIREN;Territoires;Date d’enregistrement';

describe('npm run import on a machine without a token secret', () => {
  let build: Build;
  const root = mkdtempSync(join(tmpdir(), 'scoran-import-cli-'));
  const eventsPath = join(root, 'data', 'events.db');
  // No NODE_ENV (development), no AUTH_DEV_SECRET, no ./data/dev-secret in the working folder.
  const env = { PATH: process.env.PATH, EVENT_STORE_PATH: eventsPath, READ_MODEL_PATH: join(root, 'data', 'read-models.db') };
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [build.file('scripts/import.js'), ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  const recordedEvents = () => {
    const store = new SqliteEventStore({ path: eventsPath });
    try {
      return store.readAllSync({ limit: 10_000 }).events.length;
    } finally {
      void store.close();
    }
  };

  beforeAll(() => {
    build = buildService();
  });
  afterAll(() => {
    build?.remove();
    rmSync(root, { recursive: true, force: true });
  });

  it('names every sheet of the template when a CSV file name says nothing', () => {
    const file = join(root, 'export-2019.csv');
    writeFileSync(file, `${HEADER}\n`);
    const result = run(file);
    expect(result.status).toBe(1);
    for (const sheet of ['Acteurs', 'Avenants', 'Zonage des communes', 'Chiffres du régulateur', 'Avenants opérateurs', 'Décisions'])
      expect(result.stdout).toContain(sheet);
  });

  it('dry-runs a bad file: every problem at its cell in French, exit 1, nothing written', () => {
    const file = join(root, 'faux', 'acteurs.csv');
    mkdirSync(join(root, 'faux'));
    writeFileSync(file, `${HEADER}\ncd-44;Département;Département de Loire-Atlantique;;;06/01/2014\ncd-85;Département;Vendée;;département 85;06/01/2099\n`);
    const result = run(file, '--json', join(root, 'rapport.json'));
    expect(result.stderr).not.toMatch(/No way to verify tokens/);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n')[0]).toMatch(/^acteurs\.csv \(lot import-[0-9a-f]{16}\) : Acteurs : 2$/);
    expect(result.stdout).toContain('acteurs.csv · F3 · Date d’enregistrement : Le 06/01/2099 est dans le futur');
    expect(result.stdout).toMatch(
      /acteurs\.csv · E2 · Territoires : Le service a refusé cette ligne \(registerActor\) : Un acteur de type « Département » a exactement un territoire, de type « département »\. Rien/,
    );
    expect(result.stdout).toContain('2 problème(s). Rien n’a été écrit.');
    const report = JSON.parse(readFileSync(join(root, 'rapport.json'), 'utf8')) as { problems: { cell: string }[] };
    expect(report.problems.map((p) => p.cell).sort()).toEqual(['E2', 'F3']);
    expect(existsSync(eventsPath) ? recordedEvents() : 0).toBe(0);
    expect(existsSync(join(root, 'data', 'dev-secret'))).toBe(false);
  });

  it('commits a clean file, and the same file again is a no-op', () => {
    const file = join(root, 'acteurs.csv');
    writeFileSync(file, `${HEADER}\ncd-44;Département;Département de Loire-Atlantique;;département 44;06/01/2014\n`);
    const first = run(file, '--commit');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const written = recordedEvents();
    expect(written).toBeGreaterThan(0);
    const again = run(file, '--commit');
    expect(again.status).toBe(0);
    expect(recordedEvents()).toBe(written);
  });
});
