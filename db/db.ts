// Connection pool and Kysely instance; migrations run from the timestamp-named files in migrations/.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kysely, Migrator, PostgresDialect, type Migration, type MigrationProvider, type Transaction } from 'kysely';
import pg from 'pg';
import { recordQuerySpan } from '../lib/tracing.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DbOrTx = Kysely<Database> | Transaction<Database>;

// timestamptz → Date, bigint counts → number (our counters stay far below 2^53).
pg.types.setTypeParser(20, (v) => Number(v));

export function createDb(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max });
  // A dropped connection (Postgres restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Every statement becomes a span of the current trace when tracing is on (a no-op otherwise).
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => recordQuerySpan(e.query.sql, e.queryDurationMillis, e.level === 'error' ? e.error : undefined) });
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

/** Applies pending migrations; a no-op when the database is current. Returns the names applied. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
