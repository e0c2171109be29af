import { givenEvents } from '../../test/fixtures/projection-spec.js';
import { CODE_FIELDS_OF_FEATURES } from '../app/features.js';
import { TerritoryService } from '../territory/territory.service.js';
import { auditProjection } from './audit.projection.js';

describe('audit projection', () => {
  const projection = auditProjection(new TerritoryService(), CODE_FIELDS_OF_FEATURES);

  it('keeps every event of the log, whatever its feature, with its metadata', () => {
    const then = givenEvents(projection, [
      { streamId: 'actor-op-1', type: 'ActorRenamed', data: { actorId: 'op-1', name: 'Éole' }, metadata: { actingActorId: 'sgar-27', principal: 'alice' } },
      { streamId: 'seal-log', type: 'LogSealed', data: { treeSize: 1 } },
    ]);
    expect(then.rows('SELECT position, stream_id, category, revision, type, actor_id, principal, data FROM audit_events ORDER BY position')).toEqual([
      {
        position: 1,
        stream_id: 'actor-op-1',
        category: 'actor',
        revision: 0,
        type: 'ActorRenamed',
        actor_id: 'sgar-27',
        principal: 'alice',
        data: '{"actorId":"op-1","name":"Éole"}',
      },
      { position: 2, stream_id: 'seal-log', category: 'seal', revision: 0, type: 'LogSealed', actor_id: null, principal: 'spec', data: '{"treeSize":1}' },
    ]);
  });

  it('files a stream under the regions its events name: territory references and the declared code fields', () => {
    const then = givenEvents(projection, [
      { streamId: 'whiteZone-z-1', type: 'WhiteZoneRecorded', data: { zoneId: 'z-1', communeCodes: ['21231', '35238'] } },
      { streamId: 'actor-a-1', type: 'ActorTerritoriesChanged', data: { actorId: 'a-1', territories: [{ kind: 'departement', code: '58' }] } },
      { streamId: 'commission-93', type: 'CommissionConstituted', data: { regionCode: '93' } },
    ]);
    expect(then.rows('SELECT stream_id, region FROM audit_stream_regions ORDER BY stream_id, region')).toEqual([
      { stream_id: 'actor-a-1', region: '27' },
      { stream_id: 'commission-93', region: '93' },
      { stream_id: 'whiteZone-z-1', region: '27' },
      { stream_id: 'whiteZone-z-1', region: '53' },
    ]);
  });
});
