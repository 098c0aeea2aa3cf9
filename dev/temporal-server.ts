// Starts `temporal server start-dev` with our search attributes registered and our dynamic config (schedule start
// rate: dev/temporal-dynamic-config.ts), or the SDK's downloaded one as a fallback.
import { spawn, type ChildProcess } from 'node:child_process';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTE_NAMES } from '../contracts/search-attributes.ts';
import { temporalAnswers, terminate } from './child.ts';
import { devServerDynamicConfigArgs } from './temporal-dynamic-config.ts';
import { waitFor } from './net.ts';
import { resolveTemporalCli } from './temporal-cli.ts';

export interface DevTemporal {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
  /** The server process, when we spawned one (so a supervisor can signal it synchronously). */
  process?: ChildProcess;
}

export interface DevTemporalOptions {
  port: number;
  uiPort?: number;
  dbFilename?: string;
  headless?: boolean;
  namespace?: string;
  log?: (line: string) => void;
}

const saArgs = () => SEARCH_ATTRIBUTE_NAMES.flatMap((n) => ['--search-attribute', `${n}=Keyword`]);

export async function startDevTemporal(opts: DevTemporalOptions): Promise<DevTemporal> {
  const cli = await resolveTemporalCli({ log: opts.log });
  const address = `127.0.0.1:${opts.port}`;
  if (!cli) {
    opts.log?.('No Temporal CLI and no Go toolchain: falling back to the SDK\'s download of the dev server (needs internet).');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: opts.port,
        ui: !opts.headless,
        uiPort: opts.uiPort,
        dbFilename: opts.dbFilename,
        namespace: opts.namespace ?? 'default',
        searchAttributes: SEARCH_ATTRIBUTE_NAMES.map((name) => ({ name, type: 'KEYWORD' as never })) as never,
        extraArgs: devServerDynamicConfigArgs(),
      },
    });
    return { address, uiUrl: opts.headless ? undefined : `http://127.0.0.1:${opts.uiPort}`, stop: () => env.teardown() };
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', opts.namespace ?? 'default', '--log-level', 'error', ...saArgs(), ...devServerDynamicConfigArgs()];
  if (opts.headless) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort ?? opts.port + 1000));
  if (opts.dbFilename) args.push('--db-filename', opts.dbFilename);
  const child: ChildProcess = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  let exited = false;
  child.on('exit', () => (exited = true));
  await waitFor(
    `Temporal dev server on ${address}`,
    async () => {
      if (exited) throw Object.assign(new Error(`temporal server exited early:\n${output.slice(-2000)}`), { fatal: true });
      return temporalAnswers(address);
    },
    60_000,
    250,
  );
  // Never leave an orphaned server behind, whatever ends this process.
  process.once('exit', () => {
    if (!exited) child.kill('SIGKILL');
  });
  return {
    address,
    process: child,
    uiUrl: opts.headless ? undefined : `http://127.0.0.1:${opts.uiPort ?? opts.port + 1000}`,
    stop: () => terminate(child, 10_000),
  };
}
