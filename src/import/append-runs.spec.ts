import type { RecordedEvent } from '../event-store/event-store.js';
import type { KindKey } from './import-kinds.js';
import type { ImportStep } from './import-plan.js';
import { runsOf } from './importer.js';

const step = (kind: KindKey, record: string, commandId: string): ImportStep => ({
  kind,
  sheet: kind,
  row: 2,
  commandId,
  mutation: 'anything',
  as: 'importer',
  occurredAt: '2015-01-01T12:00:00.000Z',
  input: {},
  done: false,
  record,
});

/** One append of a command: its first event is all runsOf reads (stream and command id). */
const append = (streamId: string, commandId: string): RecordedEvent[] => [{ streamId, metadata: { commandId } } as RecordedEvent];

const names = (runs: RecordedEvent[][][]) => runs.map((run) => run.map((a) => `${a[0].metadata.commandId}@${a[0].streamId}`));

describe('The runs the rehearsed events are appended in', () => {
  it('puts records of one phase side by side, keeps a record’s steps and a stream’s appends in order, and a phase after the one before', () => {
    const steps = [
      step('actors', 'a1', 'actor-1'),
      step('actors', 'a2', 'actor-2'),
      step('commitments', 'c1', 'make-1'),
      step('commitments', 'c1', 'revise-1'),
      step('commitments', 'c2', 'make-2'),
      step('progress', 'c1', 'progress-1'),
      step('progress', 'c2', 'progress-2'),
    ];
    // The rehearsal's log order, with its 16-in-flight interleaving.
    const log = [
      append('actor-a1', 'actor-1'),
      append('actor-a2', 'actor-2'),
      append('commitment-c1', 'make-1'),
      append('commitment-c2', 'make-2'),
      append('commitment-c1', 'revise-1'),
      append('commitment-c2', 'progress-2'),
      append('commitment-c1', 'progress-1'),
    ];
    expect(names(runsOf(log, { steps }))).toEqual([
      ['actor-1@actor-a1', 'actor-2@actor-a2'],
      ['make-1@commitment-c1', 'make-2@commitment-c2'],
      ['revise-1@commitment-c1'],
      ['progress-2@commitment-c2', 'progress-1@commitment-c1'],
    ]);
  });

  it('puts a follow-up (a command the service sent itself) after everything logged before it', () => {
    const steps = [step('meetings', 'm1', 'decide-1'), step('meetings', 'm2', 'decide-2'), step('meetings', 'm2', 'close-2')];
    const log = [
      append('meeting-m1', 'decide-1'),
      append('meeting-m2', 'decide-2'),
      append('commitment-x', 'follow-up-of-decide-1'),
      append('meeting-m2', 'close-2'),
    ];
    expect(names(runsOf(log, { steps }))).toEqual([
      ['decide-1@meeting-m1', 'decide-2@meeting-m2', 'follow-up-of-decide-1@commitment-x'],
      ['close-2@meeting-m2'],
    ]);
  });
});
