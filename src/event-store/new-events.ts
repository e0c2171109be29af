import type { NewEvent } from './event-store.js';
import { InvalidAppendError } from './errors.js';
import { canonicalJson } from './hash-chain.js';
import { assertValidStreamId } from './stream-id.js';

/** A new event with data and metadata in canonical JSON: what engines store and hash. */
export interface EncodedEvent {
  id: string;
  type: string;
  dataJson: string;
  metadataJson: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9]{0,99}$/;

/** The checks every engine makes before writing anything, so both refuse the same input. */
export function encodeBatch(streamId: string, events: readonly NewEvent[]): EncodedEvent[] {
  assertValidStreamId(streamId);
  if (events.length === 0) throw new InvalidAppendError('Nothing to append: the batch is empty');
  const encoded = events.map(encodeNewEvent);
  if (new Set(encoded.map((event) => event.id.toLowerCase())).size !== encoded.length) {
    throw new InvalidAppendError('The batch repeats an event id');
  }
  return encoded;
}

function encodeNewEvent(event: NewEvent): EncodedEvent {
  if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new InvalidAppendError('Every event id must be a UUID');
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
    throw new InvalidAppendError(`Invalid event type "${String(event.type).slice(0, 80)}"`);
  }
  if (!event.metadata || typeof event.metadata !== 'object') throw new InvalidAppendError('Every event needs metadata');
  try {
    return { id: event.id, type: event.type, dataJson: canonicalJson(event.data ?? null), metadataJson: canonicalJson(event.metadata) };
  } catch (error) {
    throw new InvalidAppendError(`Event ${event.id} cannot be encoded: ${(error as Error).message}`);
  }
}
