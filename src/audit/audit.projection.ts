import { categoryOf, type RecordedEvent } from '../event-store/event-store.js';
import { anyEvent, type Projection, type ReadModelDatabase } from '../projections/projection.js';
import type { CodeFields } from '../runtime/feature.js';
import type { TerritoryService } from '../territory/territory.service.js';

/**
 * Every event of the log with its metadata, indexed for the auditors' filters (`audit_events`),
 * and the regions each stream concerns (`audit_stream_regions`), derived from the territory codes
 * its events carry, so that a region filter also finds the acts that name no territory themselves
 * (a signature, a progress report) through the entity they belong to. `codeFields` are those the
 * features declare (app/features.ts).
 */
export function auditProjection(territories: TerritoryService, codeFields: CodeFields): Projection {
  return {
    name: 'audit',
    version: 2,
    events: anyEvent,
    tables: ['audit_events', 'audit_stream_regions'],
    setup(db) {
      db.exec(`
        CREATE TABLE audit_events (
          position       INTEGER PRIMARY KEY,
          event_id       TEXT NOT NULL UNIQUE,
          stream_id      TEXT NOT NULL,
          category       TEXT NOT NULL,
          revision       INTEGER NOT NULL,
          type           TEXT NOT NULL,
          actor_id       TEXT,
          principal      TEXT NOT NULL,
          command_id     TEXT NOT NULL,
          correlation_id TEXT NOT NULL,
          causation_id   TEXT NOT NULL,
          occurred_at    TEXT NOT NULL,
          recorded_at    TEXT NOT NULL,
          data           TEXT NOT NULL,
          metadata       TEXT NOT NULL,
          prev_hash      TEXT NOT NULL,
          hash           TEXT NOT NULL
        );
        CREATE INDEX audit_by_stream ON audit_events (stream_id, revision);
        CREATE INDEX audit_by_category ON audit_events (category, position);
        CREATE INDEX audit_by_type ON audit_events (type, position);
        CREATE INDEX audit_by_actor ON audit_events (actor_id, position);
        CREATE INDEX audit_by_principal ON audit_events (principal, position);
        CREATE INDEX audit_by_correlation ON audit_events (correlation_id, position);
        CREATE INDEX audit_by_causation ON audit_events (causation_id, position);
        CREATE INDEX audit_by_command ON audit_events (command_id, position);
        CREATE INDEX audit_by_recorded ON audit_events (recorded_at, position);
        CREATE INDEX audit_by_occurred ON audit_events (occurred_at, position);
        CREATE TABLE audit_stream_regions (
          region    TEXT NOT NULL,
          stream_id TEXT NOT NULL,
          PRIMARY KEY (region, stream_id)
        ) WITHOUT ROWID;
        CREATE INDEX audit_regions_of_stream ON audit_stream_regions (stream_id);`);
    },
    handler(db: ReadModelDatabase) {
      const insert = db.prepare(
        `INSERT INTO audit_events (position, event_id, stream_id, category, revision, type, actor_id, principal, command_id,
           correlation_id, causation_id, occurred_at, recorded_at, data, metadata, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const addRegion = db.prepare('INSERT OR IGNORE INTO audit_stream_regions (region, stream_id) VALUES (?, ?)');
      return (event: RecordedEvent) => {
        const { metadata } = event;
        insert.run(
          event.position,
          event.id,
          event.streamId,
          categoryOf(event.streamId),
          event.revision,
          event.type,
          metadata.actingActorId ?? null,
          metadata.principal,
          metadata.commandId,
          metadata.correlationId,
          metadata.causationId,
          metadata.occurredAt,
          event.recordedAt,
          JSON.stringify(event.data),
          JSON.stringify(metadata),
          event.prevHash,
          event.hash,
        );
        for (const region of regionsNamedIn(event.data, territories, codeFields)) addRegion.run(region, event.streamId);
      };
    },
  };
}

const TERRITORY_KINDS = new Set(['region', 'departement', 'commune', 'epci']);
const MAX_DEPTH = 6;

/**
 * The regions an event's data names, at any depth: territory references (`{ kind, code }`) and the
 * code fields the features declare (`codeFields`). Codes that are not in the official geography are ignored.
 */
export function regionsNamedIn(data: unknown, territories: TerritoryService, codeFields: CodeFields): Set<string> {
  const regions = new Set<string>();
  const add = (kind: string, code: unknown) => {
    if (typeof code !== 'string') return;
    for (const region of territories.regionsOf({ kind, code })) regions.add(region.code);
  };
  const visit = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.kind === 'string' && TERRITORY_KINDS.has(record.kind)) add(record.kind, record.code);
    for (const [key, field] of Object.entries(record)) {
      const kind = Object.hasOwn(codeFields, key) ? codeFields[key] : undefined;
      if (kind && typeof field === 'string') add(kind, field);
      else if (kind && Array.isArray(field)) for (const item of field) typeof item === 'string' ? add(kind, item) : visit(item, depth + 1);
      else visit(field, depth + 1);
    }
  };
  visit(data, 0);
  return regions;
}
