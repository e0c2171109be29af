import { assertNever } from '../decider/decider.js';
import type { Projection, ReadModelDatabase } from '../projections/projection.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { isCommitmentEvent, type CommitmentEvent } from './commitment.decider.js';

export const COMMITMENTS_PROJECTION = 'commitments';

/**
 * Current commitments (`commitments`), every version of their target and due date
 * (`commitment_versions`), every progress report (`commitment_progress`), and the territory keys
 * they are found under (`commitment_territories`: their own territories and every enclosing one,
 * so a département filter finds commitments on its communes).
 */
export function commitmentsProjection(territories: TerritoryService): Projection<CommitmentEvent> {
  return {
    name: COMMITMENTS_PROJECTION,
    version: 2,
    filter: { categories: ['commitment'] },
    events: isCommitmentEvent,
    tables: ['commitments', 'commitment_versions', 'commitment_progress', 'commitment_territories', 'commitment_conventions'],
    setup(db) {
      db.exec(`
        CREATE TABLE commitments (
          id                  TEXT PRIMARY KEY,
          committing_actor_id TEXT NOT NULL,
          subject             TEXT NOT NULL,
          title               TEXT NOT NULL,
          target_quantity     REAL NOT NULL,
          target_unit         TEXT NOT NULL,
          due_date            TEXT NOT NULL,
          made_on             TEXT NOT NULL,
          status              TEXT NOT NULL,
          current_value       REAL,
          current_as_of       TEXT,
          territories         TEXT NOT NULL,
          stems_from          TEXT,
          made_event_id       TEXT NOT NULL,
          ended_reason        TEXT,
          revision            INTEGER NOT NULL,
          position            TEXT NOT NULL,
          created_at          TEXT NOT NULL,
          updated_at          TEXT NOT NULL
        );
        CREATE INDEX commitments_by_due ON commitments (due_date, id);
        CREATE INDEX commitments_by_actor ON commitments (committing_actor_id, due_date, id);
        CREATE TABLE commitment_versions (
          commitment_id   TEXT NOT NULL,
          revision        INTEGER NOT NULL,
          target_quantity REAL NOT NULL,
          target_unit     TEXT NOT NULL,
          due_date        TEXT NOT NULL,
          reason          TEXT,
          occurred_at     TEXT NOT NULL,
          recorded_at     TEXT NOT NULL,
          PRIMARY KEY (commitment_id, revision)
        ) WITHOUT ROWID;
        CREATE TABLE commitment_progress (
          commitment_id      TEXT NOT NULL,
          revision           INTEGER NOT NULL,
          value              REAL NOT NULL,
          as_of              TEXT NOT NULL,
          source             TEXT NOT NULL,
          note               TEXT,
          supersedes_current INTEGER NOT NULL,
          reported_by        TEXT,
          recorded_at        TEXT NOT NULL,
          PRIMARY KEY (commitment_id, revision)
        ) WITHOUT ROWID;
        CREATE TABLE commitment_territories (
          kind          TEXT NOT NULL,
          code          TEXT NOT NULL,
          commitment_id TEXT NOT NULL,
          PRIMARY KEY (kind, code, commitment_id)
        ) WITHOUT ROWID;
        CREATE TABLE commitment_conventions (
          convention_id TEXT NOT NULL,
          commitment_id TEXT NOT NULL,
          PRIMARY KEY (convention_id, commitment_id)
        ) WITHOUT ROWID;`);
    },
    handler(db: ReadModelDatabase) {
      const insert = db.prepare(
        `INSERT INTO commitments (id, committing_actor_id, subject, title, target_quantity, target_unit, due_date, made_on, status,
           territories, stems_from, made_event_id, revision, position, created_at, updated_at)
         VALUES (@id, @actor, @subject, @title, @quantity, @unit, @dueDate, @madeOn, 'active', @territories, @stemsFrom, @madeEventId, @revision, @position, @at, @at)`,
      );
      const addVersion = db.prepare(
        `INSERT INTO commitment_versions (commitment_id, revision, target_quantity, target_unit, due_date, reason, occurred_at, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const revise = db.prepare(
        'UPDATE commitments SET target_quantity = ?, target_unit = ?, due_date = ?, revision = ?, position = ?, updated_at = ? WHERE id = ?',
      );
      const addProgress = db.prepare(
        `INSERT INTO commitment_progress (commitment_id, revision, value, as_of, source, note, supersedes_current, reported_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const setCurrent = db.prepare('UPDATE commitments SET current_value = ?, current_as_of = ? WHERE id = ?');
      const touch = db.prepare('UPDATE commitments SET revision = ?, position = ?, updated_at = ? WHERE id = ?');
      const end = db.prepare('UPDATE commitments SET status = ?, ended_reason = ?, revision = ?, position = ?, updated_at = ? WHERE id = ?');
      const addTerritory = db.prepare('INSERT OR IGNORE INTO commitment_territories (kind, code, commitment_id) VALUES (?, ?, ?)');
      const link = db.prepare('INSERT OR IGNORE INTO commitment_conventions (convention_id, commitment_id) VALUES (?, ?)');

      return (event) => {
        const at = event.recordedAt;
        const position = event.position.toString();
        switch (event.type) {
          case 'CommitmentMade': {
            const d = event.data;
            insert.run({
              id: d.commitmentId,
              actor: d.committingActorId,
              subject: d.subject,
              title: d.title,
              quantity: d.target.quantity,
              unit: d.target.unit,
              dueDate: d.dueDate,
              madeOn: d.madeOn,
              territories: JSON.stringify(d.territories),
              stemsFrom: d.stemsFrom && JSON.stringify(d.stemsFrom),
              madeEventId: event.id,
              revision: event.revision,
              position,
              at,
            });
            addVersion.run(d.commitmentId, event.revision, d.target.quantity, d.target.unit, d.dueDate, null, event.metadata.occurredAt, at);
            for (const ref of d.territories) for (const key of territories.enclosing(ref)) addTerritory.run(key.kind, key.code, d.commitmentId);
            if (d.stemsFrom?.kind === 'convention') link.run(d.stemsFrom.conventionId, d.commitmentId);
            break;
          }
          case 'CommitmentRevised': {
            const d = event.data;
            revise.run(d.target.quantity, d.target.unit, d.dueDate, event.revision, position, at, d.commitmentId);
            addVersion.run(d.commitmentId, event.revision, d.target.quantity, d.target.unit, d.dueDate, d.reason, event.metadata.occurredAt, at);
            break;
          }
          case 'CommitmentProgressReported': {
            const d = event.data;
            addProgress.run(
              d.commitmentId,
              event.revision,
              d.value,
              d.asOf,
              d.source,
              d.note,
              d.supersedesCurrent ? 1 : 0,
              event.metadata.actingActorId ?? null,
              at,
            );
            if (d.supersedesCurrent) setCurrent.run(d.value, d.asOf, d.commitmentId);
            touch.run(event.revision, position, at, d.commitmentId);
            break;
          }
          case 'CommitmentFulfilled':
            end.run('fulfilled', event.data.note, event.revision, position, at, event.data.commitmentId);
            break;
          case 'CommitmentWithdrawn':
            end.run('withdrawn', event.data.reason, event.revision, position, at, event.data.commitmentId);
            break;
          case 'CommitmentBreached':
            end.run('breached', event.data.reason, event.revision, position, at, event.data.commitmentId);
            break;
          case 'CommitmentAttachedToConvention':
            link.run(event.data.conventionId, event.data.commitmentId);
            touch.run(event.revision, position, at, event.data.commitmentId);
            break;
          default:
            assertNever(event, 'event');
        }
      };
    },
  };
}
