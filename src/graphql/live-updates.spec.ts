import type { RecordedEvent } from '../event-store/event-store.js';
import type { Projections } from '../projections/projections.module.js';
import { LiveUpdates } from './live-updates.js';

/** Projections reduced to what LiveUpdates uses: committed batches fanned out to listeners. */
function fakeProjections() {
  const listeners = new Set<(name: string, events: readonly RecordedEvent[]) => void>();
  return {
    projections: {
      onCommitted(listener: (name: string, events: readonly RecordedEvent[]) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    } as unknown as Projections,
    commit: (name: string, ...types: string[]) =>
      listeners.forEach((l) =>
        l(
          name,
          types.map((type) => ({ type }) as RecordedEvent),
        ),
      ),
    listenerCount: () => listeners.size,
  };
}

describe('LiveUpdates', () => {
  it('delivers the selected events of one projection in order, whether the subscriber waits or lags', async () => {
    const fake = fakeProjections();
    const updates = new LiveUpdates(fake.projections).follow('conventions', (event) => (event.type === 'Skipped' ? undefined : event.type));
    const first = updates.next();
    fake.commit('conventions', 'A', 'Skipped', 'B');
    fake.commit('commitments', 'Other');
    fake.commit('conventions', 'C');
    expect(await first).toEqual({ value: 'A', done: false });
    expect(await updates.next()).toEqual({ value: 'B', done: false });
    expect(await updates.next()).toEqual({ value: 'C', done: false });
  });

  it('stops listening when the subscription closes, and ends a pending wait', async () => {
    const fake = fakeProjections();
    const updates = new LiveUpdates(fake.projections).follow('conventions', (event) => event.type);
    expect(fake.listenerCount()).toBe(1);
    const waiting = updates.next();
    await updates.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(fake.listenerCount()).toBe(0);
    fake.commit('conventions', 'A');
    expect(await updates.next()).toEqual({ value: undefined, done: true });
  });

  it('cuts off a subscriber that falls too far behind, after what it already has, instead of buffering without end', async () => {
    const fake = fakeProjections();
    const updates = new LiveUpdates(fake.projections).follow('conventions', (event) => event.type, 2);
    fake.commit('conventions', 'A', 'B', 'C', 'D');
    expect(fake.listenerCount()).toBe(0);
    expect(await updates.next()).toEqual({ value: 'A', done: false });
    expect(await updates.next()).toEqual({ value: 'B', done: false });
    await expect(updates.next()).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(await updates.next()).toEqual({ value: undefined, done: true });
  });
});
