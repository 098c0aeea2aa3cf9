// The benches' profiler (bench/profile.ts, BENCH_PROFILE) and its summary (bench/profile-summary.ts): a window's
// profile is written where asked and read back with the work done in it; the summary counts a recursive function
// once per sample in its inclusive time and keeps idle out of the modules' shares; a worker process the bench starts
// gets the same directory.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { childProfileArgs, profileWindow } from '../bench/profile.ts';
import { summarise } from '../bench/profile-summary.ts';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });

test('a summary counts each sample once per function, by module, with idle apart', () => {
  // root → walk (lib) → walk (recursion) → query (pg); root → (idle). 3 ms in the inner walk, 2 in query, 5 idle.
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 5] },
      { id: 2, callFrame: frame('walk', 'file:///app/lib/walk.ts'), children: [3] },
      { id: 3, callFrame: frame('walk', 'file:///app/lib/walk.ts'), children: [4] },
      { id: 4, callFrame: frame('query', 'file:///app/node_modules/pg/lib/client.js') },
      { id: 5, callFrame: frame('(idle)') },
    ],
    samples: [3, 3, 3, 4, 4, 5],
    timeDeltas: [1000, 1000, 1000, 1000, 1000, 5000],
  };
  const lines = summarise(profile, 10);
  assert.equal(lines[0], 'sampled 10 ms, of which idle 5 ms');
  const section = (title: string) => lines.slice(lines.indexOf(`— ${title}`) + 1).filter((_, i, all) => !all.slice(0, i + 1).some((l) => l.startsWith('— ')));
  const modules = section('self, by module');
  assert.deepEqual(modules.map((l) => l.trim().split(/\s+/).at(-1)), ['lib/walk.ts', 'pg']);
  assert.match(modules[0]!, /^\s+3 ms\s+30\.0%/);
  const inclusive = section('inclusive');
  // The recursive walk counts 5 ms (its 3 and the query's 2 under it), not 8.
  assert.ok(inclusive.some((l) => /^\s+5 ms\s+50\.0%\s+walk lib\/walk\.ts$/.test(l)), inclusive.join('\n'));
  assert.ok(inclusive.some((l) => /^\s+10 ms\s+100\.0%\s+\(root\)/.test(l)));
});

test('BENCH_PROFILE writes a window\'s profile, and the work done in the window is in it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-profile-'));
  const before = process.env.BENCH_PROFILE;
  process.env.BENCH_PROFILE = dir;
  try {
    const stop = await profileWindow('unit');
    // 200 ms of this process's CPU, spent in this file (V8 may inline a helper, so the file is what is looked for).
    const s = process.cpuUsage();
    for (let u = process.cpuUsage(s); u.user + u.system < 200_000; u = process.cpuUsage(s));
    await stop();
    const files = readdirSync(dir);
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^unit-\d+\.cpuprofile$/);
    const lines = summarise(JSON.parse(readFileSync(path.join(dir, files[0]!), 'utf8')), 50);
    const sampled = Number(/^sampled (\d+) ms/.exec(lines[0]!)![1]);
    assert.ok(sampled >= 150, lines.join('\n'));
    const inFile = lines.slice(lines.indexOf('— inclusive')).find((l) => l.includes('test/bench-profile.test.ts'));
    assert.ok(inFile && Number(/([\d.]+)%/.exec(inFile)![1]) >= 50, lines.join('\n'));
  } finally {
    if (before === undefined) delete process.env.BENCH_PROFILE;
    else process.env.BENCH_PROFILE = before;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a process the bench starts is profiled with the same variable (in its own directory if named), and not without it', () => {
  const before = process.env.BENCH_PROFILE;
  try {
    delete process.env.BENCH_PROFILE;
    assert.deepEqual(childProfileArgs(), []);
    process.env.BENCH_PROFILE = '/tmp/profiles';
    assert.deepEqual(childProfileArgs(), ['--cpu-prof', '--cpu-prof-dir=/tmp/profiles']);
    assert.deepEqual(childProfileArgs('bare'), ['--cpu-prof', '--cpu-prof-dir=/tmp/profiles/bare']);
  } finally {
    if (before === undefined) delete process.env.BENCH_PROFILE;
    else process.env.BENCH_PROFILE = before;
  }
});
