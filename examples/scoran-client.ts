/**
 * A small SCORAN Ledger client for integrators: plain `fetch` for queries, mutations and report
 * downloads, `graphql-ws` for live updates. No framework, no code generation. Copy and adapt.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** An error the API returned, with its code (BAD_USER_INPUT, FORBIDDEN, CONFLICT, ...). */
export class ScoranApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(`${code}: ${message}`);
    this.name = 'ScoranApiError';
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; fields?: string[] } }[];
}

export interface ScoranClientOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** A bearer token (development: `npm run token -- --actor cd-44 --role representative`). */
  token?: string;
  /** How many times a command is re-sent after a network failure or a 5xx (same commandId: never applied twice). */
  retries?: number;
}

export class ScoranClient {
  private ws?: Client;

  constructor(private readonly options: ScoranClientOptions) {}

  /** A query or mutation; throws ScoranApiError on the first error. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.options.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    if (response.status >= 500) throw new ScoranApiError('INTERNAL', `HTTP ${response.status}`);
    const body = (await response.json()) as GraphQLBody<T>;
    const [error] = body.errors ?? [];
    if (error) throw new ScoranApiError(error.extensions?.code ?? 'INTERNAL', error.message, error.extensions?.fields ?? []);
    return body.data as T;
  }

  /**
   * A mutation whose `input` gets a fresh `commandId` once; on a network failure or a server error
   * it is sent again with the same id, so the service applies it at most once and returns the
   * first result. Typed errors (bad input, forbidden, conflict) are not retried.
   */
  async command<T>(mutation: string, input: Record<string, unknown>): Promise<T> {
    const withId = { commandId: randomUUID(), ...input };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request<T>(mutation, { input: withId });
      } catch (error) {
        const retriable = !(error instanceof ScoranApiError) || error.code === 'INTERNAL';
        if (!retriable || attempt >= (this.options.retries ?? 3)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }

  /** Follows a subscription; returns the function that stops it. */
  subscribe<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void, onError: (error: unknown) => void = () => {}): () => void {
    this.ws ??= createClient({
      url: `${this.options.baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: this.options.token ? { authorization: `Bearer ${this.options.token}` } : {},
      lazy: true,
    });
    return this.ws.subscribe<T>(
      { query, variables },
      { next: (message) => message.data && onData(message.data as T), error: onError, complete: () => {} },
    );
  }

  /** A report download: `json`, `html`, `pdf`, or a table's CSV; with the SHA-256 the service states. */
  async report(region: string, semester: string, format: 'json' | 'html' | 'pdf' | { csv: string }): Promise<{ body: Buffer; sha256: string }> {
    const path = typeof format === 'string' ? `report.${format}` : `tables/${format.csv}.csv`;
    const response = await fetch(`${this.options.baseUrl}/reports/${region}/${semester}/${path}`, {
      headers: this.options.token ? { authorization: `Bearer ${this.options.token}` } : {},
    });
    if (!response.ok) {
      const { error } = (await response.json()) as { error: { code: string; message: string; fields?: string[] } };
      throw new ScoranApiError(error.code, error.message, error.fields);
    }
    return { body: Buffer.from(await response.arrayBuffer()), sha256: response.headers.get('x-report-sha256') ?? '' };
  }

  async close(): Promise<void> {
    await this.ws?.dispose();
  }
}
