// Real `tributary worker` and `tributary api` processes against a test stack, so tests can kill them with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../dev/state.ts';

export interface TributaryProcess {
  child: ChildProcess;
  output(): string;
  /** The worker's own HTTP port (/metrics, /healthz, /readyz) or the API's port, from its start line. */
  port: number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}
export type WorkerProcess = TributaryProcess;

/** `entry`: the CLI to run (default bin/tributary.mjs, through tsx; the compiled build's cli/main.js runs without it). */
export async function startProcess(role: 'worker' | 'api', env: Record<string, string>, ready = role === 'worker' ? 'worker started' : 'api listening', entry = path.join(ROOT, 'bin/tributary.mjs')): Promise<TributaryProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'info' };
  delete childEnv.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, [entry, role], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + String(d)).slice(-500_000)));
  child.stderr!.on('data', (d) => (out = (out + String(d)).slice(-500_000)));
  const deadline = Date.now() + 90_000;
  while (!out.includes(ready)) {
    if (child.exitCode !== null) throw new Error(`${role} exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`${role} did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const line = out.split('\n').find((l) => l.includes(ready)) ?? '';
  return {
    child,
    port: Number(/"port":(\d+)/.exec(line)?.[1] ?? 0),
    output: () => out,
    kill: (signal = 'SIGKILL') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export function startWorkerProcess(env: Record<string, string>): Promise<TributaryProcess> {
  return startProcess('worker', env);
}

/** `env.PORT` picks the port (0: any free one). */
export function startApiProcess(env: Record<string, string>): Promise<TributaryProcess> {
  return startProcess('api', env);
}
