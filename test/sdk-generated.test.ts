// The SDK's generated files are what the API's own document generates today (run `npm run sdk:build` after
// changing a route), the generated types are exact (no `unknown` but the records' raw provider payload), and the
// document keeps the contract's rules: operationIds, tags, exact statuses, declared headers, webhooks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { openApiDocument, type OperationObject } from '../api/openapi-document.ts';
import { SDK_BROWSER_BUILD, SDK_TYPES, sdkBrowserSource, sdkTypesSource } from '../dev/sdk-build.ts';

const STALE = 'stale: run `npm run sdk:build` and commit the result';

test('sdk/src/generated/openapi.ts is what openapi-typescript makes of the served document', async () => {
  assert.ok(readFileSync(SDK_TYPES, 'utf8') === (await sdkTypesSource()), `sdk/src/generated/openapi.ts is ${STALE}`);
});

test('web/sdk.js (the browser build the connect flow loads) is built from the current SDK sources', async () => {
  assert.ok(readFileSync(SDK_BROWSER_BUILD, 'utf8') === (await sdkBrowserSource()), `web/sdk.js is ${STALE}`);
});

test('the generated types have no `unknown` except the records\' raw provider payload', () => {
  const lines = readFileSync(SDK_TYPES, 'utf8').split('\n');
  const unknowns = lines
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => /\bunknown\b/.test(line))
    // openapi-typescript gives every response's `headers` an index signature for undeclared headers: not a schema.
    .filter(({ line }) => line !== '[name: string]: unknown;');
  const notRaw = unknowns.filter(({ line }) => line !== 'raw?: unknown;');
  assert.deepEqual(notRaw, [], 'only `raw` may be unknown');
  assert.ok(unknowns.length >= 1, 'the raw payload is there');
});

const operations = (doc: Awaited<ReturnType<typeof openApiDocument>>) =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op: op as OperationObject })));

test('every operation: a unique operationId, a tag, and exactly the statuses it can answer, each with its headers', async () => {
  const doc = await openApiDocument();
  const ops = operations(doc);
  const ids = ops.map((o) => o.op.operationId);
  assert.ok(ids.every(Boolean), 'every operation has an operationId');
  assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
  for (const { path, method, op } of ops) {
    const where = `${method.toUpperCase()} ${path} (${op.operationId})`;
    assert.ok(op.tags.length, `${where}: a tag`);
    const statuses = Object.keys(op.responses);
    const isPublic = Array.isArray(op.security) && op.security.length === 0;
    assert.equal(statuses.includes('401'), !isPublic, `${where}: 401 exactly when it takes a key`);
    assert.equal(statuses.includes('429'), !isPublic, `${where}: 429 exactly when it is rate limited`);
    if (method === 'get') assert.ok(!statuses.includes('413') && !statuses.includes('415') && !statuses.includes('422'), `${where}: a GET reads no body`);
    if (!op.requestBody) assert.ok(!statuses.includes('415'), `${where}: 415 only with a body`);
    for (const [status, response] of Object.entries(op.responses)) {
      if (status === '431') continue; // answered by Node's HTTP server, before the app: no request id
      assert.ok(response.headers?.['X-Request-Id'], `${where} ${status}: X-Request-Id declared`);
      if (status === '201') assert.equal(response.headers?.Location?.required, true, `${where}: Location on 201`);
      // (readyz's 503 is a state to watch, not a request to retry)
      if (status === '429' || (status === '503' && op.operationId !== 'readyz')) assert.equal(response.headers?.['Retry-After']?.required, true, `${where} ${status}: Retry-After`);
    }
  }
  const byId = Object.fromEntries(ops.map((o) => [o.op.operationId, o.op]));
  // The examples: no 409 on a catalog read; health needs no key; 503 where Temporal is called.
  assert.ok(!('409' in byId.listConnectorTypes!.responses));
  assert.deepEqual(byId.healthz!.security, []);
  assert.deepEqual(byId.readyz!.security, []);
  assert.ok('503' in byId.syncConnector!.responses);
  assert.ok('503' in byId.readyz!.responses);
});

test('request schemas say what the server enforces: enums, URI formats, one-of forms, a credentials body per type', async () => {
  const doc = await openApiDocument();
  const schemas = doc.components.schemas as Record<string, any>;
  const resolve = (s: any): any => (s?.$ref ? schemas[s.$ref.split('/').pop()] : s);
  const body = (path: string, method: string) => resolve((doc.paths[path] as any)[method].requestBody.content['application/json'].schema);
  const create = body('/v1/connectors', 'post').oneOf.map(resolve);
  assert.ok(create.length >= 9, 'one create form per connector type, discriminated by `type`');
  assert.ok(create.some((f: any) => resolve(f.properties.type).enum?.includes('pagerduty') || resolve(f.properties.type).const === 'pagerduty'));
  const hook = body('/v1/webhooks', 'post');
  assert.equal(hook.properties.url.format, 'uri');
  assert.ok(resolve(hook.properties.events.items).enum.includes('sync_run.succeeded'), 'event names are an enum');
  const creds = body('/v1/connectors/{id}/credentials', 'put');
  const forms = (creds.anyOf ?? creds.oneOf).map(resolve);
  assert.ok(forms.length >= 5, 'one credentials form per API-key type');
  assert.ok(forms.every((f: any) => f.additionalProperties === false && f.required?.length), 'each form is closed and names its required fields');
  const schedule = body('/v1/connectors/{id}/schedule', 'put');
  assert.equal(schedule.oneOf?.length, 2, 'interval or cron: exactly one');
  const returnUrl = body('/v1/connectors/{id}/oauth/authorize', 'post').properties.return_url;
  assert.equal(returnUrl.format, 'uri');
});

test('the webhooks section describes every event with its payload and the signature headers', async () => {
  const doc = await openApiDocument();
  const events = Object.keys(doc.webhooks);
  for (const name of ['connector.created', 'connector.status_changed', 'sync_run.succeeded', 'sync_run.failed', 'records.changed', 'backfill.succeeded']) {
    assert.ok(events.includes(name), `webhook ${name} described`);
  }
  for (const [name, item] of Object.entries(doc.webhooks)) {
    const post = item.post!;
    const params = (post.parameters ?? []).map((p) => p.name.toLowerCase());
    assert.ok(params.includes('webhook-signature') || params.some((p) => p.includes('signature')), `${name}: the signature header`);
    assert.ok(post.requestBody?.content['application/json']?.schema, `${name}: a payload schema`);
  }
});
