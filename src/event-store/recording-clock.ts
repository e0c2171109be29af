/**
 * The clock the event store stamps `recordedAt` with. It is the system clock, except while the demo
 * loader replays a region's history into an empty store (`src/demo/`): it then sets the clock to each
 * act's `occurredAt`, in chronological order, so that reports "as known at the cut-off" of past
 * semesters have content. The store never lets recorded times go backwards, so releasing the clock
 * simply resumes at the real time. Nothing else ever simulates it (docs/architecture.md, "Demo data").
 */
export class RecordingClock {
  private simulated?: Date;

  readonly now = (): Date => (this.simulated ? new Date(this.simulated.getTime()) : new Date());

  /** Whether a simulated time is set (background jobs that record by themselves wait meanwhile). */
  get simulating(): boolean {
    return this.simulated !== undefined;
  }

  /** Sets the time to record at; it only moves forward. */
  simulate(at: Date): void {
    if (Number.isNaN(at.getTime())) throw new Error('Invalid simulated time');
    if (!this.simulated || at.getTime() > this.simulated.getTime()) this.simulated = at;
  }

  release(): void {
    this.simulated = undefined;
  }
}

export const RECORDING_CLOCK = Symbol('RECORDING_CLOCK');
