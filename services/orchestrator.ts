// The one gateway to Temporal: every workflow start, signal, cancel, terminate, describe and schedule call
// goes through here, typed by the workflow functions themselves (type-only import), with the ids from
// contracts/ids.ts and the settings each workflow takes from configuration. Nothing else talks to the client.
// Every call has a deadline (TEMPORAL_CALL_TIMEOUT_MS), and Temporal being unreachable becomes one error,
// `temporal_unavailable` (503, Retry-After), here and nowhere else.
import {
  ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, WorkflowExecutionAlreadyStartedError, WorkflowFailedError, WorkflowNotFoundError,
  type Client, type CompiledScheduleUpdateOptions, type ScheduleOptionsStartWorkflowAction, type ScheduleSpec, type WorkflowStartOptions,
} from '@temporalio/client';
import { NamespaceNotFoundError, TerminatedFailure, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Config } from '../config/config.ts';
import { parseScheduleId, workflowIds } from '../contracts/ids.ts';
import { connectorSearchAttributes } from '../contracts/search-attributes.ts';
import type {
  BackfillSettings, ConnectionTestResult, OAuthCallback, OAuthOnboardingInput, OAuthOnboardingResult, OnboardingResult, RetentionSettings, ScheduledSyncInput, SyncRunSettings, WebhookSettings,
} from '../contracts/workflows.ts';
import { oauthCallbackSignal, WORKFLOW_REVISION } from '../contracts/workflows.ts';
import type { ConnectorIdentity } from '../db/connectors.repository.ts';
import { DomainError, temporalUnavailable } from '../lib/errors.ts';
import { randomSuffix } from '../lib/ids.ts';
import type * as Workflows from '../workflows/index.ts';

type WorkflowFns = typeof Workflows;
type WorkflowName = keyof WorkflowFns & string;

export type OrchestratorConfig = Pick<
  Config,
  | 'TEMPORAL_TASK_QUEUE' | 'TEMPORAL_UI_URL' | 'TEMPORAL_NAMESPACE'
  | 'SYNC_MAX_ATTEMPTS' | 'SYNC_RETRY_INITIAL_MS' | 'SYNC_HEARTBEAT_TIMEOUT_SECONDS' | 'SYNC_TICK_LOCAL_PAGES'
  | 'BACKFILL_CONCURRENCY' | 'BACKFILL_CHUNKS_PER_RUN' | 'BACKFILL_CHUNKS_PER_ACTIVITY' | 'BACKFILL_MAX_ATTEMPTS'
  | 'WEBHOOK_RETRY_SCHEDULE' | 'OAUTH_AUTHORIZATION_WINDOW_SECONDS' | 'TEMPORAL_CALL_TIMEOUT_MS'
>;

/** The memo key naming the task queue whose deployment created a sync schedule (the scope of `resyncAll`'s sweep). */
const SCHEDULE_OWNER_MEMO = 'tributary_task_queue';

// gRPC codes that mean "Temporal cannot answer now": DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE.
const UNREACHABLE_CODES = new Set([4, 8, 14]);

/** Whether an error from the client means Temporal was unreachable or too slow (rather than a real answer). */
export function isTemporalUnreachable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && UNREACHABLE_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function syncSettings(config: Pick<Config, 'SYNC_MAX_ATTEMPTS' | 'SYNC_RETRY_INITIAL_MS' | 'SYNC_HEARTBEAT_TIMEOUT_SECONDS'>): SyncRunSettings {
  return { maxAttempts: config.SYNC_MAX_ATTEMPTS, initialRetryMs: config.SYNC_RETRY_INITIAL_MS, heartbeatTimeoutSeconds: config.SYNC_HEARTBEAT_TIMEOUT_SECONDS };
}

export function backfillSettings(config: OrchestratorConfig): BackfillSettings {
  return {
    concurrency: config.BACKFILL_CONCURRENCY,
    chunksPerRun: config.BACKFILL_CHUNKS_PER_RUN,
    chunksPerActivity: config.BACKFILL_CHUNKS_PER_ACTIVITY,
    maxAttempts: config.BACKFILL_MAX_ATTEMPTS,
    initialRetryMs: config.SYNC_RETRY_INITIAL_MS,
    heartbeatTimeoutSeconds: config.SYNC_HEARTBEAT_TIMEOUT_SECONDS,
  };
}

export function webhookSettings(config: Pick<Config, 'WEBHOOK_RETRY_SCHEDULE'>): WebhookSettings {
  return { retrySchedule: config.WEBHOOK_RETRY_SCHEDULE.split(',') };
}

type RetentionConfig = Pick<
  Config,
  | 'RETENTION_BATCH_SIZE' | 'RETENTION_EVENTS_DAYS' | 'RETENTION_WEBHOOK_DELIVERIES_DAYS' | 'RETENTION_IDEMPOTENCY_KEYS_HOURS'
  | 'RETENTION_SYNC_RUN_LOGS_DAYS' | 'RETENTION_SYNC_RUNS_DAYS' | 'RETENTION_SKIPPED_RUNS_DAYS' | 'RETENTION_DELETED_CONNECTORS_DAYS'
>;

export function retentionSettings(config: RetentionConfig): RetentionSettings {
  const day = 86_400;
  return {
    batchSize: config.RETENTION_BATCH_SIZE,
    maxAgeSeconds: {
      webhook_deliveries: config.RETENTION_WEBHOOK_DELIVERIES_DAYS * day,
      events: config.RETENTION_EVENTS_DAYS * day,
      idempotency_keys: config.RETENTION_IDEMPOTENCY_KEYS_HOURS * 3600,
      sync_run_logs: config.RETENTION_SYNC_RUN_LOGS_DAYS * day,
      skipped_runs: config.RETENTION_SKIPPED_RUNS_DAYS * day,
      sync_runs: config.RETENTION_SYNC_RUNS_DAYS * day,
      deleted_connectors: config.RETENTION_DELETED_CONNECTORS_DAYS * day,
    },
  };
}

/** What a connector's Temporal Schedule should be: when it fires, and whether it is paused (and why). */
export interface ScheduleState {
  spec: ScheduleSpec;
  /** How late a tick may still start (later: Temporal drops it, and the next tick's claim counts it as missed). */
  catchupWindow: string;
  paused: boolean;
  note: string;
  /** Never applied to Temporal yet (a connector's first activation): try creating it first, saving the describe an update starts with. */
  neverApplied?: boolean;
}

export interface ScheduleDescription {
  exists: boolean;
  paused: boolean;
  next_run_at: string | null;
  recent_actions: number;
}

export function temporalUiLink(config: Pick<Config, 'TEMPORAL_UI_URL' | 'TEMPORAL_NAMESPACE'>, workflowId: string, runId?: string): string {
  const base = `${config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${runId}/history` : base;
}

/**
 * The schedule client's update without its describe (`ScheduleHandle.update` is describe, then this). Protected in the
 * SDK's types; pinned by the SDK version in package.json and exercised by every schedule-update test.
 */
interface ScheduleUpdater {
  _updateSchedule(scheduleId: string, opts: CompiledScheduleUpdateOptions, header: Record<string, never>): Promise<unknown>;
}

export function createOrchestrator(deps: { client: Client; config: OrchestratorConfig }) {
  const { client, config } = deps;
  const taskQueue = config.TEMPORAL_TASK_QUEUE;
  const scheduleClient = client.schedule as unknown as ScheduleUpdater;

  /**
   * Runs Temporal calls under the call deadline; an unreachable Temporal becomes `temporal_unavailable`
   * naming `what` could not be done. Real answers (not found, already started, …) pass through unchanged.
   */
  async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await client.connection.withDeadline(Date.now() + config.TEMPORAL_CALL_TIMEOUT_MS, fn);
    } catch (err) {
      throw unreachable(err, what);
    }
  }

  // A namespace that is missing (not yet registered, or a cluster that lost it) is an unavailable Temporal to the
  // caller, like an unreachable one: a 503 to retry, not a 500.
  const unreachable = (err: unknown, what: string): unknown =>
    isTemporalUnreachable(err) || err instanceof NamespaceNotFoundError ? temporalUnavailable(what) : err;

  /** Waits for a workflow's result (no call deadline: it takes as long as the workflow); a superseded run is a 409. */
  async function result<T>(what: string, wait: () => Promise<T>): Promise<T> {
    try {
      return await wait();
    } catch (err) {
      if (err instanceof WorkflowFailedError && err.cause instanceof TerminatedFailure) {
        throw new DomainError('conflict', `${what} was superseded by a newer request for the same connector; its result is the one that counts`);
      }
      throw unreachable(err, what);
    }
  }

  /** Starts a workflow by its function's name; the compiler checks the name, the arguments and the result. */
  function start<N extends WorkflowName>(name: N, options: WorkflowStartOptions<WorkflowFns[N]>) {
    return call(`starting ${options.workflowId}`, () => client.workflow.start<WorkflowFns[N]>(name, options));
  }

  /** Starts unless a workflow with this id already runs (a retry of the same start): false then. */
  async function startOnce<N extends WorkflowName>(name: N, options: WorkflowStartOptions<WorkflowFns[N]>): Promise<boolean> {
    try {
      await start(name, options);
      return true;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw err;
    }
  }

  return {
    uiLink: (workflowId: string) => temporalUiLink(config, workflowId),
    scheduleId: (connectorId: string) => workflowIds.schedule(connectorId),

    /** Reachability, for readiness checks. */
    async ping(): Promise<void> {
      await call('the readiness check', () => client.workflowService.getSystemInfo({}));
    },

    /** API-key onboarding: test the candidate credentials `candidateId` and connect; supersedes a running onboarding. */
    async runOnboarding(c: ConnectorIdentity, candidateId: string): Promise<{ workflowId: string; result: OnboardingResult }> {
      const workflowId = workflowIds.onboarding(c.id);
      const handle = await start('onboardingWorkflow', {
        taskQueue,
        workflowId,
        args: [{ connectorId: c.id, mode: 'api_key', candidateId, revision: WORKFLOW_REVISION }],
        typedSearchAttributes: connectorSearchAttributes(c),
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.TERMINATE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        workflowExecutionTimeout: '5 minutes',
      });
      return { workflowId, result: await result('the onboarding', () => handle.result()) };
    },

    async runConnectionTest(c: ConnectorIdentity): Promise<ConnectionTestResult> {
      const handle = await start('connectionTestWorkflow', {
        taskQueue,
        workflowId: workflowIds.connectionTest(c.id, randomSuffix()),
        args: [{ connectorId: c.id, revision: WORKFLOW_REVISION }],
        typedSearchAttributes: connectorSearchAttributes(c),
        workflowExecutionTimeout: '2 minutes',
      });
      return result('the connection test', () => handle.result());
    },

    /** OAuth onboarding: waits for the callback of `attemptId`; supersedes (terminates) the previous attempt's run. */
    async startOAuthOnboarding(c: ConnectorIdentity, attemptId: string): Promise<string> {
      const workflowId = workflowIds.onboarding(c.id);
      const input: OAuthOnboardingInput = {
        connectorId: c.id,
        attemptId,
        ...(config.OAUTH_AUTHORIZATION_WINDOW_SECONDS ? { authorizationWindow: `${config.OAUTH_AUTHORIZATION_WINDOW_SECONDS} seconds` } : {}),
      };
      await start('oauthOnboardingWorkflow', {
        taskQueue,
        workflowId,
        args: [input],
        typedSearchAttributes: connectorSearchAttributes(c),
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.TERMINATE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      });
      return workflowId;
    },

    /** Delivers the OAuth callback (the attempt id only); false when no onboarding workflow is running. */
    async signalOAuthCallback(connectorId: string, callback: OAuthCallback): Promise<boolean> {
      try {
        await call('completing the authorization', () => client.workflow.getHandle(workflowIds.onboarding(connectorId)).signal(oauthCallbackSignal, callback));
        return true;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return false;
        throw err;
      }
    },

    /** The OAuth onboarding's outcome, or undefined when it has not finished within `waitMs`. */
    async awaitOAuthOnboarding(connectorId: string, waitMs: number): Promise<OAuthOnboardingResult | undefined> {
      const handle = client.workflow.getHandle<WorkflowFns['oauthOnboardingWorkflow']>(workflowIds.onboarding(connectorId));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), waitMs);
      });
      try {
        return await Promise.race([handle.result().catch(() => undefined), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    /** Stops a running onboarding (the connector was deleted); nothing to do when none runs. */
    async stopOnboarding(connectorId: string, reason: string): Promise<void> {
      try {
        await call('stopping the onboarding', () => client.workflow.getHandle(workflowIds.onboarding(connectorId)).terminate(reason));
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    },

    /** Starts the run's workflow `sync/con_…/run_…`; a second start of the same run is a no-op. */
    async startSync(c: ConnectorIdentity, syncRunId: string): Promise<void> {
      await startOnce('syncWorkflow', {
        taskQueue,
        workflowId: workflowIds.sync(c.id, syncRunId),
        args: [{ connectorId: c.id, syncRunId, settings: syncSettings(config), revision: WORKFLOW_REVISION }],
        typedSearchAttributes: connectorSearchAttributes(c),
      });
    },

    /** Whether Temporal knows a workflow with this id (running or closed, within retention). */
    async workflowExists(workflowId: string): Promise<boolean> {
      try {
        await call(`describing ${workflowId}`, () => client.workflow.getHandle(workflowId).describe());
        return true;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return false;
        throw err;
      }
    },

    /** Requests cancellation; 'not_found' when the workflow never started or is gone. */
    async cancelWorkflow(workflowId: string): Promise<'requested' | 'not_found'> {
      try {
        await call(`cancelling ${workflowId}`, () => client.workflow.getHandle(workflowId).cancel());
        return 'requested';
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return 'not_found';
        throw err;
      }
    },

    /** Starts `backfill/bf_…` from its first chunk. */
    async startBackfill(c: ConnectorIdentity, backfillId: string): Promise<string> {
      const workflowId = workflowIds.backfill(backfillId);
      await start('backfillWorkflow', {
        taskQueue,
        workflowId,
        args: [{ backfillId, connectorId: c.id, settings: backfillSettings(config), nextChunk: 0, run: 1, revision: WORKFLOW_REVISION }],
        typedSearchAttributes: connectorSearchAttributes(c),
      });
      return workflowId;
    },

    /**
     * Starts `webhook/whd_…`; a second start of the same delivery is a no-op. `from`: the attempt to go on with and
     * the wait before it (the relay made the earlier attempts).
     */
    async startWebhookDelivery(deliveryId: string, from?: { attempt: number; delay: string }): Promise<void> {
      await startOnce('webhookDeliveryWorkflow', {
        taskQueue,
        workflowId: workflowIds.webhookDelivery(deliveryId),
        args: [{ deliveryId, settings: webhookSettings(config), ...(from ? { firstAttempt: from.attempt } : {}), revision: WORKFLOW_REVISION }],
        ...(from ? { startDelay: from.delay } : {}),
      });
    },

    maintenance: {
      /**
       * Creates the retention schedule `maintenance/retention/<task queue>`, or brings an existing one to these settings — so every
       * worker start may call it (replicas racing to create it end with one schedule, updated to the same settings).
       */
      async ensureRetentionSchedule(settings: RetentionSettings, everyMinutes: number): Promise<'created' | 'updated'> {
        const scheduleId = workflowIds.retentionSchedule(taskQueue);
        const action: ScheduleOptionsStartWorkflowAction<WorkflowFns['retentionWorkflow']> = {
          type: 'startWorkflow',
          workflowType: 'retentionWorkflow' satisfies WorkflowName,
          workflowId: workflowIds.retention(taskQueue),
          taskQueue,
          args: [{ settings }],
        };
        const spec: ScheduleSpec = { intervals: [{ every: `${everyMinutes} minutes` }] };
        const update = () =>
          client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies: { ...prev.policies, overlap: ScheduleOverlapPolicy.SKIP } }));
        try {
          await update();
          return 'updated';
        } catch (err) {
          if (!(err instanceof ScheduleNotFoundError)) throw err;
        }
        try {
          await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' }, state: { note: 'retention: prunes old events, deliveries, idempotency keys, run logs and deleted connectors' } });
          return 'created';
        } catch (err) {
          if (!(err instanceof ScheduleAlreadyRunning)) throw err;
          await update(); // another worker created it a moment ago
          return 'updated';
        }
      },

      /** Runs the retention schedule's action now (tests, and operators through the same path). */
      async triggerRetention(): Promise<void> {
        await client.schedule.getHandle(workflowIds.retentionSchedule(taskQueue)).trigger();
      },

      async describeRetention(): Promise<{ exists: boolean; recentWorkflowIds: string[]; settings?: RetentionSettings }> {
        try {
          const d = await client.schedule.getHandle(workflowIds.retentionSchedule(taskQueue)).describe();
          const args = d.action.type === 'startWorkflow' ? (d.action.args as [{ settings: RetentionSettings }] | undefined) : undefined;
          return { exists: true, recentWorkflowIds: d.info.recentActions.map((a) => a.action.workflow.workflowId), settings: args?.[0]?.settings };
        } catch (err) {
          if (err instanceof ScheduleNotFoundError) return { exists: false, recentWorkflowIds: [] };
          throw err;
        }
      },
    },

    schedules: {
      async describe(connectorId: string): Promise<ScheduleDescription> {
        try {
          const d = await call('reading the schedule', () => client.schedule.getHandle(workflowIds.schedule(connectorId)).describe());
          return { exists: true, paused: d.state.paused, next_run_at: d.state.paused ? null : (d.info.nextActionTimes[0]?.toISOString() ?? null), recent_actions: d.info.recentActions.length };
        } catch (err) {
          if (err instanceof ScheduleNotFoundError) return { exists: false, paused: false, next_run_at: null, recent_actions: 0 };
          throw err;
        }
      },

      /** Creates or updates the connector's schedule `sync-schedule/con_…` (its action: `scheduledSyncWorkflow`). */
      async upsert(c: ConnectorIdentity, want: ScheduleState): Promise<'created' | 'updated'> {
        const workflowType = 'scheduledSyncWorkflow' satisfies WorkflowName;
        const workflowId = workflowIds.scheduledSync(c.id);
        // Only a tick reads `tickLocalPages`; manual and first syncs keep every page on the I/O queue.
        const settings = { ...syncSettings(config), tickLocalPages: config.SYNC_TICK_LOCAL_PAGES };
        const args: [ScheduledSyncInput] = [{ connectorId: c.id, settings, revision: WORKFLOW_REVISION }];
        const action: ScheduleOptionsStartWorkflowAction<WorkflowFns['scheduledSyncWorkflow']> = {
          type: 'startWorkflow', workflowType, workflowId, taskQueue, args, typedSearchAttributes: connectorSearchAttributes(c),
        };
        const create = async (): Promise<'created'> => {
          await call('creating the schedule', () => client.schedule.create({
            scheduleId: workflowIds.schedule(c.id),
            spec: want.spec,
            action,
            policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: want.catchupWindow },
            state: { paused: want.paused, note: want.note },
            memo: { [SCHEDULE_OWNER_MEMO]: taskQueue },
          }));
          return 'created';
        };
        if (want.neverApplied) {
          try {
            return await create();
          } catch (err) {
            if (!(err instanceof ScheduleAlreadyRunning)) throw err; // it exists after all: update it
          }
        }
        // Every part of the schedule is Tributary's (spec, action, policies, state: what `create` would send), so the
        // update replaces them without reading them first. `handle.update` would describe the schedule first — a query
        // the server answers by running the scheduler workflow's task, which right after its creation, under load,
        // took up to the 5 s call deadline (`bench scale`: PUT …/schedule p99 3–5 s). The update itself is a signal.
        try {
          await call('updating the schedule', () => scheduleClient._updateSchedule(workflowIds.schedule(c.id), {
            spec: want.spec,
            action: { ...action, workflowType, workflowId, args },
            policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: want.catchupWindow },
            state: { paused: want.paused, note: want.note },
          }, {}));
          return 'updated';
        } catch (err) {
          if (!(err instanceof ScheduleNotFoundError)) throw err;
        }
        return create();
      },

      async remove(connectorId: string): Promise<void> {
        try {
          await call('deleting the schedule', () => client.schedule.getHandle(workflowIds.schedule(connectorId)).delete());
        } catch (err) {
          if (!(err instanceof ScheduleNotFoundError)) throw err;
        }
      },

      /**
       * The connector ids of this deployment's sync schedules: those its task queue created (their memo names it) and
       * those created before schedules carried that memo. Another deployment sharing the namespace (its own task
       * queue, as each test file has) keeps its schedules out of this list, so a resync never deletes them.
       */
      async listConnectorIds(): Promise<string[]> {
        return call('listing schedules', async () => {
          const out: string[] = [];
          for await (const s of client.schedule.list()) {
            const id = parseScheduleId(s.scheduleId);
            const owner = s.memo?.[SCHEDULE_OWNER_MEMO];
            if (id && (owner === undefined || owner === taskQueue)) out.push(id);
          }
          return out;
        });
      },
    },
  };
}

export type Orchestrator = ReturnType<typeof createOrchestrator>;
