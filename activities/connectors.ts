// Connector activities: load secrets from the database (never from payloads), call the provider, record results.
import { ApplicationFailure } from '@temporalio/activity';
import type { UpdateObject } from 'kysely';
import type { ConnectionTestResult } from '../contracts/workflows.ts';
import { findLiveConnector, lockConnector, updateConnector } from '../db/connectors.repository.ts';
import type { Db } from '../db/db.ts';
import type { Database, SettledCandidate } from '../db/schema.ts';
import type { Cipher } from '../lib/crypto.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { ProviderError, type Credentials } from '../providers/types.ts';
import { secretSlots } from '../db/secret-columns.ts';
import type { Lifecycle } from '../services/lifecycle.ts';
import type { CredentialStore } from '../services/credentials.ts';
import { transitionStatus } from '../services/status.ts';
import type { ActivateTrigger } from './oauth.ts';
import { callWithRefresh, candidateDropped, candidatePromotion, isCandidateOf } from './provider-call.ts';

export interface ConnectorActivityDeps {
  db: Db;
  providers: ProviderRegistry;
  cipher: Cipher;
  lifecycle: Lifecycle;
  /** The connector's current credentials (OAuth tokens refreshed when due and after a 401). */
  credentials: CredentialStore;
  now?: () => number;
}

/** Permanent provider answers become a failed test; transient ones are retried by Temporal. */
function classify(err: unknown): ConnectionTestResult['error'] {
  if (err instanceof ProviderError) {
    if (err.retryable) {
      throw ApplicationFailure.create({
        type: 'ProviderUnavailable',
        message: err.message,
        nextRetryDelay: err.retryAfterMs !== undefined ? Math.min(err.retryAfterMs, 10_000) : undefined,
      });
    }
    const code = err.code === 'unauthorized' || err.code === 'forbidden' ? 'invalid_credentials' : err.code === 'config_invalid' ? 'config_invalid' : `provider_${err.code}`;
    return { code, message: err.message };
  }
  throw err;
}

/** How the connector's onboarding settled candidate `candidateId`, if it has. */
function settledBy(row: { settled_candidate_id: string | null; settled_candidate: SettledCandidate | null }, candidateId: string | undefined): SettledCandidate | undefined {
  return candidateId !== undefined && row.settled_candidate_id === candidateId && row.settled_candidate ? row.settled_candidate : undefined;
}

export function createConnectorActivities(deps: ConnectorActivityDeps) {
  const now = deps.now ?? Date.now;

  async function loadConnector(connectorId: string) {
    const row = await findLiveConnector(deps.db, connectorId);
    if (!row) throw ApplicationFailure.nonRetryable(`connector ${connectorId} no longer exists`, 'ConnectorGone');
    return row;
  }

  return {
    /**
     * Tests the stored (or candidate) credentials; records the outcome on the connector. A candidate test names
     * the candidate (`candidateId`); when another one replaced it meanwhile, that one's own onboarding decides.
     */
    async testConnection(input: { connectorId: string; candidate: boolean; candidateId?: string }): Promise<ConnectionTestResult> {
      const row = await loadConnector(input.connectorId);
      const provider = deps.providers.get(row.type);
      if (!provider) throw ApplicationFailure.nonRetryable(`unknown connector type ${row.type}`, 'UnknownType');
      // Run again after this candidate was settled (a replay after the worker died): what the first run found.
      const settled = input.candidate ? settledBy(row, input.candidateId) : undefined;
      if (settled) return settled.test;
      if (input.candidate && input.candidateId !== undefined && !isCandidateOf(row, input.candidateId)) {
        return { success: false, latency_ms: 0, error: { code: 'superseded', message: 'newer credentials were stored meanwhile; their own test decides' } };
      }
      const useCandidate = input.candidate && row.candidate_credentials_enc !== null;
      if (!useCandidate && !row.credentials_enc) return { success: false, latency_ms: 0, error: { code: 'no_credentials', message: 'no credentials stored' } };
      const started = now();
      let result: ConnectionTestResult;
      try {
        // Candidates are tested as given; stored credentials come from the store (refreshed when due, and once after a 401).
        const creds: Credentials = useCandidate ? deps.cipher.decryptJson<Credentials>(row.candidate_credentials_enc!, secretSlots.candidateCredentials(row.id)) : await deps.credentials.get(row.id);
        if (useCandidate) await provider.client.testConnection(creds, row.config);
        else await callWithRefresh(deps.credentials, row.id, creds, (c) => provider.client.testConnection(c, row.config), () => undefined);
        result = { success: true, latency_ms: Math.max(0, Math.round(now() - started)) };
      } catch (err) {
        result = { success: false, latency_ms: Math.max(0, Math.round(now() - started)), error: classify(err) };
      }
      await updateConnector(deps.db, row.id, {
        last_test_at: new Date(),
        last_test_success: result.success,
        last_test_error: result.error ? JSON.stringify(result.error) : null,
        last_test_latency_ms: result.latency_ms,
      });
      return result;
    },

    /**
     * Finishes an onboarding: on success the candidate credentials become the connector's and a
     * pending connector becomes connected; on failure the candidate is discarded and the reason kept.
     * Only for the candidate this onboarding tested: a newer one (another PUT …/credentials) is left alone.
     * Records how it settled the candidate, in the same transaction: run again (a replay after the worker died
     * before its workflow task completed), it answers the same, so the connector still gets its schedule and first sync.
     */
    async completeOnboarding(input: { connectorId: string; test: ConnectionTestResult; candidateId?: string }): Promise<{ status: string; becameConnected: boolean }> {
      return deps.db.transaction().execute(async (tx) => {
        const row = await lockConnector(tx, input.connectorId);
        if (!row || row.deleted_at) return { status: 'deleted', becameConnected: false };
        const settled = settledBy(row, input.candidateId);
        if (settled) return { status: row.status, becameConnected: settled.became_connected };
        if (!isCandidateOf(row, input.candidateId)) return { status: row.status, becameConnected: false };
        // How the candidate settled, recorded in the statement that settles it.
        const settling = (becameConnected: boolean): UpdateObject<Database, 'connectors'> => {
          if (input.candidateId === undefined) return {};
          const how: SettledCandidate = { test: input.test, became_connected: becameConnected };
          return { settled_candidate_id: input.candidateId, settled_candidate: JSON.stringify(how) };
        };
        if (input.test.success) {
          const promotion = candidatePromotion(deps.cipher, row, input.candidateId);
          if (!promotion && !row.credentials_enc) return { status: row.status, becameConnected: false }; // the candidate was withdrawn
          const t = await transitionStatus(tx, row.id, 'connected', 'credentials_verified', null, ['pending'], { locked: row, also: (changes) => ({ ...promotion, ...settling(changes) }) });
          return { status: t.to, becameConnected: t.changed };
        }
        const dropped = { ...candidateDropped(row, input.candidateId), ...settling(false) };
        if (row.status === 'pending') {
          await transitionStatus(tx, row.id, 'pending', 'connection_test_failed', input.test.error?.message ?? 'connection test failed', undefined, { locked: row, also: dropped });
        } else if (Object.keys(dropped).length > 0) {
          await updateConnector(tx, row.id, dropped);
        }
        return { status: row.status, becameConnected: false };
      });
    },

    /**
     * Hands a newly connected connector to the sync lifecycle: its schedule, and a first sync — one per `candidateId`
     * (the credentials or OAuth attempt that connected it), however often this runs.
     */
    async activateConnector(input: { connectorId: string; trigger: ActivateTrigger; candidateId?: string }): Promise<{ syncRunId: string | null }> {
      return deps.lifecycle.activate(input.connectorId, input.trigger, input.candidateId);
    },
  };
}
