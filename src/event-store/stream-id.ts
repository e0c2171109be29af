import { InvalidAppendError } from './errors.js';

/** `<category>-<id>`: category in camelCase letters/digits (no dash), id of safe characters. */
/** `<category>-<id>`; also the edge validation of stream ids in GraphQL arguments. */
export const STREAM_ID = /^[a-zA-Z][a-zA-Z0-9]*-[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

export function assertValidStreamId(streamId: string): void {
  if (!STREAM_ID.test(streamId)) {
    throw new InvalidAppendError(`Invalid stream id "${streamId.slice(0, 80)}": expected <category>-<id>, category without dash`);
  }
}
