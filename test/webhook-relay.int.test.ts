// The outbox relay's two modes. Default: the relay makes a delivery's first attempt itself, so a delivery its receiver
// accepts at once never has a Temporal workflow (WEBHOOK_RELAY_FIRST_ATTEMPT=true); by default: one workflow per delivery
// (`webhook/whd_…`), as the design's contract reads — both deliver signed events with the event id as `webhook-id`.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { workflowIds } from '../contracts/ids.ts';
import { startReceiver, type Receiver } from './helpers/receiver.ts';
import { eventually, startTestStack, type TestStack } from './helpers/stack.ts';

const open: Array<{ close(): Promise<void> }> = [];
after(async () => {
  for (const o of open.reverse()) await o.close();
});

/** Creates an endpoint on a fresh receiver, then a connector (its `connector.created` event); the delivery row of it. */
async function deliverOne(s: TestStack): Promise<{ rx: Receiver; deliveryId: string; eventId: string }> {
  const rx = await startReceiver();
  open.push(rx);
  const ep = await s.api('POST', '/v1/webhooks', { url: rx.url, events: ['connector.created'] });
  assert.equal(ep.status, 201, ep.text);
  const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'relay' });
  const got = await eventually(async () => rx.received.find((x) => x.json?.type === 'connector.created' && x.json.data.connector.id === c.body.id), 30_000, 'the event at the receiver');
  const d = await eventually(
    () => s.db.selectFrom('webhook_deliveries').select(['id', 'event_id']).where('endpoint_id', '=', ep.body.id).where('event_id', '=', String(got.headers['webhook-id'])).where('status', '=', 'delivered').executeTakeFirst(),
    30_000,
    'the delivery recorded as delivered',
  );
  assert.equal(got.json.id, d.event_id, 'the webhook-id is the event id');
  return { rx, deliveryId: d.id, eventId: d.event_id };
}

const workflowExists = async (s: TestStack, deliveryId: string) =>
  s.temporal.workflow.getHandle(workflowIds.webhookDelivery(deliveryId)).describe().then(
    () => true,
    (err) => (err instanceof WorkflowNotFoundError ? false : Promise.reject(err)),
  );

describe('outbox relay', () => {
  test('WEBHOOK_RELAY_FIRST_ATTEMPT=true: a delivery accepted on the first attempt is made by the relay, with no workflow', async () => {
    const s = await startTestStack({ WEBHOOK_RELAY_FIRST_ATTEMPT: 'true' });
    open.push(s);
    const { deliveryId } = await deliverOne(s);
    assert.equal(await workflowExists(s, deliveryId), false);
    const attempts = await s.db.selectFrom('webhook_attempts').select(['attempt', 'status_code']).where('delivery_id', '=', deliveryId).execute();
    assert.deepEqual(attempts.map((a) => [a.attempt, a.status_code]), [[1, 200]]);
  });

  test('default (WEBHOOK_RELAY_FIRST_ATTEMPT=false): every delivery runs in its own workflow from attempt 1', async () => {
    const s = await startTestStack();
    open.push(s);
    const { deliveryId } = await deliverOne(s);
    assert.equal(await workflowExists(s, deliveryId), true);
    const attempts = await s.db.selectFrom('webhook_attempts').select('attempt').where('delivery_id', '=', deliveryId).execute();
    assert.deepEqual(attempts.map((a) => a.attempt), [1]);
  });
});
