import type { KindKey } from './import-kinds.js';
import type { ImportProblem, ImportStep } from './import-plan.js';
import { runSteps } from './importer.js';

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
