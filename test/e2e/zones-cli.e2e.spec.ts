import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { runZonesCli } from '../../src/zones/zones-cli.js';
import { newCommandId, registerPrincipals, startTestService, type TestService } from './harness.js';

const example = (name: string) => new URL(`../../examples/zones/${name}`, import.meta.url).pathname;

describe('npm run zones -- import, against a listening service', () => {
  let service: TestService;
  let url: string;
  let secretariat: string;

  beforeAll(async () => {
    service = await startTestService();
    url = (await service.listen()).replace(/^ws/, 'http').replace(/\/graphql$/, '');
    await registerPrincipals(service, 'sgar-52');
    secretariat = await service.token('sgar-52', 'commission_secretariat');
    const admin = await service.token('sgar-52', 'admin');
    for (const actorId of ['orange', 'sfr']) {
      const registered = await service.graphql(
        `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`,
        { input: { commandId: newCommandId(), actorId, kind: 'PRIVATE_OPERATOR', name: actorId, territories: [{ kind: 'REGION', code: '52' }] } },
        admin,
      );
      expect(registered.body.errors).toBeUndefined();
    }
  });
  afterAll(() => service.close());

  const run = async (args: string[], token: string | undefined = secretariat) => {
    const lines: string[] = [];
    const code = await runZonesCli([...args, '--url', url], { SCORAN_TOKEN: token }, { out: (l) => lines.push(l), err: (l) => lines.push(`! ${l}`) });
    return { code, lines };
  };
  const head = async () => (await request(service.app.getHttpServer()).get('/health')).body.store.headPosition as string;

  it('checks a zone file without writing, then records it with --commit; a second run changes nothing', async () => {
    const before = await head();
    expect(await run(['import', example('zones-49.csv')])).toEqual({
      code: 0,
      lines: ['zones-49.csv (zone file, 4 rows): no issue. Dry run: nothing written; add --commit to record it.'],
    });
    expect(await head()).toBe(before);
    expect(await run(['import', example('zones-49.csv'), '--commit'])).toEqual({
      code: 0,
      lines: ['zones-49.csv (zone file, 4 rows): recorded; 4 commune(s) changed zone, 0 operator commitment(s) ended.'],
    });
    expect(await run(['import', example('zones-49.csv'), '--commit'])).toMatchObject({
      code: 0,
      lines: [expect.stringContaining('recorded; 0 commune(s) changed zone')],
    });
  });

  it('prints a bad file’s issues by line and column, exits 1 and writes nothing', async () => {
    const before = await head();
    const bad = join(service.dir, 'zones-bad.csv');
    writeFileSync(bad, 'code_commune;zone;operateur;date_effet\n49007;AMII;bouygues;01/01/2012\n99999;RIP;;01/01/2012\n');
    expect(await run(['import', bad, '--commit'])).toEqual({
      code: 1,
      lines: [
        'zones-bad.csv: 3 issue(s); nothing was recorded.',
        '  line 2, operatorId: No actor bouygues',
        '  line 2, reason: A change of zone gives its reason (an AMEL call, a transfer to the public zone…)',
        '  line 3, communeCode: Unknown commune 99999',
      ],
    });
    // A regulator file on communes without any commitment yet: every row reported.
    expect(await run(['import', example('arcep-2025-T3.csv')])).toMatchObject({
      code: 1,
      lines: [
        expect.stringContaining('3 issue(s); nothing would be recorded'),
        '  line 2, communeCode: Commune 49007 is outside any open operator commitment',
        expect.any(String),
        expect.any(String),
      ],
    });
    expect(await head()).toBe(before);
  });

  it('exits 2 on usage, access and connection errors', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['import', '/no/such/file.csv'])).lines[0]).toMatch(/^! Cannot read/);
    expect(await run(['import', example('zones-49.csv')], '')).toMatchObject({ code: 2, lines: [expect.stringMatching(/No token/)] });
    const operator = await service.token('orange', 'representative');
    expect(await run(['import', example('zones-49.csv'), '--commit'], operator)).toEqual({
      code: 2,
      lines: [expect.stringMatching(/^! FORBIDDEN: The role representative may not importZoneFile: /)],
    });
    expect(await run(['import', example('zones-49.csv'), '--quarter', '2025-Q3'])).toMatchObject({ code: 2 });
    const lines: string[] = [];
    expect(
      await runZonesCli(
        ['import', example('zones-49.csv'), '--url', 'http://127.0.0.1:9'],
        { SCORAN_TOKEN: secretariat },
        { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      ),
    ).toBe(2);
    expect(lines[0]).toMatch(/Cannot reach the service/);
  });
});
