import type { RecordedEvent } from '../event-store/event-store.js';
import { commitmentDecider } from '../commitments/commitment.decider.js';
import { diffStates, EntityStates } from './entity-states.js';

const event = (revision: number, type: string, data: Record<string, unknown>, occurredAt: string, recordedAt: string): RecordedEvent => ({
  id: `e${revision}`,
  streamId: 'commitment-a',
  revision,
  position: BigInt(10 + revision * 10),
  type,
  data,
  metadata: { commandId: `c${revision}`, correlationId: `c${revision}`, causationId: `c${revision}`, principal: 'p', occurredAt, schemaVersion: 1 },
  recordedAt,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

const target = (quantity: number) => ({ quantity, unit: 'ftth_premises' });
const made = {
  commitmentId: 'a',
  committingActorId: 'sfr',
  subject: 'fixed_coverage',
  title: 'FttH',
  target: target(100),
  dueDate: '2030-12-31',
  territories: [],
  stemsFrom: null,
  madeOn: '2026-01-10',
};
const events = [
  event(0, 'CommitmentMade', made, '2026-01-10T10:00:00Z', '2026-01-10T10:00:01.000Z'),
  // Recorded late (in March) about a revision that took effect in February.
  event(
    1,
    'CommitmentRevised',
    { commitmentId: 'a', target: target(150), dueDate: '2030-12-31', reason: 'Avenant' },
    '2026-02-01T10:00:00Z',
    '2026-03-15T09:00:00.000Z',
  ),
  event(2, 'CommitmentFulfilled', { commitmentId: 'a', note: null }, '2026-04-01T10:00:00Z', '2026-04-01T10:00:05.000Z'),
];

describe('Entity states (time travel)', () => {
  const states = new EntityStates();
  states.register('commitment', commitmentDecider);

  it('folds the events known at a recorded time, effective at an occurred time, or up to a position', () => {
    const knownEndOfFebruary = states.snapshot('commitment-a', 'commitment', events, { recordedAt: '2026-02-28T23:59:59.000Z' });
    expect(knownEndOfFebruary).toMatchObject({ exists: true, revision: 0, eventCount: 1, state: { status: 'active', target: target(100) } });
    const effectiveEndOfFebruary = states.snapshot('commitment-a', 'commitment', events, { occurredAt: '2026-02-28T23:59:59+01:00' });
    expect(effectiveEndOfFebruary).toMatchObject({ revision: 1, state: { target: target(150) }, attributes: { reason: 'Avenant', title: 'FttH' } });
    expect(states.snapshot('commitment-a', 'commitment', events, { position: 30n })).toMatchObject({ revision: 2, state: { status: 'fulfilled' } });
    expect(states.snapshot('commitment-a', 'commitment', events, { position: 5n })).toMatchObject({
      exists: false,
      revision: -1,
      lastEvent: null,
      state: { status: 'none' },
    });
  });

  it('refuses a category without a decider and a second registration', () => {
    expect(() => states.snapshot('meeting-1', 'meeting', [], { position: 1n })).toThrow('No decider registered for stream category meeting');
    expect(() => states.register('commitment', commitmentDecider)).toThrow('already registered');
  });

  it('lists leaf differences by path', () => {
    expect(diffStates({ status: 'active', target: target(100), ids: ['x'] }, { status: 'fulfilled', target: target(150), ids: ['x', 'y'], note: 'n' })).toEqual(
      [
        { path: 'ids[1]', before: null, after: 'y' },
        { path: 'note', before: null, after: 'n' },
        { path: 'status', before: 'active', after: 'fulfilled' },
        { path: 'target.quantity', before: 100, after: 150 },
      ],
    );
    expect(diffStates({ a: 1 }, { a: 1 })).toEqual([]);
    expect(diffStates(null, { a: 1 }, 'state')).toEqual([{ path: 'state', before: null, after: { a: 1 } }]);
  });
});
