import { specificationOf } from '../decider/given-when-then.js';
import { whiteZoneDecider, type WhiteZoneCommand, type WhiteZoneEvent } from './white-zone.decider.js';

const spec = specificationOf(whiteZoneDecider);
const secretariat = { actorId: 'sgar-52', role: 'commission_secretariat' as const };
const cd44 = { actorId: 'cd-44', role: 'representative' as const };
const sites = { schools: 2, publicServices: 1, businesses: 14, health: 0 };

const record: Extract<WhiteZoneCommand, { type: 'RecordWhiteZone' }> = {
  type: 'RecordWhiteZone',
  principal: secretariat,
  zoneId: 'zb-44-001',
  kind: 'fixed_below_threshold',
  communeCodes: ['44184', '44109'],
  prioritySites: sites,
  estimatedCost: 1_200_000,
  identifiedOn: '2014-02-01',
  today: '2016-01-01',
};
const recorded: WhiteZoneEvent = {
  type: 'WhiteZoneRecorded',
  data: {
    zoneId: 'zb-44-001',
    kind: 'fixed_below_threshold',
    communeCodes: ['44109', '44184'],
    prioritySites: sites,
    estimatedCost: 1_200_000,
    identifiedOn: '2014-02-01',
  },
};
const planned: WhiteZoneEvent = { type: 'WhiteZoneResolutionPlanned', data: { zoneId: 'zb-44-001', networkProjectId: 'rip-44', plannedOn: '2015-01-10' } };
const plan = (overrides: Partial<Extract<WhiteZoneCommand, { type: 'PlanWhiteZoneResolution' }>> = {}): WhiteZoneCommand => ({
  type: 'PlanWhiteZoneResolution',
  principal: secretariat,
  networkProjectId: 'rip-44',
  project: { status: 'active' },
  plannedOn: '2015-01-10',
  today: '2016-01-01',
  ...overrides,
});
const resolve = (resolvedOn: string): WhiteZoneCommand => ({ type: 'ResolveWhiteZone', principal: secretariat, resolvedOn, today: '2016-01-01' });

describe('White zones', () => {
  it('are recorded with kind, communes, priority sites and estimated cost', () => {
    spec.given([]).when(record).then([recorded]);
    spec
      .given([recorded])
      .when(record)
      .thenRejects('conflict', /already exists/);
  });

  it('need communes once each, whole counts and costs, and a past identification date', () => {
    spec
      .given([])
      .when({ ...record, communeCodes: [] })
      .thenRejects('invalid', /commune/);
    spec
      .given([])
      .when({ ...record, communeCodes: ['44109', '44109'] })
      .thenRejects('invalid', /twice/);
    spec
      .given([])
      .when({ ...record, prioritySites: { ...sites, schools: -1 } })
      .thenRejects('invalid', /schools/);
    spec
      .given([])
      .when({ ...record, estimatedCost: 10.5 })
      .thenRejects('invalid', /whole euros/);
    spec
      .given([])
      .when({ ...record, identifiedOn: '2016-01-02' })
      .thenRejects('invalid', /future/);
  });

  it('are kept by the secretariat, national bodies and admins only', () => {
    spec
      .given([])
      .when({ ...record, principal: cd44 })
      .thenRejects('forbidden');
    spec
      .given([recorded])
      .when(resolve('2015-06-01'))
      .then([{ type: 'WhiteZoneResolved', data: { zoneId: 'zb-44-001', resolvedOn: '2015-06-01', networkProjectId: null } }]);
  });

  it('revise their estimate with a reason', () => {
    spec
      .given([recorded])
      .when({ type: 'ReviseWhiteZoneEstimate', principal: secretariat, estimatedCost: 1_500_000, reason: 'Étude de la DDT' })
      .then([{ type: 'WhiteZoneEstimateRevised', data: { zoneId: 'zb-44-001', prioritySites: sites, estimatedCost: 1_500_000, reason: 'Étude de la DDT' } }]);
    spec
      .given([recorded])
      .when({ type: 'ReviseWhiteZoneEstimate', principal: secretariat, estimatedCost: 1, reason: ' ' })
      .thenRejects('invalid', /reason/);
  });

  it('are planned by an existing, not abandoned network project, not before identification', () => {
    spec.given([recorded]).when(plan()).then([planned]);
    spec
      .given([recorded])
      .when(plan({ project: undefined }))
      .thenRejects('notFound', /rip-44/);
    spec
      .given([recorded])
      .when(plan({ project: { status: 'abandoned' } }))
      .thenRejects('conflict', /abandoned/);
    spec
      .given([recorded])
      .when(plan({ plannedOn: '2014-01-01' }))
      .thenRejects('invalid', /before the zone was identified/);
    spec.given([recorded, planned]).when(plan()).then([]);
  });

  it('are resolved on a date neither future nor before they were planned, keeping the project; then frozen', () => {
    spec
      .given([recorded, planned])
      .when(resolve('2015-01-09'))
      .thenRejects('invalid', /before 2015-01-10/);
    spec
      .given([recorded, planned])
      .when(resolve('2016-01-02'))
      .thenRejects('invalid', /future/);
    const resolved: WhiteZoneEvent = { type: 'WhiteZoneResolved', data: { zoneId: 'zb-44-001', resolvedOn: '2015-12-01', networkProjectId: 'rip-44' } };
    spec.given([recorded, planned]).when(resolve('2015-12-01')).then([resolved]);
    spec
      .given([recorded, planned, resolved])
      .when(plan())
      .thenRejects('conflict', /resolved/);
    spec.given([]).when(resolve('2015-12-01')).thenRejects('notFound');
  });
});
