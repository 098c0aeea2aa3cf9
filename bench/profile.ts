// BENCH_PROFILE=<dir>: V8 CPU profiles of a bench's measured windows. The bench's own process (the API and, where
// the bench runs it there, the worker) is profiled over the window only — `<dir>/<name>-<n>.cpuprofile`, through the
// inspector — and a process the bench starts beside it (a `tributary worker`, `bench api`'s two servers in `real/`
// and `bare/`) over its whole life (`--cpu-prof`, written when it stops). Read one with Chrome's DevTools or `node --import tsx bench/profile-summary.ts <file>`. Without the
// variable nothing is profiled.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

let written = 0;

/** Node flags for a child process the bench starts: a whole-life profile into the same directory (or `sub` in it). */
export function childProfileArgs(sub?: string): string[] {
  const dir = process.env.BENCH_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${sub ? path.join(dir, sub) : dir}`] : [];
}

/** Starts profiling this process; the returned function stops and writes the profile. */
export async function profileWindow(name: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path.join(dir, `${name}-${++written}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}
