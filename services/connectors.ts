// Connector service: create, read, list, rename, delete, store credentials and run onboarding/tests via Temporal.
import type { Config } from '../config/config.ts';
import type { ConnectionTestResult } from '../contracts/workflows.ts';
import { findConnectorInWorkspace, insertConnector, listConnectors, updateConnector, updateConnectorReturning } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import { bumpDesiredVersion, insertSchedule } from '../db/schedules.repository.ts';
import { secretSlots } from '../db/secret-columns.ts';
import type { ConnectorRow, ConnectorStatus } from '../db/schema.ts';
import type { Cipher } from '../lib/crypto.ts';
import { DomainError, invalid, notFound, type FieldIssue } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { ConfigField, ProviderManifest } from '../providers/types.ts';
import { bindSessionConnector, type ConnectSessionContext } from './connect-sessions.ts';
import type { Convergence } from './convergence.ts';
import { emitEvent } from './events.ts';
import { invalidateOAuthStates } from './oauth-states.ts';
import type { Orchestrator } from './orchestrator.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';

export interface ServiceDeps {
  db: Db;
  orchestrator: Orchestrator;
  providers: ProviderRegistry;
  cipher: Cipher;
  /** Brings Temporal in line with a connector (after a delete: its schedule, onboarding, syncs and backfills stopped). */
  convergence: Convergence;
  config: Pick<Config, 'DEFAULT_SYNC_INTERVAL_MINUTES'>;
}

export interface ConnectorView {
  id: string;
  workspace_id: string;
  type: string;
  name: string;
  auth: 'oauth2' | 'api_key';
  status: ConnectorStatus;
  status_reason: string | null;
  status_message: string | null;
  status_changed_at: string;
  has_credentials: boolean;
  /** The type's non-secret settings (`config_fields` in the catalog), e.g. GitHub's orgs and repos. */
  config: Record<string, string | string[]>;
  last_test: { at: string; success: boolean; latency_ms: number | null; error: { code: string; message: string } | null } | null;
  created_at: string;
  updated_at: string;
}

/** The one place a connector row becomes its API shape: no secret column is ever copied. */
export function toView(row: ConnectorRow, auth: 'oauth2' | 'api_key'): ConnectorView {
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    type: row.type,
    name: row.name,
    auth,
    status: row.status,
    status_reason: row.status_reason,
    status_message: row.status_message,
    status_changed_at: row.status_changed_at.toISOString(),
    has_credentials: row.credentials_enc !== null,
    config: row.config ?? {},
    last_test: row.last_test_at
      ? {
          at: new Date(row.last_test_at).toISOString(),
          success: Boolean(row.last_test_success),
          latency_ms: row.last_test_latency_ms,
          error: (row.last_test_error as { code: string; message: string } | null) ?? null,
        }
      : null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function createConnectorService(deps: ServiceDeps) {
  const { db, orchestrator, providers, cipher, convergence } = deps;

  const authOf = (type: string) => providers.get(type)?.manifest.auth ?? 'api_key';
  const view = (row: ConnectorRow) => toView(row, authOf(row.type));
  const load = (workspaceId: string, id: string) => findConnectorInWorkspace(db, workspaceId, id);

  /**
   * Validates a body against the connector's own type. When it does not fit, but does fit another type (of those
   * `applies` to), that is a 409 `wrong_type` naming the connector's type; otherwise the type's own 400.
   */
  function forType<T>(type: string, what: string, validate: (m: ProviderManifest) => T, applies: (m: ProviderManifest) => boolean): T {
    const own = providers.get(type)!.manifest;
    try {
      return validate(own);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'invalid_request') throw err;
      const fitsOther = providers.list().find((p) => p.manifest.type !== type && applies(p.manifest) && succeeds(() => validate(p.manifest)));
      if (!fitsOther) throw err;
      throw new DomainError('wrong_type', `these are ${fitsOther.manifest.name} ${what}; this connector is a ${own.name} connector: ${err.message}`, err.details);
    }
  }

  return {
    view,

    /** A new pending connector; made through a connect session, it is that session's one connector, of its type. */
    async create(workspaceId: string, input: { type: string; name?: string; config?: unknown }, session?: ConnectSessionContext): Promise<ConnectorView> {
      const provider = providers.get(input.type);
      if (!provider) {
        const known = providers.list().map((p) => p.manifest.type).join(', ');
        throw invalid('type', `unknown connector type "${input.type}"; known types: ${known}`);
      }
      if (session?.connectorType && session.connectorType !== input.type) {
        throw new DomainError('wrong_type', `this connect session connects a ${session.connectorType} connector, not ${input.type}`, [{ field: 'type', message: `must be ${session.connectorType}` }]);
      }
      const config = input.config === undefined ? {} : validateConfig(provider.manifest.config_fields, input.config);
      const row = await db.transaction().execute(async (tx) => {
        const id = newId('con');
        const inserted = await insertConnector(tx, {
          id,
          workspace_id: workspaceId,
          type: input.type,
          name: input.name ?? provider.manifest.name,
          status: 'pending',
          status_reason: 'awaiting_credentials',
          config: JSON.stringify(config),
        });
        await tx
          .insertInto('connector_status_changes')
          .values({ id: newId('sc'), connector_id: id, from_status: null, to_status: 'pending', reason: 'created' })
          .execute();
        await emitEvent(tx, 'connector.created', workspaceId, { status: 'pending' }, inserted);
        await insertSchedule(tx, id, { interval_minutes: deps.config.DEFAULT_SYNC_INTERVAL_MINUTES, cron: null, timezone: null });
        if (session) await bindSessionConnector(tx, session.id, id);
        return inserted;
      });
      return view(row);
    },

    async get(workspaceId: string, id: string): Promise<ConnectorView> {
      return view(await load(workspaceId, id));
    },

    async list(workspaceId: string, q: { limit: number; cursor?: string; status?: ConnectorStatus; type?: string }) {
      const rows = await listConnectors(db, workspaceId, { limit: q.limit, status: q.status, type: q.type, beforeId: q.cursor ? decodeCursor(q.cursor, 'con') : undefined });
      const page = rows.slice(0, q.limit);
      return { data: page.map(view), next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!.id) : null };
    },

    /** Renames and/or replaces the configuration (validated against the type; checked at the provider by the next connection test). */
    async update(workspaceId: string, id: string, input: { name?: string; config?: unknown }): Promise<ConnectorView> {
      const row = await load(workspaceId, id);
      const config = input.config === undefined ? undefined : forType(row.type, 'settings', (m) => validateConfig(m.config_fields, input.config), (m) => m.config_fields.length > 0);
      return view((await updateConnectorReturning(db, id, { ...(input.name !== undefined ? { name: input.name } : {}), ...(config ? { config: JSON.stringify(config) } : {}), updated_at: new Date() }))!);
    },

    /**
     * Soft-deletes: credentials and authorization attempts removed at once; the id stays unusable. Stopping
     * what runs in Temporal (schedule, onboarding, syncs, backfills) is recorded in the same transaction as a
     * new desired version, tried inline, and retried by the reconciler until done — even while Temporal is down.
     */
    async remove(workspaceId: string, id: string): Promise<void> {
      const row = await load(workspaceId, id);
      await db.transaction().execute(async (tx) => {
        const now = new Date();
        await updateConnector(tx, id, { deleted_at: now, credentials_enc: null, candidate_credentials_enc: null, candidate_id: null, updated_at: now });
        await emitEvent(tx, 'connector.deleted', workspaceId, { status: row.status }, row);
        await invalidateOAuthStates(tx, id, 'connector_deleted');
        // Runs end here and now: a sync's next commit finds its run closed, a backfill's chunks see the cancel request.
        await tx.updateTable('sync_runs').set({ status: 'cancelled', finished_at: now }).where('connector_id', '=', id).where('status', 'in', ['queued', 'running']).execute();
        await tx.updateTable('backfills').set({ cancel_requested_at: now }).where('connector_id', '=', id).where('status', 'in', ['queued', 'running']).where('cancel_requested_at', 'is', null).execute();
        await bumpDesiredVersion(tx, id);
      });
      await convergence.converge(id);
    },

    /** Validates fields against the type's manifest, stores them encrypted, runs onboarding, returns its result. */
    async putCredentials(workspaceId: string, id: string, body: unknown): Promise<{ connector: ConnectorView; test: ConnectionTestResult; first_sync_run_id: string | null; workflow_id: string; temporal_ui_url: string }> {
      const row = await load(workspaceId, id);
      const provider = providers.get(row.type)!;
      if (provider.manifest.auth !== 'api_key') {
        throw new DomainError('wrong_auth_method', `connector type ${row.type} uses OAuth; call POST /v1/connectors/${id}/oauth/authorize instead of storing credentials`);
      }
      const { type: named, ...fields } = body as { type?: unknown };
      if (named !== undefined && named !== row.type) {
        throw new DomainError('wrong_type', `connector ${id} is a ${row.type} connector, not ${String(named)}`, [{ field: 'type', message: `must be ${row.type} or omitted` }]);
      }
      const creds = forType(row.type, 'credentials', (m) => validateCredentials(m.credential_fields, fields), (m) => m.auth === 'api_key');
      // This request's candidate: only its own onboarding may promote or drop it.
      const candidateId = newId('cand');
      const stored = await db
        .updateTable('connectors')
        .set({ candidate_credentials_enc: cipher.encryptJson(creds, secretSlots.candidateCredentials(id)), candidate_id: candidateId, updated_at: new Date() })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!stored) throw notFound('connector', id);
      let onboarding;
      try {
        onboarding = await orchestrator.runOnboarding(row, candidateId);
      } catch (err) {
        // Not tested (Temporal unreachable, or superseded): the candidate goes, unless another request replaced it.
        await db.updateTable('connectors').set({ candidate_credentials_enc: null, candidate_id: null }).where('id', '=', id).where('candidate_id', '=', candidateId).execute();
        throw err;
      }
      const { workflowId, result } = onboarding;
      const { status: _status, first_sync_run_id: firstRun, ...test } = result;
      return {
        connector: view(await load(workspaceId, id)),
        test,
        first_sync_run_id: firstRun ?? null,
        workflow_id: workflowId,
        temporal_ui_url: orchestrator.uiLink(workflowId),
      };
    },

    async test(workspaceId: string, id: string): Promise<ConnectionTestResult> {
      const row = await load(workspaceId, id);
      if (!row.credentials_enc) {
        const how = authOf(row.type) === 'oauth2' ? `authorize it with POST /v1/connectors/${id}/oauth/authorize` : `store credentials with PUT /v1/connectors/${id}/credentials`;
        throw new DomainError('no_credentials', `connector ${id} has no verified credentials yet (status ${row.status}); ${how}`);
      }
      return orchestrator.runConnectionTest(row);
    },
  };
}

export type ConnectorService = ReturnType<typeof createConnectorService>;

function succeeds(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a configuration object against the type's `config_fields`: each issue named (`config.repos.2`), unknown
 * fields refused. Lists are deduplicated; a type without config fields accepts only `{}`.
 */
export function validateConfig(fields: readonly ConfigField[], body: unknown): Record<string, string | string[]> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('config', 'must be a JSON object');
  const issues: FieldIssue[] = [];
  const out: Record<string, string | string[]> = {};
  const known = new Map(fields.map((f) => [f.name, f]));
  for (const [key, v] of Object.entries(body)) {
    const f = known.get(key);
    if (!f) {
      issues.push({ field: `config.${key}`, message: fields.length ? `unknown setting; expected ${[...known.keys()].join(', ')}` : 'this connector type has no settings' });
      continue;
    }
    const ok = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= 200 && (!f.pattern || new RegExp(f.pattern).test(s));
    if (f.type === 'string') {
      if (ok(v)) out[key] = v;
      else issues.push({ field: `config.${key}`, message: `must be a ${f.label.toLowerCase()} value` });
      continue;
    }
    if (!Array.isArray(v)) {
      issues.push({ field: `config.${key}`, message: 'must be a list of strings' });
      continue;
    }
    if (v.length > f.max_items) issues.push({ field: `config.${key}`, message: `at most ${f.max_items} entries` });
    v.forEach((item, i) => {
      if (!ok(item)) issues.push({ field: `config.${key}.${i}`, message: `not a valid entry for ${f.label} (${f.description})` });
    });
    out[key] = [...new Set(v.filter(ok))];
  }
  if (issues.length) throw new DomainError('invalid_request', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  return out;
}

/** Checks a credentials object against the declared fields: every issue named, none echoed back. */
export function validateCredentials(fields: ReadonlyArray<{ name: string; required: boolean; pattern?: string; label: string }>, body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('body', 'must be a JSON object of credential fields');
  const issues: FieldIssue[] = [];
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(body)) {
    if (!known.has(key)) issues.push({ field: key, message: `unknown credential field; expected ${[...known].join(', ')}` });
  }
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = (body as Record<string, unknown>)[f.name];
    if (v === undefined || v === null || v === '') {
      if (f.required) issues.push({ field: f.name, message: `required (${f.label})` });
      continue;
    }
    if (typeof v !== 'string') {
      issues.push({ field: f.name, message: 'must be a string' });
      continue;
    }
    if (f.pattern && !new RegExp(f.pattern).test(v)) {
      issues.push({ field: f.name, message: `does not look like a ${f.label}` });
      continue;
    }
    out[f.name] = v;
  }
  if (issues.length) throw new DomainError('invalid_request', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  return out;
}
