// `tributary connectors …` and `tributary runs …`: list, read, create, connect, sync, pause, resume, delete a
// connector; list, read and follow its sync runs (progress on stderr, exit 1 when the run did not succeed).
import { unwrap, type Connector, type SyncRun, type Tributary } from '@tributary/sdk';
import { apiClient, flags, int, pairs } from './api-client.ts';
import { details, EXIT, output, table, UsageError, type Out } from './output.ts';

const CONNECTOR_COLUMNS = ['id', 'type', 'name', 'status', 'status_reason', 'created_at'];
const RUN_COLUMNS = ['id', 'status', 'trigger', 'records_fetched', 'records_added', 'records_updated', 'records_deleted', 'started_at', 'finished_at'];

const showConnector = (c: Connector) => details(c as unknown as Record<string, unknown>, ['id', 'type', 'name', 'status', 'status_reason', 'status_message', 'has_credentials', 'config', 'last_test', 'created_at', 'updated_at']);
const showRun = (r: SyncRun) => details(r as unknown as Record<string, unknown>, ['id', 'connector_id', 'status', 'trigger', 'window', 'records_fetched', 'records_added', 'records_updated', 'records_unchanged', 'records_deleted', 'pages', 'error', 'workflow_id', 'temporal_ui_url', 'started_at', 'finished_at']);
const at = (id: string) => ({ params: { path: { id } } });

/** Follows a run to its end, a progress line per change on stderr; exit 0 only when it succeeded. */
export async function followRun(t: Tributary, out: Out, connectorId: string, runId: string): Promise<number> {
  let last = '';
  const run = await t.followRun(connectorId, runId, {
    intervalMs: 500,
    onUpdate: (r) => {
      const line = `run ${r.id}: ${r.status} — ${r.pages} pages, ${r.records_fetched} fetched (${r.records_added} added, ${r.records_updated} updated, ${r.records_deleted} deleted)`;
      if (line !== last) out.note(line);
      last = line;
    },
  });
  out.result(run, () => showRun(run));
  return run.status === 'succeeded' ? EXIT.ok : EXIT.failed;
}

export async function connectorsCommand(sub: string | undefined, rest: string[]): Promise<number> {
  switch (sub) {
    case 'list': {
      const { values } = flags(rest, { status: { type: 'string' }, type: { type: 'string' }, limit: { type: 'string' } });
      const max = int(values.limit as string | undefined, 'limit', 1, 100_000) ?? Infinity;
      const all: Connector[] = [];
      for await (const c of apiClient().connectors({ ...(values.status ? { status: values.status as Connector['status'] } : {}), ...(values.type ? { type: values.type as Connector['type'] } : {}), limit: 100 })) {
        all.push(c);
        if (all.length >= max) break;
      }
      output(Boolean(values.json)).result(all, () => table(all as unknown as Array<Record<string, unknown>>, CONNECTOR_COLUMNS));
      return EXIT.ok;
    }
    case 'get': {
      const { values, args } = flags(rest, {}, ['ID']);
      const c = await apiClient().connector(args[0]!);
      output(Boolean(values.json)).result(c, () => showConnector(c));
      return EXIT.ok;
    }
    case 'create': {
      const { values } = flags(rest, { type: { type: 'string' }, name: { type: 'string' }, config: { type: 'string' } });
      if (!values.type) throw new UsageError('--type is required (see GET /v1/connector-types)');
      const config = values.config ? parseJsonFlag(values.config as string, 'config') : undefined;
      const body = { type: values.type, ...(values.name ? { name: values.name } : {}), ...(config ? { config } : {}) } as Parameters<Tributary['startOAuth']>[0];
      const c = await unwrap(apiClient().api.POST('/v1/connectors', { body }));
      output(Boolean(values.json)).result(c, () => showConnector(c));
      return EXIT.ok;
    }
    case 'connect':
      return connect(rest);
    case 'sync': {
      const { values, args } = flags(rest, { follow: { type: 'boolean' } }, ['ID']);
      const t = apiClient();
      const out = output(Boolean(values.json));
      const started = await t.syncNow(args[0]!);
      if (!values.follow) {
        out.result(started, () => `sync run ${started.sync_run_id}${started.already_running ? ' (already running)' : ''} started; follow it with: tributary runs follow ${args[0]} ${started.sync_run_id}`);
        return EXIT.ok;
      }
      return followRun(t, out, args[0]!, started.sync_run_id);
    }
    case 'pause':
    case 'resume': {
      const { values, args } = flags(rest, {}, ['ID']);
      const api = apiClient().api;
      const c = await unwrap(sub === 'pause' ? api.POST('/v1/connectors/{id}/pause', at(args[0]!)) : api.POST('/v1/connectors/{id}/resume', at(args[0]!)));
      output(Boolean(values.json)).result(c, () => showConnector(c));
      return EXIT.ok;
    }
    case 'delete': {
      const { values, args } = flags(rest, {}, ['ID']);
      await unwrap(apiClient().api.DELETE('/v1/connectors/{id}', at(args[0]!)));
      output(Boolean(values.json)).result({ deleted: args[0] }, () => `deleted ${args[0]}`);
      return EXIT.ok;
    }
    default:
      throw new UsageError('usage: tributary connectors list|get|create|connect|sync|pause|resume|delete …');
  }
}

/** API-key types: store `--credential k=v` and show the test (exit 1 when it fails). OAuth types: print the link, `--wait` for it. */
async function connect(rest: string[]): Promise<number> {
  const { values, args } = flags(rest, { credential: { type: 'string', multiple: true }, 'return-url': { type: 'string' }, wait: { type: 'boolean' } }, ['ID']);
  const t = apiClient();
  const out = output(Boolean(values.json));
  const id = args[0]!;
  const c = await t.connector(id);
  const type = await unwrap(t.api.GET('/v1/connector-types/{type}', { params: { path: { type: c.type } } }));
  if (type.auth === 'api_key') {
    const credentials = pairs(values.credential as string[] | undefined, 'credential');
    if (!Object.keys(credentials).length) throw new UsageError(`give the credentials: ${type.credential_fields.map((f) => `--credential ${f.name}=…`).join(' ')}`);
    const r = await unwrap(t.api.PUT('/v1/connectors/{id}/credentials', { ...at(id), body: credentials as never }));
    out.result(r, () => (r.test.success ? `connected: ${r.connector.id} (${r.test.latency_ms} ms)` : `connection test failed: ${r.test.error?.code}: ${r.test.error?.message}`));
    return r.test.success ? EXIT.ok : EXIT.failed;
  }
  const auth = await t.authorize(id, values['return-url'] as string | undefined);
  if (!values.wait) {
    out.result(auth, () => `open this link in a browser to authorize (valid until ${auth.expires_at}):\n${auth.authorize_url}`);
    return EXIT.ok;
  }
  out.note(`open this link in a browser to authorize (valid until ${auth.expires_at}):\n${auth.authorize_url}`);
  const done = await t.waitForConnection(id, { intervalMs: 1000, timeoutMs: Math.max(0, Date.parse(auth.expires_at) - Date.now()) + 5000 });
  out.result(done, () => showConnector(done));
  return done.status === 'connected' ? EXIT.ok : EXIT.failed;
}

function parseJsonFlag(text: string, name: string): Record<string, string | string[]> {
  try {
    return JSON.parse(text) as Record<string, string | string[]>;
  } catch (err) {
    throw new UsageError(`--${name} must be JSON: ${(err as Error).message}`);
  }
}

export async function runsCommand(sub: string | undefined, rest: string[]): Promise<number> {
  switch (sub) {
    case 'list': {
      const { values, args } = flags(rest, { limit: { type: 'string' } }, ['CONNECTOR']);
      const limit = int(values.limit as string | undefined, 'limit', 1, 100) ?? 20;
      const page = await unwrap(apiClient().api.GET('/v1/connectors/{id}/sync-runs', { params: { path: { id: args[0]! }, query: { limit } } }));
      output(Boolean(values.json)).result(page.data, () => table(page.data as unknown as Array<Record<string, unknown>>, RUN_COLUMNS));
      return EXIT.ok;
    }
    case 'get': {
      const { values, args } = flags(rest, {}, ['CONNECTOR', 'RUN']);
      const run = await unwrap(apiClient().api.GET('/v1/connectors/{id}/sync-runs/{run_id}', { params: { path: { id: args[0]!, run_id: args[1]! } } }));
      output(Boolean(values.json)).result(run, () => showRun(run));
      return EXIT.ok;
    }
    case 'follow': {
      const { values, args } = flags(rest, {}, ['CONNECTOR', 'RUN']);
      return followRun(apiClient(), output(Boolean(values.json)), args[0]!, args[1]!);
    }
    default:
      throw new UsageError('usage: tributary runs list|get|follow CONNECTOR [RUN]');
  }
}
