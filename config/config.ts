// Configuration, parsed once from the environment into a frozen object; bad values fail fast, all listed.
import { z } from 'zod';

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
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  RECONCILE_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  RECONCILE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  RECONCILE_MAX_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(15_000),
  SCHEDULE_APPLY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  API_DRAIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
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
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  DEFAULT_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(5).max(10080).default(30),
  SYNC_INITIAL_LOOKBACK_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 7),
  SYNC_LAG_SECONDS: z.coerce.number().int().min(0).max(3600).default(0),
  SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  SYNC_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(6),
  SYNC_RETRY_INITIAL_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
  SYNC_HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  OAUTH_REFRESH_MARGIN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  OAUTH_AUTHORIZATION_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  OAUTH_RETURN_URL_ORIGINS: origins.default([]),
  BACKFILL_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  BACKFILL_CHUNKS_PER_RUN: z.coerce.number().int().min(1).max(2000).default(200),
  BACKFILL_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  BACKFILL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
});

export type RawConfig = z.infer<typeof schema>;

export interface Config extends Omit<RawConfig, 'ENCRYPTION_KEY' | 'ENCRYPTION_KEYS' | 'ENCRYPTION_KEY_ID' | 'PUBLIC_URL'> {
  PUBLIC_URL: string;
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
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const raw = parsed.data;
  const { keys, activeId } = keyRing(raw);
  const providerEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (/^[A-Z0-9]+_(API_URL|OAUTH_URL|CLIENT_ID|CLIENT_SECRET|SITE)$/.test(k)) providerEnv[k] = v;
  }
  const { ENCRYPTION_KEY: _key, ENCRYPTION_KEYS: _keys, ENCRYPTION_KEY_ID: _keyId, PUBLIC_URL, ...rest } = raw;
  return Object.freeze({
    ...rest,
    PUBLIC_URL: PUBLIC_URL ?? `http://localhost:${raw.PORT}`,
    encryptionKeys: Object.freeze({ keys: Object.freeze(keys), activeId }),
    providerEnv: Object.freeze(providerEnv),
  });
}
