import type { AppConfig } from '../config/config.js';
import type { EventStore } from './event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

/** The one place that knows which engine runs. */
export async function createEventStore(config: AppConfig['eventStore'], clock?: () => Date): Promise<EventStore> {
  if (config.engine === 'sqlite') return new SqliteEventStore({ path: config.path, synchronous: config.synchronous, clock });
  const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store.js');
  return new EventStoreDbEventStore({ connectionString: config.connectionString, clock });
}
