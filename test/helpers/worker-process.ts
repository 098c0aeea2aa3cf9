// A real worker process (`tributary worker`) against a test stack, so tests can kill it with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../dev/state.ts';

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** The worker's own HTTP port (/metrics, /healthz, /readyz), from its start line. */
  port: number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, LOG_LEVEL: 'info' };
  delete childEnv.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/tributary.mjs'), 'worker'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const deadline = Date.now() + 60_000;
  while (!out.includes('worker started')) {
    if (child.exitCode !== null) throw new Error(`worker exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`worker did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = Number(/"port":(\d+)[^\n]*worker started|worker started[^\n]*"port":(\d+)/.exec(out)?.slice(1).find(Boolean) ?? 0);
  return {
    child,
    port,
    output: () => out,
    kill: (signal = 'SIGKILL') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
