import DataLoader from 'dataloader';

/**
 * Batches the loads one GraphQL request makes in the same tick into one call of `batch` (the N+1 of
 * nested fields on a page: one query for the whole page instead of one per row). One DataLoader per
 * GraphQL context (per HTTP request; per operation or connection over WebSocket), kept in a WeakMap
 * so it goes with the request. No memoisation (`cache: false`): a later mutation in the same document,
 * or the next event of a subscription, reads the rows as they are then (read your writes).
 */
export class PerRequestLoader<K, V> {
  private readonly loaders = new WeakMap<object, DataLoader<K, V>>();

  /** `batch` answers one value per key, in the keys' order. */
  constructor(private readonly batch: (keys: readonly K[]) => V[]) {}

  load(context: object, key: K): Promise<V> {
    let loader = this.loaders.get(context);
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => Promise.resolve(this.batch(keys)), { cache: false });
      this.loaders.set(context, loader);
    }
    return loader.load(key);
  }
}
