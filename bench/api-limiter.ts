// The API rate limiter's cost on the hot path: GET /v1/connectors/{id} through the same app code with the limiter
// on and off (limits 0), interleaved rounds on one database, sequential and with concurrent clients of one key.
import { createApp } from '../api/app.ts';
import { createLogger } from '../lib/logger.ts';
import { createCipher } from '../lib/crypto.ts';
import { sql } from 'kysely';
import { createProviderRegistry } from '../providers/registry.ts';
import { createApiRateLimiter } from '../services/api-rate-limit.ts';
import { startBenchStack, type BenchInfra } from './infra.ts';

export interface LimiterBenchResult {
  /** Median per-request latency in µs, per configuration and client count. */
  rows: Array<{ clients: number; offUs: number; onUs: number; ratio: number; spread: string }>;
  /** The limiter's statement alone next to the cheapest round trip (`select 1`), median µs per call. */
  hitUs: number;
  selectOneUs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runLimiterBench(infra: BenchInfra, opts: { requests?: number; rounds?: number } = {}): Promise<LimiterBenchResult> {
  const requests = opts.requests ?? 1000;
  const rounds = opts.rounds ?? 5;
  // Limits high enough never to refuse: the cost measured is counting, not refusing.
  const stack = await startBenchStack(infra, { volume: 1, emulatorInProcess: true, env: { API_RATE_LIMIT_PER_KEY: '1000000000', API_RATE_LIMIT_PER_WORKSPACE: '1000000000' } });
  try {
    // The same app with both limits 0: the limiter does not run at all.
    const offConfig = { ...stack.config, API_RATE_LIMIT_PER_KEY: 0, API_RATE_LIMIT_PER_WORKSPACE: 0 };
    const off = createApp({ config: offConfig, db: stack.db, temporal: stack.temporal, providers: createProviderRegistry(offConfig), cipher: createCipher(offConfig.encryptionKeys), logger: createLogger({ level: 'warn' }) });
    const connector = (await stack.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'bench' })).body;
    const path = `/v1/connectors/${connector.id}`;
    const headers = { authorization: `Bearer ${stack.apiKey}` };
    const time = async (app: typeof off, clients: number) => {
      const per = Math.ceil(requests / clients);
      const started = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          for (let i = 0; i < per; i++) {
            const res = await app.request(path, { headers });
            if (res.status !== 200) throw new Error(`bench request answered ${res.status}`);
            await res.arrayBuffer();
          }
        }),
      );
      return ((performance.now() - started) * 1000) / (per * clients);
    };
    const rows: LimiterBenchResult['rows'] = [];
    for (const clients of [1, 8]) {
      await time(stack.app, clients); // warm-up of both paths
      await time(off, clients);
      const on: number[] = [];
      const offs: number[] = [];
      for (let r = 0; r < rounds; r++) {
        offs.push(await time(off, clients));
        on.push(await time(stack.app, clients));
      }
      const ratios = on.map((x, i) => x / offs[i]!);
      rows.push({ clients, offUs: median(offs), onUs: median(on), ratio: median(ratios), spread: `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}` });
    }
    const limiter = createApiRateLimiter(stack.db, { perKey: 1e9, perWorkspace: 1e9, windowSeconds: 60 });
    const each = async (fn: () => Promise<unknown>) => {
      const started = performance.now();
      for (let i = 0; i < requests; i++) await fn();
      return ((performance.now() - started) * 1000) / requests;
    };
    const hits: number[] = [];
    const ones: number[] = [];
    for (let r = 0; r < rounds; r++) {
      ones.push(await each(() => sql`select 1`.execute(stack.db)));
      hits.push(await each(() => limiter.hit('key_bench', 'ws_bench')));
    }
    return { rows, hitUs: median(hits), selectOneUs: median(ones) };
  } finally {
    await stack.close();
  }
}
