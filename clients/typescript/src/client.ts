import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { errorFromResponse, InternalError, NetworkError, ScoranError, type GraphQLErrorShape } from './errors.js';

/** A token, or a function giving the current one (called before each request and each connection). */
export type TokenProvider = string | undefined | (() => string | undefined | Promise<string | undefined>);

export interface ScoranClientOptions {
  /** The service's base URL, e.g. http://127.0.0.1:3000 (the GraphQL path is /graphql). */
  url: string;
  token?: TokenProvider;
  /** Attempts after the first for a command that met a network error or a 5xx (default 3). */
  retries?: number;
  /** Delay before retry n (0-based), in ms; default 200 · 2ⁿ. */
  retryDelay?: (attempt: number) => number;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** A WebSocket class for subscriptions where there is no global one (Node 20: `import WebSocket from 'ws'`). */
  webSocketImpl?: unknown;
  /** Generates command ids; defaults to crypto.randomUUID. */
  newCommandId?: () => string;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

/** A connection as the API pages it. */
export interface ConnectionShape<Node> {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: readonly { node: Node }[];
}

export interface ReportDownload {
  body: Uint8Array;
  contentType: string;
  /** SHA-256 of the report's canonical JSON (the same for every format). */
  sha256: string;
  /** The log position the report was generated at. */
  position: string;
  /** True while the semester's cut-off is ahead. */
  provisional: boolean;
}

/** Variables of a command mutation: one `input` carrying its `commandId`. */
type CommandVariables = { input: { commandId: string } };
/** What the caller gives: the input without `commandId` (generated) or with one (to resend a command). */
export type CommandInput<V extends CommandVariables> = Omit<V['input'], 'commandId'> & { commandId?: string };

const printed = new WeakMap<DocumentNode, string>();
function textOf(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

function operationNameOf(document: DocumentNode): string | undefined {
  for (const definition of document.definitions) if (definition.kind === 'OperationDefinition') return definition.name?.value;
  return undefined;
}

/** Whether a failed command may be sent again with the same commandId. */
function isRetriable(error: unknown): boolean {
  return error instanceof NetworkError || error instanceof InternalError;
}

/**
 * The SCORAN Ledger client: typed operations over fetch, subscriptions over graphql-ws.
 * Documents come from the generated operations (`@scoran/ledger-client/operations`) or your own
 * TypedDocumentNode.
 */
export class ScoranClient {
  private readonly endpoint: string;
  private readonly fetchImpl: typeof fetch;
  private ws?: WsClient;

  constructor(private readonly options: ScoranClientOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/graphql`;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (!fetchImpl) throw new Error('No fetch available: give options.fetch');
    this.fetchImpl = fetchImpl.bind(globalThis);
  }

  private async token(): Promise<string | undefined> {
    const { token } = this.options;
    return typeof token === 'function' ? await token() : token;
  }

  /** One GraphQL request over HTTP. Throws a ScoranError subclass, or NetworkError. */
  async execute<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables?: Variables): Promise<Data> {
    const token = await this.token();
    let response: Response;
    try {
      response = await this.fetchImpl(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: textOf(document), operationName: operationNameOf(document), variables: variables ?? {} }),
      });
    } catch (error) {
      throw new NetworkError(`Could not reach ${this.endpoint}: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    let body: GraphQLResponse<Data>;
    try {
      body = (await response.json()) as GraphQLResponse<Data>;
    } catch (error) {
      throw new NetworkError(`HTTP ${response.status} from ${this.endpoint} without a GraphQL body`, error, response.status);
    }
    if (body.errors?.length) {
      const error = errorFromResponse(body.errors, response.headers.get('retry-after'));
      if (response.status >= 500 && !(error instanceof InternalError)) throw new InternalError('INTERNAL', error.message, error.errors);
      throw error;
    }
    if (response.status >= 500) throw new InternalError('INTERNAL', `HTTP ${response.status}`);
    if (body.data == null) throw new NetworkError(`HTTP ${response.status} from ${this.endpoint} with no data`, undefined, response.status);
    return body.data;
  }

  /** A query (or any operation) with typed variables and result. */
  query<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables?: Variables): Promise<Data> {
    return this.execute(document, variables);
  }

  /**
   * A command mutation. Its `commandId` is generated once (unless given) and kept for every retry:
   * after a network error or a 5xx the same command is sent again, and the service, recognising the
   * id, applies it at most once and returns the first result. Typed refusals are not retried.
   */
  async command<Data, Variables extends CommandVariables>(document: TypedDocumentNode<Data, Variables>, input: CommandInput<Variables>): Promise<Data> {
    const commandId = input.commandId ?? (this.options.newCommandId ?? (() => globalThis.crypto.randomUUID()))();
    const variables = { input: { ...input, commandId } } as unknown as Variables;
    const retries = this.options.retries ?? 3;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.execute(document, variables);
      } catch (error) {
        if (!isRetriable(error) || attempt >= retries) throw error;
        const delay = (this.options.retryDelay ?? ((n) => 200 * 2 ** n))(attempt);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /**
   * Every node of a paged connection, page after page (`first`/`after`), as an async iterator:
   * `for await (const convention of client.paginate(ConventionsDocument, { filter }, (d) => d.conventions))`.
   */
  async *paginate<Data, Variables extends { after?: string | null; first?: number | null }, Node>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Omit<Variables, 'after'>,
    select: (data: Data) => ConnectionShape<Node>,
  ): AsyncGenerator<Node, void, undefined> {
    let after: string | null | undefined;
    for (;;) {
      const page = select(await this.execute(document, { ...variables, after } as Variables));
      for (const edge of page.edges) yield edge.node;
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
      after = page.pageInfo.endCursor;
    }
  }

  /**
   * A subscription as an async iterator of its results (typed); `break` or `return()` ends it. The
   * token is sent when the connection opens (connectionParams.authorization), as the service expects.
   */
  subscribe<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables?: Variables): AsyncIterableIterator<Data> {
    const results = this.socket().iterate<Data>({
      query: textOf(document),
      operationName: operationNameOf(document),
      variables: (variables ?? {}) as Record<string, unknown>,
    });
    const next = async (): Promise<IteratorResult<Data>> => {
      let result: IteratorResult<{ data?: Data | null; errors?: readonly GraphQLErrorShape[] }>;
      try {
        result = (await results.next()) as typeof result;
      } catch (error) {
        throw asSubscriptionError(error);
      }
      if (result.done) return { done: true, value: undefined };
      if (result.value.errors?.length) throw errorFromResponse(result.value.errors);
      return { done: false, value: result.value.data as Data };
    };
    const iterator: AsyncIterableIterator<Data> = {
      next,
      return: async () => {
        await results.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private socket(): WsClient {
    this.ws ??= createClient({
      url: this.endpoint.replace(/^http/, 'ws'),
      webSocketImpl: this.options.webSocketImpl,
      lazy: true,
      connectionParams: async () => {
        const token = await this.token();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      retryAttempts: 5,
      // A refused token (4401/4403) or a bad request (4400) will not get better by reconnecting.
      shouldRetry: (event) => ![4400, 4401, 4403].includes((event as { code?: number } | null)?.code ?? 0),
    });
    return this.ws;
  }

  /**
   * A semestrial report download (`json`, `html`, `pdf`, or one table's CSV), with the SHA-256 of its
   * canonical content the service states (X-Report-SHA256) and whether its figures may still change.
   */
  async report(
    region: string,
    semester: string,
    format: 'json' | 'html' | 'pdf' | { csv: string },
    options: { cutoff?: string } = {},
  ): Promise<ReportDownload> {
    const path = typeof format === 'string' ? `report.${format}` : `tables/${encodeURIComponent(format.csv)}.csv`;
    const query = options.cutoff ? `?cutoff=${encodeURIComponent(options.cutoff)}` : '';
    const url = `${this.options.url.replace(/\/+$/, '')}/reports/${encodeURIComponent(region)}/${encodeURIComponent(semester)}/${path}${query}`;
    const token = await this.token();
    let response: Response;
    try {
      response = await this.fetchImpl(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    } catch (error) {
      throw new NetworkError(`Could not reach ${url}: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as
        { errors?: GraphQLErrorShape[]; error?: { code?: string; message: string; fields?: string[] } } | undefined;
      const errors =
        body?.errors ?? (body?.error ? [{ message: body.error.message, extensions: { code: body.error.code, fields: body.error.fields } }] : undefined);
      if (errors?.length) throw errorFromResponse(errors, response.headers.get('retry-after'));
      throw new NetworkError(`HTTP ${response.status} from ${url}`, undefined, response.status);
    }
    return {
      body: new Uint8Array(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? '',
      sha256: response.headers.get('x-report-sha256') ?? '',
      position: response.headers.get('x-report-position') ?? '',
      provisional: response.headers.get('x-report-provisional') === 'true',
    };
  }

  /** Closes the subscriptions' connection (HTTP requests need no closing). */
  async close(): Promise<void> {
    await this.ws?.dispose();
    this.ws = undefined;
  }
}

/** graphql-ws rejects with a CloseEvent or an array of GraphQL errors: both become typed errors. */
function asSubscriptionError(error: unknown): Error {
  if (Array.isArray(error)) return errorFromResponse(error as GraphQLErrorShape[]);
  const code = (error as { code?: number } | null)?.code;
  if (code === 4403 || code === 4401)
    return errorFromResponse([
      { message: 'The subscription was refused: a valid bearer token is required at connection', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
  if (error instanceof Error) return new NetworkError(error.message, error);
  return new NetworkError(`Subscription closed${code ? ` (${code})` : ''}`, error);
}

export { ScoranError };
