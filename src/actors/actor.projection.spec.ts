import { givenEvents } from '../../test/fixtures/projection-spec.js';
import { TerritoryService } from '../territory/territory.service.js';
import type { ActorEvent } from './actor.decider.js';
import { actorsProjection } from './actor.projection.js';

describe('actors projection', () => {
  const projection = actorsProjection(new TerritoryService());
  const registered: ActorEvent & { streamId: string } = {
    streamId: 'actor-op-1',
    type: 'ActorRegistered',
    data: { actorId: 'op-1', kind: 'private_operator', name: 'Opérateur Éole', territories: [{ kind: 'departement', code: '21' }], siren: null },
  };

  it('registers an actor with a searchable name and indexes its territories and the enclosing ones', () => {
    const then = givenEvents<ActorEvent>(projection, [registered]);
    expect(then.rows('SELECT id, kind, name, search_name, status, revision FROM actors')).toEqual([
      { id: 'op-1', kind: 'private_operator', name: 'Opérateur Éole', search_name: 'operateur eole', status: 'active', revision: 0 },
    ]);
    expect(then.rows('SELECT kind, code FROM actor_territories ORDER BY kind, code')).toEqual([
      { kind: 'departement', code: '21' },
      { kind: 'region', code: '27' },
    ]);
  });

  it('renames, moves and retires the actor, each at its revision', () => {
    const then = givenEvents<ActorEvent>(projection, [
      registered,
      { streamId: 'actor-op-1', type: 'ActorRenamed', data: { actorId: 'op-1', name: 'Éole Réseaux', previousName: 'Opérateur Éole' } },
      { streamId: 'actor-op-1', type: 'ActorTerritoriesChanged', data: { actorId: 'op-1', territories: [{ kind: 'departement', code: '25' }] } },
      { streamId: 'actor-op-1', type: 'ActorRetired', data: { actorId: 'op-1', reason: 'fusion' } },
    ]);
    expect(then.rows('SELECT name, status, revision, territories FROM actors')).toEqual([
      { name: 'Éole Réseaux', status: 'retired', revision: 3, territories: JSON.stringify([{ kind: 'departement', code: '25' }]) },
    ]);
    expect(then.rows("SELECT code FROM actor_territories WHERE kind = 'departement'")).toEqual([{ code: '25' }]);
  });
});
