/**
 * npm run bench:zones [-- --quick]
 * A region's worth of zones work against the service on the embedded store (its own process,
 * loopback HTTP): every commune of Pays de la Loire in a private zone of one operator, one
 * commitment set over all of them, then quarterly regulator files (each moves every commitment),
 * the review of late commitments and the zone map. Baseline in the same run: one setCommuneZone
 * round trip, so the per-commune figures can be compared across machines. Not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { signDevToken } from '../src/auth/dev-token.js';

const quick = process.argv.includes('--quick');
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const server = fileURLToPath(new URL('./api-server.js', import.meta.url));
const communesData = createRequire(import.meta.url)('@etalab/decoupage-administratif/data/communes.json') as {
  code: string;
  type: string;
  region?: string;
  population?: number;
}[];

const communes = communesData
  .filter((c) => c.type === 'commune-actuelle' && c.region === '52')
  .sort((a, b) => (a.code < b.code ? -1 : 1))
  .slice(0, quick ? 200 : undefined);

async function start() {
  const child = spawn(process.execPath, [server, 'service'], {
    env: { ...process.env, NODE_ENV: 'production', AUTH_DEV_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /READY (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/graphql`, child };
}
const stop = (child: ChildProcess) =>
  new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });

async function graphql<T = Record<string, unknown>>(url: string, token: string, query: string, variables: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data!;
}

async function timed<T>(what: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await what();
  return [result, performance.now() - started];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const premisesOf = (c: { population?: number }) => Math.max(50, Math.round((c.population ?? 500) * 0.6));

const { url, child } = await start();
try {
  const admin = await signDevToken(SECRET, { subject: 'bench', actorId: 'sgar-52', role: 'admin' });
  await graphql(url, admin, 'mutation($input: RegisterActorInput!) { registerActor(input: $input) { revision } }', {
    input: { commandId: randomUUID(), actorId: 'orange', kind: 'PRIVATE_OPERATOR', name: 'Orange', territories: [{ kind: 'REGION', code: '52' }] },
  });

  // Baseline: one commune's zone, one request.
  const single: number[] = [];
  for (const c of communes.slice(0, 20)) {
    const [, ms] = await timed(() =>
      graphql(url, admin, 'mutation($input: SetCommuneZoneInput!) { setCommuneZone(input: $input) { revision } }', {
        input: { commandId: randomUUID(), communeCode: c.code, zone: 'AMII', operatorId: 'orange', effectiveFrom: '2011-04-27' },
      }),
    );
    single.push(ms);
  }

  // Department by department, as the files go under the 90,000-character limit.
  const byDepartement = new Map<string, typeof communes>();
  for (const c of communes) byDepartement.set(c.code.slice(0, 2), [...(byDepartement.get(c.code.slice(0, 2)) ?? []), c]);
  let zoneFileMs = 0;
  for (const group of byDepartement.values()) {
    const content = ['code_commune;zone;operateur;date_effet', ...group.map((c) => `${c.code};AMII;orange;27/04/2011`)].join('\n');
    const [, ms] = await timed(() =>
      graphql(url, admin, 'mutation($input: ImportZoneFileInput!) { importZoneFile(input: $input) { changed } }', {
        input: { commandId: randomUUID(), fileName: 'z.csv', content, commit: true },
      }),
    );
    zoneFileMs += ms;
  }

  const [, setMs] = await timed(() =>
    graphql(url, admin, 'mutation($input: RecordOperatorCommitmentsInput!) { recordOperatorCommitments(input: $input) { set { id } } }', {
      input: {
        commandId: randomUUID(),
        setId: 'bench',
        reference: 'bench',
        operatorId: 'orange',
        legalBasis: 'L33_13_BINDING',
        occurredAt: '2018-07-26T10:00:00Z',
        communes: communes.map((c) => ({ communeCode: c.code, premises: premisesOf(c), dueDate: '2020-12-31' })),
      },
    }),
  );

  const quarters = ['2019-Q1', '2019-Q2', '2019-Q3', '2019-Q4'];
  const quarterMs: number[] = [];
  for (const [q, quarter] of quarters.entries()) {
    let total = 0;
    for (const group of byDepartement.values()) {
      const content = [
        'code_commune;locaux_raccordables;meilleure_estimation_des_locaux',
        ...group.map((c) => `${c.code};${Math.round(premisesOf(c) * 0.15 * (q + 1))};${premisesOf(c)}`),
      ].join('\n');
      const [, ms] = await timed(() =>
        graphql(url, admin, 'mutation($input: ImportRegulatorFiguresInput!) { importRegulatorFigures(input: $input) { commitmentsMoved } }', {
          input: { commandId: randomUUID(), fileName: 'q.csv', content, quarter, commit: true },
        }),
      );
      total += ms;
    }
    quarterMs.push(total);
  }

  const REVIEW =
    '{ operatorCommitmentReview(territory: { kind: REGION, code: "52" }) { commitments { communeCode standing shortfall } byDepartement { key late } trend { quarter late atRisk } } }';
  const MAP = '{ zoneMap(territory: { kind: REGION, code: "52" }) { communes { communeCode zone coverage { coverageRate } } } }';
  const reviews: number[] = [];
  const maps: number[] = [];
  for (let i = 0; i < 7; i++) {
    reviews.push((await timed(() => graphql(url, admin, REVIEW, {})))[1]);
    maps.push((await timed(() => graphql(url, admin, MAP, {})))[1]);
  }

  const n = communes.length;
  const row = (measure: string, ms: number, perCommune = true) =>
    `| ${measure} | ${Math.round(ms).toLocaleString('en')} ms | ${perCommune ? `${(ms / n).toFixed(2)} ms` : '—'} | ${perCommune ? `${(ms / n / median(single)).toFixed(2)}` : (ms / median(single)).toFixed(1)} |`;
  console.log(
    `${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores · ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version} · ${n} communes${quick ? ' (quick)' : ''}`,
  );
  console.log('');
  console.log('| measure | total | per commune | ratio to one setCommuneZone |');
  console.log('|---|---|---|---|');
  console.log(`| baseline: one setCommuneZone round trip (median of 20) | ${median(single).toFixed(1)} ms | — | 1 |`);
  console.log(row('zone files, all communes (by département)', zoneFileMs));
  console.log(row('one commitment set over all communes', setMs));
  console.log(row('one quarterly file, all communes (median of 4 quarters)', median(quarterMs)));
  console.log(row('operatorCommitmentReview of the region (median of 7)', median(reviews), false));
  console.log(row('zoneMap of the region (median of 7)', median(maps), false));
} finally {
  await stop(child);
}
