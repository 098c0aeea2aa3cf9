// What a provider's conformance suite is made of, and the drive every provider shares: its client connects, reads
// every kind by creation and by change over several pages, and meets the emulator's injected faults (429, 5xx,
// expired credentials, wrong credentials). Each recorded exchange is then checked against the provider's description.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../dev/state.ts';
import type { Exchange, Harness } from './exchanges.ts';
import { readAll, windowBefore } from './exchanges.ts';
import type { HeaderRule } from './validator.ts';

export interface Check {
  /** What the exchange was checked as (`GET /search/issues 200 → search/issues-and-pull-requests`). */
  name: string;
  body?: (body: any) => string[];
  headers?: Record<string, HeaderRule>;
}

export interface ProviderConformance {
  type: string;
  /** Which description each check comes from, and why that one (also in the README). */
  source: string;
  /** How one recorded exchange is checked; `undefined` when nothing describes it — the suite then fails. */
  check(ex: Exchange): Check | undefined;
  /** What this client does beyond the shared drive: its provider-specific errors, limits and parameters. */
  scenarios?(h: Harness): Promise<void>;
  /** How this provider answers wrong or expired credentials, when not with a 401/403 (Slack: 200 `invalid_auth`). */
  authFailed?(ex: Exchange): boolean;
  /** How this provider answers a rate limit, when not with a 429 (Linear: 400 `RATELIMITED`). */
  limited?(ex: Exchange): boolean;
  /** The proof the checks bite: the first exchange this matches, with `breakIt` applied to its body, must fail its check. */
  broken: { find(ex: Exchange): boolean; breakIt(body: any): void; what: string };
}

/** A committed description extract (`dev/emulator/specs/<file>`). */
export function spec(file: string): any {
  return JSON.parse(readFileSync(path.join(ROOT, 'dev/emulator/specs', file), 'utf8'));
}

/** Runs `p` and swallows the ProviderError it is expected to end in (the exchange is what the suite checks). */
export async function expectFailure(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch {
    return;
  }
  throw new Error('expected the call to fail');
}

/** The shared drive: connection test, every kind both ways over several pages, then each injected fault once. */
export async function drive(h: Harness, type: string, config: Record<string, string | string[]> = {}): Promise<void> {
  const client = h.registry.get(type)!.client;
  const creds = h.credentials(type);
  await client.testConnection(creds, config);
  const window = windowBefore(2, 20);
  await readAll(h, type, window, 'created', 7, config);
  await readAll(h, type, window, 'changed', 7, config);
  const kind = h.registry.get(type)!.manifest.ingests[0]!.kind;
  const one = () => client.fetchPage(creds, { kind, window: windowBefore(1, 1), selection: 'created', pageCursor: null, pageSize: 5, config });
  for (const fault of [{ kind: 'rate_limit', retry_after_s: 7 }, { kind: 'server_error', status: 503 }, { kind: 'expire_token' }] as const) {
    h.state.faults.push({ provider: type, remaining: 1, ...fault });
    await expectFailure(one());
  }
  const wrong = Object.fromEntries(Object.entries(creds).map(([k, v]) => [k, /key|token/.test(k) ? `${v}-wrong` : v]));
  await expectFailure(client.testConnection(wrong, config));
}
