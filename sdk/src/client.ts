// The typed client: openapi-fetch over the generated `paths`, one error type for every failed call, and the
// thin layer users need most — create-and-connect, follow a run or backfill to its end, iterate pages, follow the
// changes feed (the webhook verifier is in webhooks.ts).
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/openapi.ts';
import { TributaryError } from './errors.ts';
import { paginate, type Page } from './pages.ts';

type Schemas = components['schemas'];
export type Connector = Schemas['Connector'];
export type ConnectorType = Schemas['ConnectorType'];
export type ConnectorTypeName = Schemas['ConnectorTypeName'];
export type SyncRun = Schemas['SyncRun'];
export type Backfill = Schemas['Backfill'];
export type Change = Schemas['Change'];
export type ChangesPage = Schemas['ChangesPage'];
export type ConnectionTestResult = Schemas['ConnectionTestResult'];
export type Credentials = NonNullable<paths['/v1/connectors/{id}/credentials']['put']['requestBody']>['content']['application/json'];
export type CreateConnectorInput = NonNullable<paths['/v1/connectors']['post']['requestBody']>['content']['application/json'];
export type ApiKey = Schemas['ApiKey'];
export type ConnectSession = Schemas['ConnectSession'];

export interface TributaryOptions {
  /** Where the API is, e.g. `https://tributary.example.com` (without `/v1`). */
  baseUrl: string;
  /** A workspace API key (`trb_…`), or a connect-session token (`tcs_…`) in a browser. */
  token?: string;
  /** Another fetch (tests, proxies); defaults to the global one. */
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

export interface PollOptions {
  /** Between two reads (default 1 s). */
  intervalMs?: number;
  /** Give up after this long (default: never). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Reasons that end an authorization attempt without connecting (the API's `status_reason`). */
export const AUTHORIZATION_ENDED_REASONS = ['authorization_denied', 'authorization_expired', 'authorization_failed', 'connection_test_failed'] as const;

const RUN_DONE = ['succeeded', 'failed', 'cancelled', 'skipped'];
const BACKFILL_DONE = ['succeeded', 'failed', 'cancelled'];

/** What an openapi-fetch call resolves to, successful or not. */
type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful call; a `TributaryError` (status, code, message, details, request id) otherwise. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw TributaryError.from(response, error);
  return data as T;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

/** Reads `read` until `done` holds, calling `onUpdate` with every read. */
async function poll<T>(read: () => Promise<T>, done: (v: T) => boolean, opts: PollOptions & { onUpdate?: (v: T) => void }, what: string): Promise<T> {
  const deadline = opts.timeoutMs === undefined ? Infinity : Date.now() + opts.timeoutMs;
  for (;;) {
    const v = await read();
    opts.onUpdate?.(v);
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${what}`);
    await sleep(opts.intervalMs ?? 1000, opts.signal);
  }
}

export class Tributary {
  /** The generated, fully typed client: every operation of the document (`api.GET('/v1/connectors', …)`). */
  readonly api: Client<paths>;

  constructor(opts: TributaryOptions) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    this.api = createClient<paths>({ baseUrl: opts.baseUrl.replace(/\/+$/, ''), fetch: opts.fetch, headers });
  }

  // ---- connecting ----

  /** Creates a connector and stores its API-key credentials; the answer carries the connection test. */
  async connectWithApiKey(input: CreateConnectorInput & { credentials: Credentials }): Promise<{ connector: Connector; test: ConnectionTestResult }> {
    const { credentials, ...create } = input;
    const made = await unwrap(this.api.POST('/v1/connectors', { body: create }));
    const stored = await unwrap(this.api.PUT('/v1/connectors/{id}/credentials', { params: { path: { id: made.id } }, body: credentials }));
    return { connector: stored.connector, test: stored.test };
  }

  /** Creates a connector and starts its OAuth authorization: send the user's browser to `authorize_url`. */
  async startOAuth(input: CreateConnectorInput & { return_url?: string }): Promise<{ connector: Connector; authorize_url: string; expires_at: string }> {
    const { return_url, ...create } = input;
    const connector = await unwrap(this.api.POST('/v1/connectors', { body: create }));
    const auth = await this.authorize(connector.id, return_url);
    return { connector, ...auth };
  }

  /** Starts (or restarts) the authorization of an existing connector. */
  async authorize(connectorId: string, returnUrl?: string): Promise<{ authorize_url: string; expires_at: string }> {
    const r = await unwrap(this.api.POST('/v1/connectors/{id}/oauth/authorize', { params: { path: { id: connectorId } }, body: returnUrl ? { return_url: returnUrl } : {} }));
    return { authorize_url: r.authorize_url, expires_at: r.expires_at };
  }

  /** Waits until the connector is connected, or its authorization ended without connecting (see `status_reason`). */
  waitForConnection(connectorId: string, opts: PollOptions & { onUpdate?: (c: Connector) => void } = {}): Promise<Connector> {
    return poll(
      () => this.connector(connectorId),
      (c) => c.status === 'connected' || (AUTHORIZATION_ENDED_REASONS as readonly string[]).includes(c.status_reason ?? ''),
      opts,
      `connector ${connectorId} to connect`,
    );
  }

  connector(connectorId: string): Promise<Connector> {
    return unwrap(this.api.GET('/v1/connectors/{id}', { params: { path: { id: connectorId } } }));
  }

  // ---- runs and backfills ----

  /** Starts a sync (or joins the one in flight) and returns its run id. */
  async syncNow(connectorId: string): Promise<{ sync_run_id: string; already_running: boolean }> {
    const r = await unwrap(this.api.POST('/v1/connectors/{id}/sync', { params: { path: { id: connectorId } } }));
    return { sync_run_id: r.sync_run_id, already_running: r.already_running };
  }

  /** Follows a sync run until it finishes (succeeded, failed, cancelled or skipped); `onUpdate` sees each read. */
  followRun(connectorId: string, runId: string, opts: PollOptions & { onUpdate?: (run: SyncRun) => void } = {}): Promise<SyncRun> {
    return poll(
      () => unwrap(this.api.GET('/v1/connectors/{id}/sync-runs/{run_id}', { params: { path: { id: connectorId, run_id: runId } } })),
      (run) => RUN_DONE.includes(run.status),
      opts,
      `sync run ${runId}`,
    );
  }

  /** Follows a backfill until it finishes (succeeded, failed or cancelled). */
  followBackfill(connectorId: string, backfillId: string, opts: PollOptions & { onUpdate?: (b: Backfill) => void } = {}): Promise<Backfill> {
    return poll(
      () => unwrap(this.api.GET('/v1/connectors/{id}/backfills/{backfill_id}', { params: { path: { id: connectorId, backfill_id: backfillId } } })),
      (b) => BACKFILL_DONE.includes(b.status),
      opts,
      `backfill ${backfillId}`,
    );
  }

  // ---- lists ----

  /** Every connector, page after page (`status`/`type` filters as in `GET /v1/connectors`). */
  connectors(query: NonNullable<paths['/v1/connectors']['get']['parameters']['query']> = {}): AsyncGenerator<Connector> {
    return paginate((cursor) => unwrap(this.api.GET('/v1/connectors', { params: { query: { ...query, ...(cursor ? { cursor } : {}) } } })));
  }

  /** A connector's sync runs, newest first. */
  syncRuns(connectorId: string, pageSize = 20): AsyncGenerator<SyncRun> {
    return paginate((cursor) => unwrap(this.api.GET('/v1/connectors/{id}/sync-runs', { params: { path: { id: connectorId }, query: { limit: pageSize, ...(cursor ? { cursor } : {}) } } })));
  }

  /** A connector's records, newest first. */
  records(connectorId: string, query: NonNullable<paths['/v1/connectors/{id}/records']['get']['parameters']['query']> = {}): AsyncGenerator<Schemas['Record']> {
    return paginate((cursor) => unwrap(this.api.GET('/v1/connectors/{id}/records', { params: { path: { id: connectorId }, query: { ...query, ...(cursor ? { cursor } : {}) } } })));
  }

  /** Iterates any list whose pages have `data` and `next_cursor`. */
  paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
    return paginate(fetchPage);
  }

  // ---- the changes feed ----

  /**
   * Every change of the workspace (or of `connector_id`), in commit order, exactly once: reads pages after `after`
   * and, at the end of the feed, polls every `intervalMs` for more — until `signal` aborts, or at the end when
   * `follow: false`. Keep the last change's `cursor` to resume from it.
   */
  async *changes(opts: { after?: string; connector_id?: string; kind?: string; limit?: number; follow?: boolean; intervalMs?: number; signal?: AbortSignal } = {}): AsyncGenerator<Change> {
    let after = opts.after;
    for (;;) {
      const query = { limit: opts.limit ?? 100, ...(after ? { after } : {}), ...(opts.kind ? { kind: opts.kind } : {}) };
      const page = opts.connector_id
        ? await unwrap(this.api.GET('/v1/connectors/{id}/changes', { params: { path: { id: opts.connector_id }, query } }))
        : await unwrap(this.api.GET('/v1/changes', { params: { query } }));
      yield* page.data;
      after = page.next_cursor ?? after;
      if (page.has_more) continue;
      if (opts.follow === false || opts.signal?.aborted) return;
      try {
        await sleep(opts.intervalMs ?? 2000, opts.signal);
      } catch {
        return; // aborted while waiting
      }
    }
  }
}

export function createTributary(opts: TributaryOptions): Tributary {
  return new Tributary(opts);
}
