// The test app on a real socket, through the API process's own `serveApp` (for behaviour below HTTP semantics:
// keep-alive, closed connections, header limits) and for clients outside this process (schemathesis).
import type { AddressInfo } from 'node:net';
import { serveApp } from '../../api/server.ts';
import type { TestStack } from './stack.ts';

export interface ServedApp {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function serveTestApp(s: Pick<TestStack, 'app'>, port = 0): Promise<ServedApp> {
  const server = await new Promise<ReturnType<typeof serveApp>>((resolve) => {
    const srv = serveApp(s.app, { port, hostname: '127.0.0.1' }, () => resolve(srv));
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    }),
  };
}
