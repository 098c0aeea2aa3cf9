// HTTP behaviour at the edge, over a real socket: a refused oversized body does not poison the connection,
// methods a path lacks are 405 with Allow, 401s name the Bearer scheme, static asset names are not object keys.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serveTestApp, type ServedApp } from './helpers/server.ts';
import { startTestStack, type TestStack } from './helpers/stack.ts';

let s: TestStack;
let served: ServedApp;
before(async () => {
  s = await startTestStack({ MAX_BODY_BYTES: '2048' }, { worker: false });
  served = await serveTestApp(s);
});
after(async () => {
  await served?.close();
  await s?.close();
});

interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: Socket;
}

/** One request through `agent`, so consecutive calls reuse its keep-alive socket when the server allows it. */
function send(agent: http.Agent, method: string, path: string, headers: Record<string, string | number> = {}, body?: string | Buffer): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${served.url}${path}`, { method, agent, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += String(d)));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text, socket: req.socket! }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('oversized bodies', () => {
  for (const framing of ['content-length', 'chunked'] as const) {
    test(`413 closes the connection, and the next request on a new one succeeds (${framing})`, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const big = Buffer.alloc(64 * 1024, 'a');
        const headers: Record<string, string | number> = { authorization: `Bearer ${s.keyA}`, 'content-type': 'application/json' };
        if (framing === 'content-length') headers['content-length'] = big.length;
        else headers['transfer-encoding'] = 'chunked';
        const refused = await send(agent, 'POST', '/v1/connectors', headers, big);
        assert.equal(refused.status, 413, refused.body);
        assert.equal(JSON.parse(refused.body).error.code, 'payload_too_large');
        assert.equal(refused.headers.connection, 'close');
        // The same client carries on: its next request is answered normally, on a fresh socket.
        for (let i = 0; i < 3; i++) {
          const next = await send(agent, 'GET', '/v1/connectors', { authorization: `Bearer ${s.keyA}` });
          assert.equal(next.status, 200, next.body);
          assert.notEqual(next.socket, refused.socket);
        }
      } finally {
        agent.destroy();
      }
    });
  }

  test('Node fetch: the client reads every 413, also for bodies of megabytes, and its next request does not fail', async () => {
    const headers = { authorization: `Bearer ${s.keyA}`, 'content-type': 'application/json' };
    for (const size of [100 * 1024, 5 * 1024 * 1024, 8 * 1024 * 1024]) {
      const name = 'x'.repeat(size);
      for (let i = 0; i < 2; i++) {
        // A socket error here (UND_ERR_SOCKET) is what a reset instead of a read 413 looks like to the client.
        const refused = await fetch(`${served.url}/v1/connectors`, { method: 'POST', headers, body: JSON.stringify({ type: 'pagerduty', name }) });
        assert.equal(refused.status, 413, `${size} bytes`);
        assert.equal(refused.headers.get('connection'), 'close');
        await refused.text();
        const next = await fetch(`${served.url}/v1/connectors`, { headers });
        assert.equal(next.status, 200, await next.text());
      }
    }
  });

  test('a body within the limit on the same keep-alive socket is served normally (the socket is reused)', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const headers = { authorization: `Bearer ${s.keyA}`, 'content-type': 'application/json' };
      const a = await send(agent, 'POST', '/v1/connectors', headers, JSON.stringify({ type: 'pagerduty', name: 'small one' }));
      assert.equal(a.status, 201, a.body);
      const b = await send(agent, 'GET', '/v1/connectors', headers);
      assert.equal(b.status, 200);
      assert.equal(b.socket, a.socket);
    } finally {
      agent.destroy();
    }
  });
});

describe('methods and authentication challenges', () => {
  const auth = { authorization: `Bearer ${'placeholder'}` };
  // node:http rather than fetch, which refuses TRACE.
  const call = async (method: string, path: string, headers: Record<string, string> = {}) => {
    const agent = new http.Agent();
    try {
      const res = await send(agent, method, path, headers);
      return { status: res.status, headers: new Headers(res.headers as Record<string, string>), json: async () => JSON.parse(res.body) as unknown };
    } finally {
      agent.destroy();
    }
  };

  test('a method the path does not have is 405 with Allow listing the ones it has; an unknown path stays 404', async () => {
    const key = { authorization: `Bearer ${s.keyA}` };
    const cases: Array<[string, string, string[]]> = [
      ['PUT', '/v1/connectors', ['GET', 'HEAD', 'POST', 'OPTIONS']],
      ['DELETE', '/v1/connector-types', ['GET', 'HEAD', 'OPTIONS']],
      ['POST', '/v1/connectors/con_01jdq0c6w8e7k9t2m3n4p5q6r7', ['GET', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS']],
      ['PATCH', '/v1/connectors/con_01jdq0c6w8e7k9t2m3n4p5q6r7/sync', ['POST', 'OPTIONS']],
      ['TRACE', '/v1/webhooks', ['GET', 'HEAD', 'POST', 'OPTIONS']],
      ['POST', '/v1/connectors/oauth/callback', ['GET', 'HEAD', 'OPTIONS']],
      ['POST', '/healthz', ['GET', 'HEAD', 'OPTIONS']],
    ];
    for (const [method, path, allowed] of cases) {
      const res = await call(method, path, key);
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.deepEqual(res.headers.get('allow')?.split(', ').sort(), [...allowed].sort(), `${method} ${path}`);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'method_not_allowed');
      assert.match(body.error.message, new RegExp(method));
    }
    const options = await call('OPTIONS', '/v1/connectors', key);
    assert.equal(options.status, 204);
    assert.deepEqual(options.headers.get('allow')?.split(', ').sort(), ['GET', 'HEAD', 'OPTIONS', 'POST']);
    const unknown = await call('GET', '/v1/no-such-thing', key);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('allow'), null);
  });

  test('401s carry WWW-Authenticate: Bearer (invalid_token when a key was sent)', async () => {
    const missing = await call('GET', '/v1/connectors');
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="tributary"');
    for (const headers of [{ authorization: 'Bearer trb_not-a-real-key' }, { authorization: 'Basic dXNlcjpwYXNz' }, auth]) {
      const res = await call('GET', '/v1/connectors', headers);
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="tributary", error="invalid_token"');
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unauthorized');
    }
    // A method the path lacks is not revealed before authentication.
    assert.equal((await call('PUT', '/v1/connectors')).status, 401);
  });
});

describe('static assets', () => {
  test('object prototype names are not assets: 404, never 500', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      for (const prefix of ['/integrations/assets/', '/docs/assets/']) {
        const res = await fetch(`${served.url}${prefix}${name}`);
        assert.equal(res.status, 404, `${prefix}${name}`);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found');
      }
    }
    assert.equal((await fetch(`${served.url}/integrations/assets/app.js`)).status, 200);
    assert.equal((await fetch(`${served.url}/docs/assets/swagger-ui.css`)).status, 200);
  });
});
