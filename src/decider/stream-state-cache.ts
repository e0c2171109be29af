/**
 * The folded state of recently used streams, so a command does not reload and re-fold its stream's
 * whole history. An entry is only a hint: the command handler uses it when the stream's head, read
 * before deciding, is still the event the entry was folded up to (same revision, same event id), so an
 * append by another process or another store handle, a lost race or a replaced store file makes it
 * reload. Bounded: least recently used entries leave first.
 */
export interface CachedStreamState {
  revision: number;
  /** Id of the stream's last event when folded: a store file restored or rebuilt under us differs here. */
  headEventId: string;
  state: unknown;
  /**
   * For an engine with no index by event id (EventStoreDB): the command ids already in the stream, so a
   * retry is recognised without reading the stream. Only grows while the entry is valid.
   */
  commandIds?: Set<string>;
}

export class StreamStateCache {
  private readonly entries = new Map<string, CachedStreamState>();

  /** `maxStreams` 0 turns the cache off (every command reloads its stream, as before). */
  constructor(readonly maxStreams: number) {
    if (!Number.isInteger(maxStreams) || maxStreams < 0) throw new RangeError('maxStreams must be a non-negative integer');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedStreamState | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Map keeps insertion order: re-inserting marks it most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedStreamState): void {
    if (this.maxStreams === 0) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxStreams) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
