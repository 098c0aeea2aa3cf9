// The one home of workflow and schedule id formats, and their parsing. Readable in the Temporal UI:
// `onboarding/con_…`, `sync/con_…/run_…`, `backfill/bf_…`, `webhook/whd_…`, `sync-schedule/con_…`.

const ID = '[0-9a-z]{26}';

export const workflowIds = {
  onboarding: (connectorId: string) => `onboarding/${connectorId}`,
  connectionTest: (connectorId: string, nonce: string) => `connection-test/${connectorId}/${nonce}`,
  sync: (connectorId: string, runId: string) => `sync/${connectorId}/${runId}`,
  scheduledSync: (connectorId: string) => `sync-scheduled/${connectorId}`,
  /** The id Temporal gives the tick of `connectorId` due at `due`: the action's id with the due time appended (whole seconds). */
  scheduledSyncAt: (connectorId: string, due: Date) => `sync-scheduled/${connectorId}-${due.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
  backfill: (backfillId: string) => `backfill/${backfillId}`,
  webhookDelivery: (deliveryId: string) => `webhook/${deliveryId}`,
  schedule: (connectorId: string) => `sync-schedule/${connectorId}`,
  /**
   * The retention schedule and the workflow id of its runs (Temporal appends each run's scheduled time), one per
   * deployment — deployments sharing a namespace differ by task queue.
   */
  retentionSchedule: (taskQueue: string) => `maintenance/retention/${taskQueue}`,
  retention: (taskQueue: string) => `maintenance/retention/${taskQueue}`,
} as const;

/**
 * A deployment's task queues, named from its main one (`TEMPORAL_TASK_QUEUE`, where every workflow and the short
 * control activities run — claims, run bookkeeping, onboarding steps). `io`: the activities that wait on the outside
 * world for long (a sync's pages, a backfill's chunks, a webhook delivery's retried attempts), with their own worker
 * slots, so a backlog of them never delays a tick's claim or a customer's onboarding.
 */
export const taskQueues = {
  io: (taskQueue: string) => `${taskQueue}-io`,
} as const;

export type ParsedWorkflowId =
  | { kind: 'onboarding'; connectorId: string }
  | { kind: 'connectionTest'; connectorId: string }
  | { kind: 'sync'; connectorId: string; syncRunId: string }
  | { kind: 'scheduledSync'; connectorId: string }
  | { kind: 'backfill'; backfillId: string }
  | { kind: 'webhookDelivery'; deliveryId: string };

const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => ParsedWorkflowId]> = [
  [new RegExp(`^onboarding/(con_${ID})$`), (m) => ({ kind: 'onboarding', connectorId: m[1]! })],
  [new RegExp(`^connection-test/(con_${ID})/[0-9a-f]+$`), (m) => ({ kind: 'connectionTest', connectorId: m[1]! })],
  [new RegExp(`^sync/(con_${ID})/(run_${ID})$`), (m) => ({ kind: 'sync', connectorId: m[1]!, syncRunId: m[2]! })],
  [new RegExp(`^sync-scheduled/(con_${ID})$`), (m) => ({ kind: 'scheduledSync', connectorId: m[1]! })],
  [new RegExp(`^backfill/(bf_${ID})$`), (m) => ({ kind: 'backfill', backfillId: m[1]! })],
  [new RegExp(`^webhook/(whd_${ID})$`), (m) => ({ kind: 'webhookDelivery', deliveryId: m[1]! })],
];

/** What a workflow id names, or undefined when it is not one of ours. */
export function parseWorkflowId(workflowId: string): ParsedWorkflowId | undefined {
  for (const [re, build] of PATTERNS) {
    const m = re.exec(workflowId);
    if (m) return build(m);
  }
  return undefined;
}

const SCHEDULE = new RegExp(`^sync-schedule/(con_${ID})$`);

/** The connector of a sync schedule id, or undefined when the schedule is not one of ours. */
export function parseScheduleId(scheduleId: string): string | undefined {
  return SCHEDULE.exec(scheduleId)?.[1];
}
