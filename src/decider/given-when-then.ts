import { deepStrictEqual, fail } from 'node:assert/strict';
import { fold, type Decider, type DomainEvent } from './decider.js';
import { CommandRejected, type RejectionKind } from './errors.js';

/**
 * Specifications of a decider that read as sentences:
 *   spec.given([made]).when(revise).then([revised])
 *   spec.given([]).when(revise).thenRejects('notFound', /no commitment/)
 * Framework-agnostic (node:assert), so any test runner reports the diff.
 */
export function specificationOf<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    given(history: Event[]) {
      return {
        when(command: Command) {
          const run = () => decider.decide(command, fold(decider, history));
          return {
            then(expected: Event[]): void {
              deepStrictEqual(run(), expected);
            },
            thenState(expected: State): void {
              deepStrictEqual(run().reduce(decider.evolve, fold(decider, history)), expected);
            },
            thenRejects(kind: RejectionKind, message?: RegExp): CommandRejected {
              let outcome: unknown;
              try {
                outcome = run();
              } catch (error) {
                if (!(error instanceof CommandRejected)) throw error;
                deepStrictEqual(error.kind, kind, `expected a ${kind} rejection, got ${error.kind}: ${error.message}`);
                if (message && !message.test(error.message)) fail(`rejection message "${error.message}" does not match ${message}`);
                return error;
              }
              return fail(`expected a ${kind} rejection, but decide returned ${JSON.stringify(outcome)}`);
            },
          };
        },
      };
    },
  };
}
