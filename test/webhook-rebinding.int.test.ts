// DNS rebinding against webhook delivery: a name that resolves to a public address when checked and to loopback
// when connected must never reach loopback. The delivery resolves once and connects to the address it checked.
import assert from 'node:assert/strict';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { createWebhookActivities } from '../activities/webhooks.ts';
import { createCipher } from '../lib/crypto.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';

const HOST = 'hooks.rebind.example';
const PUBLIC = '93.184.216.34';
let lookups = 0;
/** The attacker's DNS: a public answer for the first two questions (creation, then the delivery), loopback after. */
const answer = () => (++lookups <= 2 ? PUBLIC : '127.0.0.1');

// Every resolver entry point of this process answers for HOST (the callback API sockets use, the promise API).
const realLookup = dns.lookup;
const realPromiseLookup = dns.promises.lookup;
type Cb = (err: Error | null, address: string | dns.LookupAddress[], family?: number) => void;
dns.lookup = ((hostname: string, options: dns.LookupOptions | Cb, cb?: Cb) => {
  const callback = (typeof options === 'function' ? options : cb)!;
  const opts = typeof options === 'function' ? {} : options;
  if (hostname !== HOST) return (realLookup as (...a: unknown[]) => void)(hostname, opts, callback);
  const address = answer();
  process.nextTick(() => (opts.all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4)));
}) as typeof dns.lookup;
dns.promises.lookup = (async (hostname: string, options?: dns.LookupOptions) => {
  if (hostname !== HOST) return realPromiseLookup(hostname, options ?? {});
  const address = answer();
  return options?.all ? [{ address, family: 4 }] : { address, family: 4 };
}) as typeof dns.promises.lookup;
syncBuiltinESMExports();

let s: TestStack;
let loopback: net.Server;
let connections = 0;
before(async () => {
  s = await startTestStack({ WEBHOOK_ALLOW_PRIVATE: 'false' }, { worker: false });
  loopback = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((r) => loopback.listen(0, '127.0.0.1', r));
});
after(async () => {
  dns.lookup = realLookup;
  dns.promises.lookup = realPromiseLookup;
  syncBuiltinESMExports();
  await new Promise<void>((r) => loopback.close(() => r()));
  await s?.close();
});

test('a name that rebinds to loopback after the check never gets a connection to loopback', async () => {
  const port = (loopback.address() as net.AddressInfo).port;
  const created = await s.api('POST', '/v1/webhooks', { url: `https://${HOST}:${port}/hook`, events: ['*'] });
  assert.equal(created.status, 201, created.text);
  const [ping] = (await s.api('GET', `/v1/webhooks/${created.body.id}/deliveries`)).body.data;
  const activities = createWebhookActivities({ db: s.db, cipher: createCipher(s.config.encryptionKeys), allowPrivate: false, attemptTimeoutMs: 1500, disableAfterFailures: 10 });

  // First attempt: the answer it checks (public) is the one it connects to; second: loopback, refused.
  assert.equal(await activities.attemptDelivery({ deliveryId: ping.id, attempt: 1, nextDelay: '1s' }), 'retry');
  assert.equal(await activities.attemptDelivery({ deliveryId: ping.id, attempt: 2, nextDelay: null }), 'retry');
  assert.equal(connections, 0, 'nothing connected to the loopback listener');
  const attempts = await s.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', ping.id).orderBy('attempt').execute();
  assert.equal(attempts.length, 2);
  assert.ok(attempts.every((a) => a.status_code === null && a.error), JSON.stringify(attempts));
  assert.match(attempts[1]!.error!, /refused.*127\.0\.0\.1 is loopback/);
  assert.equal(lookups, 3, 'one resolution at creation and one per attempt');
});
