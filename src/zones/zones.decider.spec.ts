import { specificationOf } from '../decider/given-when-then.js';
import { communeZoneDecider, zoneChangeEndsCommitment, type CommuneZoneCommand, type CommuneZoneEvent } from './commune-zone.decider.js';
import { operatorCommitmentsDecider, type OperatorCommitmentsCommand, type OperatorCommitmentsEvent } from './operator-commitments.decider.js';
import { quarterEnd, RegulatorFileRejected, regulatorQuarterDecider, type CommuneFacts, type RegulatorQuarterCommand } from './regulator-quarter.decider.js';

const secretariat = { actorId: 'sgar-52', role: 'commission_secretariat' as const };
const orangeRep = { actorId: 'orange', role: 'representative' as const };
const sfrRep = { actorId: 'sfr', role: 'representative' as const };
const system = { actorId: 'system', role: 'admin' as const };

describe('Commune zones', () => {
  const spec = specificationOf(communeZoneDecider);
  const setAmii: CommuneZoneCommand = {
    type: 'SetCommuneZone',
    principal: secretariat,
    communeCode: '49007',
    zone: 'amii',
    operatorId: 'orange',
    networkProjectId: null,
    effectiveFrom: '2011-04-27',
    reason: null,
  };
  const amii: CommuneZoneEvent = {
    type: 'CommuneZoneSet',
    data: { communeCode: '49007', zone: 'amii', operatorId: 'orange', networkProjectId: null, effectiveFrom: '2011-04-27', previous: null, reason: null },
  };
  const toRip: CommuneZoneCommand = {
    ...setAmii,
    zone: 'rip',
    operatorId: null,
    networkProjectId: 'rip-49',
    effectiveFrom: '2020-01-01',
    reason: 'Transfert en zone d’initiative publique',
  };

  it('are recorded with the operator in charge and the day they take effect', () => {
    spec.given([]).when(setAmii).then([amii]);
  });

  it('change with a reason, keeping the previous zone, and only forward in time', () => {
    spec
      .given([amii])
      .when(toRip)
      .then([
        {
          type: 'CommuneZoneSet',
          data: {
            communeCode: '49007',
            zone: 'rip',
            operatorId: null,
            networkProjectId: 'rip-49',
            effectiveFrom: '2020-01-01',
            previous: { zone: 'amii', operatorId: 'orange', networkProjectId: null, effectiveFrom: '2011-04-27' },
            reason: 'Transfert en zone d’initiative publique',
          },
        },
      ]);
    spec
      .given([amii])
      .when({ ...toRip, reason: null })
      .thenRejects('invalid', /reason/);
    spec
      .given([amii])
      .when({ ...toRip, effectiveFrom: '2011-04-27' })
      .thenRejects('conflict', /after it/);
    spec
      .given([amii])
      .when({ ...setAmii, effectiveFrom: '2015-01-01', reason: 'même zone' })
      .then([]);
    spec.given([amii]).when(setAmii).then([]); // the same file imported again
  });

  it('name an operator in private zones and none in RIP zones', () => {
    spec
      .given([])
      .when({ ...setAmii, operatorId: null })
      .thenRejects('invalid', /the AMII zone has an operator in charge/);
    spec
      .given([])
      .when({ ...toRip, operatorId: 'orange' })
      .thenRejects('invalid', /not an operator/);
    spec
      .given([])
      .when({ ...setAmii, networkProjectId: 'rip-49' })
      .thenRejects('invalid', /network project/);
  });

  it('are recorded by admins, national bodies and the secretariat, not by an operator', () => {
    spec
      .given([])
      .when({ ...setAmii, principal: orangeRep })
      .thenRejects('forbidden');
    spec
      .given([])
      .when({ ...setAmii, principal: { actorId: 'anct', role: 'national_body' } })
      .then([amii]);
  });

  it('end the operator commitment when the commune leaves the private zone or changes operator', () => {
    const was = { zone: 'amii' as const, operatorId: 'orange', networkProjectId: null, effectiveFrom: '2011-04-27' };
    expect(zoneChangeEndsCommitment(was, { ...was, zone: 'rip', operatorId: null, effectiveFrom: '2020-01-01' })).toBe('moved_out_of_private_zone');
    expect(zoneChangeEndsCommitment(was, { ...was, operatorId: 'sfr', effectiveFrom: '2020-01-01' })).toBe('operator_changed');
    expect(zoneChangeEndsCommitment(was, { ...was, zone: 'amel', effectiveFrom: '2020-01-01' })).toBeNull();
    expect(zoneChangeEndsCommitment({ ...was, zone: 'rip', operatorId: null }, was)).toBeNull();
    expect(zoneChangeEndsCommitment(null, was)).toBeNull();
  });
});

describe('Operator commitments in bulk', () => {
  const spec = specificationOf(operatorCommitmentsDecider);
  const orangeZone = { zone: 'amii' as const, operatorId: 'orange' };
  const record: Extract<OperatorCommitmentsCommand, { type: 'RecordOperatorCommitments' }> = {
    type: 'RecordOperatorCommitments',
    principal: secretariat,
    setId: 'set-1',
    reference: 'Orange AMII 49 — engagements L.33-13 (2018)',
    operatorId: 'orange',
    operator: { status: 'active' },
    legalBasis: 'l33_13_binding',
    madeOn: '2018-07-26',
    communes: [
      { communeCode: '49007', commitmentId: 'c-49007', premises: 12000, dueDate: '2020-12-31', zone: orangeZone },
      { communeCode: '49099', commitmentId: 'c-49099', premises: 8000, dueDate: '2022-12-31', zone: orangeZone },
    ],
  };
  const recorded: OperatorCommitmentsEvent = {
    type: 'OperatorCommitmentsRecorded',
    data: {
      setId: 'set-1',
      reference: 'Orange AMII 49 — engagements L.33-13 (2018)',
      operatorId: 'orange',
      legalBasis: 'l33_13_binding',
      madeOn: '2018-07-26',
      communes: [
        { communeCode: '49007', commitmentId: 'c-49007', premises: 12000, dueDate: '2020-12-31' },
        { communeCode: '49099', commitmentId: 'c-49099', premises: 8000, dueDate: '2022-12-31' },
      ],
    },
  };

  it('record one commitment per commune under a common reference', () => {
    spec.given([]).when(record).then([recorded]);
    spec
      .given([])
      .when({ ...record, principal: orangeRep })
      .then([recorded]);
    spec
      .given([recorded])
      .when(record)
      .thenRejects('conflict', /already exist/);
  });

  it('only on communes of a private zone in charge of that operator', () => {
    const [first, second] = record.communes;
    spec
      .given([])
      .when({ ...record, communes: [first, { ...second, zone: undefined }] })
      .thenRejects('conflict', /no deployment zone/);
    spec
      .given([])
      .when({ ...record, communes: [first, { ...second, zone: { zone: 'rip', operatorId: null } }] })
      .thenRejects('conflict', /RIP/);
    spec
      .given([])
      .when({ ...record, communes: [first, { ...second, zone: { zone: 'amii', operatorId: 'sfr' } }] })
      .thenRejects('conflict', /in charge of sfr/);
  });

  it('refuse duplicates, bad premises, past due dates, unknown or retired operators, other operators', () => {
    const [first] = record.communes;
    spec
      .given([])
      .when({ ...record, communes: [first, first] })
      .thenRejects('invalid', /twice/);
    spec
      .given([])
      .when({ ...record, communes: [{ ...first, premises: 0 }] })
      .thenRejects('invalid', /Premises/);
    spec
      .given([])
      .when({ ...record, communes: [{ ...first, premises: 10.5 }] })
      .thenRejects('invalid', /whole number/);
    spec
      .given([])
      .when({ ...record, communes: [{ ...first, dueDate: '2018-07-26' }] })
      .thenRejects('invalid', /after the day/);
    spec
      .given([])
      .when({ ...record, communes: [] })
      .thenRejects('invalid', /at least one commune/);
    spec
      .given([])
      .when({ ...record, operator: undefined })
      .thenRejects('notFound', /orange/);
    spec
      .given([])
      .when({ ...record, operator: { status: 'retired' } })
      .thenRejects('conflict', /retired/);
    spec
      .given([])
      .when({ ...record, principal: sfrRep })
      .thenRejects('forbidden');
  });

  it('are amended with new dates and communes withdrawn, each recorded as such', () => {
    const amend: OperatorCommitmentsCommand = {
      type: 'AmendOperatorCommitments',
      principal: secretariat,
      revised: [{ communeCode: '49007', dueDate: '2023-06-30' }],
      withdrawn: ['49099'],
      reason: 'Avenant de 2021',
      today: '2021-03-01',
    };
    const amended: OperatorCommitmentsEvent = {
      type: 'OperatorCommitmentsAmended',
      data: {
        setId: 'set-1',
        revised: [
          { communeCode: '49007', commitmentId: 'c-49007', premises: 12000, dueDate: '2023-06-30', previousPremises: 12000, previousDueDate: '2020-12-31' },
        ],
        withdrawn: [{ communeCode: '49099', commitmentId: 'c-49099' }],
        reason: 'Avenant de 2021',
      },
    };
    spec.given([recorded]).when(amend).then([amended]);
    spec
      .given([recorded, amended])
      .when({ ...amend, revised: [], withdrawn: ['49099'] })
      .thenRejects('conflict', /ended \(withdrawn_by_amendment\)/);
    spec
      .given([recorded])
      .when({ ...amend, revised: [{ communeCode: '44109', dueDate: '2023-06-30' }], withdrawn: [] })
      .thenRejects('notFound', /44109/);
    spec
      .given([recorded])
      .when({ ...amend, revised: [{ communeCode: '49007', dueDate: '2020-01-01' }], withdrawn: [] })
      .thenRejects('invalid', /already past/);
    spec
      .given([recorded])
      .when({ ...amend, withdrawn: ['49007'] })
      .thenRejects('invalid', /twice/);
    spec
      .given([recorded])
      .when({ ...amend, reason: '  ' })
      .thenRejects('invalid', /reason/);
    spec
      .given([recorded])
      .when({ ...amend, principal: sfrRep })
      .thenRejects('forbidden');
  });

  it('end a commune’s commitment when its zone changes, once, by the service only', () => {
    const end: OperatorCommitmentsCommand = {
      type: 'EndCommuneCommitmentForZoneChange',
      principal: system,
      communeCode: '49099',
      why: 'moved_out_of_private_zone',
      fromZone: 'amii',
      toZone: 'rip',
      effectiveFrom: '2020-01-01',
    };
    const ended: OperatorCommitmentsEvent = {
      type: 'OperatorCommuneCommitmentEnded',
      data: {
        setId: 'set-1',
        communeCode: '49099',
        commitmentId: 'c-49099',
        why: 'moved_out_of_private_zone',
        fromZone: 'amii',
        toZone: 'rip',
        effectiveFrom: '2020-01-01',
      },
    };
    spec.given([recorded]).when(end).then([ended]);
    spec.given([recorded, ended]).when(end).then([]);
    spec
      .given([recorded])
      .when({ ...end, principal: secretariat })
      .thenRejects('forbidden');
  });
});

describe("The regulator's quarterly figures", () => {
  const spec = specificationOf(regulatorQuarterDecider);
  const fact = (overrides: Partial<CommuneFacts> = {}): CommuneFacts => ({
    known: true,
    recordedThisQuarter: false,
    committed: true,
    before: null,
    after: null,
    ...overrides,
  });
  const record: RegulatorQuarterCommand = {
    type: 'RecordRegulatorQuarter',
    principal: secretariat,
    quarter: '2024-Q3',
    source: 'arcep-t3-2024.csv',
    rows: [
      { communeCode: '49007', connectable: 9000, premisesEstimate: 12500 },
      { communeCode: '49099', connectable: 100, premisesEstimate: 8000 },
    ],
    facts: { '49007': fact({ before: { quarter: '2024-Q2', communeCode: '49007', connectable: 8000, premisesEstimate: 12000 } }), '49099': fact() },
    today: '2024-11-15',
  };

  it('are recorded per quarter, as of its last day', () => {
    expect(quarterEnd('2024-Q3')).toBe('2024-09-30');
    expect(quarterEnd('2025-Q4')).toBe('2025-12-31');
    spec
      .given([])
      .when(record)
      .then([{ type: 'RegulatorQuarterRecorded', data: { quarter: '2024-Q3', asOf: '2024-09-30', source: 'arcep-t3-2024.csv', rows: record.rows } }]);
  });

  it('come in several files for a quarter (one per département), but give a commune one set of figures per quarter', () => {
    const other = {
      type: 'RegulatorQuarterRecorded' as const,
      data: { quarter: '2024-Q3', asOf: '2024-09-30', source: 'arcep-44.csv', rows: [{ communeCode: '44109', connectable: 1, premisesEstimate: 2 }] },
    };
    spec
      .given([other])
      .when(record)
      .then([{ type: 'RegulatorQuarterRecorded', data: { quarter: '2024-Q3', asOf: '2024-09-30', source: 'arcep-t3-2024.csv', rows: record.rows } }]);
    const again = { ...other, data: { ...other.data, rows: [{ communeCode: '49099', connectable: 1, premisesEstimate: 2 }] } };
    const rejection = spec
      .given([again])
      .when(record)
      .thenRejects('invalid', /1 row\(s\)/);
    expect((rejection as RegulatorFileRejected).issues).toEqual([
      { row: 2, column: 'communeCode', message: 'The figures of 49099 for 2024-Q3 are already recorded (duplicate quarter)' },
    ]);
  });

  it('refuse a quarter not ended, a bad quarter name, an empty file, a representative', () => {
    spec
      .given([])
      .when({ ...record, today: '2024-09-29' })
      .thenRejects('invalid', /not ended/);
    spec
      .given([])
      .when({ ...record, quarter: '2024-T3' })
      .thenRejects('invalid', /YYYY-Qn/);
    spec
      .given([])
      .when({ ...record, rows: [] })
      .thenRejects('invalid', /no figures/);
    spec
      .given([])
      .when({ ...record, principal: orangeRep })
      .thenRejects('forbidden');
  });

  it('report every bad row with its column: unknown commune, outside any commitment, negative, decreasing, repeated', () => {
    const rejection = spec
      .given([])
      .when({
        ...record,
        rows: [
          { communeCode: '49007', connectable: 7000, premisesEstimate: 12000 },
          { communeCode: '99999', connectable: 1, premisesEstimate: 1 },
          { communeCode: '44109', connectable: 1, premisesEstimate: 1 },
          { communeCode: '49099', connectable: -5, premisesEstimate: 8000 },
          { communeCode: '49099', connectable: 5, premisesEstimate: 8000 },
        ],
        facts: { ...record.facts, '99999': fact({ known: false, committed: false }), '44109': fact({ committed: false }) },
      })
      .thenRejects('invalid', /5 row\(s\)/);
    expect((rejection as RegulatorFileRejected).issues).toEqual([
      { row: 1, column: 'connectable', message: 'Premises made connectable cannot decrease: 8000 in 2024-Q2, 7000 in 2024-Q3' },
      { row: 2, column: 'communeCode', message: 'Unknown commune 99999' },
      { row: 3, column: 'communeCode', message: 'Commune 44109 is outside any open operator commitment' },
      { row: 4, column: 'connectable', message: 'connectable must be a whole number between 0 and 10^7, not -5' },
      { row: 5, column: 'communeCode', message: 'Commune 49099 already has figures for 2024-Q3 on row 4' },
    ]);
  });

  it('refuse a count above a later quarter already recorded', () => {
    spec
      .given([])
      .when({
        ...record,
        facts: { ...record.facts, '49099': fact({ after: { quarter: '2024-Q4', communeCode: '49099', connectable: 50, premisesEstimate: 8000 } }) },
      })
      .thenRejects('invalid', /100 in 2024-Q3, 50 in 2024-Q4/);
  });
});
