import type { Principal } from '../../src/shared/principal.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/event-store.module.js';
import { importFile } from '../../src/import/importer.js';
import { workbookOf, type SheetData } from '../../src/import/template.js';
import { registerPrincipals, startTestService, type TestService } from './harness.js';

const ADMIN: Principal = { subject: 'person-admin', actorId: 'scoran-ledger', role: 'admin' };
const TIMEOUT = 180_000;
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/**
 * Rows the file's own checks accept but the deciders refuse: the dry run rehearses every row on a
 * scratch copy of the log (as the commit does before writing), so it sees them too.
 */
const DECIDERS_REFUSE: SheetData = {
  actors: [
    { id: 'cd-44', kind: 'Département', name: 'Département 44', territories: 'département 44', registeredOn: day('2014-01-07') },
    // An operator without territory: registerActor wants at least one (row 3, column E).
    { id: 'fibre-x', kind: 'Opérateur privé', name: 'Fibre X', registeredOn: day('2014-01-09') },
    { id: 'orange', kind: 'Opérateur privé', name: 'Orange', territories: 'région 52', registeredOn: day('2014-01-09') },
  ],
  // The first, made by the refused actor, is not rehearsed (it would be refused for that alone): noted.
  commitments: ['fibre-x', 'orange'].map((actorId) => ({
    id: `eng-${actorId}`,
    actorId,
    subject: 'Couverture fixe',
    title: 'Locaux raccordables',
    quantity: 1000,
    unit: 'Locaux FttH',
    territories: 'commune 44109',
    dueDate: day('2018-12-31'),
    madeOn: day('2016-01-04'),
  })),
  network_projects: [{ id: 'rip-44', name: 'Réseau 44', leadActorId: 'cd-44', departements: '44', technologies: 'FttH', registeredOn: day('2014-02-03') }],
  indicators: [
    { projectId: 'rip-44', asOf: day('2021-06-30'), ftthPremisesBuilt: 60_000 },
    // Lower than the report before it, without a reason: a correction the decider wants explained (row 3).
    { projectId: 'rip-44', asOf: day('2021-12-31'), ftthPremisesBuilt: 10 },
  ],
  white_zones: [
    // The same commune twice: the white-zone decider refuses it (row 2, column C).
    { id: 'zb-1', kind: 'Zone blanche mobile', communes: '44109; 44109', identifiedOn: day('2017-03-01') },
  ],
};

describe('The dry run sees what the deciders would refuse', () => {
  let service: TestService;
  const storeOf = () => service.app.get<EventStore>(EVENT_STORE, { strict: false });

  beforeAll(async () => {
    service = await startTestService();
  }, TIMEOUT);
  afterAll(async () => {
    await service?.close();
  });

  it(
    'reports each refusal at its cell, in French, notes the rows that depend on a refused one, and writes nothing',
    async () => {
      const workbook = await workbookOf(DECIDERS_REFUSE, 'fr');
      const phases: string[] = [];
      const dry = await importFile(service.app, 'refus.xlsx', workbook, { principal: ADMIN, onPhase: (phase) => phases.push(phase) });
      expect(phases).toEqual(['validating', 'rehearsing']);
      expect(dry.mode).toBe('dry-run');
      expect(dry.ok).toBe(false);
      expect(dry.problems.map((p) => ({ sheet: p.sheet, row: p.row, column: p.column, cell: p.cell, code: p.code }))).toEqual([
        { sheet: 'Acteurs', row: 3, column: 'Territoires', cell: 'E3', code: 'BAD_USER_INPUT' },
        { sheet: 'Indicateurs', row: 3, column: 'Motif de baisse', cell: expect.stringMatching(/^[A-Z]+3$/), code: 'BAD_USER_INPUT' },
        { sheet: 'Zones blanches', row: 2, column: 'Communes', cell: 'C2', code: 'BAD_USER_INPUT' },
      ]);
      for (const problem of dry.problems) expect(problem.message).toMatch(/^Le service a refusé cette ligne \(\w+\) : .* Rien n’a été écrit\.$/);
      expect(dry.problems[0].message).toBe('Le service a refusé cette ligne (registerActor) : Au moins un territoire est requis. Rien n’a été écrit.');
      expect(dry.problems[2].message).toContain(' : Une commune figure deux fois.');
      expect(dry.notices).toEqual([expect.objectContaining({ sheet: 'Engagements', row: 2, code: 'NOT_REHEARSED' })]);
      expect(dry.notices[0].message).toContain('ligne 3 de la feuille Acteurs');
      expect(await storeOf().headPosition()).toBe(0n);

      // The commit refuses exactly what the dry run reported, and writes nothing either.
      const commit = await importFile(service.app, 'refus.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(commit).toMatchObject({ ok: false, recorded: 0, problems: dry.problems, notices: dry.notices });
      expect(await storeOf().headPosition()).toBe(0n);
    },
    TIMEOUT,
  );

  it(
    'over GraphQL too: the dry run names the same cells',
    async () => {
      await registerPrincipals(service, 'scoran-ledger');
      const head = await storeOf().headPosition();
      const { body } = await service.graphql(
        `mutation($input: ImportFileInput!) { importSpreadsheet(input: $input) { mode ok recorded problems { sheet row column cell code } } }`,
        { input: { fileName: 'refus.xlsx', contentBase64: (await workbookOf(DECIDERS_REFUSE, 'fr')).toString('base64') } },
        await service.token('scoran-ledger', 'admin'),
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.importSpreadsheet).toMatchObject({ mode: 'dry-run', ok: false, recorded: 0 });
      expect(body.data!.importSpreadsheet.problems.map((p: { cell: string }) => p.cell)).toEqual(['E3', expect.stringMatching(/3$/), 'C2']);
      expect(await storeOf().headPosition()).toBe(head);
    },
    TIMEOUT,
  );

  it(
    'passes, with nothing written, once the rows are fixed; the commit then records them',
    async () => {
      const fixed: SheetData = {
        ...DECIDERS_REFUSE,
        actors: DECIDERS_REFUSE.actors!.map((a) => (a.id === 'fibre-x' ? { ...a, territories: 'région 52' } : a)),
        indicators: DECIDERS_REFUSE.indicators!.map((i, n) => (n === 1 ? { ...i, reason: 'Recensement corrigé' } : i)),
        white_zones: [{ ...DECIDERS_REFUSE.white_zones![0], communes: '44109' }],
      };
      const workbook = await workbookOf(fixed, 'fr');
      const head = await storeOf().headPosition();
      const dry = await importFile(service.app, 'corrige.xlsx', workbook, { principal: ADMIN });
      expect(dry).toMatchObject({ ok: true, problems: [], notices: [], recorded: 0 });
      expect(await storeOf().headPosition()).toBe(head);
      const commit = await importFile(service.app, 'corrige.xlsx', workbook, { principal: ADMIN, commit: true });
      expect(commit).toMatchObject({ ok: true, problems: [], recorded: dry.commands });
    },
    TIMEOUT,
  );
});
