import { givenEvents } from '../../test/fixtures/projection-spec.js';
import type { NetworkProjectEvent } from './network-project.decider.js';
import { networkProjectsProjection } from './network-project.projection.js';

describe('network projects projection', () => {
  const streamId = 'networkProject-rip-1';
  const registered: NetworkProjectEvent & { streamId: string } = {
    streamId,
    type: 'NetworkProjectRegistered',
    data: {
      projectId: 'rip-1',
      name: 'RIP Côte-d’Or',
      leadActorId: 'dep-21',
      departementCodes: ['21', '71'],
      multiDepartemental: true,
      technologies: ['ftth'],
      procurementModel: null,
      delegateOperatorId: null,
      registeredOn: '2026-01-10',
    },
  };
  const figures = {
    ftthPremisesPlanned: 1000,
    ftthPremisesBuilt: 400,
    ftthPremisesConnectable: 380,
    ftthPremisesConnected: 120,
    copperUpgradeLines: null,
    businessSites: null,
    cabinetsAndNodes: 12,
  };

  it('registers a project with its départements, then its contract, and completes it', () => {
    const then = givenEvents(networkProjectsProjection(), [
      registered,
      { streamId, type: 'NetworkProjectContractChosen', data: { projectId: 'rip-1', procurementModel: 'concession_dsp', delegateOperatorId: 'op-1' } },
      { streamId, type: 'NetworkProjectCompleted', data: { projectId: 'rip-1', completedOn: '2026-11-30' } },
    ]);
    expect(
      then.rows('SELECT id, lead_actor_id, multi_departemental, procurement_model, delegate_operator_id, status, completed_on, revision FROM network_projects'),
    ).toEqual([
      {
        id: 'rip-1',
        lead_actor_id: 'dep-21',
        multi_departemental: 1,
        procurement_model: 'concession_dsp',
        delegate_operator_id: 'op-1',
        status: 'completed',
        completed_on: '2026-11-30',
        revision: 2,
      },
    ]);
    expect(then.rows('SELECT code FROM network_project_departements ORDER BY code')).toEqual([{ code: '21' }, { code: '71' }]);
  });

  it('keeps each indicator report and financing revision at its revision, with who reported it', () => {
    const financing = {
      totalCost: 1_000_000,
      split: { state: 300_000, region: 200_000, departement: 200_000, epci: 100_000, euErdf: 100_000, operatorPrivate: 100_000, other: 0 },
      stateAidCommitted: 300_000,
      stateAidPaid: 0,
    };
    const then = givenEvents(networkProjectsProjection(), [
      registered,
      {
        streamId,
        type: 'NetworkIndicatorsReported',
        data: { projectId: 'rip-1', asOf: '2026-06-30', figures, lowered: [], reason: null, source: 'operator_data' },
        metadata: { actingActorId: 'op-1' },
      },
      { streamId, type: 'NetworkIndicatorsReported', data: { projectId: 'rip-1', asOf: '2026-07-31', figures, lowered: [], reason: null } },
      { streamId, type: 'NetworkFinancingRevised', data: { projectId: 'rip-1', asOf: '2026-07-01', financing, reason: 'avenant' } },
    ]);
    expect(then.rows('SELECT revision, as_of, source, reported_by FROM network_indicator_reports ORDER BY revision')).toEqual([
      { revision: 1, as_of: '2026-06-30', source: 'operator_data', reported_by: 'op-1' },
      { revision: 2, as_of: '2026-07-31', source: 'declared', reported_by: null },
    ]);
    expect(then.rows('SELECT revision, financing, reason FROM network_financing')).toEqual([
      { revision: 3, financing: JSON.stringify(financing), reason: 'avenant' },
    ]);
    expect(then.rows('SELECT revision FROM network_projects')).toEqual([{ revision: 3 }]);
  });

  it('writes the milestone events to the network milestone tables: added, planned, rescheduled, achieved, dropped', () => {
    const projectId = 'rip-1';
    const then = givenEvents(networkProjectsProjection(), [
      registered,
      { streamId, type: 'MilestoneAdded', data: { projectId, key: 'studies', label: 'Études', order: 1 } },
      { streamId, type: 'MilestoneAdded', data: { projectId, key: 'works', label: 'Travaux', order: 2 } },
      { streamId, type: 'MilestonePlanned', data: { projectId, key: 'studies', date: '2026-03-01' } },
      { streamId, type: 'MilestoneRescheduled', data: { projectId, key: 'studies', date: '2026-04-01', previousDate: '2026-03-01', reason: 'retard' } },
      {
        streamId,
        type: 'MilestoneAchieved',
        data: { projectId, key: 'studies', achievedOn: '2026-04-02', evidenceHash: 'e'.repeat(64), outOfOrder: false, skippedKeys: [] },
      },
      { streamId, type: 'MilestoneDropped', data: { projectId, key: 'works', reason: 'abandon' } },
    ]);
    expect(
      then.rows('SELECT key, status, first_planned_date, planned_date, achieved_on, dropped_reason FROM network_project_milestones ORDER BY sort_order'),
    ).toEqual([
      { key: 'studies', status: 'achieved', first_planned_date: '2026-03-01', planned_date: '2026-04-01', achieved_on: '2026-04-02', dropped_reason: null },
      { key: 'works', status: 'dropped', first_planned_date: null, planned_date: null, achieved_on: null, dropped_reason: 'abandon' },
    ]);
    expect(then.rows('SELECT key, revision, date, reason FROM network_project_milestone_dates ORDER BY revision')).toEqual([
      { key: 'studies', revision: 3, date: '2026-03-01', reason: null },
      { key: 'studies', revision: 4, date: '2026-04-01', reason: 'retard' },
    ]);
    expect(then.rows('SELECT status, revision FROM network_projects')).toEqual([{ status: 'active', revision: 6 }]);
  });
});
