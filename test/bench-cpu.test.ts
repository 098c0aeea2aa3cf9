// The scale bench's CPU accounting (bench/cpu.ts): a component's CPU is its process tree's, including a child that
// has already exited, and the command lines the bench starts are named as docs/SCALING.md reports them.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { componentName, cpuWindow } from '../bench/cpu.ts';

// Burns `ms` of the process's own CPU time (not wall time: on a busy machine the two differ).
const burn = (ms: number) => `const s = process.cpuUsage(); for (let u = s; u.user + u.system < ${ms * 1000}; u = process.cpuUsage(s));`;

test('a child process tree is counted whole, its exited grandchild included, and the machine saw at least that much', async () => {
  const window = cpuWindow();
  // The child burns 400 ms itself, then runs a grandchild that burns 400 ms and exits (reaped by the child), then idles.
  const script = `${burn(400)}; const g = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(burn(400))}]);
    g.on('exit', () => { console.log('done'); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ['-e', script, 'cpu-test-marker'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d) => String(d).includes('done') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const used = window.end();
    const child0 = used.used['node'] ?? 0;
    assert.ok(child0 >= 0.7, `the child's tree used ${child0} s, expected at least the 0.8 s it burned (less a tick of rounding)`);
    assert.ok(child0 < 10, `the child's tree used ${child0} s`);
    assert.ok(used.machine.busy >= child0 - 0.05, `machine busy ${used.machine.busy} s < the child's ${child0} s`);
    assert.ok(used.machine.cores >= 1);
  } finally {
    child.kill('SIGKILL');
  }
});

test('the bench\'s processes are named by what they run', () => {
  assert.equal(componentName('/root/go/bin/temporal server start-dev --ip 127.0.0.1 --port 31897 --namespace default'), 'Temporal dev server');
  assert.equal(componentName('/var/lib/tributary/postgres/pg-18.4.0-beta.17/bin/postgres -D /var/lib/tributary/postgres/scratch-1af3a7'), 'PostgreSQL');
  assert.equal(componentName('/usr/bin/node --import tsx /work/main/dev/emulator/main.ts --port 30799 --volume 2'), 'emulator');
  assert.equal(componentName('/usr/bin/node /work/main/bin/tributary.mjs worker'), 'worker process');
  assert.equal(componentName('/usr/bin/node -e x'), 'node');
});
