// Connection pool and Kysely instance; migrations run from the timestamp-named files in migrations/.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kysely, Migrator, PostgresDialect, type Migration, type MigrationProvider, type Transaction } from 'kysely';
import pg from 'pg';
import { recordQuerySpan } from '../lib/tracing.ts';
import type { Config } from '../config/config.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DbOrTx = Kysely<Database> | Transaction<Database>;

// timestamptz → Date, bigint counts → number (our counters stay far below 2^53).
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Bounds on waiting, so one stuck query or lock cannot hang every request: how long to wait for a pooled
 * connection, how long one statement may run, how long to wait for a row lock, and how long a session may sit
 * idle inside a transaction. 0 turns one off (migrations run without them).
 */
/** Whether a statement failed on a unique constraint (PostgreSQL's unique_violation, SQLSTATE 23505). */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}

export interface DbLimits {
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export type DbConfig = Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_MAX' | 'DATABASE_ACQUIRE_TIMEOUT_MS' | 'DATABASE_STATEMENT_TIMEOUT_MS' | 'DATABASE_LOCK_TIMEOUT_MS'>;

/** The limits the configuration asks for (idle-in-transaction: twice the statement timeout, at least a minute). */
export function dbLimits(config: Omit<DbConfig, 'DATABASE_URL' | 'DATABASE_POOL_MAX'>): DbLimits {
  return {
    acquireTimeoutMs: config.DATABASE_ACQUIRE_TIMEOUT_MS,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.DATABASE_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: Math.max(60_000, 2 * config.DATABASE_STATEMENT_TIMEOUT_MS),
  };
}

/** The pool size of a process that is not told otherwise (the API; the worker sizes its own, worker/sizing.ts). */
export const DEFAULT_POOL_MAX = 10;

export function createDb(url: string, max = DEFAULT_POOL_MAX, limits?: DbLimits): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...(limits
      ? {
          connectionTimeoutMillis: limits.acquireTimeoutMs,
          statement_timeout: limits.statementTimeoutMs,
          lock_timeout: limits.lockTimeoutMs,
          idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
        }
      : {}),
  });
  // A dropped connection (Postgres restart) must not crash the process; the pool replaces it. Idle clients
  // report it to the pool; a client checked out (e.g. mid-transaction) reports it on itself — with no
  // listener that is an uncaught 'error' event, which would kill the process. The query in flight still fails.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  // Every statement becomes a span of the current trace when tracing is on (a no-op otherwise).
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => recordQuerySpan(e.query.sql, e.queryDurationMillis, e.level === 'error' ? e.error : undefined) });
}

/** The pool of an API or worker process, with the configured size and limits. */
export function createDbFromConfig(config: DbConfig): Db {
  return createDb(config.DATABASE_URL, config.DATABASE_POOL_MAX ?? DEFAULT_POOL_MAX, dbLimits(config));
}

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    // .ts from source (tsx), .js from the compiled build (`npm run build`); the name is the same either way.
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{8}T\d{4}_.+\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
    const out: Record<string, Migration> = {};
    for (const f of files) out[f.replace(/\.(ts|js)$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, f)).href)) as Migration;
    return out;
  }
}

/** The migrator over migrations/ (tests step through migrations one at a time with it). */
export function migratorOf(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new FolderProvider() });
}

/** Applies pending migrations; a no-op when the database is current. Returns the names applied. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migratorOf(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
