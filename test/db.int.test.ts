// The connection pool under connection loss: a PostgreSQL backend that goes away (restart, failover,
// pg_terminate_backend) while its connection is checked out fails that transaction — not the process.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { test } from 'node:test';
import { createDb, dbLimits } from '../db/db.ts';
import { loadConfig } from '../config/config.ts';

test('a connection lost inside a transaction fails that transaction, not the process; the pool carries on', async () => {
  const url = process.env.TEST_PG_ADMIN_URL;
  assert.ok(url, 'run with npm test');
  const db = createDb(url, 2, dbLimits(loadConfig({ DATABASE_URL: url, ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') })));
  try {
    await assert.rejects(
      db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await admin.end();
        await new Promise((r) => setTimeout(r, 500)); // the server has closed the socket of a checked-out client
        await sql`select 1`.execute(tx);
      }),
    );
    assert.equal((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]!.one, 1);
  } finally {
    await db.destroy();
  }
});
