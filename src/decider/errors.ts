/**
 * Why a command was refused. The API maps `kind` to its error codes
 * (invalid → BAD_USER_INPUT, forbidden → FORBIDDEN, notFound → NOT_FOUND, conflict → CONFLICT).
 */
export type RejectionKind = 'invalid' | 'forbidden' | 'notFound' | 'conflict';

export class CommandRejected extends Error {
  constructor(
    readonly kind: RejectionKind,
    message: string,
    /** Input field paths at fault, for `invalid`. */
    readonly fields: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CommandRejected';
  }
}

export const invalid = (message: string, ...fields: string[]) => new CommandRejected('invalid', message, fields);
export const forbidden = (message: string) => new CommandRejected('forbidden', message);
export const notFound = (message: string) => new CommandRejected('notFound', message);
export const conflict = (message: string) => new CommandRejected('conflict', message);

/** A command id sent again with another payload (or for another stream). */
export class CommandIdReusedError extends CommandRejected {
  constructor(readonly commandId: string) {
    super('conflict', `Command id ${commandId} was already used for a different command`);
    this.name = 'CommandIdReusedError';
  }
}
