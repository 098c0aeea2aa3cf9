// The embedded PostgreSQL from a clone inside a private (0700) directory — a home directory, a `mktemp -d`:
// it starts (as root it runs as `postgres` from a directory of its own), keeps its data across restarts,
// and changes the mode of no directory it did not create.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from '../dev/state.ts';

const mode = (p: string) => statSync(p).mode & 0o777;
const cleanup: string[] = [];
after(() => {
  for (const p of cleanup) rmSync(p, { recursive: true, force: true });
});

/** Runs `code` (an ES module body) with tsx inside `cwd`, with HOME set; returns its last stdout line as JSON. */
function runIn(cwd: string, home: string, code: string): any {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd, env: { ...process.env, HOME: home }, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

test('a clone in a private 0700 directory runs PostgreSQL (ephemeral and persistent), and no directory of the user\'s changes mode', { timeout: 240_000 }, () => {
  const home = mkdtempSync(path.join(tmpdir(), 'tributary-home-'));
  cleanup.push(home);
  assert.equal(mode(home), 0o700, 'mkdtemp makes a private directory');
  const clone = path.join(home, 'clone');
  spawnSync('mkdir', [clone]);
  // A real copy inside the private directory (hard links: instant), node_modules and its PostgreSQL binaries included.
  for (const entry of readdirSync(ROOT).filter((e) => !['.git', '.data', 'test-results'].includes(e))) {
    const cp = spawnSync('cp', ['-al', path.join(ROOT, entry), clone], { encoding: 'utf8' });
    assert.equal(cp.status, 0, cp.stderr);
  }
  const before = { home: mode(home), clone: mode(clone), tmp: mode(tmpdir()) };
  const outside = mkdtempSync(path.join(tmpdir(), 'tributary-pgdir-'));
  cleanup.push(outside);

  const result = runIn(clone, home, `
    import { startEmbeddedPostgres } from './dev/postgres.ts';
    import { freePort } from './dev/net.ts';
    import pg from 'pg';
    const query = async (url, sql) => { const c = new pg.Client({ connectionString: url }); await c.connect(); try { return (await c.query(sql)).rows; } finally { await c.end(); } };
    // As npm test does: a throwaway cluster, its directory outside the clone.
    const a = await startEmbeddedPostgres({ dir: ${JSON.stringify(path.join(outside, 'pg'))}, port: await freePort(), password: 't', persistent: false });
    const ephemeral = (await query(a.url('postgres'), 'select 1 as one'))[0].one;
    await a.stop();
    // As npm start does: the data directory inside the clone, kept across a restart.
    const dir = ${JSON.stringify(path.join(clone, '.data', 'postgres'))};
    let b = await startEmbeddedPostgres({ dir, port: await freePort(), password: 't', persistent: true });
    await query(b.url('postgres'), 'create table kept (v int); insert into kept values (42)');
    await b.stop();
    b = await startEmbeddedPostgres({ dir, port: await freePort(), password: 't', persistent: true });
    const kept = (await query(b.url('postgres'), 'select v from kept'))[0].v;
    await b.stop();
    console.log(JSON.stringify({ ephemeral, kept, dataDir: b.dataDir }));
  `);
  assert.deepEqual([result.ephemeral, result.kept], [1, 42]);
  if (process.getuid?.() === 0) {
    // As root the cluster lives in a directory of its own, named in the clone's state directory.
    assert.ok(!result.dataDir.startsWith(home), result.dataDir);
    const pointer = JSON.parse(readFileSync(path.join(clone, '.data', 'postgres', 'runtime.json'), 'utf8')) as { home: string };
    assert.equal(path.join(pointer.home, 'pgdata'), result.dataDir);
    cleanup.push(pointer.home);
  }
  assert.deepEqual({ home: mode(home), clone: mode(clone), tmp: mode(tmpdir()) }, before, 'no directory of the user\'s changed mode');
});
