// Temporal's own server on PostgreSQL, as production runs it (not the dev server's SQLite): the server and its SQL
// tool built from go.temporal.io/server (found like the CLI: variable → PATH → $(go env GOPATH)/bin → go install),
// the schema applied with that tool from the module's own schema files, a generated config, then the namespace
// (with its retention) and Tributary's search attributes. Used by the production-topology test.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { SEARCH_ATTRIBUTE_NAMES } from '../contracts/search-attributes.ts';
import { resolveGoTool } from './go-tool.ts';
import { temporalAnswers, terminate } from './child.ts';
import { freePort, waitFor } from './net.ts';
import { dynamicConfigYaml } from './temporal-dynamic-config.ts';

export const TEMPORAL_SERVER_MODULE = 'go.temporal.io/server';
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';

export interface TemporalServerTools {
  server: string;
  sqlTool: string;
  /** …/schema/postgresql/v12 of the server module. */
  schemaDir: string;
}

/** The server, its SQL tool and the schema files, building or downloading what is missing (Go needed then). */
export async function resolveTemporalServerTools(log?: (line: string) => void): Promise<TemporalServerTools> {
  const at = `@${TEMPORAL_SERVER_VERSION}`;
  const server = await resolveGoTool({ envVar: 'TEMPORAL_SERVER_PATH', pathNames: ['temporal-server'], goBinName: 'server', module: `${TEMPORAL_SERVER_MODULE}/cmd/server${at}` }, { log });
  const sqlTool = await resolveGoTool({ envVar: 'TEMPORAL_SQL_TOOL_PATH', pathNames: ['temporal-sql-tool'], goBinName: 'sql', module: `${TEMPORAL_SERVER_MODULE}/cmd/tools/sql${at}` }, { log });
  if (!server || !sqlTool) throw new Error(`Temporal's server and SQL tool are needed: set TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH, or install Go to build ${TEMPORAL_SERVER_MODULE}${at}`);
  let schemaDir = process.env.TEMPORAL_SCHEMA_DIR;
  if (!schemaDir) {
    // Works outside a Go module, and is a no-op when the module is already in the cache.
    const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `${TEMPORAL_SERVER_MODULE}${at}`], { encoding: 'utf8', cwd: '/' })) as { Dir: string };
    schemaDir = path.join(info.Dir, 'schema', 'postgresql', 'v12');
  }
  if (!existsSync(path.join(schemaDir, 'temporal', 'versioned'))) throw new Error(`no Temporal PostgreSQL schema in ${schemaDir}`);
  return { server, sqlTool, schemaDir };
}

export interface PgTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(bin)} ${args.filter((a) => !a.startsWith('--pw')).join(' ')} exited ${code}:\n${out.slice(-2000)}`))));
  });
}

/** `setup-schema` + `update-schema` of both Temporal databases (they must exist, owned by `pg.user`). */
export async function applyTemporalSchema(tools: TemporalServerTools, pg: PgTarget, databases = { main: 'temporal', visibility: 'temporal_visibility' }): Promise<void> {
  for (const [db, dir] of [[databases.main, 'temporal'], [databases.visibility, 'visibility']] as const) {
    const base = ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, '--pw', pg.password, '--db', db];
    await run(tools.sqlTool, [...base, 'setup-schema', '-v', '0.0']);
    await run(tools.sqlTool, [...base, 'update-schema', '-d', path.join(tools.schemaDir, dir, 'versioned')]);
  }
}

function serverConfig(pg: PgTarget, ports: number[], dynamicConfigFile: string, databases: { main: string; visibility: string }): string {
  const [frontend, history, matching, worker, mFrontend, mHistory, mMatching, mWorker, http, metrics] = ports;
  const store = (db: string, conns: number) => `      sql:
        pluginName: postgres12
        databaseName: ${db}
        connectAddr: "${pg.host}:${pg.port}"
        connectProtocol: tcp
        user: ${JSON.stringify(pg.user)}
        password: ${JSON.stringify(pg.password)}
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: 1h`;
  const service = (grpc: number, membership: number, extra = '') => `    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnIP: 127.0.0.1${extra}`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: 4
  datastores:
    default:
${store(databases.main, 20)}
    visibility:
${store(databases.visibility, 10)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: 127.0.0.1:${metrics}
services:
  frontend:
${service(frontend!, mFrontend!, `\n      httpPort: ${http}`)}
  history:
${service(history!, mHistory!)}
  matching:
${service(matching!, mMatching!)}
  worker:
${service(worker!, mWorker!)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:${frontend}
      httpAddress: 127.0.0.1:${http}
dcRedirectionPolicy:
  policy: noop
archival:
  history:
    state: disabled
  visibility:
    state: disabled
namespaceDefaults:
  archival:
    history:
      state: disabled
    visibility:
      state: disabled
dynamicConfigClient:
  filepath: ${dynamicConfigFile}
  pollInterval: 10s
`;
}

export interface TemporalServer {
  address: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts all four services in one process on free loopback ports and waits until the frontend answers. */
export async function startTemporalServer(tools: TemporalServerTools, pg: PgTarget, workDir: string, opts: { log?: (l: string) => void; databases?: { main: string; visibility: string } } = {}): Promise<TemporalServer> {
  // freePort() stays below 32768: Temporal stores membership ports in a smallint.
  const ports: number[] = [];
  for (let i = 0; i < 10; i++) ports.push(await freePort());
  mkdirSync(path.join(workDir, 'config'), { recursive: true });
  const dynamicConfigFile = path.join(workDir, 'config', 'dynamic.yaml');
  // New search attributes are visible at once (no cache delay between registering them and the first workflow).
  writeFileSync(dynamicConfigFile, `system.forceSearchAttributesCacheRefreshOnRead:\n  - value: true\n${dynamicConfigYaml()}`);
  writeFileSync(path.join(workDir, 'config', 'production.yaml'), serverConfig(pg, ports, dynamicConfigFile, opts.databases ?? { main: 'temporal', visibility: 'temporal_visibility' }), { mode: 0o600 });
  const child = spawn(tools.server, ['--root', workDir, '--config', 'config', '--env', 'production', '--allow-no-auth', 'start'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + String(d)).slice(-200_000)));
  child.stderr!.on('data', (d) => (out = (out + String(d)).slice(-200_000)));
  let exited = false;
  child.on('exit', () => (exited = true));
  process.once('exit', () => {
    if (!exited) child.kill('SIGKILL');
  });
  const address = `127.0.0.1:${ports[0]}`;
  opts.log?.(`Temporal server (PostgreSQL persistence) starting on ${address}`);
  await waitFor(`Temporal server on ${address}`, async () => {
    if (exited) throw Object.assign(new Error(`temporal server exited:\n${out.slice(-3000)}`), { fatal: true });
    return temporalAnswers(address);
  }, 120_000, 500);
  return {
    address,
    process: child,
    output: () => out,
    stop: () => terminate(child, 15_000),
  };
}

/** Registers the namespace with its workflow retention, and Tributary's search attributes (both idempotent). */
export async function prepareNamespace(address: string, namespace: string, retentionDays: number): Promise<void> {
  const conn = await Connection.connect({ address });
  try {
    await conn.workflowService
      .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`) })
      .catch((err: Error) => {
        if (!/already exists/i.test(err.message)) throw err;
      });
    await waitFor(`namespace ${namespace}`, async () => Boolean(await conn.workflowService.describeNamespace({ namespace })), 60_000, 500);
    const KEYWORD = 2; // temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
    await conn.operatorService
      .addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTE_NAMES.map((n) => [n, KEYWORD])) })
      .catch((err: Error) => {
        if (!/already exists/i.test(err.message)) throw err;
      });
    await waitFor('search attributes', async () => {
      const { customAttributes } = await conn.operatorService.listSearchAttributes({ namespace });
      return SEARCH_ATTRIBUTE_NAMES.every((n) => customAttributes?.[n] !== undefined);
    }, 60_000, 500);
  } finally {
    await conn.close();
  }
}
