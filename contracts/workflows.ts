// Workflow contracts: every workflow's input, result, signal and settings. Shared by workflows, activities,
// services, the API and tests; imports nothing of the application (only Temporal's own definitions).
import type { Duration } from '@temporalio/common';
import { defineSignal } from '@temporalio/workflow';

/** How long a user has to approve an OAuth authorization: the link, its state and the onboarding workflow. */
export const AUTHORIZATION_WINDOW_SECONDS = 600;

/**
 * The shape of workflow code a starter asks for, carried in the input of the workflows that run often (sync, tick,
 * onboarding, connection test, backfill, webhook delivery). Every starter sets today's `WORKFLOW_REVISION`; a
 * workflow started before the field existed has none and takes each later change by its `patched` marker, as it ran.
 * Deciding from the input instead of a marker keeps new histories free of patch markers, and a patch marker costs
 * every new workflow two history events and one visibility write (the SDK upserts `TemporalChangeVersion`).
 *
 * A workflow checks `atLeast(input, n)` (workflows/queues.ts) with the revision n that made each change.
 *
 * Revision 2: activities placed without markers (long ones on the I/O queue, the short control steps as local
 * activities), and a scheduled tick that completes as soon as its sync has started instead of waiting for it.
 *
 * Revision 3: a scheduled tick runs its sync in its own workflow (the run's `workflow_id` is the tick's), instead of
 * starting a `sync/con_…/run_…` child: one workflow per tick, not two (docs/SCALING.md §2 measures the saving).
 *
 * Revision 4: a scheduled tick fetches its first pages (`settings.tickLocalPages`) in a local activity inside its own
 * workflow task, and only a sync longer than that continues on the I/O queue: a short tick schedules no activity task.
 *
 * Revision 5: a backfill hands each activity a run of up to `settings.chunksPerActivity` chunks
 * (`runBackfillChunks`) instead of one chunk per activity (`runBackfillChunk`), so the round trip through Temporal
 * between two chunks of a lane is paid once a run.
 */
export const WORKFLOW_REVISION = 5;

export interface Revisioned {
  /** `WORKFLOW_REVISION` of the code that started the workflow; absent in workflows started before revision 2. */
  revision?: number;
}

export interface ConnectionTestResult {
  success: boolean;
  latency_ms: number;
  error?: { code: string; message: string };
}

// ── onboarding/con_… (API key) and connection-test/con_…/… ─────────────────────────────────────────────

export interface OnboardingInput extends Revisioned {
  connectorId: string;
  mode: 'api_key';
  /**
   * The candidate credentials this onboarding tests (`cand_…`): only they may be promoted or dropped by it,
   * so a second PUT …/credentials meanwhile cannot have its untested candidate promoted. Absent in runs
   * started before it existed (they act on whatever candidate is stored).
   */
  candidateId?: string;
}

export interface OnboardingResult extends ConnectionTestResult {
  /** The connector's status afterwards. */
  status: string;
  first_sync_run_id?: string | null;
}

export interface ConnectionTestInput extends Revisioned {
  connectorId: string;
}

// ── onboarding/con_… (OAuth) ─────────────────────────────────────────────────────────────────────────────

/** The callback arrived for attempt `callbackId` (an `oas_…` id); the code itself stays encrypted in PostgreSQL. */
export interface OAuthCallback {
  callbackId: string;
}

export const oauthCallbackSignal = defineSignal<[OAuthCallback]>('oauthCallback');

export interface OAuthOnboardingInput {
  connectorId: string;
  /** The authorization attempt this run waits for; callbacks of other attempts are ignored. */
  attemptId: string;
  /** How long the user has to approve; AUTHORIZATION_WINDOW_SECONDS unless a test injects a shorter window. */
  authorizationWindow?: Duration;
}

export type OAuthOutcome = 'connected' | 'denied' | 'failed' | 'expired';

export interface OAuthOnboardingResult {
  outcome: OAuthOutcome;
  /** The connector's status afterwards. */
  status: string;
  error?: { code: string; message: string };
}

// ── sync/con_…/run_… and the scheduled tick sync-scheduled/con_… ─────────────────────────────────────────

/** Retry and liveness settings, chosen by whoever starts the run (from configuration). */
export interface SyncRunSettings {
  maxAttempts: number;
  initialRetryMs: number;
  heartbeatTimeoutSeconds: number;
  /** Pages a revision-4 tick fetches in a local activity before the I/O queue takes the rest; absent or 0: none. */
  tickLocalPages?: number;
}

export interface SyncWorkflowInput extends Revisioned {
  connectorId: string;
  syncRunId: string;
  settings: SyncRunSettings;
}

export interface SyncWorkflowResult {
  status: string;
  pages?: number;
  fetched?: number;
}

export interface ScheduledSyncInput extends Revisioned {
  connectorId: string;
  settings: SyncRunSettings;
}

/**
 * A revision-3 tick answers with its sync's result and run id (it ran the sync itself); a revision-2 tick answered
 * `started` once its sync's child workflow had started; an older tick waited for the child's result.
 */
export type ScheduledSyncResult =
  | SyncWorkflowResult
  | (SyncWorkflowResult & { syncRunId: string })
  | { status: 'started'; syncRunId: string }
  | { status: 'skipped'; syncRunId: string; reason?: string };

// ── backfill/bf_… ────────────────────────────────────────────────────────────────────────────────────────

/** Chosen by whoever starts the backfill (from configuration), and carried across continue-as-new. */
export interface BackfillSettings {
  concurrency: number;
  /** Chunks one workflow run handles before it continues as new (sooner if Temporal suggests it). */
  chunksPerRun: number;
  /** Chunks one activity runs one after the other (revision 5; absent before it: one). */
  chunksPerActivity?: number;
  maxAttempts: number;
  initialRetryMs: number;
  heartbeatTimeoutSeconds: number;
}

export interface BackfillWorkflowInput extends Revisioned {
  backfillId: string;
  connectorId: string;
  settings: BackfillSettings;
  /** Every chunk before this index is done. */
  nextChunk: number;
  /** 1 for the first run of the chain, +1 for each continue-as-new. */
  run: number;
}

export interface BackfillWorkflowResult {
  status: string;
  runs: number;
}

// ── webhook/whd_… ────────────────────────────────────────────────────────────────────────────────────────

export interface WebhookSettings {
  /** Waits before attempts 2, 3, …, e.g. ['5s', '5m', '30m', '2h', '5h', '10h', '10h']. */
  retrySchedule: string[];
}

export interface WebhookDeliveryInput extends Revisioned {
  deliveryId: string;
  settings: WebhookSettings;
  /** The attempt to start with: 2 when the outbox relay made the first one (absent: 1). */
  firstAttempt?: number;
}

export interface WebhookDeliveryResult {
  status: string;
  attempts: number;
}

// ── maintenance/retention (one Temporal Schedule for the whole deployment) ──────────────────────────────────

/** What retention prunes, in the order it runs: deliveries before the events they reference. */
export const RETENTION_TARGETS = ['webhook_deliveries', 'events', 'idempotency_keys', 'sync_run_logs', 'skipped_runs', 'sync_runs', 'deleted_connectors'] as const;
export type RetentionTarget = (typeof RETENTION_TARGETS)[number];

/** Chosen from configuration by the worker that creates or updates the schedule. */
export interface RetentionSettings {
  /** Rows per statement (each batch is one short transaction). */
  batchSize: number;
  /** Rows older than this many seconds go (for deleted connectors: the grace period after deletion); 0 keeps them. */
  maxAgeSeconds: Record<RetentionTarget, number>;
}

export interface RetentionInput {
  settings: RetentionSettings;
  /** Where a continued-as-new run resumes (index into RETENTION_TARGETS), and what was pruned before it. */
  resumeAt?: number;
  pruned?: Partial<Record<RetentionTarget, number>>;
}

export interface RetentionResult {
  pruned: Partial<Record<RetentionTarget, number>>;
}
