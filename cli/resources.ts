// `tributary backfill …`, `tributary webhooks …` and `tributary api-keys …`.
import { unwrap, type ApiKey, type Backfill, type Tributary } from '@tributary/sdk';
import { apiClient, flags, int } from './api-client.ts';
import { details, EXIT, output, table, UsageError, type Out } from './output.ts';

type Row = Record<string, unknown>;
const rows = (xs: unknown[]) => xs as Row[];
const BACKFILL_COLUMNS = ['id', 'status', 'window', 'chunks_done', 'chunks_total', 'chunks_failed', 'records', 'created_at', 'finished_at'];

const showBackfill = (b: Backfill) => details(b as unknown as Row, ['id', 'connector_id', 'status', 'window', 'chunk', 'chunks_total', 'chunks_done', 'chunks_failed', 'chunks_skipped', 'records', 'records_added', 'records_updated', 'estimated_seconds_left', 'error', 'workflow_id', 'temporal_ui_url', 'created_at', 'finished_at']);

async function followBackfill(t: Tributary, out: Out, connectorId: string, id: string): Promise<number> {
  let last = '';
  const b = await t.followBackfill(connectorId, id, {
    intervalMs: 1000,
    onUpdate: (x) => {
      const line = `backfill ${x.id}: ${x.status} — ${x.chunks_done}/${x.chunks_total} chunks, ${x.records} records${x.estimated_seconds_left ? `, about ${Math.ceil(x.estimated_seconds_left)} s left` : ''}`;
      if (line !== last) out.note(line);
      last = line;
    },
  });
  out.result(b, () => showBackfill(b));
  return b.status === 'succeeded' ? EXIT.ok : EXIT.failed;
}

export async function backfillCommand(sub: string | undefined, rest: string[]): Promise<number> {
  const bf = (connector: string, backfill: string) => ({ params: { path: { id: connector, backfill_id: backfill } } });
  switch (sub) {
    case 'start': {
      const { values, args } = flags(rest, { start: { type: 'string' }, end: { type: 'string' }, chunk: { type: 'string' }, follow: { type: 'boolean' } }, ['CONNECTOR']);
      if (!values.start || !values.end) throw new UsageError('--start and --end are required (ISO-8601, e.g. 2026-10-01T00:00:00Z)');
      const t = apiClient();
      const out = output(Boolean(values.json));
      const body = { start: values.start as string, end: values.end as string, ...(values.chunk ? { chunk: values.chunk as string } : {}) };
      const accepted = await unwrap(t.api.POST('/v1/connectors/{id}/backfills', { params: { path: { id: args[0]! } }, body }));
      if (!values.follow) {
        out.result(accepted, () => `backfill ${accepted.backfill_id} ${accepted.status}: ${accepted.chunks_total} chunks (${accepted.chunks_skipped} already done); follow it with: tributary backfill status ${args[0]} ${accepted.backfill_id} --follow`);
        return EXIT.ok;
      }
      return followBackfill(t, out, args[0]!, accepted.backfill_id);
    }
    case 'status': {
      const { values, args } = flags(rest, { follow: { type: 'boolean' } }, ['CONNECTOR', 'BACKFILL']);
      const t = apiClient();
      const out = output(Boolean(values.json));
      if (values.follow) return followBackfill(t, out, args[0]!, args[1]!);
      const b = await unwrap(t.api.GET('/v1/connectors/{id}/backfills/{backfill_id}', bf(args[0]!, args[1]!)));
      out.result(b, () => showBackfill(b));
      return EXIT.ok;
    }
    case 'list': {
      const { values, args } = flags(rest, {}, ['CONNECTOR']);
      const page = await unwrap(apiClient().api.GET('/v1/connectors/{id}/backfills', { params: { path: { id: args[0]! } } }));
      output(Boolean(values.json)).result(page.data, () => table(rows(page.data), BACKFILL_COLUMNS));
      return EXIT.ok;
    }
    case 'cancel': {
      const { values, args } = flags(rest, {}, ['CONNECTOR', 'BACKFILL']);
      const b = await unwrap(apiClient().api.POST('/v1/connectors/{id}/backfills/{backfill_id}/cancel', bf(args[0]!, args[1]!)));
      output(Boolean(values.json)).result(b, () => `cancellation of ${b.id} requested (status ${b.status}); committed chunks stay`);
      return EXIT.ok;
    }
    default:
      throw new UsageError('usage: tributary backfill start|status|list|cancel CONNECTOR …');
  }
}

const WEBHOOK_COLUMNS = ['id', 'url', 'events', 'connector_ids', 'enabled', 'consecutive_failures'];

export async function webhooksCommand(sub: string | undefined, rest: string[]): Promise<number> {
  const at = (id: string) => ({ params: { path: { id } } });
  const list = (v: unknown) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
  const endpointFlags = { url: { type: 'string' }, events: { type: 'string' }, connectors: { type: 'string' }, description: { type: 'string' } } as const;
  switch (sub) {
    case 'list': {
      const { values } = flags(rest, {});
      const r = await unwrap(apiClient().api.GET('/v1/webhooks'));
      output(Boolean(values.json)).result(r.data, () => table(rows(r.data), WEBHOOK_COLUMNS));
      return EXIT.ok;
    }
    case 'get': {
      const { values, args } = flags(rest, {}, ['ID']);
      const w = await unwrap(apiClient().api.GET('/v1/webhooks/{id}', at(args[0]!)));
      output(Boolean(values.json)).result(w, () => details(w as unknown as Row));
      return EXIT.ok;
    }
    case 'create': {
      const { values } = flags(rest, endpointFlags);
      if (!values.url || !values.events) throw new UsageError('--url and --events (comma-separated event types, or *) are required');
      const body = { url: values.url as string, events: list(values.events) as never, ...(values.connectors ? { connector_ids: list(values.connectors) } : {}), ...(values.description ? { description: values.description as string } : {}) };
      const w = await unwrap(apiClient().api.POST('/v1/webhooks', { body }));
      output(Boolean(values.json)).result(w, () => `${details(w as unknown as Row, ['id', 'url', 'events', 'connector_ids'])}\nsecret: ${w.secret}\n(the signing secret is shown once: store it now)`);
      return EXIT.ok;
    }
    case 'update': {
      const { values, args } = flags(rest, { ...endpointFlags, enable: { type: 'boolean' }, disable: { type: 'boolean' } }, ['ID']);
      const body = {
        ...(values.url ? { url: values.url as string } : {}),
        ...(values.events ? { events: list(values.events) as never } : {}),
        ...(values.connectors ? { connector_ids: values.connectors === '*' ? null : list(values.connectors) } : {}),
        ...(values.description ? { description: values.description as string } : {}),
        ...(values.enable ? { enabled: true } : values.disable ? { enabled: false } : {}),
      };
      if (!Object.keys(body).length) throw new UsageError('give something to change: --url, --events, --connectors (or * for all), --description, --enable or --disable');
      const w = await unwrap(apiClient().api.PATCH('/v1/webhooks/{id}', { ...at(args[0]!), body }));
      output(Boolean(values.json)).result(w, () => details(w as unknown as Row));
      return EXIT.ok;
    }
    case 'delete': {
      const { values, args } = flags(rest, {}, ['ID']);
      await unwrap(apiClient().api.DELETE('/v1/webhooks/{id}', at(args[0]!)));
      output(Boolean(values.json)).result({ deleted: args[0] }, () => `deleted ${args[0]}`);
      return EXIT.ok;
    }
    case 'rotate-secret': {
      const { values, args } = flags(rest, {}, ['ID']);
      const r = await unwrap(apiClient().api.POST('/v1/webhooks/{id}/rotate-secret', at(args[0]!)));
      output(Boolean(values.json)).result(r, () => `new secret for ${r.id}: ${r.secret}\n(shown once: store it now)`);
      return EXIT.ok;
    }
    case 'deliveries': {
      const { values, args } = flags(rest, { limit: { type: 'string' } }, ['ID']);
      const limit = int(values.limit as string | undefined, 'limit', 1, 200) ?? 50;
      const r = await unwrap(apiClient().api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id: args[0]! }, query: { limit } } }));
      output(Boolean(values.json)).result(r.data, () => table(rows(r.data), ['id', 'event_type', 'status', 'last_status_code', 'last_error', 'created_at']));
      return EXIT.ok;
    }
    case 'redeliver': {
      const { values, args } = flags(rest, {}, ['ID', 'DELIVERY']);
      const r = await unwrap(apiClient().api.POST('/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver', { params: { path: { id: args[0]!, delivery_id: args[1]! } } }));
      output(Boolean(values.json)).result(r, () => `redelivery ${r.delivery_id} of event ${r.event_id} started`);
      return EXIT.ok;
    }
    default:
      throw new UsageError('usage: tributary webhooks list|get|create|update|delete|rotate-secret|deliveries|redeliver …');
  }
}

export async function apiKeysCommand(sub: string | undefined, rest: string[]): Promise<number> {
  switch (sub) {
    case 'list': {
      const { values } = flags(rest, { all: { type: 'boolean' } });
      const t = apiClient();
      const keys: ApiKey[] = [];
      for await (const k of t.paginate((cursor) => unwrap(t.api.GET('/v1/api-keys', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}), ...(values.all ? { include_revoked: 'true' as const } : {}) } } })))) keys.push(k);
      output(Boolean(values.json)).result(keys, () => table(rows(keys), ['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at', ...(values.all ? ['revoked_at'] : [])]));
      return EXIT.ok;
    }
    case 'create': {
      const { values } = flags(rest, { name: { type: 'string' }, 'expires-in-days': { type: 'string' } });
      if (!values.name) throw new UsageError('--name is required (what the key is for)');
      const days = int(values['expires-in-days'] as string | undefined, 'expires-in-days', 1, 3650);
      const k = await unwrap(apiClient().api.POST('/v1/api-keys', { body: { name: values.name as string, ...(days ? { expires_in_days: days } : {}) } }));
      const out = output(Boolean(values.json));
      if (!out.json) out.note(`created ${k.id} (${k.name})${k.expires_at ? `, expires ${k.expires_at}` : ''}; the key is shown once:`);
      out.result(k, () => k.key);
      return EXIT.ok;
    }
    case 'revoke': {
      const { values, args } = flags(rest, {}, ['ID']);
      await unwrap(apiClient().api.DELETE('/v1/api-keys/{id}', { params: { path: { id: args[0]! } } }));
      output(Boolean(values.json)).result({ revoked: args[0] }, () => `revoked ${args[0]}: it is refused from now on`);
      return EXIT.ok;
    }
    default:
      throw new UsageError('usage: tributary api-keys list|create|revoke …');
  }
}
