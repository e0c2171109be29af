/**
 * From actors to the semestrial report with the example client: register actors, draft and sign a
 * convention party by party, make a commitment, follow it live while progress is reported, then read
 * the region's report. Run against a service: `tokens` maps an actor id to a bearer token for it.
 */
import { createHash } from 'node:crypto';
import { ScoranApiError, ScoranClient } from './scoran-client.js';

export interface WalkthroughResult {
  conventionStatus: string;
  liveUpdates: string[];
  commitmentHealth: string;
  reportSha256: string;
  reportCommitments: number;
  refusedCode: string;
}

export async function walkthrough(baseUrl: string, tokens: { admin: string; cd44: string; prefet: string; auditor: string }): Promise<WalkthroughResult> {
  const admin = new ScoranClient({ baseUrl, token: tokens.admin });
  const cd44 = new ScoranClient({ baseUrl, token: tokens.cd44 });
  const prefet = new ScoranClient({ baseUrl, token: tokens.prefet });
  try {
    for (const [actorId, kind, name, territory] of [
      ['prefet-52', 'STATE_IN_REGION', 'Préfecture de la région Pays de la Loire', { kind: 'REGION', code: '52' }],
      ['cd-44', 'DEPARTEMENT', 'Département de Loire-Atlantique', { kind: 'DEPARTEMENT', code: '44' }],
    ] as const) {
      await admin.command(`mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`, { actorId, kind, name, territories: [territory] });
    }

    const documentHash = createHash('sha256').update('CPSD Loire-Atlantique, version signée').digest('hex');
    await cd44.command(`mutation($input: DraftConventionInput!) { draftConvention(input: $input) { revision } }`, {
      conventionId: 'cpsd-44-demo',
      kind: 'CPSD',
      title: 'CPSD de Loire-Atlantique',
      parties: [
        { actorId: 'prefet-52', signaturesRequired: 1 },
        { actorId: 'cd-44', signaturesRequired: 1 },
      ],
      documentHash,
      scope: ['44109'],
      calendar: [],
      occurredAt: '2026-01-10T10:00:00Z',
    });
    const sign = `mutation($input: SignConventionInput!) { signConvention(input: $input) { convention { status } } }`;
    const signature = (personId: string, title: string) => ({ conventionId: 'cpsd-44-demo', documentHash, signatory: { personId, title }, place: 'Nantes', signedOn: '2026-02-02' });
    await prefet.command(sign, signature('person-prefet', 'Préfet de région'));
    const signed = await cd44.command<{ signConvention: { convention: { status: string } } }>(sign, {
      ...signature('person-pcd-44', 'Président du conseil départemental'),
      councilResolution: { number: 'CP-2026-014', date: '2026-01-20' },
    });

    await cd44.command(`mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { revision } }`, {
      commitmentId: 'ftth-nantes-demo',
      committingActorId: 'cd-44',
      subject: 'FIXED_COVERAGE',
      title: 'Prises FttH raccordables à Nantes',
      target: { quantity: 74200, unit: 'FTTH_PREMISES' },
      territories: [{ kind: 'COMMUNE', code: '44109' }],
      dueDate: '2030-12-31',
      stemsFrom: { kind: 'CONVENTION', conventionId: 'cpsd-44-demo' },
    });

    const liveUpdates: string[] = [];
    const received = new Promise<void>((resolve, reject) => {
      const stop = cd44.subscribe<{ commitmentChanged: { eventType: string } }>(
        `subscription { commitmentChanged(actorId: "cd-44") { eventType } }`,
        {},
        (data) => {
          liveUpdates.push(data.commitmentChanged.eventType);
          stop();
          resolve();
        },
        reject,
      );
    });
    // The subscription starts lazily; give it a moment before the change it waits for.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reported = await cd44.command<{ reportCommitmentProgress: { commitment: { health: string } } }>(
      `mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { commitment { health } } }`,
      { commitmentId: 'ftth-nantes-demo', value: 30000, asOf: '2026-06-30', source: 'DECLARED' },
    );
    await received;

    const refusedCode = await cd44
      .command(`mutation($input: ReportCommitmentProgressInput!) { reportCommitmentProgress(input: $input) { revision } }`, { commitmentId: 'ftth-nantes-demo', value: -5, asOf: '2026-06-30', source: 'DECLARED' })
      .then(() => 'none')
      .catch((error: unknown) => (error instanceof ScoranApiError ? error.code : 'unexpected'));

    const semester = `${new Date().getUTCFullYear()}-S${new Date().getUTCMonth() < 6 ? 1 : 2}`;
    const report = await new ScoranClient({ baseUrl, token: tokens.auditor }).report('52', semester, 'json');
    const content = JSON.parse(report.body.toString()) as { sections: { key: string; tables: { rows: unknown[] }[] }[] };
    return {
      conventionStatus: signed.signConvention.convention.status,
      liveUpdates,
      commitmentHealth: reported.reportCommitmentProgress.commitment.health,
      reportSha256: report.sha256,
      reportCommitments: content.sections.find((s) => s.key === 'commitments')!.tables[0]!.rows.length,
      refusedCode,
    };
  } finally {
    await Promise.all([admin.close(), cd44.close(), prefet.close()]);
  }
}
