import { refusalText, type Refusal, type RefusalLang } from './refusals.js';

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
    /** Its code and parameters, when the site names one (see refusals.ts). */
    readonly refusal?: Refusal,
  ) {
    super(message);
    this.name = 'CommandRejected';
  }
}

/** A refusal as an English message (the API's text) or as a catalogued code with its parameters. */
type Reason = string | Refusal;

const rejected = (kind: RejectionKind, reason: Reason, fields: string[] = []) =>
  typeof reason === 'string' ? new CommandRejected(kind, reason, fields) : new CommandRejected(kind, refusalText(reason, 'en'), fields, reason);

export const invalid = (reason: Reason, ...fields: string[]) => rejected('invalid', reason, fields);
export const forbidden = (reason: Reason) => rejected('forbidden', reason);
export const notFound = (reason: Reason) => rejected('notFound', reason);
export const conflict = (reason: Reason) => rejected('conflict', reason);

/** The refusal's sentence for a user: catalogued ones in `lang`, the rest in their English message. */
export function rejectionText(error: Error, lang: RefusalLang): string {
  return error instanceof CommandRejected && error.refusal ? refusalText(error.refusal, lang) : error.message;
}

/** A command id sent again with another payload (or for another stream). */
export class CommandIdReusedError extends CommandRejected {
  constructor(readonly commandId: string) {
    super('conflict', `Command id ${commandId} was already used for a different command`);
    this.name = 'CommandIdReusedError';
  }
}
