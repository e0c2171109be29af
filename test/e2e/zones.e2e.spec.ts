import { readFileSync } from 'node:fs';
import request from 'supertest';
import { codesOf, newCommandId, registerPrincipals, startTestService, type TestService } from './harness.js';

const file = (name: string) => readFileSync(new URL(`../../examples/zones/${name}`, import.meta.url), 'utf8');

const REGISTER_ACTOR = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const IMPORT_ZONES = `mutation($input: ImportZoneFileInput!) { importZoneFile(input: $input) { rows recorded changed endedCommitments issues { row column message } } }`;
const SET_ZONE = `mutation($input: SetCommuneZoneInput!) { setCommuneZone(input: $input) { endedCommitmentIds communeZone { communeCode zone operatorId effectiveFrom reason } } }`;
const RECORD = `mutation($input: RecordOperatorCommitmentsInput!) {
  recordOperatorCommitments(input: $input) { set { id reference operatorId legalBasis madeOn communes { communeCode commitmentId premises dueDate ended } } }
}`;
const AMEND = `mutation($input: AmendOperatorCommitmentsInput!) { amendOperatorCommitments(input: $input) { set { communes { communeCode dueDate premises ended } } } }`;
const IMPORT_FIGURES = `mutation($input: ImportRegulatorFiguresInput!) {
  importRegulatorFigures(input: $input) { quarter asOf rows recorded commitmentsToMove commitmentsMoved estimateChanges issues { row column message } }
}`;
const COMMITMENT = `query($id: ID!) { commitment(id: $id) { status health currentValue currentAsOf endedReason target { quantity } dueDate progress { value asOf source note } } }`;
const REVIEW = `query($standings: [CommitmentStanding!], $zones: [DeploymentZone!]) {
  operatorCommitmentReview(standings: $standings, zones: $zones) {
    commitments { communeCode communeName operatorId zone legalBasis standing premises currentValue shortfall daysLate coverage { quarter coverageRate } }
    byOperator { key onTrack atRisk late breached shortfall }
    byZone { key late }
    byLegalBasis { key late atRisk }
    byDepartement { key late }
    trend { quarter onTrack atRisk late lateShortfall }
  }
}`;
const MAP = `query($territory: TerritoryRefInput, $asOf: String) {
  zoneMap(territory: $territory, asOf: $asOf) { asOf totals { zone communes connectable premisesEstimate } communes { communeCode communeName zone operatorId coverage { quarter connectable premisesEstimate coverageRate } } }
}`;

describe('Deployment zones, operator commitments and regulator figures over HTTP', () => {
  let service: TestService;
  let admin: string;
  let secretariat: string;
  let orange: string;
  const commitmentOf: Record<string, string> = {};

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52', 'datar');
    admin = await service.token('sgar-52', 'admin');
    secretariat = await service.token('sgar-52', 'commission_secretariat');
    orange = await service.token('orange', 'representative');
    for (const [actorId, name] of [
      ['orange', 'Orange'],
      ['sfr', 'SFR FTTH'],
    ]) {
      const registered = await service.graphql(
        REGISTER_ACTOR,
        { input: { commandId: newCommandId(), actorId, kind: 'PRIVATE_OPERATOR', name, territories: [{ kind: 'REGION', code: '52' }] } },
        admin,
      );
      expect(registered.body.errors).toBeUndefined();
    }
  });
  afterAll(() => service.close());

  const eventCount = async () => (await request(service.app.getHttpServer()).get('/health')).body.store.headPosition as string;
  const commitment = async (commune: string) => (await service.graphql(COMMITMENT, { id: commitmentOf[commune] })).body.data!.commitment;
  const importFigures = (name: string, commit: boolean, token = secretariat, commandId = newCommandId()) =>
    service.graphql(IMPORT_FIGURES, { input: { commandId, fileName: name, content: file(name), commit } }, token);

  it('imports a zone file: a dry run first, then recorded; an operator may not record zones', async () => {
    const input = { fileName: 'zones-49.csv', content: file('zones-49.csv') };
    const dry = await service.graphql(IMPORT_ZONES, { input: { ...input, commandId: newCommandId() } }, secretariat);
    if (!dry.body.data) throw new Error(JSON.stringify(dry.body.errors));
    expect(dry.body.data.importZoneFile).toEqual({ rows: 4, recorded: false, changed: 0, endedCommitments: 0, issues: [] });
    expect((await service.graphql(MAP, { territory: { kind: 'DEPARTEMENT', code: '49' } })).body.data!.zoneMap.communes).toEqual([]);
    const byOperator = await service.graphql(IMPORT_ZONES, { input: { ...input, commandId: newCommandId(), commit: true } }, orange);
    expect(codesOf(byOperator)).toEqual(['FORBIDDEN']);
    const recorded = await service.graphql(IMPORT_ZONES, { input: { ...input, commandId: newCommandId(), commit: true } }, secretariat);
    expect(recorded.body.data!.importZoneFile).toMatchObject({ rows: 4, recorded: true, changed: 4 });
    const map = (await service.graphql(MAP, { territory: { kind: 'DEPARTEMENT', code: '49' }, asOf: '2015-01-01' })).body.data!.zoneMap;
    expect(map.communes.map((c: { communeCode: string; zone: string; operatorId: string | null }) => [c.communeCode, c.zone, c.operatorId])).toEqual([
      ['49007', 'AMII', 'orange'],
      ['49099', 'AMII', 'orange'],
      ['49244', 'RIP', null],
      ['49328', 'AMII', 'sfr'],
    ]);
    expect(map.totals.find((t: { zone: string }) => t.zone === 'AMII').communes).toBe(3);
    const before = (await service.graphql(MAP, { territory: { kind: 'DEPARTEMENT', code: '49' }, asOf: '2011-01-01' })).body.data!.zoneMap;
    expect(before.communes).toEqual([]);
  });

  it('refuses a region’s secretariat a file naming a commune of another region, writing nothing', async () => {
    const before = await eventCount();
    const lyon = 'code_commune;zone;operateur;projet_rip;date_effet;motif\n69123;ZTD;orange;;2020-01-01;\n';
    const zones = await service.graphql(IMPORT_ZONES, { input: { commandId: newCommandId(), fileName: 'lyon.csv', content: lyon, commit: true } }, secretariat);
    expect(zones.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', authority: 'region', regions: ['84'] });
    const figures = await service.graphql(
      IMPORT_FIGURES,
      {
        input: {
          commandId: newCommandId(),
          fileName: 'lyon.csv',
          content: 'code_commune;locaux_raccordables;meilleure_estimation_des_locaux\n69123;10;100\n',
          quarter: '2025-Q3',
          commit: true,
        },
      },
      secretariat,
    );
    expect(figures.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', authority: 'region', regions: ['84'] });
    expect(await eventCount()).toBe(before);
  });

  it('reports a bad zone file line by line and records nothing', async () => {
    const bad =
      'code_commune;zone;operateur;date_effet\n49007;AMII;;01/01/2012\n99999;RIP;;01/01/2012\n49020;PRIVEE;orange;2012-13-01\n49020;AMII;bouygues;01/01/2012\n';
    const before = await eventCount();
    const response = await service.graphql(
      IMPORT_ZONES,
      { input: { commandId: newCommandId(), fileName: 'bad.csv', content: bad, commit: true } },
      secretariat,
    );
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors![0].extensions!.issues).toEqual([
      { row: 2, column: 'operatorId', message: 'A commune in the AMII zone has an operator in charge' },
      { row: 3, column: 'communeCode', message: 'Unknown commune 99999' },
      { row: 4, column: 'zone', message: 'Unknown zone "PRIVEE" (ZTD, AMII, AMEL or RIP)' },
      { row: 4, column: 'effectiveFrom', message: 'Not a date: "2012-13-01" (2024-01-31 or 31/01/2024)' },
      { row: 5, column: 'operatorId', message: 'No actor bouygues' },
    ]);
    const unexplained = 'code_commune;zone;operateur;date_effet\n49007;AMII;sfr;01/01/2012\n';
    const second = await service.graphql(IMPORT_ZONES, { input: { commandId: newCommandId(), fileName: 'sfr.csv', content: unexplained } }, secretariat);
    expect(second.body.data!.importZoneFile.issues).toEqual([
      { row: 2, column: 'reason', message: 'A change of zone gives its reason (an AMEL call, a transfer to the public zone…)' },
    ]);
    expect(await eventCount()).toBe(before);
  });

  it('records an operator commitment over communes under one reference: one commitment per commune', async () => {
    const refused = await service.graphql(
      RECORD,
      {
        input: {
          commandId: newCommandId(),
          reference: 'Orange — mauvaise commune',
          operatorId: 'orange',
          legalBasis: 'L33_13_BINDING',
          communes: [{ communeCode: '49328', premises: 4000, dueDate: '2026-06-30' }],
        },
      },
      secretariat,
    );
    expect(codesOf(refused)).toEqual(['CONFLICT']);
    expect(refused.body.errors![0].message).toMatch(/49328 is in charge of sfr/);
    const recorded = await service.graphql(
      RECORD,
      {
        input: {
          commandId: newCommandId(),
          setId: 'orange-49-l3313',
          reference: 'Orange — engagements L.33-13 Maine-et-Loire',
          operatorId: 'orange',
          legalBasis: 'L33_13_BINDING',
          occurredAt: '2023-01-15T10:00:00Z',
          communes: [
            { communeCode: '49007', premises: 12400, dueDate: '2025-12-31' },
            { communeCode: '49099', premises: 8100, dueDate: '2026-06-30' },
          ],
        },
      },
      orange,
    );
    expect(recorded.body.errors).toBeUndefined();
    const set = recorded.body.data!.recordOperatorCommitments.set;
    expect(set).toMatchObject({ id: 'orange-49-l3313', operatorId: 'orange', legalBasis: 'L33_13_BINDING', madeOn: '2023-01-15' });
    for (const c of set.communes) commitmentOf[c.communeCode] = c.commitmentId;
    const sfr = await service.graphql(
      RECORD,
      {
        input: {
          commandId: newCommandId(),
          setId: 'sfr-49-amii',
          reference: 'SFR — intention AMII Saumur',
          operatorId: 'sfr',
          legalBasis: 'AMII_INTENTION',
          occurredAt: '2023-01-15T10:00:00Z',
          communes: [{ communeCode: '49328', premises: 4000, dueDate: '2034-12-31' }],
        },
      },
      secretariat,
    );
    commitmentOf['49328'] = sfr.body.data!.recordOperatorCommitments.set.communes[0].commitmentId;
    expect(await commitment('49007')).toMatchObject({ status: 'ACTIVE', target: { quantity: 12400 }, dueDate: '2025-12-31', currentValue: null });
  });

  it('a quarterly file moves the matching commitments as regulator data, and the standings follow', async () => {
    const dry = await importFigures('arcep-2025-T3.csv', false);
    expect(dry.body.data!.importRegulatorFigures).toEqual({
      quarter: '2025-Q3',
      asOf: '2025-09-30',
      rows: 3,
      recorded: false,
      commitmentsToMove: 3,
      commitmentsMoved: 0,
      estimateChanges: 0,
      issues: [],
    });
    expect((await commitment('49007')).currentValue).toBeNull();

    const t3 = await importFigures('arcep-2025-T3.csv', true);
    expect(t3.body.data!.importRegulatorFigures).toMatchObject({ recorded: true, commitmentsMoved: 3 });
    const angers = await commitment('49007');
    expect(angers).toMatchObject({ currentValue: 9500, currentAsOf: '2025-09-30', health: 'LATE' });
    expect(angers.progress).toEqual([
      { value: 9500, asOf: '2025-09-30', source: 'REGULATOR_DATA', note: 'Regulator figures 2025-Q3: 9500 premises connectable, best estimate 12400' },
    ]);

    const t4 = await importFigures('arcep-2025-T4.csv', true);
    expect(t4.body.data!.importRegulatorFigures).toMatchObject({ quarter: '2025-Q4', recorded: true, commitmentsMoved: 3, estimateChanges: 1 });
    // Angers reached its 12,400 premises: met by the regulator's figures, without anyone declaring it.
    expect(await commitment('49007')).toMatchObject({ status: 'FULFILLED', currentValue: 12400 });
    expect(await commitment('49099')).toMatchObject({ status: 'ACTIVE', currentValue: 1500, health: 'LATE' });

    const t3of2026 = await importFigures('arcep-2026-T3.csv', true);
    expect(t3of2026.body.data!.importRegulatorFigures).toMatchObject({ quarter: '2026-Q3', recorded: true, commitmentsMoved: 2 });

    const review = (await service.graphql(REVIEW, {})).body.data!.operatorCommitmentReview;
    expect(review.commitments.map((c: { communeCode: string; standing: string; shortfall: number }) => [c.communeCode, c.standing, c.shortfall])).toEqual([
      ['49099', 'LATE', 6400],
    ]);
    expect(review.commitments[0]).toMatchObject({
      communeName: 'Cholet',
      operatorId: 'orange',
      zone: 'AMII',
      legalBasis: 'L33_13_BINDING',
      coverage: { quarter: '2026-Q3', coverageRate: 20.48 },
    });
    expect(review.byOperator).toEqual([
      { key: 'orange', onTrack: 0, atRisk: 0, late: 1, breached: 0, shortfall: 6400 },
      { key: 'sfr', onTrack: 1, atRisk: 0, late: 0, breached: 0, shortfall: 0 },
    ]);
    expect(review.byZone.find((g: { key: string }) => g.key === 'amii')).toEqual({ key: 'amii', late: 1 });
    expect(review.byDepartement).toEqual([{ key: '49', late: 1 }]);
    expect(review.trend).toEqual([
      { quarter: '2025-Q3', onTrack: 1, atRisk: 2, late: 0, lateShortfall: 0 },
      { quarter: '2025-Q4', onTrack: 2, atRisk: 1, late: 0, lateShortfall: 0 },
      { quarter: '2026-Q3', onTrack: 2, atRisk: 0, late: 1, lateShortfall: 6400 },
    ]);
    const map = (await service.graphql(MAP, { territory: { kind: 'COMMUNE', code: '49099' }, asOf: '2026-01-15' })).body.data!.zoneMap;
    expect(map.communes[0].coverage).toEqual({ quarter: '2025-Q4', connectable: 1500, premisesEstimate: 8300, coverageRate: 18.07 });
  });

  it('refuses a bad quarterly file whole, reporting each row with its column, and a duplicate quarter', async () => {
    const before = await eventCount();
    const bad = await importFigures('arcep-bad.csv', true);
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.body.errors![0].extensions!.issues).toEqual([{ row: 6, column: 'connectable', message: 'Not a whole number: "douze"' }]);
    const fixed = file('arcep-bad.csv').replace('douze', '3 930');
    const response = await service.graphql(
      IMPORT_FIGURES,
      { input: { commandId: newCommandId(), fileName: 'arcep-bad.csv', content: fixed, commit: true } },
      secretariat,
    );
    expect(response.body.errors![0].extensions!.issues).toEqual([
      { row: 2, column: 'connectable', message: 'Premises made connectable cannot decrease: 12400 in 2025-Q4, 9000 in 2026-Q1' },
      { row: 3, column: 'communeCode', message: 'Unknown commune 99999' },
      { row: 4, column: 'communeCode', message: 'Commune 49244 is outside any open operator commitment' },
      { row: 5, column: 'connectable', message: 'connectable must be a whole number between 0 and 10^7, not -3' },
      { row: 5, column: 'connectable', message: 'Premises made connectable cannot decrease: 1500 in 2025-Q4, -3 in 2026-Q1' },
      { row: 7, column: 'communeCode', message: 'Commune 49328 already has figures for 2026-Q1 on row 6' },
    ]);
    // The same quarter again (a file sent twice): every commune already has its figures.
    const twice = await importFigures('arcep-2025-T4.csv', true);
    expect(twice.body.errors![0].extensions!.issues.map((i: { row: number; message: string }) => [i.row, i.message])).toEqual([
      [2, 'The figures of 49007 for 2025-Q4 are already recorded (duplicate quarter)'],
      [3, 'The figures of 49099 for 2025-Q4 are already recorded (duplicate quarter)'],
      [4, 'The figures of 49328 for 2025-Q4 are already recorded (duplicate quarter)'],
    ]);
    const decreasing = 'code_commune;locaux_raccordables;meilleure_estimation_des_locaux\n49099;1 400;8 300\n';
    const dec = await service.graphql(
      IMPORT_FIGURES,
      { input: { commandId: newCommandId(), fileName: 'q2.csv', content: decreasing, quarter: '2026-Q1', commit: true } },
      secretariat,
    );
    expect(dec.body.errors![0].extensions!.issues).toEqual([
      { row: 2, column: 'connectable', message: 'Premises made connectable cannot decrease: 1500 in 2025-Q4, 1400 in 2026-Q1' },
    ]);
    const future = await service.graphql(
      IMPORT_FIGURES,
      { input: { commandId: newCommandId(), fileName: 'q.csv', content: decreasing.replace('1 400', '1 900'), quarter: '2099-Q1' } },
      secretariat,
    );
    expect(future.body.data!.importRegulatorFigures.issues).toEqual([{ row: 0, column: 'quarter', message: 'Quarter 2099-Q1 has not ended yet' }]);
    const anonymous = await service.graphql(IMPORT_FIGURES, {
      input: { commandId: newCommandId(), fileName: 'q.csv', content: decreasing, quarter: '2026-Q1' },
    });
    expect(codesOf(anonymous)).toEqual(['UNAUTHENTICATED']);
    const byOperator = await service.graphql(
      IMPORT_FIGURES,
      { input: { commandId: newCommandId(), fileName: 'q.csv', content: decreasing, quarter: '2026-Q1', commit: true } },
      orange,
    );
    expect(codesOf(byOperator)).toEqual(['FORBIDDEN']);
    const huge = await service.graphql(
      IMPORT_FIGURES,
      { input: { commandId: newCommandId(), fileName: 'q.csv', content: 'x'.repeat(90_001), quarter: '2026-Q1' } },
      secretariat,
    );
    expect(codesOf(huge)).toEqual(['BAD_USER_INPUT']);
    expect(await eventCount()).toBe(before);
    expect((await commitment('49099')).currentValue).toBe(1700);
  });

  it('amends a set: new dates and communes withdrawn, each recorded as such on the commitment', async () => {
    const amended = await service.graphql(
      AMEND,
      { input: { commandId: newCommandId(), setId: 'sfr-49-amii', revised: [{ communeCode: '49328', dueDate: '2035-06-30' }], reason: 'Avenant 2026' } },
      secretariat,
    );
    expect(amended.body.errors).toBeUndefined();
    expect(amended.body.data!.amendOperatorCommitments.set.communes).toEqual([{ communeCode: '49328', dueDate: '2035-06-30', premises: 4000, ended: null }]);
    expect(await commitment('49328')).toMatchObject({ dueDate: '2035-06-30', status: 'ACTIVE' });
  });

  it('a commune moved out of the private zone ends its operator commitment with that reason', async () => {
    const zoneCommandId = newCommandId();
    const moved = await service.graphql(
      SET_ZONE,
      {
        input: {
          commandId: zoneCommandId,
          communeCode: '49328',
          zone: 'RIP',
          networkProjectId: 'rip-49',
          effectiveFrom: '2026-07-01',
          reason: 'Carence de l’opérateur : transfert en zone RIP',
        },
      },
      secretariat,
    );
    expect(moved.body.errors).toBeUndefined();
    expect(moved.body.data!.setCommuneZone.endedCommitmentIds).toEqual([commitmentOf['49328']]);
    expect(await commitment('49328')).toMatchObject({
      status: 'WITHDRAWN',
      endedReason: 'Commune 49328 moved out of the private-investment zone (AMII → RIP) on 2026-07-01',
    });
    const set = (await service.graphql(`query { operatorCommitmentSet(id: "sfr-49-amii") { communes { communeCode ended endedOn } } }`)).body.data!
      .operatorCommitmentSet;
    expect(set.communes).toEqual([{ communeCode: '49328', ended: 'MOVED_OUT_OF_PRIVATE_ZONE', endedOn: '2026-07-01' }]);
    const zones = (await service.graphql(`query { communeZoneHistory(communeCode: "49328") { zone effectiveFrom } }`)).body.data!.communeZoneHistory;
    expect(zones).toEqual([
      { zone: 'AMII', effectiveFrom: '2011-04-27' },
      { zone: 'RIP', effectiveFrom: '2026-07-01' },
    ]);
    const asOf2025 = (await service.graphql(MAP, { territory: { kind: 'COMMUNE', code: '49328' }, asOf: '2025-12-31' })).body.data!.zoneMap.communes[0];
    expect(asOf2025).toMatchObject({ zone: 'AMII', operatorId: 'sfr' });

    // For auditors: the withdrawal was caused by the change of zone, sent by the secretariat's person; time travel knows the streams.
    const history = await service.graphql(
      `query($streamId: String!) { history(streamId: $streamId, first: 10) { edges { node { type data metadata { causationId principal } } } } }`,
      { streamId: `commitment-${commitmentOf['49328']}` },
      admin,
    );
    const withdrawn = history.body.data!.history.edges.map((e: { node: unknown }) => e.node).find((n: { type: string }) => n.type === 'CommitmentWithdrawn');
    expect(withdrawn.metadata).toEqual({ causationId: zoneCommandId, principal: 'person-sgar-52-commission_secretariat' });
    const snapshot = await service.graphql(
      `query { stateAsOf(streamId: "operatorCommitments-sfr-49-amii", at: { occurredAt: "2030-01-01T00:00:00Z" }) { exists state } }`,
      {},
      admin,
    );
    expect(snapshot.body.data!.stateAsOf.state.communes['49328']).toMatchObject({ ended: 'moved_out_of_private_zone', dueDate: '2035-06-30' });
  });

  it('reports the late operator commitments, the split and the trend in the semestrial report, in French', async () => {
    const now = new Date();
    const semester = `${now.getUTCFullYear()}-S${now.getUTCMonth() < 6 ? 1 : 2}`;
    const response = await service.graphql(
      `query($semester: String!) { semestrialReport(region: "52", semester: $semester) { sections { key title summary { label value } tables { name rows } } } }`,
      { semester },
      await service.token('datar', 'auditor'),
    );
    expect(response.body.errors).toBeUndefined();
    const section = response.body.data!.semestrialReport.sections.find((s: { key: string }) => s.key === 'operator-commitments');
    expect(section.title).toBe('Zones de déploiement et engagements des opérateurs');
    const table = (name: string) => section.tables.find((t: { name: string }) => t.name === name).rows as Record<string, unknown>[];
    expect(table('operator-commitments-flagged')).toEqual([
      {
        commune: '49099',
        departement: '49',
        zone: 'AMII',
        operateur: 'Orange',
        fondement: 'engagement L.33-13',
        engagement: 'Orange — engagements L.33-13 Maine-et-Loire',
        locaux_engages: 8100,
        locaux_raccordables: 1700,
        estimation_locaux: 8300,
        echeance: '2026-06-30',
        situation: 'en retard',
        locaux_manquants: 6400,
      },
    ]);
    expect(table('operator-commitments-split').filter((r) => r.repartition === 'opérateur')).toEqual([
      { repartition: 'opérateur', valeur: 'Orange', a_l_heure: 0, a_risque: 0, en_retard: 1, non_tenus: 0, tenus: 1, locaux_manquants_en_retard: 6400 },
      { repartition: 'opérateur', valeur: 'SFR FTTH', a_l_heure: 0, a_risque: 0, en_retard: 0, non_tenus: 0, tenus: 0, locaux_manquants_en_retard: 0 },
    ]);
    expect(table('operator-commitments-trend').map((r) => [r.trimestre, r.en_retard, r.a_risque])).toEqual([
      ['T3 2025', 0, 2],
      ['T4 2025', 0, 1],
      ['T3 2026', 1, 0],
    ]);
    expect(section.summary.find((s: { label: string }) => s.label === 'communes en zone RIP').value).toBe(2);
  });
});
