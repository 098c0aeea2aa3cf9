// What a provider client really exchanges with the emulator: the emulator runs in-process (no socket), the client
// is the registry's own, and every request and response it makes is recorded — so the conformance tests validate
// exactly the responses a client uses, whatever it calls.
import { createEmulatorApp } from '../../dev/emulator/app.ts';
import { acceptedDemoSecrets, DEMO_CREDENTIALS, EmulatorState } from '../../dev/emulator/state.ts';
import { createProviderRegistry, type ProviderRegistry } from '../../providers/registry.ts';
import type { Credentials, NormalizedRecord, Selection, TimeWindow } from '../../providers/types.ts';

export const EMULATOR = 'http://emulator.test';

export interface Exchange {
  method: string;
  /** The path under the provider's API root (`/search/issues`, `/graphql`…). */
  path: string;
  query: URLSearchParams;
  requestBody: unknown;
  status: number;
  headers: Headers;
  body: unknown;
}

export interface Harness {
  state: EmulatorState;
  registry: ProviderRegistry;
  exchanges: Exchange[];
  /** Credentials the emulator accepts for `type` (demo credentials, or an accepted OAuth token). */
  credentials(type: string): Credentials;
  /** A request of our own to the emulated provider (recorded like the client's): what a client would meet doing it. */
  call(type: string, pathAndQuery: string, init?: RequestInit): Promise<Response>;
}

const readBody = async (r: Response): Promise<unknown> => {
  const text = await r.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
};

export function harness(opts: { seed?: number; volume?: number } = {}): Harness {
  const state = new EmulatorState(opts.seed ?? 5, opts.volume ?? 3);
  for (const [p, s] of acceptedDemoSecrets()) state.accept(p, s);
  // The suite reads far more than 30 searches a minute; GitHub's search limit is exercised on its own.
  state.limits.github.search.limit = 1_000_000;
  const app = createEmulatorApp(state);
  const exchanges: Exchange[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const res = await app.request(url.toString(), init);
    const body = await readBody(res.clone());
    const root = `/${url.pathname.split('/')[1]}/api`;
    let requestBody: unknown;
    try {
      requestBody = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    } catch {
      requestBody = init?.body;
    }
    exchanges.push({ method: (init?.method ?? 'GET').toUpperCase(), path: url.pathname.slice(root.length) || '/', query: url.searchParams, requestBody, status: res.status, headers: res.headers, body });
    return res;
  }) as typeof fetch;
  const registry = createProviderRegistry({ EMULATOR_URL: EMULATOR, providerEnv: {} }, fetchImpl);
  const tokens = new Map<string, string>();
  return {
    state,
    registry,
    exchanges,
    call: (type, pathAndQuery, init) => fetchImpl(`${EMULATOR}/${type}/api${pathAndQuery}`, init),
    credentials(type) {
      if (DEMO_CREDENTIALS[type]) return DEMO_CREDENTIALS[type]!;
      if (!tokens.has(type)) {
        tokens.set(type, `conformance-token-${type}`);
        state.accept(type, tokens.get(type)!);
      }
      return { access_token: tokens.get(type)! };
    },
  };
}

/** A window of `hours` ending `daysAgo` days before now, on whole minutes (inside the generated series). */
export function windowBefore(daysAgo: number, hours: number): TimeWindow {
  const end = Math.floor(Date.now() / 60_000) * 60_000 - daysAgo * 86_400_000;
  return { start: new Date(end - hours * 3_600_000).toISOString(), end: new Date(end).toISOString() };
}

/** Every page of every kind the provider ingests, for one selection: what a sync or a backfill would read. */
export async function readAll(h: Harness, type: string, window: TimeWindow, selection: Selection, pageSize: number, config: Record<string, string | string[]> = {}): Promise<NormalizedRecord[]> {
  const p = h.registry.get(type)!;
  const out: NormalizedRecord[] = [];
  for (const { kind } of p.manifest.ingests) {
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await p.client.fetchPage(h.credentials(type), { kind, window, selection, pageCursor: cursor, pageSize, config });
      out.push(...page.records);
      cursor = page.nextPageCursor;
      if (++pages > 500) throw new Error(`${type} ${kind}: pagination does not end`);
    } while (cursor);
  }
  return out;
}
