// One workflow per webhook delivery that needs retrying (`webhook/whd_…`): attempts on a retry schedule spanning more
// than 24 hours. The outbox relay makes a new delivery's first attempt itself and starts this only when it failed.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhooks.ts';
import { ioQueue } from './queues.ts';
import type { WebhookDeliveryInput, WebhookDeliveryResult } from '../contracts/workflows.ts';

const options = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 10 },
} as const;
const acts = proxyActivities<WebhookActivities>(options);

export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<WebhookDeliveryResult> {
  // An attempt waits on the customer's endpoint (up to its timeout): on the I/O queue, beside syncs' pages.
  const attempts = proxyActivities<WebhookActivities>({ ...options, ...ioQueue(input) });
  const total = input.settings.retrySchedule.length + 1;
  for (let attempt = input.firstAttempt ?? 1; attempt <= total; attempt++) {
    const nextDelay = input.settings.retrySchedule[attempt - 1];
    const result = await attempts.attemptDelivery({ deliveryId: input.deliveryId, attempt, nextDelay: nextDelay ?? null });
    if (result === 'delivered' || result === 'gone') return { status: result, attempts: attempt };
    if (nextDelay === undefined) break;
    await sleep(nextDelay);
  }
  await acts.failDelivery({ deliveryId: input.deliveryId });
  return { status: 'failed', attempts: total };
}
