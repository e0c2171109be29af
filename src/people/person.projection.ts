import { assertNever } from '../decider/decider.js';
import type { Projection, ReadModelDatabase } from '../projections/projection.js';
import { isPersonEvent, type PersonEvent } from './person.decider.js';

/**
 * The people read model holds ciphertext only (`*_sealed` columns, envelopes as in the events):
 * decryption happens at query time with the key store. An erasure clears the envelopes, so after
 * a rebuild the read model says `erased` without any trace of the data, even encrypted.
 */
export const peopleProjection: Projection<PersonEvent> = {
  name: 'people',
  version: 1,
  filter: { categories: ['person'] },
  events: isPersonEvent,
  tables: ['people'],
  setup(db) {
    db.exec(`
      CREATE TABLE people (
        id             TEXT PRIMARY KEY,
        key_id         TEXT NOT NULL,
        key_version    INTEGER NOT NULL,
        name_sealed    TEXT,
        title_sealed   TEXT,
        email_sealed   TEXT,
        phone_sealed   TEXT,
        registered_by  TEXT NOT NULL,
        erased         INTEGER NOT NULL DEFAULT 0,
        erased_at      TEXT,
        erasure_reason TEXT,
        revision       INTEGER NOT NULL,
        registered_at  TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE INDEX people_erased ON people (erased, id);`);
  },
  handler(db: ReadModelDatabase) {
    const insert = db.prepare(
      `INSERT INTO people (id, key_id, key_version, name_sealed, title_sealed, email_sealed, phone_sealed, registered_by, revision, registered_at, updated_at)
       VALUES (@id, @keyId, @keyVersion, @name, @title, @email, @phone, @registeredBy, @revision, @at, @at)`,
    );
    const updates = {
      name: db.prepare('UPDATE people SET name_sealed = ?, revision = ?, updated_at = ? WHERE id = ?'),
      title: db.prepare('UPDATE people SET title_sealed = ?, revision = ?, updated_at = ? WHERE id = ?'),
      email: db.prepare('UPDATE people SET email_sealed = ?, revision = ?, updated_at = ? WHERE id = ?'),
      phone: db.prepare('UPDATE people SET phone_sealed = ?, revision = ?, updated_at = ? WHERE id = ?'),
    };
    const erase = db.prepare(
      `UPDATE people SET name_sealed = NULL, title_sealed = NULL, email_sealed = NULL, phone_sealed = NULL,
         erased = 1, erased_at = ?, erasure_reason = ?, revision = ?, updated_at = ? WHERE id = ?`,
    );
    return (event) => {
      const at = event.recordedAt;
      switch (event.type) {
        case 'PersonRegistered': {
          const { personId, keyId, keyVersion, registeredBy, fields } = event.data;
          insert.run({ id: personId, keyId, keyVersion, registeredBy, ...fields, revision: event.revision, at });
          break;
        }
        case 'PersonUpdated':
          for (const [field, value] of Object.entries(event.data.fields)) {
            updates[field as keyof typeof updates]?.run(value, event.revision, at, event.data.personId);
          }
          break;
        case 'PersonErased':
          erase.run(at, event.data.legalReason, event.revision, at, event.data.personId);
          break;
        default:
          assertNever(event, 'event');
      }
    };
  },
};
