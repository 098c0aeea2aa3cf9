// BENCH_PROFILE=<dir>: V8 CPU profiles of a bench's measured windows. The bench's own process (the API and, where
// the bench runs it there, the worker) is profiled over the window only — `<dir>/<name>-<n>.cpuprofile`, through the
// inspector — and a `tributary worker` process the bench starts beside it over its whole life (`--cpu-prof`, written
// when it stops). Read one with Chrome's DevTools or `node --import tsx bench/profile-summary.ts <file>`. Without the
// variable nothing is profiled.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

let written = 0;

/** Node flags for a child process the bench starts: a whole-life profile into the same directory. */
export function childProfileArgs(): string[] {
  const dir = process.env.BENCH_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
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
