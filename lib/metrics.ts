// Prometheus metrics: one registry per process role (the API's and the worker's), and every Tributary series.
// Module-level like prom-client's own idiom: a counter is incremented where the thing happens, without threading a
// registry through every factory. Labels are bounded: connector types, route templates, status classes — never ids.
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const apiRegistry = new Registry();
export const workerRegistry = new Registry();
collectDefaultMetrics({ register: apiRegistry });
collectDefaultMetrics({ register: workerRegistry });

/** 2xx … 5xx, or `error` when there was no HTTP response at all (network, timeout). */
export function statusClass(status: number | undefined): string {
  return status === undefined || status < 100 ? 'error' : `${Math.floor(status / 100)}xx`;
}

const LATENCY = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const RUN_SECONDS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];

// ── API ─────────────────────────────────────────────────────────────────────────────────────────────────────
export const httpRequests = new Counter({
  name: 'tributary_http_requests_total',
  help: 'API requests by method, route template and status code',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [apiRegistry],
});
export const httpDuration = new Histogram({
  name: 'tributary_http_request_duration_seconds',
  help: 'API request latency by method and route template',
  labelNames: ['method', 'route'] as const,
  buckets: LATENCY,
  registers: [apiRegistry],
});

// ── Runs ────────────────────────────────────────────────────────────────────────────────────────────────────
export const syncRuns = new Counter({
  name: 'tributary_sync_runs_total',
  help: 'Finished sync runs by connector type, trigger and outcome (succeeded, failed, cancelled, skipped)',
  labelNames: ['connector_type', 'trigger', 'outcome'] as const,
  registers: [workerRegistry],
});
export const syncRunDuration = new Histogram({
  name: 'tributary_sync_run_duration_seconds',
  help: 'Duration of finished sync runs (start to finish) by connector type and outcome',
  labelNames: ['connector_type', 'outcome'] as const,
  buckets: RUN_SECONDS,
  registers: [workerRegistry],
});
export const backfills = new Counter({
  name: 'tributary_backfills_total',
  help: 'Finished backfills by connector type and outcome (succeeded, failed, cancelled)',
  labelNames: ['connector_type', 'outcome'] as const,
  registers: [workerRegistry],
});
export const backfillDuration = new Histogram({
  name: 'tributary_backfill_duration_seconds',
  help: 'Duration of finished backfills by connector type and outcome',
  labelNames: ['connector_type', 'outcome'] as const,
  buckets: [...RUN_SECONDS, 14_400, 43_200, 86_400],
  registers: [workerRegistry],
});
export const recordsIngested = new Counter({
  name: 'tributary_records_ingested_total',
  help: 'Records committed to PostgreSQL by connector type and source (sync, backfill)',
  labelNames: ['connector_type', 'source'] as const,
  registers: [workerRegistry],
});

// ── Providers ───────────────────────────────────────────────────────────────────────────────────────────────
export const providerRequests = new Counter({
  name: 'tributary_provider_requests_total',
  help: 'HTTP calls to providers by connector type and status class (2xx…5xx, error = no response)',
  labelNames: ['connector_type', 'status_class'] as const,
  registers: [workerRegistry],
});
export const providerDuration = new Histogram({
  name: 'tributary_provider_request_duration_seconds',
  help: 'Latency of provider HTTP calls by connector type',
  labelNames: ['connector_type'] as const,
  buckets: LATENCY,
  registers: [workerRegistry],
});
export const providerErrors = new Counter({
  name: 'tributary_provider_errors_total',
  help: 'Provider failures seen by syncs and backfills, by connector type and code (rate_limited, unauthorized, unavailable, network, …)',
  labelNames: ['connector_type', 'code'] as const,
  registers: [workerRegistry],
});
export const rateLimitWaits = new Counter({
  name: 'tributary_provider_rate_limit_waits_total',
  help: 'Provider 429s that closed a connector\'s rate-limit gate, by connector type',
  labelNames: ['connector_type'] as const,
  registers: [workerRegistry],
});
export const rateLimitWaitSeconds = new Counter({
  name: 'tributary_provider_rate_limit_wait_seconds_total',
  help: 'Time syncs and backfills spent waiting for a closed rate-limit gate, by connector type',
  labelNames: ['connector_type'] as const,
  registers: [workerRegistry],
});

// ── Webhooks and the outbox ─────────────────────────────────────────────────────────────────────────────────
export const webhookAttempts = new Counter({
  name: 'tributary_webhook_attempts_total',
  help: 'Webhook delivery attempts by outcome (success, failure) and status class',
  labelNames: ['outcome', 'status_class'] as const,
  registers: [workerRegistry],
});
export const webhookAttemptDuration = new Histogram({
  name: 'tributary_webhook_attempt_duration_seconds',
  help: 'Latency of webhook delivery attempts by outcome',
  labelNames: ['outcome'] as const,
  buckets: LATENCY,
  registers: [workerRegistry],
});
export const webhookDeliveries = new Counter({
  name: 'tributary_webhook_deliveries_total',
  help: 'Finished webhook deliveries by outcome (delivered, failed = every attempt failed)',
  labelNames: ['outcome'] as const,
  registers: [workerRegistry],
});

// ── Schedules and retention ─────────────────────────────────────────────────────────────────────────────────
export const scheduledTicks = new Counter({
  name: 'tributary_scheduled_ticks_total',
  help: 'Scheduled sync ticks by connector type and outcome (started, skipped)',
  labelNames: ['connector_type', 'outcome'] as const,
  registers: [workerRegistry],
});
export const scheduledTicksMissed = new Counter({
  name: 'tributary_scheduled_ticks_missed_total',
  help: 'Scheduled sync ticks that never ran (dropped after the catch-up window, or their start failed), by connector type',
  labelNames: ['connector_type'] as const,
  registers: [workerRegistry],
});
export const schedulesOverdue = new Counter({
  name: 'tributary_schedules_overdue_total',
  help: 'Times a schedule was found overdue (no tick for its catch-up window plus SCHEDULE_OVERDUE_AFTER_INTERVALS intervals), by connector type',
  labelNames: ['connector_type'] as const,
  registers: [workerRegistry],
});
export const scheduleLag = new Histogram({
  name: 'tributary_schedule_lag_seconds',
  help: 'How late a scheduled sync tick started compared with its scheduled time',
  buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
  registers: [workerRegistry],
});
export const retentionPruned = new Counter({
  name: 'tributary_retention_pruned_rows_total',
  help: 'Rows removed (or, for run logs, emptied) by the retention schedule, by target',
  labelNames: ['target'] as const,
  registers: [workerRegistry],
});

/** Gauges read from PostgreSQL at scrape time (one worker's view; identical on every replica — use max() across them). */
export const dbGauges = {
  connectors: new Gauge({
    name: 'tributary_connectors',
    help: 'Live connectors by connector type and status',
    labelNames: ['connector_type', 'status'] as const,
    registers: [workerRegistry],
  }),
  outboxBacklog: new Gauge({ name: 'tributary_outbox_backlog_events', help: 'Events committed but not yet fanned out to webhook deliveries', registers: [workerRegistry] }),
  outboxOldestAge: new Gauge({
    name: 'tributary_outbox_oldest_event_age_seconds',
    help: 'Age of the oldest undispatched event (0 when the outbox is empty)',
    registers: [workerRegistry],
  }),
  schedulesOverdue: new Gauge({
    name: 'tributary_schedules_overdue',
    help: 'Schedules marked overdue now (status reason schedule_overdue until a tick runs)',
    registers: [workerRegistry],
  }),
  deliveriesUnstarted: new Gauge({
    name: 'tributary_webhook_deliveries_unstarted',
    help: 'Webhook deliveries whose workflow has not been started yet',
    registers: [workerRegistry],
  }),
};

/** Whether an Authorization header carries the metrics token (always true when no METRICS_TOKEN is configured). */
export function metricsAuthorized(token: string | undefined, authorization: string | undefined | null): boolean {
  if (!token) return true;
  const given = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}
