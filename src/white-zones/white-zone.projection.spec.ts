import { givenEvents } from '../../test/fixtures/projection-spec.js';
import { TerritoryService } from '../territory/territory.service.js';
import type { WhiteZoneEvent } from './white-zone.decider.js';
import { whiteZonesProjection } from './white-zone.projection.js';

describe('white zones projection', () => {
  const projection = whiteZonesProjection(new TerritoryService());
  const streamId = 'whiteZone-z-1';
  const recorded: WhiteZoneEvent & { streamId: string } = {
    streamId,
    type: 'WhiteZoneRecorded',
    data: {
      zoneId: 'z-1',
      kind: 'fixed_below_threshold',
      communeCodes: ['21231'],
      prioritySites: { schools: 2, publicServices: 1, businesses: 0, health: 1 },
      estimatedCost: 120000,
      identifiedOn: '2026-01-15',
    },
  };

  it('records a zone with its priority sites, its communes and the territories enclosing them', () => {
    const then = givenEvents(projection, [recorded]);
    expect(
      then.rows('SELECT id, kind, commune_codes, schools, public_services, businesses, health, estimated_cost, status, revision FROM white_zones'),
    ).toEqual([
      {
        id: 'z-1',
        kind: 'fixed_below_threshold',
        commune_codes: '["21231"]',
        schools: 2,
        public_services: 1,
        businesses: 0,
        health: 1,
        estimated_cost: 120000,
        status: 'identified',
        revision: 0,
      },
    ]);
    expect(then.rows('SELECT commune_code FROM white_zone_communes')).toEqual([{ commune_code: '21231' }]);
    expect(then.rows("SELECT kind, code FROM white_zone_territories WHERE kind IN ('departement', 'region') ORDER BY kind")).toEqual([
      { kind: 'departement', code: '21' },
      { kind: 'region', code: '27' },
    ]);
  });

  it('revises the estimate, plans the resolution and resolves the zone, each at its revision', () => {
    const then = givenEvents(projection, [
      recorded,
      {
        streamId,
        type: 'WhiteZoneEstimateRevised',
        data: { zoneId: 'z-1', prioritySites: { schools: 3, publicServices: 1, businesses: 2, health: 1 }, estimatedCost: null, reason: 'survey' },
      },
      { streamId, type: 'WhiteZoneResolutionPlanned', data: { zoneId: 'z-1', networkProjectId: 'rip-1', plannedOn: '2026-06-01' } },
      { streamId, type: 'WhiteZoneResolved', data: { zoneId: 'z-1', resolvedOn: '2026-09-30', networkProjectId: 'rip-1' } },
    ]);
    expect(then.rows('SELECT schools, businesses, estimated_cost, status, planned_on, network_project_id, resolved_on, revision FROM white_zones')).toEqual([
      {
        schools: 3,
        businesses: 2,
        estimated_cost: null,
        status: 'resolved',
        planned_on: '2026-06-01',
        network_project_id: 'rip-1',
        resolved_on: '2026-09-30',
        revision: 3,
      },
    ]);
  });
});
