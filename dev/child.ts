// Helpers for the servers the dev stack and the tests spawn: is a Temporal frontend answering, and stopping a
// child process (SIGTERM, then SIGKILL after a grace period).
import type { ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';

/** True once the Temporal frontend at `address` answers GetSystemInfo. */
export async function temporalAnswers(address: string): Promise<boolean> {
  const conn = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await conn.workflowService.getSystemInfo({});
    return true;
  } finally {
    await conn.close();
  }
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves once it has exited. */
export function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
