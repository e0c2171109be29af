import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import type { NewEvent } from '../event-store/event-store.js';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.js';
import { Projections } from '../projections/projections.module.js';
import { runnable } from '../projections/projection.js';
import { openReadModelDatabase } from '../projections/read-model-database.js';
import { TerritoryService } from '../territory/territory.service.js';
import type { ActorEvent } from './actor.decider.js';
import { ActorAccess } from './actor-access.js';
import { actorsProjection } from './actor.projection.js';
import { ActorsReadModel } from './actors.read-model.js';

function recorded(event: ActorEvent): NewEvent {
  const id = randomUUID();
  return {
    id,
    ...event,
    metadata: { commandId: id, correlationId: id, causationId: id, principal: 'test', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
  };
}

const registered = (actorId: string, code = '21'): ActorEvent => ({
  type: 'ActorRegistered',
  data: { actorId, kind: 'departement', name: `Département ${code}`, territories: [{ kind: 'departement', code }], siren: null },
});

/** The guard's cached view of actors, against the read model it is taken from (real store, real runner). */
describe('ActorAccess', () => {
  let dir: string;
  let store: SqliteEventStore;
  let projections: Projections;
  let access: ActorAccess;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scoran-actor-access-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 10 });
    const config = loadConfig({});
    const db = openReadModelDatabase(join(dir, 'read-models.db'));
    projections = new Projections(store, db, config);
    const territories = new TerritoryService();
    projections.register(runnable(actorsProjection(territories)));
    await projections.onApplicationBootstrap();
    access = new ActorAccess(new ActorsReadModel(db, config), territories, projections);
  });
  afterEach(async () => {
    access.onModuleDestroy();
    await projections.onApplicationShutdown();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = async (streamId: string, event: ActorEvent, expected: number | 'no_stream') => {
    const { position } = await store.append(streamId, [recorded(event)], expected);
    await projections.waitFor(position);
  };

  it('answers from the read model as it is after each commit: unknown, registered, retired', async () => {
    expect(access.statusOf('cd-21')).toBeUndefined();
    expect(access.regionsOf('cd-21').size).toBe(0);
    await append('actor-cd-21', registered('cd-21'), 'no_stream');
    expect(access.statusOf('cd-21')).toBe('active');
    expect([...access.regionsOf('cd-21')]).toEqual(['27']);
    await append('actor-cd-21', { type: 'ActorTerritoriesChanged', data: { actorId: 'cd-21', territories: [{ kind: 'departement', code: '44' }] } }, 0);
    expect([...access.regionsOf('cd-21')]).toEqual(['52']);
    await append('actor-cd-21', { type: 'ActorRetired', data: { actorId: 'cd-21', reason: 'Dissous' } }, 1);
    expect(access.statusOf('cd-21')).toBe('retired');
  });

  it('keeps what an actors batch does not name', async () => {
    await append('actor-cd-21', registered('cd-21'), 'no_stream');
    expect(access.statusOf('cd-21')).toBe('active');
    await append('actor-cd-44', registered('cd-44', '44'), 'no_stream');
    // Changed behind the runner's back (never in the service): an answer kept is not read again.
    projections.db.prepare("UPDATE actors SET status = 'retired' WHERE id = 'cd-21'").run();
    expect(access.statusOf('cd-21')).toBe('active');
    expect(access.statusOf('cd-44')).toBe('active');
  });

  it('forgets everything when the actors projection stops after committing part of a batch', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(access.statusOf('cd-21')).toBeUndefined();
    // One flush, one batch: the first registers cd-21, the second names it again and cannot be applied.
    const first = store.append('actor-cd-21', [recorded(registered('cd-21'))], 'no_stream');
    const second = store.append('actor-other', [recorded(registered('cd-21'))], 'no_stream');
    await Promise.all([first, second]);
    await projections.waitFor((await second).position);
    expect(projections.status().find((s) => s.name === 'actors')?.state).toBe('failed');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('Projection actors failed'));
    logged.mockRestore();
    expect(access.statusOf('cd-21')).toBe('active');
  });
});
