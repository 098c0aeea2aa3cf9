// `npm start` as a newcomer runs it: the whole stack comes up, /readyz is 200, Ctrl-C stops it, data survives a restart.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { freePort, portOpen } from '../dev/net.ts';
import { removeCluster } from '../dev/postgres.ts';
import { ROOT } from '../dev/state.ts';

const dataDir = mkdtempSync(path.join(process.env.TEST_WORK_DIR ?? tmpdir(), 'stack-'));
let current: ChildProcess | undefined;
after(() => {
  // The stack runs in its own process group: kill the whole group so nothing outlives the test.
  if (current?.pid && current.exitCode === null) {
    try {
      process.kill(-current.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  removeCluster(path.join(dataDir, 'postgres')); // as root, the cluster lives outside dataDir
});

interface Started {
  child: ChildProcess;
  output: () => string;
  apiUrl: string;
  uiUrl: string;
  devKey: string;
}

/** The environment for a process we start, without the test runner's own markers. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

async function start(ports: Record<string, number>): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, TRIBUTARY_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  for (const k of ['NODE_TEST_CONTEXT', 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'WORKFLOW_BUNDLE_PATH', 'EMULATOR_URL', 'PUBLIC_URL', 'TEMPORAL_UI_URL']) delete env[k];
  for (const [k, v] of Object.entries(ports)) env[k] = String(v);
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/tributary.mjs'), 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  current = child;
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const deadline = Date.now() + 120_000;
  while (!out.includes('Tributary is running')) {
    if (child.exitCode !== null) throw new Error(`stack exited early (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`stack did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const grab = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(out)?.[1] ?? '';
  return { child, output: () => out, apiUrl: grab('API'), uiUrl: grab('Temporal UI'), devKey: grab('Dev API key') };
}

async function stop(s: Started): Promise<number | null> {
  const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
  s.child.kill('SIGINT');
  return exited;
}

test('npm start brings up the stack; a second start after Ctrl-C keeps the data', { timeout: 300_000 }, async () => {
  const ports = {
    PORT: await freePort(),
    EMBEDDED_PG_PORT: await freePort(),
    TEMPORAL_DEV_PORT: await freePort(),
    TEMPORAL_UI_PORT: await freePort(),
    EMULATOR_PORT: await freePort(),
    WORKER_PORT: await freePort(),
  };
  const first = await start(ports);
  assert.match(first.output(), /DEMO MODE/);
  assert.match(first.devKey, /^trb_/);
  assert.equal(first.apiUrl, `http://localhost:${ports.PORT}/v1`);
  const ready = await fetch(`http://127.0.0.1:${ports.PORT}/readyz`);
  assert.equal(ready.status, 200);
  assert.equal((await fetch(`http://127.0.0.1:${ports.PORT}/docs`)).status, 200);
  assert.equal((await fetch(first.uiUrl)).status, 200, 'Temporal Web UI answers');
  const auth = { authorization: `Bearer ${first.devKey}`, 'content-type': 'application/json' };
  const created = await fetch(`http://127.0.0.1:${ports.PORT}/v1/connectors`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'pagerduty', name: 'survives restarts' }) });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };
  const put = await fetch(`http://127.0.0.1:${ports.PORT}/v1/connectors/${id}/credentials`, { method: 'PUT', headers: auth, body: JSON.stringify({ api_key: 'demo_pagerduty_key_0001' }) });
  assert.equal(((await put.json()) as { connector: { status: string } }).connector.status, 'connected');

  // `tributary api-key create` against the running stack prints only the key.
  const keyOut = await new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/tributary.mjs'), 'api-key', 'create', '--workspace', 'scripted'], { env: childEnv({ TRIBUTARY_DATA_DIR: dataDir, DATABASE_URL: '' }) });
    let o = '';
    p.stdout.on('data', (d) => (o += String(d)));
    p.on('exit', (code) => (code === 0 ? resolve(o) : reject(new Error(`api-key create exited ${code}`))));
  });
  assert.match(keyOut, /^trb_[A-Za-z0-9_-]+\n$/);
  const scripted = await fetch(`http://127.0.0.1:${ports.PORT}/v1/connectors`, { headers: { authorization: `Bearer ${keyOut.trim()}` } });
  assert.equal(scripted.status, 200);

  assert.equal(await stop(first), 0, 'Ctrl-C exits cleanly');
  for (const [name, port] of Object.entries(ports)) assert.equal(await portOpen(port), false, `${name} ${port} closed after Ctrl-C`);

  const second = await start(ports);
  assert.equal(second.devKey, first.devKey, 'the development key is kept');
  const got = await fetch(`http://127.0.0.1:${ports.PORT}/v1/connectors/${id}`, { headers: auth });
  assert.equal(got.status, 200);
  const body = (await got.json()) as { name: string; status: string };
  assert.equal(body.name, 'survives restarts');
  assert.equal(body.status, 'connected');
  // The onboarding workflow of the first run is still in Temporal's persisted history.
  assert.equal(await stop(second), 0);
});
