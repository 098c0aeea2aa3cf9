// Configuration, parsed once from the environment into a frozen object; bad values fail fast, all listed.
import { z } from 'zod';
import net from 'node:net';
import { specialAddress } from '../lib/ip-ranges.ts';
import { temporalTarget } from './temporal-target.ts';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);
const url = z.url().transform((u) => u.replace(/\/+$/, ''));
/** A comma-separated list of http(s) origins (`https://app.example.com,http://localhost:5173`). */
const origins = z.string().transform((v, ctx) => {
  const out: string[] = [];
  for (const part of v.split(',').map((x) => x.trim()).filter(Boolean)) {
    const u = URL.canParse(part) ? new URL(part) : undefined;
    if (!u || !/^https?:$/.test(u.protocol) || u.origin !== part.replace(/\/+$/, '')) ctx.addIssue({ code: 'custom', message: `"${part}" is not an http(s) origin (scheme://host[:port])` });
    else out.push(u.origin);
  }
  return out;
});

/** Key ids name a key inside every ciphertext (`v2.<id>.…`). */
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** The id `ENCRYPTION_KEY` (one unnamed key) is known by. */
export const DEFAULT_KEY_ID = 'default';

/** A worker's task queues: `main` (workflows, control steps) and `io` (`<queue>-io`: sync pages, backfill chunks, webhook attempts). */
export type WorkerQueue = 'main' | 'io';

/** `WORKER_QUEUES=main`, `io` or `main,io` (any order, repeats ignored): sorted, deduplicated. */
function parseWorkerQueues(v: string, ctx: z.RefinementCtx): WorkerQueue[] {
  const parts = [...new Set(v.split(',').map((x) => x.trim()).filter(Boolean))];
  const bad = parts.filter((x) => x !== 'main' && x !== 'io');
  if (!parts.length || bad.length) ctx.addIssue({ code: 'custom', message: `must be main, io or main,io${bad.length ? `, not ${bad.join(', ')}` : ''}` });
  return parts.filter((x): x is WorkerQueue => x === 'main' || x === 'io').sort();
}

/** `ENCRYPTION_KEYS=id:base64,id:base64`: every key that may still decrypt, each named. */
function parseKeyList(v: string, ctx: z.RefinementCtx): Array<{ id: string; key: Buffer }> {
  const out: Array<{ id: string; key: Buffer }> = [];
  for (const part of v.split(',').map((x) => x.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    const id = i > 0 ? part.slice(0, i) : '';
    const key = Buffer.from(part.slice(i + 1), 'base64');
    if (!KEY_ID.test(id)) ctx.addIssue({ code: 'custom', message: `"${part.slice(0, Math.max(i, 0)) || '(no id)'}" is not a key id: write id:base64key, ids of letters, digits, _ and - (up to 32)` });
    else if (key.length !== 32) ctx.addIssue({ code: 'custom', message: `key ${id} must be 32 bytes, base64-encoded (openssl rand -base64 32)` });
    else if (out.some((k) => k.id === id)) ctx.addIssue({ code: 'custom', message: `key id ${id} is listed twice` });
    else out.push({ id, key });
  }
  return out;
}

const schema = z.object({
  TRIBUTARY_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  // Unset: 10 for the API, and for the worker what its concurrency can use (worker/sizing.ts).
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).optional(),
  DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  RECONCILE_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  RECONCILE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  RECONCILE_MAX_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(15_000),
  SCHEDULE_APPLY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  // The reconciler's check for schedules whose ticks stopped running (services/schedule-watch.ts): how often, and
  // how many intervals past the catch-up window (one interval) a schedule may go without a tick before it is overdue.
  SCHEDULE_OVERDUE_CHECK_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  SCHEDULE_OVERDUE_AFTER_INTERVALS: z.coerce.number().int().min(1).max(100).default(2),
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  // Slots of one worker process (the SDK's defaults are 100 activities and 40 workflow tasks); the pool follows them.
  // ACTIVITIES: the I/O queue's (sync pages, backfill chunks, webhook attempts); CONTROL_ACTIVITIES: the short steps,
  // as local activities (tick claims, run bookkeeping, onboarding) and as the main queue's activity tasks (the rest),
  // which a backlog of I/O then never delays.
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(20),
  // The I/O queue takes a new activity only while the machine's CPU is below this share (the SDK's resource-based
  // slots; it always keeps one running): bulk pages yield to the API and the control steps on a busy machine, and an
  // I/O-bound one still runs its WORKER_MAX_CONCURRENT_ACTIVITIES. 0: a fixed WORKER_MAX_CONCURRENT_ACTIVITIES.
  WORKER_IO_CPU_TARGET: z.coerce.number().min(0).max(1).default(0.9),
  WORKER_MAX_CONCURRENT_CONTROL_ACTIVITIES: z.coerce.number().int().min(1).max(1000).default(10),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1000).default(40),
  // The task queues this worker process polls: `main` (every workflow and the control steps), `io` (the I/O queue's
  // long activities), or both (the default). Split, the hot paths' control steps never wait behind sync pages for the
  // same event loop, and each kind scales by its own replicas.
  WORKER_QUEUES: z.string().transform(parseWorkerQueues).default(['io', 'main']),
  API_DRAIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  // Unset, these come from the envconfig profile (TEMPORAL_CONFIG_FILE/TEMPORAL_PROFILE), else localhost:7233 / default.
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).optional(),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('tributary'),
  TEMPORAL_UI_URL: url.default('http://localhost:8233'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(3000),
  PUBLIC_URL: url.optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  ENCRYPTION_KEYS: z.string().transform((v, ctx) => parseKeyList(v, ctx)).optional(),
  ENCRYPTION_KEY_ID: z.string().regex(KEY_ID, 'letters, digits, _ and -, up to 32').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_RATE_LIMIT_PER_KEY: z.coerce.number().int().min(0).default(600),
  API_RATE_LIMIT_PER_WORKSPACE: z.coerce.number().int().min(0).default(1200),
  API_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  EMULATOR_URL: url.optional(),
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .regex(/^\d+(ms|s|m|h)(,\d+(ms|s|m|h))*$/, 'comma-separated durations like 5s,5m,30m')
    .default('5s,5m,30m,2h,5h,10h,10h'),
  WEBHOOK_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  WEBHOOK_RELAY_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  // true: the relay makes each delivery's first attempt, a workflow only for retries; false: one workflow per delivery.
  WEBHOOK_RELAY_FIRST_ATTEMPT: bool.default(false),
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  DEFAULT_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(5).max(10080).default(30),
  SYNC_INITIAL_LOOKBACK_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 7),
  SYNC_LAG_SECONDS: z.coerce.number().int().min(0).max(3600).default(0),
  SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  SYNC_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(6),
  SYNC_RETRY_INITIAL_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
  SYNC_HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  // Pages a scheduled tick fetches in its own workflow task (a local activity) before the I/O queue takes the rest;
  // 0: every page on the I/O queue. Applied to a schedule when its action is next written.
  SYNC_TICK_LOCAL_PAGES: z.coerce.number().int().min(0).max(100).default(10),
  OAUTH_REFRESH_MARGIN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  OAUTH_AUTHORIZATION_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  OAUTH_RETURN_URL_ORIGINS: origins.default([]),
  /** How long a connect session's token works (POST /v1/connect-sessions). */
  CONNECT_SESSION_TTL_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  BACKFILL_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  BACKFILL_CHUNKS_PER_RUN: z.coerce.number().int().min(1).max(2000).default(200),
  BACKFILL_CHUNKS_PER_ACTIVITY: z.coerce.number().int().min(1).max(100).default(8),
  BACKFILL_CHUNK_RUN_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  BACKFILL_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  BACKFILL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  // Operations: the worker's own HTTP port (/metrics, /healthz, /readyz), metrics access, tracing.
  WORKER_HOST: z.string().min(1).default('0.0.0.0'),
  WORKER_PORT: port.default(9464),
  /** Where the Temporal SDK serves its Prometheus metrics (merged into the worker's /metrics); a free loopback port if unset. */
  TEMPORAL_METRICS_BIND_ADDRESS: z.string().regex(/^[^:]+:\d+$/, 'host:port').optional(),
  /** When set, /metrics answers only `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none']).optional(),
  OTEL_SDK_DISABLED: bool.default(false),
  // Retention (0 keeps forever): pruned in batches by the `maintenance/retention` Temporal schedule.
  RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10080).default(60),
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(10).max(100_000).default(1000),
  RETENTION_EVENTS_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  RETENTION_WEBHOOK_DELIVERIES_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  RETENTION_IDEMPOTENCY_KEYS_HOURS: z.coerce.number().int().min(0).max(24 * 3650).default(24),
  RETENTION_SYNC_RUN_LOGS_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  RETENTION_SYNC_RUNS_DAYS: z.coerce.number().int().min(0).max(3650).default(180),
  RETENTION_SKIPPED_RUNS_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  RETENTION_DELETED_CONNECTORS_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
});

export type RawConfig = z.infer<typeof schema>;

export interface Config extends Omit<RawConfig, 'ENCRYPTION_KEY' | 'ENCRYPTION_KEYS' | 'ENCRYPTION_KEY_ID' | 'PUBLIC_URL' | 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'> {
  PUBLIC_URL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  /** Every key that may decrypt (ENCRYPTION_KEYS, plus ENCRYPTION_KEY as `default`), and the one that encrypts. */
  encryptionKeys: { keys: ReadonlyArray<{ id: string; key: Buffer }>; activeId: string };
  /** Provider-specific variables (`<TYPE>_API_URL`, `<TYPE>_CLIENT_ID`, …), read by the provider registry. */
  providerEnv: Readonly<Record<string, string>>;
}

const MISSING_KEY = 'ENCRYPTION_KEY: required (32 bytes, base64: openssl rand -base64 32), or ENCRYPTION_KEYS=id:base64key,…';

/** Every key (ENCRYPTION_KEYS, plus ENCRYPTION_KEY as `default`) and the one that encrypts: ENCRYPTION_KEY_ID, else the last listed. */
function keyRing(raw: RawConfig): { keys: Array<{ id: string; key: Buffer }>; activeId: string; problems: string[] } {
  const keys = [...(raw.ENCRYPTION_KEYS ?? [])];
  const problems: string[] = [];
  if (raw.ENCRYPTION_KEY && keys.some((k) => k.id === DEFAULT_KEY_ID)) problems.push(`ENCRYPTION_KEY: ENCRYPTION_KEYS already has a key "${DEFAULT_KEY_ID}"; keep one of them`);
  else if (raw.ENCRYPTION_KEY) keys.push({ id: DEFAULT_KEY_ID, key: Buffer.from(raw.ENCRYPTION_KEY, 'base64') });
  const activeId = raw.ENCRYPTION_KEY_ID ?? (raw.ENCRYPTION_KEYS?.length ? raw.ENCRYPTION_KEYS[raw.ENCRYPTION_KEYS.length - 1]!.id : DEFAULT_KEY_ID);
  if (!keys.length) problems.push(MISSING_KEY);
  else if (!keys.some((k) => k.id === activeId)) problems.push(`ENCRYPTION_KEY_ID: "${activeId}" is not one of the keys (${keys.map((k) => k.id).join(', ')})`);
  return { keys, activeId, problems };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and freezes the configuration. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const input: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') input[k] = v;
  const parsed = schema.safeParse(input);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  if (parsed.success) problems.push(...keyRing(parsed.data).problems);
  else if (!input.ENCRYPTION_KEY && !input.ENCRYPTION_KEYS) problems.push(MISSING_KEY);
  if (input.TRIBUTARY_ENV === 'production') problems.push(...productionProblems(input, problems));
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const raw = parsed.data;
  const { keys, activeId } = keyRing(raw);
  const providerEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (/^[A-Z0-9]+_(API_URL|OAUTH_URL|CLIENT_ID|CLIENT_SECRET|SITE)$/.test(k)) providerEnv[k] = v;
  }
  const { ENCRYPTION_KEY: _key, ENCRYPTION_KEYS: _keys, ENCRYPTION_KEY_ID: _keyId, PUBLIC_URL, ...rest } = raw;
  let target: { address: string; namespace: string };
  try {
    target = temporalTarget(input);
  } catch (err) {
    throw new ConfigError([`TEMPORAL_CONFIG_FILE/TEMPORAL_PROFILE: ${(err as Error).message}`]);
  }
  return Object.freeze({
    ...rest,
    TEMPORAL_ADDRESS: target.address,
    TEMPORAL_NAMESPACE: target.namespace,
    PUBLIC_URL: PUBLIC_URL ?? `http://localhost:${raw.PORT}`,
    encryptionKeys: Object.freeze({ keys: Object.freeze(keys), activeId }),
    providerEnv: Object.freeze(providerEnv),
  });
}

/** A loopback or private host written into a URL (names are not resolved here: this is about the emulator and dev hosts). */
function localHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || (net.isIP(h) !== 0 && specialAddress(h) !== undefined);
}

/**
 * `TRIBUTARY_ENV=production` refuses settings that are only safe on a developer's machine, naming each:
 * the provider emulator, private webhook receivers, a plain-http public URL, a missing encryption key.
 */
function productionProblems(env: Record<string, string>, already: string[]): string[] {
  const out: string[] = [];
  const named = (v: string) => already.some((p) => p.startsWith(`${v}:`));
  if (env.EMULATOR_URL) out.push('EMULATOR_URL: the provider emulator is for development; unset it in production (TRIBUTARY_ENV=production)');
  for (const [k, v] of Object.entries(env)) {
    if (!/^[A-Z0-9]+_(API_URL|OAUTH_URL)$/.test(k) || !URL.canParse(v)) continue;
    const u = new URL(v);
    if (u.protocol !== 'https:' || localHost(u.hostname)) out.push(`${k}: ${v} is not a public https URL; provider endpoints must be the real service in production`);
  }
  if (env.WEBHOOK_ALLOW_PRIVATE === 'true' || env.WEBHOOK_ALLOW_PRIVATE === '1') {
    out.push('WEBHOOK_ALLOW_PRIVATE: private, loopback and plain-http webhook receivers are refused in production; unset it');
  }
  if (!env.PUBLIC_URL) out.push('PUBLIC_URL: required in production: the https URL users and OAuth providers reach the API at');
  else if (URL.canParse(env.PUBLIC_URL) && new URL(env.PUBLIC_URL).protocol !== 'https:') out.push(`PUBLIC_URL: ${env.PUBLIC_URL} must be https in production (OAuth redirect URIs and links)`);
  if (!env.ENCRYPTION_KEY && !env.ENCRYPTION_KEYS && !named('ENCRYPTION_KEY')) out.push('ENCRYPTION_KEY: required in production (openssl rand -base64 32), or ENCRYPTION_KEYS=id:base64key,…');
  return out;
}
