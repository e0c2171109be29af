import fc from 'fast-check';
import { CommandRejected } from '../decider/errors.js';
import { decideMilestone, evolveMilestones, proposedMilestones, type MilestoneCommand, type MilestoneEvent, type MilestonesState } from './milestones.js';

const KEYS = ['a', 'b', 'c', 'd'];
const HASH = 'b'.repeat(64);
const day = (n: number) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const command: fc.Arbitrary<MilestoneCommand> = fc.oneof(
  fc.record({ type: fc.constant('PlanMilestone' as const), key: fc.constantFrom(...KEYS), date: fc.integer({ min: 0, max: 900 }).map(day) }),
  fc.record({
    type: fc.constant('RescheduleMilestone' as const),
    key: fc.constantFrom(...KEYS),
    date: fc.integer({ min: 0, max: 900 }).map(day),
    reason: fc.constantFrom('late', ' '),
  }),
  fc.record({
    type: fc.constant('AchieveMilestone' as const),
    key: fc.constantFrom(...KEYS),
    achievedOn: fc.integer({ min: -30, max: 500 }).map(day),
    evidenceHash: fc.constant(HASH),
    today: fc.constant(day(400)),
  }),
  fc.record({ type: fc.constant('DropMilestone' as const), key: fc.constantFrom(...KEYS), reason: fc.constant('not needed') }),
  fc.record({
    type: fc.constant('AddMilestone' as const),
    key: fc.constantFrom('e', 'f', 'a'),
    label: fc.constant('Extra'),
    afterKey: fc.option(fc.constantFrom(...KEYS), { nil: undefined }),
  }),
);

/** The timeline rebuilt from the events alone, the way a projection sees them. */
function timelineFromEvents(events: MilestoneEvent[]) {
  const rows = new Map<string, { order: number; status: string; plannedDate: string | null; previous: string[]; achievedOn: string | null }>();
  for (const event of events) {
    const row = rows.get(event.data.key);
    switch (event.type) {
      case 'MilestoneAdded':
        rows.set(event.data.key, { order: event.data.order, status: 'pending', plannedDate: null, previous: [], achievedOn: null });
        break;
      case 'MilestonePlanned':
        Object.assign(row!, { status: 'planned', plannedDate: event.data.date });
        break;
      case 'MilestoneRescheduled':
        row!.previous.push(event.data.previousDate);
        row!.plannedDate = event.data.date;
        break;
      case 'MilestoneAchieved':
        Object.assign(row!, { status: 'achieved', achievedOn: event.data.achievedOn });
        break;
      case 'MilestoneDropped':
        row!.status = 'dropped';
        break;
    }
  }
  return rows;
}

describe('Milestone machinery (shared by every kind of project)', () => {
  it('the timeline is the fold of its events, and the rules hold for any command sequence (property)', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        const events: MilestoneEvent[] = proposedMilestones(
          'p',
          KEYS.map((key) => ({ key, label: key.toUpperCase() })),
        );
        let state: MilestonesState = events.reduce(evolveMilestones, []);
        for (const c of commands) {
          let decided: MilestoneEvent[] = [];
          try {
            decided = decideMilestone(c, state, 'p', day(0));
          } catch (error) {
            if (!(error instanceof CommandRejected)) throw error;
          }
          for (const event of decided) {
            if (event.type === 'MilestoneAchieved') {
              expect(event.data.achievedOn >= day(0) && event.data.achievedOn <= day(400)).toBe(true);
              const earlierOpen = state.filter(
                (m) => m.order < state.find((x) => x.key === event.data.key)!.order && (m.status === 'pending' || m.status === 'planned'),
              );
              expect(event.data.outOfOrder).toBe(earlierOpen.length > 0);
            }
            if (event.type === 'MilestoneRescheduled') expect(event.data.reason.trim()).not.toBe('');
          }
          events.push(...decided);
          state = decided.reduce(evolveMilestones, state);
        }
        const rebuilt = timelineFromEvents(events);
        expect(state.length).toBe(rebuilt.size);
        for (const m of state) {
          const row = rebuilt.get(m.key)!;
          expect({
            order: m.order,
            status: m.status,
            plannedDate: m.plannedDate,
            previous: m.previousDates.map((p) => p.date),
            achievedOn: m.achievedOn,
          }).toEqual(row);
        }
        expect(new Set(state.map((m) => m.order)).size).toBe(state.length);
      }),
    );
  });
});
