// The tick-cost bench's statement count (bench/statements.ts): statements sent through the pg driver over a window,
// by text, and the driver as it was once the window has ended.
import assert from 'node:assert/strict';
import pg from 'pg';
import { test } from 'node:test';
import { countStatements } from '../bench/statements.ts';

test('statements are counted by their text over the window, and the driver is as it was after it', async () => {
  const url = process.env.TEST_PG_ADMIN_URL;
  assert.ok(url, 'run with npm test');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const query = pg.Client.prototype.query;
  try {
    const window = countStatements();
    await client.query('select 1');
    await client.query('select   1');
    await client.query({ text: 'select $1::int as n', values: [2] });
    const counted = window.end();
    assert.equal(counted.total, 3);
    assert.deepEqual(counted.byText, [['select 1', 2], ['select $1::int as n', 1]]);
    // The driver's own method is back: nothing is counted (or slowed) after the window.
    assert.equal(pg.Client.prototype.query, query);
  } finally {
    await client.end();
  }
});
