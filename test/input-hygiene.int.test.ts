// Hostile and odd input through the public API: NUL characters, invalid UTF-8 and overlong percent-encodings,
// lone surrogates and wrong types are each a 400 naming the field — in bodies, query strings and path
// parameters alike — and nothing is written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestStack, type ApiResponse, type TestStack } from './helpers/stack.ts';

let s: TestStack;
let connectorId: string;
let webhookId: string;
before(async () => {
  s = await startTestStack({}, { worker: false });
  connectorId = (await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'hygiene' })).body.id;
  webhookId = (await s.api('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['*'] })).body.id;
});
after(async () => {
  await s?.close();
});

function expect400(res: ApiResponse, field: string, message?: RegExp, status = 400, code = 'invalid_request') {
  assert.equal(res.status, status, res.text);
  assert.equal(res.body.error.code, code, res.text);
  const issue = res.body.error.details.find((d: { field: string }) => d.field === field);
  assert.ok(issue, `details name ${field}: ${res.text}`);
  if (message) assert.match(issue.message, message);
}

const NUL = /NUL/;
const UTF8 = /UTF-8/;

describe('a NUL character anywhere is a 400 naming the field', () => {
  test('JSON bodies', async () => {
    expect400(await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: 'a\u0000b' }), 'name', NUL);
    expect400(await s.api('POST', '/v1/connectors', { type: 'pager\u0000duty' }), 'type', NUL);
    expect400(await s.api('PATCH', `/v1/connectors/${connectorId}`, { name: 'x\u0000' }), 'name', NUL);
    expect400(await s.api('POST', '/v1/webhooks', { url: 'https://example.com/\u0000', events: ['*'] }), 'url', NUL);
    expect400(await s.api('POST', '/v1/webhooks', { url: 'https://example.com/', events: ['*'], description: 'd\u0000' }), 'description', NUL);
    expect400(await s.api('PATCH', `/v1/webhooks/${webhookId}`, { events: ['connector.created', 'x\u0000'] }), 'events.1', NUL);
    expect400(await s.api('PUT', '/v1/oauth-apps/github', { client_id: 'a\u0000b', client_secret: 'secret' }), 'client_id', NUL);
    expect400(await s.api('PUT', `/v1/connectors/${connectorId}/credentials`, { api_key: 'k\u0000' }), 'api_key', NUL);
    expect400(await s.api('POST', '/v1/connectors', { type: 'pagerduty', ['na\u0000me']: 'x' }), 'body', /field name/);
  });

  test('query parameters', async () => {
    expect400(await s.api('GET', '/v1/connectors?type=a%00b'), 'type', NUL);
    expect400(await s.api('GET', `/v1/connectors/${connectorId}/records?kind=a%00b`), 'kind', NUL);
    expect400(await s.api('GET', '/v1/connector-types?category=%00'), 'category', NUL);
    // The OAuth callback needs no key: it is guarded all the same.
    expect400(await s.api('GET', '/v1/connectors/oauth/callback?state=x&error=a%00b', undefined, { key: null }), 'error', NUL);
  });

  test('path parameters are named as the route names them', async () => {
    expect400(await s.api('GET', '/v1/connectors/con_%00'), 'id', NUL);
    expect400(await s.api('DELETE', '/v1/oauth-apps/git%00hub'), 'type', NUL);
    expect400(await s.api('PUT', '/v1/oauth-apps/git%00hub', { client_id: 'a', client_secret: 'b' }), 'type', NUL);
    expect400(await s.api('GET', '/v1/connector-types/%00'), 'type', NUL);
  });
});

describe('odd encodings are a 400, not a guess', () => {
  test('malformed, truncated, overlong and surrogate percent-encodings', async () => {
    for (const bad of ['%C0%80', '%C0%AF', '%E0%80%AF', '%ED%A0%80', '%FF', '%E2%82', '%', '%zz']) {
      expect400(await s.api('GET', `/v1/connectors?type=${bad}`), 'type', UTF8);
      expect400(await s.api('GET', `/v1/oauth-apps/${bad}`), 'type', UTF8);
    }
  });

  test('invalid UTF-8 bytes and lone surrogates in JSON bodies', async () => {
    const bytes = Buffer.concat([Buffer.from('{"type":"pagerduty","name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const res = await s.app.request('/v1/connectors', { method: 'POST', headers: { authorization: `Bearer ${s.keyA}`, 'content-type': 'application/json' }, body: bytes });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { details: Array<{ field: string; message: string }> } };
    assert.deepEqual(body.error.details, [{ field: 'body', message: 'is not valid UTF-8' }]);
    for (const lone of ['\\ud800', '\\udfff', 'x\\ud83dy']) {
      expect400(await s.api('POST', '/v1/connectors', undefined, { raw: `{"type":"pagerduty","name":"${lone}"}` }), 'name', /surrogate/);
    }
    // A proper pair is a character like any other.
    const ok = await s.api('POST', '/v1/connectors', undefined, { raw: '{"type":"pagerduty","name":"\\ud83d\\ude80 launch"}' });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.name, '\u{1F680} launch');
  });

  test('wrong types are a 400 naming the field', async () => {
    expect400(await s.api('POST', '/v1/connectors', { type: 123 }), 'type');
    expect400(await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: ['x'] }), 'name');
    expect400(await s.api('GET', '/v1/connectors?limit=abc'), 'limit');
    expect400(await s.api('POST', '/v1/webhooks', { url: 'https://example.com/', events: '*' }), 'events');
    expect400(await s.api('POST', '/v1/webhooks', { url: 'https://example.com/', events: ['*'], connector_ids: 'x' }), 'connector_ids');
  });

  test('nothing refused was written', async () => {
    const names: string[] = [];
    for (const key of [s.keyA, s.keyB]) names.push(...(await s.api('GET', '/v1/connectors?limit=100', undefined, { key })).body.data.map((c: { name: string }) => c.name));
    assert.deepEqual(names.filter((n) => n !== 'hygiene' && !n.includes('launch')), []);
    const hooks = await s.db.selectFrom('webhook_endpoints').select('id').execute();
    assert.deepEqual(hooks.map((h) => h.id), [webhookId]);
  });
});

describe('webhook filters and updates', () => {
  test('connector_ids that are not connector ids are a 400 naming each one', async () => {
    for (const ids of [['x'], ['con_'], ['', 'con_01jdq0c6w8e7k9t2m3n4p5q6r7']]) {
      const res = await s.api('POST', '/v1/webhooks', { url: 'https://example.com/', events: ['*'], connector_ids: ids });
      expect400(res, 'connector_ids.0');
      const patched = await s.api('PATCH', `/v1/webhooks/${webhookId}`, { connector_ids: ids });
      expect400(patched, 'connector_ids.0');
    }
    // A well-formed id of no connector of this workspace is named too.
    expect400(await s.api('PATCH', `/v1/webhooks/${webhookId}`, { connector_ids: [connectorId, 'con_01jdq0c6w8e7k9t2m3n4p5q6r7'] }), 'connector_ids.1', /no connector/);
    const ok = await s.api('PATCH', `/v1/webhooks/${webhookId}`, { connector_ids: [connectorId] });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(ok.body.connector_ids, [connectorId]);
  });

  test('PATCH with no body or an empty object is a 400 naming the body; a body that is not JSON a 415', async () => {
    const before = (await s.api('GET', `/v1/webhooks/${webhookId}`)).body;
    expect400(await s.api('PATCH', `/v1/webhooks/${webhookId}`), 'body');
    expect400(await s.api('PATCH', `/v1/webhooks/${webhookId}`, {}), 'body');
    expect400(await s.api('PATCH', `/v1/webhooks/${webhookId}`, undefined, { raw: '{"enabled":false}', headers: { 'content-type': 'text/plain' } }), 'body', /application\/json/, 415, 'unsupported_media_type');
    expect400(await s.api('PATCH', `/v1/connectors/${connectorId}`), 'body');
    expect400(await s.api('POST', '/v1/connectors'), 'body');
    assert.deepEqual((await s.api('GET', `/v1/webhooks/${webhookId}`)).body, before);
  });
});
