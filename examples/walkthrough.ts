/**
 * From actors to the semestrial report with the typed client (`@scoran/ledger-client`, in
 * clients/typescript): register actors, draft and sign a convention party by party, make a commitment,
 * follow it live while progress is reported, then read the region's report. Run against a service:
 * `tokens` gives a bearer token for each actor.
 */
import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import {
  CommitmentChangedDocument,
  DraftConventionDocument,
  MakeCommitmentDocument,
  RegisterActorDocument,
  ReportCommitmentProgressDocument,
  ScoranClient,
  ScoranError,
  SignConventionDocument,
  type SignConventionMutationVariables,
} from '@scoran/ledger-client';

export interface WalkthroughResult {
  conventionStatus: string;
  liveUpdates: string[];
  commitmentHealth: string | null;
  reportSha256: string;
  reportCommitments: number;
  refusedCode: string;
}

export async function walkthrough(baseUrl: string, tokens: { admin: string; cd44: string; prefet: string; auditor: string }): Promise<WalkthroughResult> {
  // Node 20 has no global WebSocket: give the `ws` package's (browsers and Node 22+ need nothing).
  const client = (token: string) => new ScoranClient({ url: baseUrl, token, webSocketImpl: WebSocket });
  const admin = client(tokens.admin);
  const cd44 = client(tokens.cd44);
  const prefet = client(tokens.prefet);
  try {
    await admin.command(RegisterActorDocument, {
      actorId: 'prefet-52',
      kind: 'STATE_IN_REGION',
      name: 'Préfecture de la région Pays de la Loire',
      territories: [{ kind: 'REGION', code: '52' }],
    });
    await admin.command(RegisterActorDocument, {
      actorId: 'cd-44',
      kind: 'DEPARTEMENT',
      name: 'Département de Loire-Atlantique',
      territories: [{ kind: 'DEPARTEMENT', code: '44' }],
    });

    const documentHash = createHash('sha256').update('CPSD Loire-Atlantique, version signée').digest('hex');
    await cd44.command(DraftConventionDocument, {
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
    const signature = (personId: string, title: string): Omit<SignConventionMutationVariables['input'], 'commandId'> => ({
      conventionId: 'cpsd-44-demo',
      documentHash,
      signatory: { personId, title },
      place: 'Nantes',
      signedOn: '2026-02-02',
    });
    await prefet.command(SignConventionDocument, signature('person-prefet', 'Préfet de région'));
    const signed = await cd44.command(SignConventionDocument, {
      ...signature('person-pcd-44', 'Président du conseil départemental'),
      councilResolution: { number: 'CP-2026-014', date: '2026-01-20' },
    });

    await cd44.command(MakeCommitmentDocument, {
      commitmentId: 'ftth-nantes-demo',
      committingActorId: 'cd-44',
      subject: 'FIXED_COVERAGE',
      title: 'Prises FttH raccordables à Nantes',
      target: { quantity: 74200, unit: 'FTTH_PREMISES' },
      territories: [{ kind: 'COMMUNE', code: '44109' }],
      dueDate: '2030-12-31',
      stemsFrom: { kind: 'CONVENTION', conventionId: 'cpsd-44-demo' },
    });

    // Live updates: an async iterator over the subscription.
    const changes = cd44.subscribe(CommitmentChangedDocument, { actorId: 'cd-44' });
    const nextChange = changes.next();
    // The subscription starts with the first next(); give it a moment before the change it waits for.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reported = await cd44.command(ReportCommitmentProgressDocument, {
      commitmentId: 'ftth-nantes-demo',
      value: 30000,
      asOf: '2026-06-30',
      source: 'DECLARED',
    });
    const change = await nextChange;
    const liveUpdates = change.done ? [] : [change.value.commitmentChanged.eventType];
    await changes.return?.();

    const refusedCode = await cd44
      .command(ReportCommitmentProgressDocument, { commitmentId: 'ftth-nantes-demo', value: -5, asOf: '2026-06-30', source: 'DECLARED' })
      .then(() => 'none')
      .catch((error: unknown) => (error instanceof ScoranError ? error.code : 'unexpected'));

    const semester = `${new Date().getUTCFullYear()}-S${new Date().getUTCMonth() < 6 ? 1 : 2}`;
    const report = await client(tokens.auditor).report('52', semester, 'json');
    const content = JSON.parse(new TextDecoder().decode(report.body)) as { sections: { key: string; tables: { rows: unknown[] }[] }[] };
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
