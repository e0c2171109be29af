import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/event-store.module.js';
import { DEMO_OF_FEATURES } from '../../src/app/features.js';
import { loadDemo, nationalDemoSteps, type DemoLoadResult } from '../../src/demo/demo-loader.js';
import { startTestService, type TestService } from './harness.js';

const LOAD_TIMEOUT = 120_000;

const COUNTS = `{
  actors(first: 1) { totalCount }
  networkProjects(first: 1) { totalCount }
  usageProjects(first: 1) { totalCount }
  whiteZones(first: 1) { totalCount }
  meetings(first: 1) { totalCount }
  conventions(first: 1) { totalCount }
  commitments(first: 1) { totalCount }
}`;
const REPORT = `query($semester: String!) {
  semestrialReport(region: "52", semester: $semester) {
    semester provisional sha256
    sections { key tables { name rows } }
    issued { version sha256 }
  }
}`;

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after, limit: 500 });
    events.push(...page.events);
    after = page.lastPosition;
    if (page.isEnd) return events;
  }
}

describe('Demo regions (Pays de la Loire, Bourgogne-Franche-Comté; Bretagne from its own instance)', () => {
  let service: TestService;
  let result: DemoLoadResult;

  beforeAll(async () => {
    service = await startTestService();
    result = await loadDemo(service.app);
    console.log(`Demo loaded: ${result.commands} commands, ${result.events} events, ${result.reports.length} reports in ${(result.ms / 1000).toFixed(1)} s`);
  }, LOAD_TIMEOUT);

  afterAll(async () => {
    await service?.close();
  });

  it('loads every step through the mutations, on an empty store', () => {
    expect(result.loaded).toBe(true);
    expect(result.commands).toBe(nationalDemoSteps(DEMO_OF_FEATURES).length);
    // Follow-ups (commitments from decisions and calendars) add events of their own.
    expect(result.events).toBeGreaterThan(result.commands);
  });

  it('shows the actors, projects, zones, meetings, convention and commitments', async () => {
    const { body } = await service.graphql(COUNTS);
    expect(body.errors).toBeUndefined();
    const count = (name: string) => body.data![name].totalCount as number;
    // Pays de la Loire's 20, Bourgogne-Franche-Comté's 14, and Bretagne's secretariat that submits its reports here.
    expect(count('actors')).toBe(35);
    expect(count('networkProjects')).toBe(5 + 8);
    expect(count('usageProjects')).toBe(8);
    expect(count('whiteZones')).toBe(15 + 8);
    expect(count('meetings')).toBe(14 + 11);
    expect(count('conventions')).toBe(2);
    // Pays de la Loire: five action requests of the commission, three communes of the CPSD calendar, eight operator
    // commitments in AMII communes; Bourgogne-Franche-Comté: four action requests adopted (one vote failed for quorum).
    expect(count('commitments')).toBe(16 + 4);
  });

  it('shows the content of one record as the demo tells it', async () => {
    const { body } = await service.graphql(`{
      convention(id: "cpsd-52") { status versions { version inForceOn } }
      networkProject(id: "rip-44") { name leadActorId }
      commission(regionCode: "52") { members { actorId } }
    }`);
    expect(body.errors).toBeUndefined();
    // Signed party by party, then amended once and signed again by every party.
    expect(body.data!.convention).toMatchObject({
      status: 'IN_FORCE',
      versions: [
        { version: 1, inForceOn: '2015-05-23' },
        { version: 2, inForceOn: '2017-03-18' },
      ],
    });
    expect(body.data!.networkProject).toMatchObject({ leadActorId: 'cd-44' });
    expect((body.data!.commission.members as { actorId: string }[]).map((m) => m.actorId)).toContain('orange');
  });

  it('records each act at its time in the world, so past reports have content, and issues every ended semester', async () => {
    const events = await allEvents(service.app.get<EventStore>(EVENT_STORE, { strict: false }));
    const first = events[0];
    expect(first.recordedAt.slice(0, 10)).toBe('2014-01-06');
    const recorded = events.map((e) => e.recordedAt);
    expect([...recorded].sort()).toEqual(recorded);
    expect(result.reports).toContain('52/2015-S2');
    expect(result.reports).toContain('52/2020-S2');

    const { body } = await service.graphql(REPORT, { semester: '2015-S2' }, await service.token('sgar-52', 'admin'));
    expect(body.errors).toBeUndefined();
    const report = body.data!.semestrialReport;
    expect(report.provisional).toBe(false);
    expect(report.issued).toHaveLength(1);
    expect(report.issued[0].sha256).toBe(report.sha256);
    const rows = (sections: { tables: { name: string; rows: unknown[] }[] }[], name: string) =>
      sections.flatMap((s) => s.tables).find((t) => t.name === name)!.rows.length;
    // As known at the end of 2015: four meetings held, five RIPs with their financing, no indicator reported yet.
    expect(rows(report.sections, 'meetings')).toBe(4);
    expect(rows(report.sections, 'network-projects')).toBe(5);
    expect(rows(report.sections, 'network-financing')).toBe(5);
    expect(rows(report.sections, 'network-indicators')).toBe(0);
    expect(rows(report.sections, 'usage-projects')).toBe(8);

    const later = (await service.graphql(REPORT, { semester: '2020-S2' }, await service.token('sgar-52', 'admin'))).body.data!.semestrialReport;
    expect(later.issued).toHaveLength(1);
    expect(rows(later.sections, 'meetings')).toBe(14);
    expect(rows(later.sections, 'network-indicators')).toBeGreaterThan(0);
  });

  it('turns operator commitments late from the regulator figures alone, and ends the one of a commune moved to the RIP', async () => {
    const { body } = await service.graphql(`{
      operatorCommitmentReview(standings: [LATE, AT_RISK, BREACHED, FULFILLED, WITHDRAWN]) {
        commitments { communeName standing operatorId }
        trend { quarter onTrack atRisk late }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const review = body.data!.operatorCommitmentReview;
    const standingOf = Object.fromEntries(review.commitments.map((c: { communeName: string; standing: string }) => [c.communeName, c.standing]));
    // Nobody declared any of this: the quarterly files did.
    expect(standingOf).toEqual({
      Angers: 'FULFILLED',
      'Le Mans': 'FULFILLED',
      Rezé: 'FULFILLED',
      Saumur: 'FULFILLED',
      Cholet: 'LATE',
      Laval: 'LATE',
      'Saint-Herblain': 'LATE',
      Allonnes: 'WITHDRAWN',
    });
    const trend = review.trend as { quarter: string; onTrack: number; atRisk: number; late: number }[];
    expect(trend.map((t) => t.quarter)).toEqual([
      '2018-Q3',
      '2018-Q4',
      '2019-Q1',
      '2019-Q2',
      '2019-Q3',
      '2019-Q4',
      '2020-Q1',
      '2020-Q2',
      '2020-Q3',
      '2020-Q4',
      '2021-Q1',
    ]);
    expect(trend.at(-1)).toMatchObject({ late: 3 });
    expect(trend.some((t) => t.atRisk > 0)).toBe(true);
  });

  it('records a second region on this instance and receives a third as bundles from its own instance', async () => {
    const auditor = await service.token('datar', 'auditor');
    const { body } = await service.graphql(
      `{
      quorumless: meeting(id: "ccrant-27-2018-07-10") { decisions { itemId outcome quorum { reached } } }
      telemed: commitment(id: "ccrant-27-2017-12-12.telemed.commitment") { status }
      bthd: regionalSubmissions(region: "53") { semester number }
    }`,
      {},
      auditor,
    );
    expect(body.errors).toBeUndefined();
    // Bourgogne-Franche-Comté's summer session fell short of its quorum: the vote could not adopt.
    expect(body.data!.quorumless.decisions.find((d: { itemId: string }) => d.itemId === 'mobile')).toMatchObject({
      outcome: 'REJECTED',
      quorum: { reached: false },
    });
    expect(body.data!.telemed.status).toBe('BREACHED');
    // Bretagne: every semester of its history, 2014-S1 to 2020-S2, each bundle checked against the one before.
    const semesters = (body.data!.bthd as { semester: string; number: number }[]).map((s) => s.semester);
    expect(semesters).toHaveLength(14);
    expect([semesters[0], semesters.at(-1)]).toEqual(['2014-S1', '2020-S2']);
    expect(result.submitted).toEqual(semesters.map((s) => `53/${s}`));
    expect(result.reports.some((r) => r.startsWith('53/'))).toBe(false);
    expect(result.reports).toContain('27/2016-S1');
  });

  it('refuses to load a second time: nothing is written', async () => {
    const store = service.app.get<EventStore>(EVENT_STORE, { strict: false });
    const head = await store.headPosition();
    const again = await loadDemo(service.app);
    expect(again).toMatchObject({ loaded: false, skipped: 'the event store is not empty' });
    expect(await store.headPosition()).toBe(head);
  });

  it(
    'is deterministic: a second store gets the same events, ids included',
    async () => {
      const other = await startTestService();
      try {
        const second = await loadDemo(other.app);
        expect(second.loaded).toBe(true);
        const [a, b] = await Promise.all([service, other].map((s) => allEvents(s.app.get<EventStore>(EVENT_STORE, { strict: false }))));
        expect(b.length).toBe(a.length);
        // Personal data is sealed with a fresh nonce, and issued reports carry their real issuing time
        // (so the log seals written at each issue have other roots, and ids derived from them):
        // everything else is the same, byte for byte.
        const comparable = (e: RecordedEvent) => {
          if (e.streamId === 'seal-log') {
            const { treeSize, lastPosition } = e.data as { treeSize: number; lastPosition: string };
            return { streamId: e.streamId, revision: e.revision, type: e.type, treeSize, lastPosition };
          }
          const sealed = e.streamId.startsWith('person-') || e.streamId.startsWith('report-');
          // Bretagne's bundles carry its own instance's seals and issuing times; the acts of the exchange happen now.
          const submitted = e.streamId.startsWith('regionalSubmission-');
          const now = e.recordedAt >= '2022';
          return {
            streamId: e.streamId,
            revision: e.revision,
            id: e.id,
            type: e.type,
            ...(sealed || submitted ? {} : now ? { data: e.data } : { data: e.data, recordedAt: e.recordedAt, metadata: e.metadata }),
          };
        };
        expect(b.map(comparable)).toEqual(a.map(comparable));
      } finally {
        await other.close();
      }
    },
    LOAD_TIMEOUT,
  );
});
