import fc from 'fast-check';
import Database from 'better-sqlite3';
import { CommandRejected } from '../decider/errors.js';
import { recordedEvents } from '../../test/fixtures/projection-spec.js';
import { StatementCache } from '../projections/statement-cache.js';
import { daysBetween } from '../shared/calendar-date.js';
import { milestoneTimeline } from './milestone-timeline.js';
import { milestoneHandler, setupMilestoneTables } from './milestone.projection.js';
import { decideMilestone, evolveMilestones, proposedMilestones, type MilestoneCommand, type MilestoneEvent, type MilestonesState } from './milestones.js';

const KEYS = ['a', 'b', 'c'];
const day = (n: number) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const TODAY = day(300);

const command: fc.Arbitrary<MilestoneCommand> = fc.oneof(
  fc.record({ type: fc.constant('PlanMilestone' as const), key: fc.constantFrom(...KEYS), date: fc.integer({ min: 0, max: 600 }).map(day) }),
  fc.record({
    type: fc.constant('RescheduleMilestone' as const),
    key: fc.constantFrom(...KEYS),
    date: fc.integer({ min: 0, max: 600 }).map(day),
    reason: fc.constant('moved'),
  }),
  fc.record({
    type: fc.constant('AchieveMilestone' as const),
    key: fc.constantFrom(...KEYS),
    achievedOn: fc.integer({ min: 0, max: 300 }).map(day),
    evidenceHash: fc.constant('d'.repeat(64)),
    today: fc.constant(TODAY),
  }),
  fc.record({ type: fc.constant('DropMilestone' as const), key: fc.constantFrom(...KEYS), reason: fc.constant('not needed') }),
);

describe('Milestone timeline read model', () => {
  it('is the fold of the milestone events, with lateness and slippage derived from today (property)', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        const db = new Database(':memory:');
        setupMilestoneTables(db, 'test');
        const handle = milestoneHandler(db, 'test');
        let revision = 0;
        const append = (event: MilestoneEvent) => {
          const [recorded] = recordedEvents([{ ...event, streamId: 'testProject-p', recordedAt: '2020-01-01T00:00:00.000Z' }]);
          return handle({ ...recorded, ...event, revision, position: BigInt(++revision) });
        };
        let state: MilestonesState = [];
        const firstPlanned = new Map<string, string>();
        for (const event of proposedMilestones(
          'p',
          KEYS.map((key) => ({ key, label: key })),
        )) {
          append(event);
          state = evolveMilestones(state, event);
        }
        for (const c of commands) {
          let events: MilestoneEvent[] = [];
          try {
            events = decideMilestone(c, state, 'p', day(0));
          } catch (error) {
            if (!(error instanceof CommandRejected)) throw error;
          }
          for (const event of events) {
            append(event);
            state = evolveMilestones(state, event);
            if (event.type === 'MilestonePlanned') firstPlanned.set(event.data.key, event.data.date);
          }
        }
        const timeline = milestoneTimeline(new StatementCache(db), 'test', 'p', TODAY);
        expect(timeline.map((m) => m.key)).toEqual([...state].sort((a, b) => a.order - b.order).map((m) => m.key));
        for (const row of timeline) {
          const m = state.find((s) => s.key === row.key)!;
          expect({ status: row.status, plannedDate: row.plannedDate, achievedOn: row.achievedOn }).toEqual({
            status: m.status,
            plannedDate: m.plannedDate,
            achievedOn: m.achievedOn,
          });
          expect(row.dates.map((d) => d.date)).toEqual(m.plannedDate === null ? [] : [...m.previousDates.map((p) => p.date), m.plannedDate]);
          expect(row.late).toBe(m.status === 'planned' && m.plannedDate! < TODAY);
          const first = firstPlanned.get(m.key);
          const expected =
            first === undefined || m.status === 'dropped'
              ? null
              : daysBetween(first, m.status === 'achieved' ? m.achievedOn! : row.late ? TODAY : m.plannedDate!);
          expect(row.slippageDays).toBe(expected);
        }
        db.close();
      }),
      { numRuns: 60 },
    );
  });
});
