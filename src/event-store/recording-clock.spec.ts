import { RecordingClock } from './recording-clock.js';

describe('RecordingClock', () => {
  it('is the system clock unless simulated, and a simulated time only moves forward', () => {
    const clock = new RecordingClock();
    expect(clock.simulating).toBe(false);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1_000);
    clock.simulate(new Date('2015-03-10T10:00:00Z'));
    clock.simulate(new Date('2014-01-01T00:00:00Z'));
    expect(clock.simulating).toBe(true);
    expect(clock.now().toISOString()).toBe('2015-03-10T10:00:00.000Z');
    clock.simulate(new Date('2016-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2016-01-01T00:00:00.000Z');
    clock.release();
    expect(clock.simulating).toBe(false);
    expect(clock.now().getFullYear()).toBeGreaterThan(2020);
  });
});
