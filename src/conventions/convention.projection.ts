import { assertNever } from '../decider/decider.js';
import type { Projection, ReadModelDatabase } from '../projections/projection.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { isConventionEvent, type ConventionEvent } from './convention.decider.js';

/**
 * Conventions as they stand (`conventions`), each version and when it entered into force
 * (`convention_versions`), every signature (`convention_signatures`), the parties and the signatures
 * each owes (`convention_parties`), the default procedures (`convention_defaults`), and the territory
 * keys the scope is found under (`convention_territories`: each commune and what encloses it).
 */
export function conventionsProjection(territories: TerritoryService): Projection<ConventionEvent> {
  return {
    name: 'conventions',
    version: 1,
    filter: { categories: ['convention'] },
    events: isConventionEvent,
    tables: ['conventions', 'convention_versions', 'convention_signatures', 'convention_parties', 'convention_defaults', 'convention_territories'],
    setup(db) {
      db.exec(`
        CREATE TABLE conventions (
          id               TEXT PRIMARY KEY,
          kind             TEXT NOT NULL,
          title            TEXT NOT NULL,
          status           TEXT NOT NULL,
          current_version  INTEGER NOT NULL,
          in_force_version INTEGER,
          scope            TEXT NOT NULL,
          calendar         TEXT NOT NULL,
          drafted_on       TEXT NOT NULL,
          ends_on          TEXT,
          ended_on         TEXT,
          ended_reason     TEXT,
          revision         INTEGER NOT NULL,
          position         TEXT NOT NULL,
          created_at       TEXT NOT NULL,
          updated_at       TEXT NOT NULL
        );
        CREATE INDEX conventions_by_drafting ON conventions (drafted_on, id);
        CREATE TABLE convention_versions (
          convention_id   TEXT NOT NULL,
          version         INTEGER NOT NULL,
          document_hash   TEXT NOT NULL,
          summary         TEXT,
          proposed_by     TEXT,
          proposed_on     TEXT NOT NULL,
          in_force_on     TEXT,
          PRIMARY KEY (convention_id, version)
        ) WITHOUT ROWID;
        CREATE TABLE convention_signatures (
          convention_id      TEXT NOT NULL,
          version            INTEGER NOT NULL,
          revision           INTEGER NOT NULL,
          party_id           TEXT NOT NULL,
          person_id          TEXT NOT NULL,
          title              TEXT NOT NULL,
          place              TEXT NOT NULL,
          signed_on          TEXT NOT NULL,
          council_resolution TEXT,
          recorded_at        TEXT NOT NULL,
          PRIMARY KEY (convention_id, version, revision)
        ) WITHOUT ROWID;
        CREATE TABLE convention_parties (
          party_id            TEXT NOT NULL,
          convention_id       TEXT NOT NULL,
          position            INTEGER NOT NULL,
          signatures_required INTEGER NOT NULL,
          local_authority     INTEGER NOT NULL,
          PRIMARY KEY (party_id, convention_id)
        ) WITHOUT ROWID;
        CREATE INDEX convention_parties_in_order ON convention_parties (convention_id, position);
        CREATE TABLE convention_defaults (
          convention_id       TEXT NOT NULL,
          default_id          TEXT NOT NULL,
          defaulting_party_id TEXT NOT NULL,
          description         TEXT NOT NULL,
          notified_by         TEXT NOT NULL,
          notified_on         TEXT NOT NULL,
          stage               TEXT NOT NULL,
          referred_by         TEXT,
          decision_id         TEXT,
          meeting_id          TEXT,
          resolution          TEXT,
          PRIMARY KEY (convention_id, default_id)
        ) WITHOUT ROWID;
        CREATE TABLE convention_territories (
          kind          TEXT NOT NULL,
          code          TEXT NOT NULL,
          convention_id TEXT NOT NULL,
          PRIMARY KEY (kind, code, convention_id)
        ) WITHOUT ROWID;`);
    },
    handler(db: ReadModelDatabase) {
      const insert = db.prepare(
        `INSERT INTO conventions (id, kind, title, status, current_version, scope, calendar, drafted_on, ends_on, revision, position, created_at, updated_at)
         VALUES (@id, @kind, @title, 'draft', 1, @scope, @calendar, @draftedOn, @endsOn, @revision, @position, @at, @at)`,
      );
      const addVersion = db.prepare(
        'INSERT INTO convention_versions (convention_id, version, document_hash, summary, proposed_by, proposed_on) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const addParty = db.prepare(
        'INSERT INTO convention_parties (party_id, convention_id, position, signatures_required, local_authority) VALUES (?, ?, ?, ?, ?)',
      );
      const addTerritory = db.prepare('INSERT OR IGNORE INTO convention_territories (kind, code, convention_id) VALUES (?, ?, ?)');
      const addSignature = db.prepare(
        `INSERT INTO convention_signatures (convention_id, version, revision, party_id, person_id, title, place, signed_on, council_resolution, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const markSigned = db.prepare(
        `UPDATE conventions SET status = CASE status WHEN 'draft' THEN 'partially_signed' ELSE status END, revision = ?, position = ?, updated_at = ? WHERE id = ?`,
      );
      const enterIntoForce = db.prepare(
        "UPDATE conventions SET status = 'in_force', in_force_version = ?, revision = ?, position = ?, updated_at = ? WHERE id = ?",
      );
      const versionInForce = db.prepare('UPDATE convention_versions SET in_force_on = ? WHERE convention_id = ? AND version = ?');
      const propose = db.prepare(
        "UPDATE conventions SET status = 'amendment_pending', current_version = ?, revision = ?, position = ?, updated_at = ? WHERE id = ?",
      );
      const end = db.prepare('UPDATE conventions SET status = ?, ended_on = ?, ended_reason = ?, revision = ?, position = ?, updated_at = ? WHERE id = ?');
      const touch = db.prepare('UPDATE conventions SET revision = ?, position = ?, updated_at = ? WHERE id = ?');
      const notifyDefault = db.prepare(
        `INSERT INTO convention_defaults (convention_id, default_id, defaulting_party_id, description, notified_by, notified_on, stage)
         VALUES (?, ?, ?, ?, ?, ?, 'notified')`,
      );
      const referDefault = db.prepare(
        "UPDATE convention_defaults SET stage = 'referred_to_commission', referred_by = ? WHERE convention_id = ? AND default_id = ?",
      );
      const decideDefault = db.prepare('UPDATE convention_defaults SET stage = ?, decision_id = ?, meeting_id = ? WHERE convention_id = ? AND default_id = ?');
      const resolveDefault = db.prepare("UPDATE convention_defaults SET stage = 'resolved', resolution = ? WHERE convention_id = ? AND default_id = ?");

      return (event) => {
        const at = event.recordedAt;
        const position = event.position.toString();
        const { revision } = event;
        switch (event.type) {
          case 'ConventionDrafted': {
            const d = event.data;
            insert.run({
              id: d.conventionId,
              kind: d.kind,
              title: d.title,
              scope: JSON.stringify(d.scope),
              calendar: JSON.stringify(d.calendar),
              draftedOn: d.draftedOn,
              endsOn: d.endsOn,
              revision,
              position,
              at,
            });
            addVersion.run(d.conventionId, 1, d.documentHash, null, event.metadata.actingActorId ?? null, d.draftedOn);
            d.parties.forEach((party, index) => addParty.run(party.actorId, d.conventionId, index, party.signaturesRequired, party.localAuthority ? 1 : 0));
            for (const code of d.scope) {
              for (const key of territories.enclosing({ kind: 'commune', code })) addTerritory.run(key.kind, key.code, d.conventionId);
            }
            break;
          }
          case 'ConventionSigned': {
            const d = event.data;
            addSignature.run(
              d.conventionId,
              d.version,
              revision,
              d.partyId,
              d.signatory.personId,
              d.signatory.title,
              d.place,
              d.signedOn,
              d.councilResolution && JSON.stringify(d.councilResolution),
              at,
            );
            markSigned.run(revision, position, at, d.conventionId);
            break;
          }
          case 'ConventionEnteredIntoForce':
            enterIntoForce.run(event.data.version, revision, position, at, event.data.conventionId);
            versionInForce.run(event.data.on, event.data.conventionId, event.data.version);
            break;
          case 'ConventionAmendmentProposed': {
            const d = event.data;
            addVersion.run(d.conventionId, d.version, d.documentHash, d.summary, d.proposedBy, d.proposedOn);
            propose.run(d.version, revision, position, at, d.conventionId);
            break;
          }
          case 'ConventionTerminated':
            end.run('terminated', event.data.on, event.data.reason, revision, position, at, event.data.conventionId);
            break;
          case 'ConventionExpired':
            end.run('expired', event.data.on, null, revision, position, at, event.data.conventionId);
            break;
          case 'ConventionDefaultNotified': {
            const d = event.data;
            notifyDefault.run(d.conventionId, d.defaultId, d.defaultingPartyId, d.description, d.notifiedBy, d.notifiedOn);
            touch.run(revision, position, at, d.conventionId);
            break;
          }
          case 'ConventionDefaultReferred':
            referDefault.run(event.data.referredBy, event.data.conventionId, event.data.defaultId);
            touch.run(revision, position, at, event.data.conventionId);
            break;
          case 'ConventionDefaultDecided': {
            const d = event.data;
            decideDefault.run(d.outcome, d.decisionId, d.meetingId, d.conventionId, d.defaultId);
            touch.run(revision, position, at, d.conventionId);
            break;
          }
          case 'ConventionDefaultResolved':
            resolveDefault.run(event.data.resolution, event.data.conventionId, event.data.defaultId);
            touch.run(revision, position, at, event.data.conventionId);
            break;
          default:
            assertNever(event, 'event');
        }
      };
    },
  };
}
