// The embedded PostgreSQL from a clone inside a private (0700) directory — a home directory, a `mktemp -d`:
// it starts (as root it runs as `postgres` from a directory of its own), keeps its data across restarts,
// and changes the mode of no directory it did not create.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { processAlive, removeLeftoverClusters } from '../dev/postgres.ts';
import { ROOT } from '../dev/state.ts';

const mode = (p: string) => statSync(p).mode & 0o777;
const cleanup: string[] = [];
after(() => {
  for (const p of cleanup) rmSync(p, { recursive: true, force: true });
});

/**
 * Runs `code` (an ES module body) with tsx inside `cwd`, with HOME set; returns its last stdout line as JSON, with the
 * earlier lines of the form {"log": …} collected into `logs`.
 */
function runIn(cwd: string, home: string, code: string, env: NodeJS.ProcessEnv = process.env): any {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd, env: { ...env, HOME: home }, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { ...lines.pop(), logs: lines.filter((l) => typeof l.log === 'string').map((l) => l.log) };
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

test('leftover cluster directories (a killed run\'s, a deleted clone\'s) are removed; a live or running one never is', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'tributary-pgbase-'));
  cleanup.push(base);
  const exited = spawnSync('true').pid!; // a process that has come and gone
  const make = (name: string, owner?: object, extra?: (home: string) => void) => {
    const home = path.join(base, name);
    mkdirSync(path.join(home, 'pgdata'), { recursive: true });
    writeFileSync(path.join(home, 'pgdata', 'PG_VERSION'), '18\n');
    if (owner) writeFileSync(path.join(home, 'owner.json'), JSON.stringify(owner));
    extra?.(home);
    return home;
  };
  const hourAgo = new Date(Date.now() - 3_600_000);
  const pointer = (name: string, home: string) => {
    const file = path.join(base, `${name}.json`);
    writeFileSync(file, JSON.stringify({ home }));
    return file;
  };
  make('scratch-0001', { pid: exited }); // its run was killed
  make('scratch-0002', { pid: process.pid }); // its run is alive
  make('scratch-0003', { pid: exited }, (h) => writeFileSync(path.join(h, 'pgdata', 'postmaster.pid'), `${process.pid}\n`)); // a server still runs from it
  make('scratch-0004', undefined, (h) => utimesSync(h, hourAgo, hourAgo)); // from before owner files, long dead
  make('scratch-0005'); // being made this instant
  make('cluster-0006', { pointer: path.join(base, 'deleted-clone', 'runtime.json') }); // its clone was deleted
  make('cluster-0007', { pointer: pointer('kept', path.join(base, 'cluster-0007')) });
  make('cluster-0008', { pointer: pointer('moved', path.join(base, 'cluster-0099')) }); // its pointer names another cluster now
  make('cluster-0009', undefined, (h) => utimesSync(h, hourAgo, hourAgo)); // persistent, no owner: nothing says it is unused
  mkdirSync(path.join(base, 'pg-18.4.0'));
  const lines: string[] = [];
  const removed = removeLeftoverClusters(base, (l) => lines.push(l));
  assert.deepEqual(removed.map((h) => path.basename(h)).sort(), ['cluster-0006', 'cluster-0008', 'scratch-0001', 'scratch-0004']);
  assert.deepEqual(readdirSync(base).filter((e) => !e.endsWith('.json')).sort(), ['cluster-0007', 'cluster-0009', 'pg-18.4.0', 'scratch-0002', 'scratch-0003', 'scratch-0005']);
  assert.ok(lines.some((l) => l.includes('scratch-0001') && l.includes(`process ${exited}`)), lines.join('\n'));
});

test('a test run killed with its PostgreSQL leaves its cluster behind, and the next start removes it', { timeout: 120_000 }, async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'tributary-pgbase-'));
  chmodSync(base, 0o755); // as root, the postgres user must reach it
  const dirs = mkdtempSync(path.join(tmpdir(), 'tributary-pgdir-'));
  cleanup.push(base, dirs);
  const env = { ...process.env, TRIBUTARY_PG_RUNTIME_DIR: path.join(base, 'runtime') };
  const start = (name: string, then: string) => `
    import { startEmbeddedPostgres } from './dev/postgres.ts';
    import { freePort } from './dev/net.ts';
    const pg = await startEmbeddedPostgres({ dir: ${JSON.stringify(dirs)} + '/${name}', port: await freePort(), password: 't', persistent: false, log: (l) => console.log(JSON.stringify({ log: l })) });
    console.log(JSON.stringify({ dataDir: pg.dataDir }));
    ${then}`;
  // First run: started in a process group of its own, then the whole group is SIGKILLed, as a killed `npm test` is.
  const first = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', start('a', 'await new Promise(() => {});')], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const dataDir = await new Promise<string>((resolve, reject) => {
    first.stdout.on('data', (d) => {
      out += String(d);
      const m = /\{"dataDir":"([^"]+)"\}/.exec(out);
      if (m) resolve(m[1]!);
    });
    first.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(-first.pid!, 'SIGKILL');
  for (let i = 0; i < 300 && processAlive(postmaster); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(!processAlive(postmaster), 'the killed PostgreSQL is gone');
  assert.ok(existsSync(dataDir), 'nothing stopped it, so its data is still there');

  // The next start (any start: npm test, npm run bench, npm start) finds it and removes it, and says so.
  const second = runIn(ROOT, process.env.HOME ?? '/root', start('b', 'await pg.stop(); console.log(JSON.stringify({ stopped: pg.dataDir }));'), env);
  if (process.getuid?.() !== 0) {
    // Not root: the data lived inside the directory its caller gave (a test run's own temporary directory), the caller's to remove.
    assert.ok(dataDir.startsWith(path.join(dirs, 'a')), dataDir);
  } else {
    // As root both clusters lived under the runtime base: the leftover was removed and named in the log, and neither remains.
    assert.ok(dataDir.startsWith(env.TRIBUTARY_PG_RUNTIME_DIR!), dataDir);
    assert.ok(!existsSync(dataDir), `${dataDir} was removed`);
    assert.ok(second.logs.some((l: string) => l.includes(path.dirname(dataDir)) && l.includes('has exited')), second.logs.join('\n'));
    assert.deepEqual(readdirSync(env.TRIBUTARY_PG_RUNTIME_DIR).filter((e) => /^(scratch|cluster)-/.test(e)), []);
  }
});
