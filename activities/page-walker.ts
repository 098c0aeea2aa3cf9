// The one way activities walk a provider's pages for a window: every kind the provider ingests, page by page,
// fetching ahead of the caller's writes (bounded), refreshing credentials once on a 401, holding back while the
// connector's rate-limit gate is closed — a rate-limited page is asked again once the provider's wait has passed —
// and classifying every provider failure into a Temporal failure the same way for syncs and backfills.
import { activityInfo, ApplicationFailure, heartbeat, sleep } from '@temporalio/activity';
import type { Db } from '../db/db.ts';
import { AsyncQueue } from '../lib/async-queue.ts';
import { providerErrors, rateLimitWaits, rateLimitWaitSeconds } from '../lib/metrics.ts';
import type { ProviderRegistry, RegisteredProvider } from '../providers/registry.ts';
import { ProviderError, type ConnectorConfig, type Credentials, type FetchPageResult, type NormalizedRecord, type Selection, type TimeWindow } from '../providers/types.ts';
import { CredentialsMissingError, type CredentialSource, type CredentialStore } from '../services/credentials.ts';
import { noteRateLimited, rateLimitWaitMs } from '../services/rate-limits.ts';
import { callWithRefresh } from './provider-call.ts';

/** Where a walk is: which kind (index into the provider's `ingests`), and the provider's page cursor within it. */
export interface WalkPosition {
  kindIndex: number;
  pageCursor: string | null;
}

export interface WalkedPage {
  kind: string;
  records: NormalizedRecord[];
  /** The position this page was fetched from, and the one after it (what to commit with its records). */
  from: WalkPosition;
  to: WalkPosition;
  /** The last page of its kind, and the last page of the whole walk. */
  kindDone: boolean;
  last: boolean;
  /**
   * On a kind's last page, when this walk listed the kind from its first page and the provider says the listing was
   * complete for `window`: every external id it saw. Anything else held for that kind and window is gone.
   */
  listing?: { kind: string; window: TimeWindow; seen: ReadonlySet<string> };
}

/**
 * Rate-limited answers to one page in a row that are waited out inside the activity (the gate closes, the page is
 * asked again when the provider's wait has passed); past this the activity fails retryably and Temporal's retry
 * policy takes over — the provider's "stop after a number of retries".
 */
export const RATE_LIMITED_RETRIES_IN_A_ROW = 8;

/** Maps a provider failure to a Temporal failure: transient ones retry (honouring Retry-After), the rest fail fast. */
export function toActivityFailure(err: unknown): Error {
  if (err instanceof CredentialsMissingError) return ApplicationFailure.nonRetryable(err.message, 'CredentialsMissing');
  if (err instanceof ProviderError) {
    if (err.retryable) {
      return ApplicationFailure.create({
        type: err.code === 'rate_limited' ? 'ProviderRateLimited' : 'ProviderUnavailable',
        message: err.message,
        nextRetryDelay: err.retryAfterMs !== undefined ? Math.max(err.retryAfterMs, 1) : undefined,
      });
    }
    // A broken contract keeps its own name (`provider_contract`); the other codes are namespaced.
    const type = err.code === 'provider_contract' ? err.code : `Provider_${err.code}`;
    return ApplicationFailure.create({ type, message: err.message, nonRetryable: true });
  }
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Another attempt of the same activity committed past this one's position (a zombie attempt outlived its
 * heartbeat timeout): this attempt's writes roll back and a retry resumes from the committed position.
 */
export function staleAttempt(what: string): ApplicationFailure {
  return ApplicationFailure.retryable(`${what} moved on under this attempt`, 'StaleAttempt');
}

/** A heartbeat, from an activity task; a local activity has none to send (the worker would only log a failure). */
export function heartbeatIfRemote(details?: unknown): void {
  if (!activityInfo().isLocal) heartbeat(details);
}

export interface WalkOptions {
  window: TimeWindow;
  /** `changed` for incremental syncs, `created` for backfills (see providers/types.ts). */
  selection: Selection;
  start: WalkPosition;
  pageSize: number;
  /** How many pages fetching may run ahead of the caller. */
  fetchAhead: number;
  /** Activity cancellation: no new provider call once aborted. */
  signal?: AbortSignal;
  /**
   * Ends the walk early, short of the window's end: no page fetched past `pages` fetches, and none that would start
   * (the rate-limit gate included) at or after `until` (epoch ms). The caller tells by the last page's position.
   */
  limit?: { pages: number; until: number };
  /** Heartbeat details while waiting for the rate-limit gate. */
  heartbeatDetails?: () => unknown;
  /** Told about each provider failure before it is thrown (e.g. to write it to a run log). */
  onProviderError?: (kind: string, err: ProviderError) => Promise<void>;
}

export interface Walk {
  readonly provider: RegisteredProvider;
  readonly kinds: readonly string[];
  /** The pages from `start` to the end of the window; throws the classified failure after the pages before it. */
  pages(opts: WalkOptions): AsyncGenerator<WalkedPage, void, undefined>;
  /** Another caller closed the connector's gate (seen in a commit): no provider call before `notBeforeMs`. */
  holdUntil(notBeforeMs: number): void;
}

export function createPageWalker(deps: { db: Db; providers: ProviderRegistry; credentials: CredentialStore; now?: () => number }) {
  const { db, providers, credentials } = deps;
  const now = deps.now ?? Date.now;

  /**
   * Resolves the provider, its kinds, the connector's credentials and its rate-limit gate. `known`: the connector's
   * row as the caller has just read it, for its credentials (read here otherwise).
   */
  async function open(connector: { id: string; type: string; config?: ConnectorConfig }, known?: CredentialSource): Promise<Walk> {
    const provider = providers.get(connector.type);
    if (!provider) throw ApplicationFailure.nonRetryable(`unknown connector type ${connector.type}`, 'UnknownType');
    const kinds = provider.manifest.ingests.map((k) => k.kind);
    let creds: Credentials;
    try {
      creds = await credentials.get(connector.id, known);
    } catch (err) {
      throw toActivityFailure(err);
    }
    let notBefore = now() + (await rateLimitWaitMs(db, connector.id, now()));

    const config = connector.config ?? {};
    const fetchPage = (kind: string, opts: WalkOptions, pos: WalkPosition): Promise<FetchPageResult> =>
      callWithRefresh(
        credentials, connector.id, creds,
        (c) => provider.client.fetchPage(c, { kind, window: opts.window, selection: opts.selection, pageCursor: pos.pageCursor, pageSize: opts.pageSize, config }).catch((err: unknown) => {
          throw unreadable(connector.type, kind, err);
        }),
        (c) => (creds = c),
      );

    /** Counts a provider failure, closes the gate on a rate limit (here and for the connector's other walks), tells the caller. */
    const noteFailure = async (kind: string, err: ProviderError, opts: WalkOptions) => {
      providerErrors.inc({ connector_type: connector.type, code: err.code });
      if (err.code === 'rate_limited') {
        rateLimitWaits.inc({ connector_type: connector.type });
        await noteRateLimited(db, connector.id, err.retryAfterMs, now());
        notBefore = Math.max(notBefore, now() + (err.retryAfterMs ?? 1000));
      }
      await opts.onProviderError?.(kind, err);
    };

    async function* pages(opts: WalkOptions): AsyncGenerator<WalkedPage, void, undefined> {
      type Item = { page: WalkedPage } | { error: unknown; kind: string } | { done: true };
      const queue = new AsyncQueue<Item>(Math.max(1, opts.fetchAhead));
      let stopped = false;
      // Once the caller has stopped, nothing more is queued (a push could wait forever for a taker).
      const emit = async (item: Item) => {
        if (!stopped) await queue.push(item);
      };
      const producer = (async () => {
        let pos = opts.start;
        // External ids of the current kind, kept only when this walk started the kind at its first page.
        let seen: Set<string> | null = pos.pageCursor === null ? new Set() : null;
        let limitedInARow = 0;
        let fetched = 0;
        while (pos.kindIndex < kinds.length && !stopped) {
          const kind = kinds[pos.kindIndex]!;
          if (opts.limit && (fetched >= opts.limit.pages || Math.max(notBefore, now()) >= opts.limit.until)) break;
          try {
            if (opts.signal?.aborted) throw opts.signal.reason;
            // The gate: wait (heartbeating, a second at a time) until the provider's Retry-After has passed.
            const gateClosedAt = notBefore > now() ? now() : undefined;
            while (notBefore > now() && !stopped) {
              heartbeatIfRemote(opts.heartbeatDetails?.());
              await sleep(Math.min(notBefore - now(), 1000));
            }
            if (gateClosedAt !== undefined) rateLimitWaitSeconds.inc({ connector_type: connector.type }, (now() - gateClosedAt) / 1000);
            if (stopped) return;
            fetched++;
            const page = await fetchPage(kind, opts, pos);
            limitedInARow = 0;
            const kindDone = !page.nextPageCursor;
            const to: WalkPosition = kindDone ? { kindIndex: pos.kindIndex + 1, pageCursor: null } : { kindIndex: pos.kindIndex, pageCursor: page.nextPageCursor };
            if (seen) for (const r of page.records) if (r.kind === kind) seen.add(r.external_id);
            const listing = kindDone && seen && page.complete ? { kind, window: page.complete, seen } : undefined;
            await emit({ page: { kind, records: page.records, from: pos, to, kindDone, last: to.kindIndex >= kinds.length, listing } });
            if (kindDone) seen = new Set();
            pos = to;
          } catch (error) {
            // A rate limit: the gate is closed until the provider's wait has passed, then the same page is asked again.
            if (error instanceof ProviderError && error.code === 'rate_limited' && ++limitedInARow <= RATE_LIMITED_RETRIES_IN_A_ROW && !stopped) {
              await noteFailure(kind, error, opts);
              continue;
            }
            await emit({ error, kind });
            return;
          }
        }
        await emit({ done: true });
      })();
      try {
        for (;;) {
          const item = await queue.shift();
          if ('done' in item) return;
          if ('error' in item) {
            const err = item.error;
            if (err instanceof ProviderError) await noteFailure(item.kind, err, opts);
            throw toActivityFailure(err);
          }
          yield item.page;
        }
      } finally {
        // The caller stopped (or failed): no new fetch starts, and the one in flight finishes before we return,
        // so no provider call outlives the activity.
        stopped = true;
        queue.drain();
        await producer;
      }
    }

    return {
      provider,
      kinds,
      pages,
      holdUntil: (ms) => {
        notBefore = Math.max(notBefore, ms);
      },
    };
  }

  return { open };
}

export type PageWalker = ReturnType<typeof createPageWalker>;

/**
 * What a client threw that is not a classified ProviderError (a TypeError reading a response, say) is a response
 * the client could not read: a non-retryable `provider_contract` failure naming the provider and kind.
 */
function unreadable(type: string, kind: string, err: unknown): unknown {
  if (err instanceof ProviderError || err instanceof ApplicationFailure || (err instanceof Error && err.name === 'AbortError')) return err;
  return new ProviderError('provider_contract', `${type} ${kind}: the response could not be read (${err instanceof Error ? err.message : String(err)})`);
}
