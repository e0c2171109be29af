import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../shared/principal.js';
import type { ImportBatchRef } from '../event-store/event-store.js';

/** What the logs and the error mapping know about the request being served. */
export interface RequestContext {
  requestId: string;
  principal?: Principal;
  commandId?: string;
  operationName?: string;
  /** Set by the importer around each row's mutation: the commands it leads to carry it in their metadata. */
  importBatch?: ImportBatchRef;
  /** query, mutation or subscription, once the GraphQL operation is resolved. */
  operationType?: string;
  /** The first GraphQL error code of the response (metrics label). */
  errorCode?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
