import { givenEvents, type GivenEvent } from '../../test/fixtures/projection-spec.js';
import { TerritoryService } from '../territory/territory.service.js';
import type { CommuneZoneEvent } from './commune-zone.decider.js';
import type { OperatorCommitmentsEvent } from './operator-commitments.decider.js';
import type { RegulatorQuarterEvent } from './regulator-quarter.decider.js';
import { zonesProjection } from './zones.projection.js';

describe('zones projection', () => {
  const projection = zonesProjection(new TerritoryService());
  type ZonesEvent = CommuneZoneEvent | OperatorCommitmentsEvent | RegulatorQuarterEvent;
  const setStream = 'operatorCommitments-s-1';
  const recordedSet: GivenEvent<ZonesEvent> = {
    streamId: setStream,
    type: 'OperatorCommitmentsRecorded',
    data: {
      setId: 's-1',
      reference: 'L33-13 2018',
      operatorId: 'op-1',
      legalBasis: 'l33_13_binding',
      madeOn: '2018-07-26',
      communes: [
        { communeCode: '21231', commitmentId: 'cm-1', premises: 1000, dueDate: '2026-12-31' },
        { communeCode: '21054', commitmentId: 'cm-2', premises: 300, dueDate: '2026-12-31' },
      ],
    },
  };

  it('keeps every zone of a commune by the day it took effect, with its département and region', () => {
    const set = (effectiveFrom: string, zone: 'amii' | 'rip', previous: null | 'amii'): GivenEvent<ZonesEvent> => ({
      streamId: 'communeZone-21231',
      type: 'CommuneZoneSet',
      data: {
        communeCode: '21231',
        zone,
        operatorId: zone === 'amii' ? 'op-1' : null,
        networkProjectId: zone === 'rip' ? 'rip-1' : null,
        effectiveFrom,
        previous: previous && { zone: previous, operatorId: 'op-1', networkProjectId: null, effectiveFrom: '2018-01-01' },
        reason: null,
      },
    });
    const then = givenEvents(projection, [set('2018-01-01', 'amii', null), set('2026-01-01', 'rip', 'amii')]);
    expect(
      then.rows('SELECT effective_from, zone, operator_id, network_project_id, departement, region, position FROM commune_zones ORDER BY effective_from'),
    ).toEqual([
      { effective_from: '2018-01-01', zone: 'amii', operator_id: 'op-1', network_project_id: null, departement: '21', region: '27', position: '1' },
      { effective_from: '2026-01-01', zone: 'rip', operator_id: null, network_project_id: 'rip-1', departement: '21', region: '27', position: '2' },
    ]);
  });

  it('records a set of operator commitments by commune, revises, withdraws and ends them', () => {
    const then = givenEvents(projection, [
      recordedSet,
      {
        streamId: setStream,
        type: 'OperatorCommitmentsAmended',
        data: {
          setId: 's-1',
          revised: [
            { communeCode: '21231', commitmentId: 'cm-1', premises: 1200, dueDate: '2027-06-30', previousPremises: 1000, previousDueDate: '2026-12-31' },
          ],
          withdrawn: [{ communeCode: '21054', commitmentId: 'cm-2' }],
          reason: 'avenant',
        },
        metadata: { occurredAt: '2026-03-15T09:00:00.000Z' },
      },
      {
        streamId: setStream,
        type: 'OperatorCommuneCommitmentEnded',
        data: {
          setId: 's-1',
          communeCode: '21231',
          commitmentId: 'cm-1',
          why: 'moved_out_of_private_zone',
          fromZone: 'amii',
          toZone: 'rip',
          effectiveFrom: '2026-09-01',
        },
      },
    ]);
    expect(then.rows('SELECT id, operator_id, legal_basis, revision FROM operator_commitment_sets')).toEqual([
      { id: 's-1', operator_id: 'op-1', legal_basis: 'l33_13_binding', revision: 2 },
    ]);
    expect(then.rows('SELECT commune_code, premises, due_date, departement, ended, ended_on FROM operator_commitment_communes ORDER BY commune_code')).toEqual([
      { commune_code: '21054', premises: 300, due_date: '2026-12-31', departement: '21', ended: 'withdrawn_by_amendment', ended_on: '2026-03-15' },
      { commune_code: '21231', premises: 1200, due_date: '2027-06-30', departement: '21', ended: 'moved_out_of_private_zone', ended_on: '2026-09-01' },
    ]);
  });

  it('keeps the regulator’s figures by commune and quarter, the last file of a quarter replacing a commune’s figures', () => {
    const quarter = (connectable: number, commandId: string): GivenEvent<ZonesEvent> => ({
      streamId: 'regulatorQuarter-2026-Q1',
      type: 'RegulatorQuarterRecorded',
      data: { quarter: '2026-Q1', asOf: '2026-03-31', source: 'arcep.csv', rows: [{ communeCode: '21231', connectable, premisesEstimate: 90000 }] },
      metadata: { commandId },
    });
    const then = givenEvents(projection, [quarter(50000, 'cmd-1'), quarter(52000, 'cmd-2')]);
    expect(then.rows('SELECT commune_code, quarter, connectable FROM regulator_figures')).toEqual([
      { commune_code: '21231', quarter: '2026-Q1', connectable: 52000 },
    ]);
    expect(then.rows('SELECT command_id, communes FROM regulator_files ORDER BY command_id')).toEqual([
      { command_id: 'cmd-1', communes: 1 },
      { command_id: 'cmd-2', communes: 1 },
    ]);
  });
});
