import type { RecordedEvent } from '../event-store/event-store.js';
import type { KindKey } from './import-kinds.js';
import type { ImportProblem, ImportStep } from './import-plan.js';
import { runSteps, runsOf } from './importer.js';

const step = (kind: KindKey, record: string, row: number): ImportStep => ({
  kind,
  sheet: kind,
  row,
  commandId: `${kind}-${row}`,
  mutation: 'anything',
  as: 'importer',
  occurredAt: '2015-01-01T12:00:00.000Z',
  input: {},
  done: false,
  record,
});

/** Conventions before their signatures; each commitment's progress values in order after it. */
function plan(): ImportStep[] {
  const steps: ImportStep[] = [];
  for (let c = 0; c < 6; c++) steps.push(step('conventions', `convention-${c}`, steps.length + 2));
  for (let c = 0; c < 6; c++) steps.push(step('signatures', `convention-${c}`, steps.length + 2));
  for (let c = 0; c < 12; c++) {
    steps.push(step('commitments', `commitment-${c}`, steps.length + 2));
    for (let p = 0; p < 3; p++) steps.push(step('commitments', `commitment-${c}`, steps.length + 2));
  }
  return steps;
}

/** Runs each step after a random short delay, recording when it started and ended. */
function recorder(refuseRow?: number) {
  let clock = 0;
  let inFlight = 0;
  const log = { maxInFlight: 0, started: new Map<number, number>(), ended: new Map<number, number>() };
  const run = async (s: ImportStep): Promise<ImportProblem | undefined> => {
    log.started.set(s.row, clock++);
    log.maxInFlight = Math.max(log.maxInFlight, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 4)));
    inFlight--;
    log.ended.set(s.row, clock++);
    return s.row === refuseRow ? { sheet: s.sheet, row: s.row, code: 'REFUSED', message: 'refused' } : undefined;
  };
  return { log, run };
}

describe('Import steps run concurrently, dependent rows in order', () => {
  it('overlaps records within a phase, keeps a record’s steps in order and a phase after the previous one', async () => {
    const steps = plan();
    const { log, run } = recorder();
    expect(await runSteps(steps, run, undefined, 4)).toBeUndefined();

    expect(log.started.size).toBe(steps.length);
    expect(log.maxInFlight).toBe(4);
    for (const [i, s] of steps.entries()) {
      for (const earlier of steps.slice(0, i)) {
        // A step starts only once every step of an earlier phase, and the earlier steps of its record, have ended.
        if (earlier.kind !== s.kind || earlier.record === s.record) expect(log.ended.get(earlier.row)!).toBeLessThan(log.started.get(s.row)!);
      }
    }
  });

  it('stops launching at the first refusal and returns it once the steps in flight have ended', async () => {
    const steps = plan();
    const refused = steps.find((s) => s.kind === 'commitments')!.row + 4;
    const { log, run } = recorder(refused);
    const problem = await runSteps(steps, run, undefined, 4);

    expect(problem).toMatchObject({ row: refused, code: 'REFUSED' });
    expect(log.started.size).toBeLessThan(steps.length);
    expect([...log.started.keys()].every((row) => log.ended.has(row))).toBe(true);
  });
});

/** One append of a command: its first event is all runsOf reads (stream and command id). */
const append = (streamId: string, commandId: string): RecordedEvent[] => [{ streamId, metadata: { commandId } } as RecordedEvent];
const runNames = (runs: RecordedEvent[][][]) => runs.map((run) => run.map((a) => `${a[0].metadata.commandId}@${a[0].streamId}`));

describe('The runs the rehearsed events are appended in (one transaction each)', () => {
  it('puts records of one phase side by side, keeps a record’s steps and a stream’s appends in order, and a phase after the one before', () => {
    const steps = [
      step('actors', 'a1', 2),
      step('actors', 'a2', 3),
      step('commitments', 'c1', 2),
      step('commitments', 'c1', 3),
      step('commitments', 'c2', 4),
      step('progress', 'c1', 2),
      step('progress', 'c2', 3),
    ];
    // The rehearsal's log order, with its in-flight interleaving.
    const log = [
      append('actor-a1', 'actors-2'),
      append('actor-a2', 'actors-3'),
      append('commitment-c1', 'commitments-2'),
      append('commitment-c2', 'commitments-4'),
      append('commitment-c1', 'commitments-3'),
      append('commitment-c2', 'progress-3'),
      append('commitment-c1', 'progress-2'),
    ];
    expect(runNames(runsOf(log, { steps }))).toEqual([
      ['actors-2@actor-a1', 'actors-3@actor-a2'],
      ['commitments-2@commitment-c1', 'commitments-4@commitment-c2'],
      ['commitments-3@commitment-c1'],
      ['progress-3@commitment-c2', 'progress-2@commitment-c1'],
    ]);
  });

  it('puts a follow-up (a command the service sent itself) after everything logged before it', () => {
    const steps = [step('meetings', 'm1', 2), step('meetings', 'm2', 3), step('meetings', 'm2', 4)];
    const log = [
      append('meeting-m1', 'meetings-2'),
      append('meeting-m2', 'meetings-3'),
      append('commitment-x', 'follow-up-of-meetings-2'),
      append('meeting-m2', 'meetings-4'),
    ];
    expect(runNames(runsOf(log, { steps }))).toEqual([
      ['meetings-2@meeting-m1', 'meetings-3@meeting-m2', 'follow-up-of-meetings-2@commitment-x'],
      ['meetings-4@meeting-m2'],
    ]);
  });
});
