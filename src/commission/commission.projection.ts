import { assertNever } from '../decider/decider.js';
import { eitherEvent, type Projection, type ReadModelDatabase } from '../projections/projection.js';
import { isCommissionEvent, type CommissionEvent } from './commission.decider.js';
import { isMeetingEvent, type MeetingEvent } from './meeting.decider.js';

/**
 * The commission of each region (`commissions`), its meetings with their agenda and attendance
 * (`meetings`), the decision register (`commission_decisions`, one row per decision, tally and
 * quorum check included) and every version of the minutes (`meeting_minutes`).
 */
export function commissionProjection(): Projection<CommissionEvent | MeetingEvent> {
  return {
    name: 'commission',
    // 2: the decision's occurredAt (its follow-ups are dated by it, not by when it was recorded).
    // 3: the decision's log position, its order (recordedAt ties when concurrent writes share a millisecond).
    version: 3,
    filter: { categories: ['commission', 'meeting'] },
    events: eitherEvent(isCommissionEvent, isMeetingEvent),
    tables: ['commissions', 'meetings', 'commission_decisions', 'meeting_minutes'],
    setup(db) {
      db.exec(`
        CREATE TABLE commissions (
          region_code          TEXT PRIMARY KEY,
          prefect_actor_id     TEXT NOT NULL,
          region_actor_id      TEXT NOT NULL,
          secretariat_actor_id TEXT NOT NULL,
          members              TEXT NOT NULL,
          rules                TEXT NOT NULL,
          revision             INTEGER NOT NULL,
          updated_at           TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE meetings (
          id           TEXT PRIMARY KEY,
          region_code  TEXT NOT NULL,
          date         TEXT NOT NULL,
          place        TEXT NOT NULL,
          status       TEXT NOT NULL,
          agenda       TEXT NOT NULL,
          attendance   TEXT NOT NULL,
          convened_by  TEXT NOT NULL,
          revision     INTEGER NOT NULL,
          updated_at   TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX meetings_by_date ON meetings (region_code, date, id);
        CREATE TABLE commission_decisions (
          id                 TEXT PRIMARY KEY,
          meeting_id         TEXT NOT NULL,
          region_code        TEXT NOT NULL,
          item_id            TEXT NOT NULL,
          kind               TEXT NOT NULL,
          text               TEXT NOT NULL,
          subject            TEXT,
          concerned_actor_id TEXT,
          mode               TEXT NOT NULL,
          outcome            TEXT NOT NULL,
          recorded_by        TEXT NOT NULL,
          meeting_date       TEXT NOT NULL,
          tally              TEXT,
          quorum             TEXT,
          majority           TEXT,
          event_id           TEXT NOT NULL,
          correlation_id     TEXT NOT NULL,
          recorded_at        TEXT NOT NULL,
          occurred_at        TEXT NOT NULL,
          log_position       INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX decisions_by_date ON commission_decisions (meeting_date, id);
        CREATE INDEX decisions_by_meeting ON commission_decisions (meeting_id, log_position);
        CREATE TABLE meeting_minutes (
          meeting_id            TEXT NOT NULL,
          version               INTEGER NOT NULL,
          document_hash         TEXT NOT NULL,
          published_at          TEXT NOT NULL,
          approved_by_decision  TEXT,
          PRIMARY KEY (meeting_id, version)
        ) WITHOUT ROWID;`);
    },
    handler(db: ReadModelDatabase) {
      const constitute = db.prepare(
        `INSERT INTO commissions (region_code, prefect_actor_id, region_actor_id, secretariat_actor_id, members, rules, revision, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const getMembers = db.prepare('SELECT members FROM commissions WHERE region_code = ?').pluck();
      const setMembers = db.prepare('UPDATE commissions SET members = ?, revision = ?, updated_at = ? WHERE region_code = ?');
      const setRules = db.prepare('UPDATE commissions SET rules = ?, revision = ?, updated_at = ? WHERE region_code = ?');
      const convene = db.prepare(
        `INSERT INTO meetings (id, region_code, date, place, status, agenda, attendance, convened_by, revision, updated_at)
         VALUES (?, ?, ?, ?, 'convened', ?, '[]', ?, ?, ?)`,
      );
      const setAgenda = db.prepare('UPDATE meetings SET agenda = ?, revision = ?, updated_at = ? WHERE id = ?');
      const getAttendance = db.prepare('SELECT attendance FROM meetings WHERE id = ?').pluck();
      const setAttendance = db.prepare('UPDATE meetings SET attendance = ?, revision = ?, updated_at = ? WHERE id = ?');
      const setStatus = db.prepare('UPDATE meetings SET status = ?, revision = ?, updated_at = ? WHERE id = ?');
      const touch = db.prepare('UPDATE meetings SET revision = ?, updated_at = ? WHERE id = ?');
      const addDecision = db.prepare(
        `INSERT INTO commission_decisions (id, meeting_id, region_code, item_id, kind, text, subject, concerned_actor_id, mode, outcome, recorded_by, meeting_date, tally, quorum, majority, event_id, correlation_id, recorded_at, occurred_at, log_position)
         VALUES (@decisionId, @meetingId, @regionCode, @itemId, @kind, @text, @subject, @concerned, @mode, @outcome, @recordedBy, @meetingDate, @tally, @quorum, @majority, @eventId, @correlationId, @at, @occurredAt, @position)`,
      );
      const addMinutes = db.prepare('INSERT INTO meeting_minutes (meeting_id, version, document_hash, published_at) VALUES (?, ?, ?, ?)');
      const approveMinutes = db.prepare('UPDATE meeting_minutes SET approved_by_decision = ? WHERE meeting_id = ? AND version = ?');

      return (event) => {
        const at = event.recordedAt;
        const { revision } = event;
        switch (event.type) {
          case 'CommissionConstituted': {
            const d = event.data;
            constitute.run(
              d.regionCode,
              d.prefectActorId,
              d.regionActorId,
              d.secretariatActorId,
              JSON.stringify(d.members),
              JSON.stringify(d.rules),
              revision,
              at,
            );
            break;
          }
          case 'MemberAdmitted':
          case 'MemberRemoved':
          case 'RepresentativesNamed': {
            const d = event.data;
            let members = JSON.parse(getMembers.get(d.regionCode) as string) as { actorId: string; representatives: string[] }[];
            if (event.type === 'MemberAdmitted') members.push(event.data.member);
            else if (event.type === 'MemberRemoved') members = members.filter((m) => m.actorId !== event.data.actorId);
            else members = members.map((m) => (m.actorId === event.data.actorId ? { ...m, representatives: event.data.representatives } : m));
            setMembers.run(JSON.stringify(members), revision, at, d.regionCode);
            break;
          }
          case 'DecisionRulesChanged':
            setRules.run(JSON.stringify(event.data.rules), revision, at, event.data.regionCode);
            break;
          case 'MeetingConvened': {
            const d = event.data;
            convene.run(d.meetingId, d.regionCode, d.date, d.place, JSON.stringify(d.agenda), d.convenedBy, revision, at);
            break;
          }
          case 'AgendaAmended':
            setAgenda.run(JSON.stringify(event.data.agenda), revision, at, event.data.meetingId);
            break;
          case 'AttendanceRecorded': {
            const { meetingId, ...attendance } = event.data;
            const list = (JSON.parse(getAttendance.get(meetingId) as string) as { memberActorId: string }[]).filter(
              (a) => a.memberActorId !== attendance.memberActorId,
            );
            setAttendance.run(JSON.stringify([...list, attendance]), revision, at, meetingId);
            break;
          }
          case 'MeetingHeld':
            setStatus.run('held', revision, at, event.data.meetingId);
            break;
          case 'MeetingClosed':
            setStatus.run('closed', revision, at, event.data.meetingId);
            break;
          case 'VoteOpened':
          case 'VoteCast':
            touch.run(revision, at, event.data.meetingId);
            break;
          case 'DecisionRecorded': {
            const d = event.data;
            const subject = d.subject;
            const concerned = subject && 'actorId' in subject ? subject.actorId : null;
            addDecision.run({
              ...d,
              subject: subject && JSON.stringify(subject),
              concerned,
              tally: d.tally && JSON.stringify(d.tally),
              quorum: d.quorum && JSON.stringify(d.quorum),
              eventId: event.id,
              correlationId: event.metadata.correlationId,
              at,
              occurredAt: event.metadata.occurredAt,
              position: event.position,
            });
            touch.run(revision, at, d.meetingId);
            break;
          }
          case 'MinutesPublished':
            addMinutes.run(event.data.meetingId, event.data.version, event.data.documentHash, at);
            touch.run(revision, at, event.data.meetingId);
            break;
          case 'MinutesApproved':
            approveMinutes.run(event.data.decisionId, event.data.meetingId, event.data.version);
            touch.run(revision, at, event.data.meetingId);
            break;
          default:
            assertNever(event, 'event');
        }
      };
    },
  };
}
