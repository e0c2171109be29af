import { assertNever } from '../decider/decider.js';
import { isCommitmentEvent, type CommitmentEvent } from '../commitments/commitment.decider.js';
import { isMeetingEvent, type MeetingEvent } from '../commission/meeting.decider.js';
import { isConventionEvent, type ConventionEvent } from '../conventions/convention.decider.js';
import { categoryOf, type RecordedEvent } from '../event-store/event-store.js';
import { isNetworkProjectEvent, type NetworkProjectEvent } from '../network-projects/network-project.decider.js';
import { eitherEvent, type Projection, type ReadModelDatabase } from '../projections/projection.js';
import { isMilestoneEvent } from '../milestones/milestones.js';
import type { TerritoryRef } from '../territory/territory.types.js';
import type { TerritoryService } from '../territory/territory.service.js';
import { isUsageProjectEvent, type UsageProjectEvent } from '../usage-projects/usage-project.decider.js';
import { isWhiteZoneEvent, type WhiteZoneEvent } from '../white-zones/white-zone.decider.js';

/** The events the feeds fold. */
export type FedEvent = NetworkProjectEvent | UsageProjectEvent | CommitmentEvent | ConventionEvent | MeetingEvent | WhiteZoneEvent;

const isFedEvent = eitherEvent(
  eitherEvent(eitherEvent(isNetworkProjectEvent, isUsageProjectEvent), eitherEvent(isCommitmentEvent, isConventionEvent)),
  eitherEvent(isMeetingEvent, isWhiteZoneEvent),
);

/** The kinds of record the feeds find under a territory key (`feed_territory_keys.source`). */
export type FeedSource = 'network_project' | 'usage_project' | 'commitment' | 'convention' | 'white_zone';

/** Every table the feeds read: theirs alone (the read-model test checks that the feeds' SQL names no other). */
export const FEED_TABLES = [
  'feed_projects',
  'feed_milestones',
  'feed_commitments',
  'feed_conventions',
  'feed_convention_versions',
  'feed_signatures',
  'feed_meetings',
  'feed_white_zones',
  'feed_territory_keys',
] as const;

/**
 * What the calendar and map feeds serve, folded from the events of the features they show: projects
 * and their planned or achieved milestones, commitments and their due dates, conventions with their
 * signatures and entries into force, CCRANT meetings, white zones, and the territory keys each record
 * is found under (own territories and every enclosing one; network projects by their départements).
 * Its own tables and checkpoint, so the feeds never query another feature's tables, and a change of
 * another read model's shape does not reach them. `updated_at` is when the record's stream last
 * changed (the ICS DTSTAMP).
 */
export function feedsProjection(territories: TerritoryService): Projection<FedEvent> {
  return {
    name: 'feeds',
    version: 1,
    filter: { categories: ['networkProject', 'usageProject', 'commitment', 'convention', 'meeting', 'whiteZone'] },
    events: isFedEvent,
    tables: FEED_TABLES,
    setup(db) {
      db.exec(`
        CREATE TABLE feed_projects (
          kind              TEXT NOT NULL,
          id                TEXT NOT NULL,
          name              TEXT NOT NULL,
          status            TEXT NOT NULL,
          territory_codes   TEXT NOT NULL,
          departement_codes TEXT NOT NULL,
          ftth_planned      INTEGER,
          ftth_connectable  INTEGER,
          updated_at        TEXT NOT NULL,
          PRIMARY KEY (kind, id)
        ) WITHOUT ROWID;
        CREATE TABLE feed_milestones (
          project_kind TEXT NOT NULL,
          project_id   TEXT NOT NULL,
          key          TEXT NOT NULL,
          label        TEXT NOT NULL,
          status       TEXT NOT NULL,
          planned_date TEXT,
          achieved_on  TEXT,
          PRIMARY KEY (project_kind, project_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE feed_commitments (
          id                  TEXT PRIMARY KEY,
          title               TEXT NOT NULL,
          committing_actor_id TEXT NOT NULL,
          status              TEXT NOT NULL,
          due_date            TEXT NOT NULL,
          territory_codes     TEXT NOT NULL,
          updated_at          TEXT NOT NULL
        );
        CREATE INDEX feed_commitments_by_due ON feed_commitments (due_date, id);
        CREATE TABLE feed_conventions (
          id         TEXT PRIMARY KEY,
          title      TEXT NOT NULL,
          scope      TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE feed_convention_versions (
          convention_id TEXT NOT NULL,
          version       INTEGER NOT NULL,
          in_force_on   TEXT,
          PRIMARY KEY (convention_id, version)
        ) WITHOUT ROWID;
        CREATE TABLE feed_signatures (
          convention_id TEXT NOT NULL,
          version       INTEGER NOT NULL,
          revision      INTEGER NOT NULL,
          party_id      TEXT NOT NULL,
          title         TEXT NOT NULL,
          place         TEXT NOT NULL,
          signed_on     TEXT NOT NULL,
          recorded_at   TEXT NOT NULL,
          PRIMARY KEY (convention_id, version, revision)
        ) WITHOUT ROWID;
        CREATE TABLE feed_meetings (
          id          TEXT PRIMARY KEY,
          region_code TEXT NOT NULL,
          date        TEXT NOT NULL,
          place       TEXT NOT NULL,
          status      TEXT NOT NULL,
          updated_at  TEXT NOT NULL
        );
        CREATE INDEX feed_meetings_by_date ON feed_meetings (date, id);
        CREATE TABLE feed_white_zones (
          id     TEXT PRIMARY KEY,
          status TEXT NOT NULL
        );
        CREATE TABLE feed_territory_keys (
          source    TEXT NOT NULL,
          kind      TEXT NOT NULL,
          code      TEXT NOT NULL,
          record_id TEXT NOT NULL,
          PRIMARY KEY (source, kind, code, record_id)
        ) WITHOUT ROWID;`);
    },
    handler(db: ReadModelDatabase) {
      const addKey = db.prepare('INSERT OR IGNORE INTO feed_territory_keys (source, kind, code, record_id) VALUES (?, ?, ?, ?)');
      const keysUnder = (source: FeedSource, id: string, refs: readonly TerritoryRef[]) => {
        for (const ref of refs) for (const key of territories.enclosing(ref)) addKey.run(source, key.kind, key.code, id);
      };
      const projects = projectWriter(db);
      const commitments = commitmentWriter(db);
      const conventions = conventionWriter(db);
      const meetings = meetingWriter(db);
      const addZone = db.prepare(`INSERT INTO feed_white_zones (id, status) VALUES (?, 'identified')`);
      const setZoneStatus = db.prepare('UPDATE feed_white_zones SET status = ? WHERE id = ?');

      return (recorded: RecordedEvent) => {
        const at = recorded.recordedAt;
        // By stream first: both kinds of project share the milestone events.
        const category = categoryOf(recorded.streamId);
        if (category === 'networkProject' && isNetworkProjectEvent(recorded)) {
          if (recorded.type === 'NetworkProjectRegistered') {
            const { projectId, name, departementCodes } = recorded.data;
            const codes = departementCodes.map((code) => `departement:${code}`);
            projects.register('network', projectId, name, codes, departementCodes, at);
            for (const code of departementCodes) addKey.run('network_project', 'departement', code, projectId);
            return;
          }
          projects.touch('network', recorded.data.projectId, at);
          switch (recorded.type) {
            case 'MilestoneAdded':
            case 'MilestonePlanned':
            case 'MilestoneRescheduled':
            case 'MilestoneAchieved':
            case 'MilestoneDropped':
              projects.milestone('network', recorded);
              return;
            case 'NetworkIndicatorsReported': {
              const { projectId, figures } = recorded.data;
              projects.figures(projectId, figures.ftthPremisesPlanned ?? null, figures.ftthPremisesConnectable ?? null);
              return;
            }
            case 'NetworkProjectCompleted':
              projects.status('network', recorded.data.projectId, 'completed');
              return;
            case 'NetworkProjectAbandoned':
              projects.status('network', recorded.data.projectId, 'abandoned');
              return;
            case 'NetworkProjectContractChosen':
            case 'NetworkFinancingRevised':
              return; // only the project's updated_at
            default:
              return assertNever(recorded, 'network project event');
          }
        }
        if (category === 'usageProject' && isUsageProjectEvent(recorded)) {
          if (recorded.type === 'UsageProjectRegistered') {
            const { projectId, title, territories: refs } = recorded.data;
            projects.register('usage', projectId, title, refCodes(refs), [], at);
            keysUnder('usage_project', projectId, refs);
            return;
          }
          projects.touch('usage', recorded.data.projectId, at);
          switch (recorded.type) {
            case 'MilestoneAdded':
            case 'MilestonePlanned':
            case 'MilestoneRescheduled':
            case 'MilestoneAchieved':
            case 'MilestoneDropped':
              projects.milestone('usage', recorded);
              return;
            case 'UsageProjectCompleted':
              projects.status('usage', recorded.data.projectId, 'completed');
              return;
            case 'UsageProjectAbandoned':
              projects.status('usage', recorded.data.projectId, 'abandoned');
              return;
            default:
              return assertNever(recorded, 'usage project event');
          }
        }
        if (category === 'commitment' && isCommitmentEvent(recorded)) {
          const id = recorded.data.commitmentId;
          switch (recorded.type) {
            case 'CommitmentMade': {
              const d = recorded.data;
              commitments.make(id, d.title, d.committingActorId, d.dueDate, refCodes(d.territories), at);
              keysUnder('commitment', id, d.territories);
              return;
            }
            case 'CommitmentRevised':
              commitments.due(recorded.data.dueDate, id);
              break;
            case 'CommitmentFulfilled':
              commitments.status('fulfilled', id);
              break;
            case 'CommitmentWithdrawn':
              commitments.status('withdrawn', id);
              break;
            case 'CommitmentBreached':
              commitments.status('breached', id);
              break;
            case 'CommitmentProgressReported':
            case 'CommitmentAttachedToConvention':
              break;
            default:
              return assertNever(recorded, 'commitment event');
          }
          commitments.touch(at, id);
          return;
        }
        if (category === 'convention' && isConventionEvent(recorded)) {
          const id = recorded.data.conventionId;
          switch (recorded.type) {
            case 'ConventionDrafted': {
              const d = recorded.data;
              conventions.draft(id, d.title, d.scope, at);
              keysUnder(
                'convention',
                id,
                d.scope.map((code) => ({ kind: 'commune', code })),
              );
              return;
            }
            case 'ConventionSigned': {
              const d = recorded.data;
              conventions.sign(id, d.version, recorded.revision, d.partyId, d.signatory.title, d.place, d.signedOn, at);
              break;
            }
            case 'ConventionEnteredIntoForce':
              conventions.inForce(recorded.data.on, id, recorded.data.version);
              break;
            case 'ConventionAmendmentProposed':
              conventions.version(id, recorded.data.version);
              break;
            case 'ConventionTerminated':
            case 'ConventionExpired':
            case 'ConventionDefaultNotified':
            case 'ConventionDefaultReferred':
            case 'ConventionDefaultDecided':
            case 'ConventionDefaultResolved':
              break; // ends and defaults only change the convention's updated_at
            default:
              return assertNever(recorded, 'convention event');
          }
          conventions.touch(at, id);
          return;
        }
        if (category === 'meeting' && isMeetingEvent(recorded)) {
          // Keyed on the meeting the event names, as the commission's read model does.
          const id = recorded.data.meetingId;
          switch (recorded.type) {
            case 'MeetingConvened': {
              const d = recorded.data;
              meetings.convene(id, d.regionCode, d.date, d.place, at);
              return;
            }
            case 'MeetingHeld':
              meetings.status('held', id);
              break;
            case 'MeetingClosed':
              meetings.status('closed', id);
              break;
            case 'AgendaAmended':
            case 'AttendanceRecorded':
            case 'VoteOpened':
            case 'VoteCast':
            case 'DecisionRecorded':
            case 'MinutesPublished':
            case 'MinutesApproved':
              break; // only the meeting's updated_at
            default:
              return assertNever(recorded, 'meeting event');
          }
          meetings.touch(at, id);
          return;
        }
        if (category === 'whiteZone' && isWhiteZoneEvent(recorded)) {
          const id = recorded.data.zoneId;
          switch (recorded.type) {
            case 'WhiteZoneRecorded':
              addZone.run(id);
              keysUnder(
                'white_zone',
                id,
                recorded.data.communeCodes.map((code) => ({ kind: 'commune', code })),
              );
              return;
            case 'WhiteZoneResolutionPlanned':
              setZoneStatus.run('planned', id);
              return;
            case 'WhiteZoneResolved':
              setZoneStatus.run('resolved', id);
              return;
            case 'WhiteZoneEstimateRevised':
              return;
            default:
              return assertNever(recorded, 'white zone event');
          }
        }
      };
    },
  };
}

type ProjectKind = 'network' | 'usage';

function projectWriter(db: ReadModelDatabase) {
  const register = db.prepare(
    `INSERT INTO feed_projects (kind, id, name, status, territory_codes, departement_codes, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?)`,
  );
  const touch = db.prepare('UPDATE feed_projects SET updated_at = ? WHERE kind = ? AND id = ?');
  const status = db.prepare('UPDATE feed_projects SET status = ? WHERE kind = ? AND id = ?');
  const figures = db.prepare(`UPDATE feed_projects SET ftth_planned = ?, ftth_connectable = ? WHERE kind = 'network' AND id = ?`);
  const add = db.prepare(`INSERT INTO feed_milestones (project_kind, project_id, key, label, status) VALUES (?, ?, ?, ?, 'pending')`);
  const plan = db.prepare(`UPDATE feed_milestones SET status = 'planned', planned_date = ? WHERE project_kind = ? AND project_id = ? AND key = ?`);
  const reschedule = db.prepare('UPDATE feed_milestones SET planned_date = ? WHERE project_kind = ? AND project_id = ? AND key = ?');
  const achieve = db.prepare(`UPDATE feed_milestones SET status = 'achieved', achieved_on = ? WHERE project_kind = ? AND project_id = ? AND key = ?`);
  const drop = db.prepare(`UPDATE feed_milestones SET status = 'dropped' WHERE project_kind = ? AND project_id = ? AND key = ?`);
  return {
    register: (kind: ProjectKind, id: string, name: string, codes: string[], departements: readonly string[], at: string) =>
      register.run(kind, id, name, JSON.stringify(codes), JSON.stringify(departements), at),
    touch: (kind: ProjectKind, id: string, at: string) => touch.run(at, kind, id),
    status: (kind: ProjectKind, id: string, value: string) => status.run(value, kind, id),
    figures: (id: string, planned: number | null, connectable: number | null) => figures.run(planned, connectable, id),
    /** Writes a milestone event of the project; false when the event is not one. */
    milestone(kind: ProjectKind, recorded: RecordedEvent): boolean {
      const event = { type: recorded.type, data: recorded.data };
      if (!isMilestoneEvent(event)) return false;
      const { projectId, key } = event.data;
      switch (event.type) {
        case 'MilestoneAdded':
          add.run(kind, projectId, key, event.data.label);
          break;
        case 'MilestonePlanned':
          plan.run(event.data.date, kind, projectId, key);
          break;
        case 'MilestoneRescheduled':
          reschedule.run(event.data.date, kind, projectId, key);
          break;
        case 'MilestoneAchieved':
          achieve.run(event.data.achievedOn, kind, projectId, key);
          break;
        case 'MilestoneDropped':
          drop.run(kind, projectId, key);
          break;
        default:
          return assertNever(event, 'milestone event');
      }
      return true;
    },
  };
}

function commitmentWriter(db: ReadModelDatabase) {
  const make = db.prepare(
    `INSERT INTO feed_commitments (id, title, committing_actor_id, status, due_date, territory_codes, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?)`,
  );
  const due = db.prepare('UPDATE feed_commitments SET due_date = ? WHERE id = ?');
  const status = db.prepare('UPDATE feed_commitments SET status = ? WHERE id = ?');
  const touch = db.prepare('UPDATE feed_commitments SET updated_at = ? WHERE id = ?');
  return {
    make: (id: string, title: string, actorId: string, dueDate: string, codes: string[], at: string) =>
      make.run(id, title, actorId, dueDate, JSON.stringify(codes), at),
    due: (dueDate: string, id: string) => due.run(dueDate, id),
    status: (value: string, id: string) => status.run(value, id),
    touch: (at: string, id: string) => touch.run(at, id),
  };
}

function conventionWriter(db: ReadModelDatabase) {
  const draft = db.prepare('INSERT INTO feed_conventions (id, title, scope, updated_at) VALUES (?, ?, ?, ?)');
  const version = db.prepare('INSERT INTO feed_convention_versions (convention_id, version) VALUES (?, ?)');
  const inForce = db.prepare('UPDATE feed_convention_versions SET in_force_on = ? WHERE convention_id = ? AND version = ?');
  const sign = db.prepare(
    'INSERT INTO feed_signatures (convention_id, version, revision, party_id, title, place, signed_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const touch = db.prepare('UPDATE feed_conventions SET updated_at = ? WHERE id = ?');
  return {
    draft(id: string, title: string, scope: readonly string[], at: string) {
      draft.run(id, title, JSON.stringify(scope), at);
      version.run(id, 1);
    },
    version: (id: string, number: number) => version.run(id, number),
    inForce: (on: string, id: string, number: number) => inForce.run(on, id, number),
    sign: (id: string, number: number, revision: number, partyId: string, title: string, place: string, signedOn: string, at: string) =>
      sign.run(id, number, revision, partyId, title, place, signedOn, at),
    touch: (at: string, id: string) => touch.run(at, id),
  };
}

function meetingWriter(db: ReadModelDatabase) {
  const convene = db.prepare(`INSERT INTO feed_meetings (id, region_code, date, place, status, updated_at) VALUES (?, ?, ?, ?, 'convened', ?)`);
  const status = db.prepare('UPDATE feed_meetings SET status = ? WHERE id = ?');
  const touch = db.prepare('UPDATE feed_meetings SET updated_at = ? WHERE id = ?');
  return {
    convene: (id: string, region: string, date: string, place: string, at: string) => convene.run(id, region, date, place, at),
    status: (value: string, id: string) => status.run(value, id),
    touch: (at: string, id: string) => touch.run(at, id),
  };
}

/** `kind:code` of each territory, as the feeds show them. */
function refCodes(refs: readonly TerritoryRef[]): string[] {
  return refs.map((ref) => `${ref.kind}:${ref.code}`);
}
