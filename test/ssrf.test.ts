// Outbound calls stay where they belong: webhook URLs are judged on every form of an address (IPv4-mapped,
// NAT64, the special-purpose registries), cloud metadata is never reachable, and provider credentials never
// follow a redirect or a `Link` to another origin.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ProviderError } from '../providers/types.ts';
import { request } from '../providers/http.ts';
import { createClient as createGithubClient } from '../providers/github/client.ts';
import { urlProblem } from '../lib/url-safety.ts';

const strict = { allowPrivate: false };
const lenient = { allowPrivate: true };

describe('webhook URL policy', () => {
  test('every form of a loopback, private or special-purpose address is refused', async () => {
    const refused = [
      'https://[::ffff:127.0.0.1]/', // the URL parser rewrites it to [::ffff:7f00:1]
      'https://[::ffff:7f00:1]/',
      'https://[::ffff:10.0.0.1]/',
      'https://[::ffff:a9fe:a9fe]/',
      'https://[64:ff9b::7f00:1]/', // NAT64 of 127.0.0.1
      'https://[64:ff9b::192.168.1.1]/',
      'https://[64:ff9b:1::1]/',
      'https://[::127.0.0.1]/', // IPv4-compatible (deprecated)
      'https://[::]/',
      'https://[fec0::1]/',
      'https://[fc00::1]/',
      'https://[fe80::1]/',
      'https://[ff02::1]/',
      'https://[100::1]/',
      'https://[2001::1]/', // Teredo
      'https://[2001:db8::1]/',
      'https://[2002:7f00:1::1]/', // 6to4
      'https://[3fff::1]/',
      'https://[5f00::1]/',
      'https://198.18.0.1/',
      'https://198.19.255.254/',
      'https://0.0.0.0/',
      'https://0x7f.1/', // 127.0.0.1 once parsed
      'https://2130706433/',
      'https://100.64.0.1/',
      'https://192.0.0.8/',
      'https://192.0.2.1/',
      'https://192.88.99.1/',
      'https://198.51.100.7/',
      'https://203.0.113.7/',
      'https://224.0.0.1/',
      'https://240.0.0.1/',
      'https://255.255.255.255/',
      'https://localhost./',
      'https://a.localhost/',
    ];
    for (const u of refused) assert.ok(await urlProblem(u, strict), `${u} must be refused`);
  });

  test('public addresses pass, NAT64 of a public IPv4 address included', async () => {
    for (const u of ['https://8.8.8.8/hook', 'https://[2606:4700:4700::1111]/hook', 'https://[64:ff9b::808:808]/hook', 'https://1.1.1.1:8443/x', 'https://192.31.196.1/']) {
      assert.equal(await urlProblem(u, strict), undefined, u);
    }
  });

  test('cloud metadata services are refused even where private receivers are allowed', async () => {
    const metadata = [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:169.254.169.254]/',
      'http://[64:ff9b::a9fe:a9fe]/',
      'http://169.254.170.2/v2/credentials',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://100.100.100.200/latest/meta-data/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://metadata.google.internal./computeMetadata/v1/',
      'http://METADATA.GOOGLE.INTERNAL/',
      'http://metadata/computeMetadata/v1/',
    ];
    for (const u of metadata) {
      const problem = await urlProblem(u, lenient);
      assert.match(problem ?? '', /metadata/, `${u} must be refused: ${problem}`);
    }
    assert.equal(await urlProblem('http://127.0.0.1:9/hook', lenient), undefined);
    assert.equal(await urlProblem('http://[::1]:9/hook', lenient), undefined);
  });
});

/** A local server that records what reached it and answers with `respond`. */
async function server(respond: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: http.IncomingMessage[] = [];
  const srv = http.createServer((req, res) => {
    seen.push(req);
    respond(req, res);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

describe('provider calls keep credentials on the provider origin', () => {
  let attacker: Awaited<ReturnType<typeof server>>;
  let provider: Awaited<ReturnType<typeof server>>;
  before(async () => {
    attacker = await server((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}'));
    provider = await server((req, res) => {
      if (req.url === '/elsewhere') res.writeHead(302, { location: `${attacker.url}/steal` }).end();
      else if (req.url === '/elsewhere-307') res.writeHead(307, { location: `${attacker.url}/steal` }).end();
      else if (req.url === '/moved') res.writeHead(301, { location: '/here' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url, token: req.headers['private-token'] ?? null }));
    });
  });
  after(async () => {
    await attacker.close();
    await provider.close();
  });

  test('a redirect to another origin is not followed, whatever header carries the credentials', async () => {
    for (const [path, headers] of [
      ['/elsewhere', { 'PRIVATE-TOKEN': 'glpat-secret' }],
      ['/elsewhere', { 'DD-API-KEY': 'dd-secret', 'DD-APPLICATION-KEY': 'dd-app-secret' }],
      ['/elsewhere-307', { Authorization: 'Bearer ghu_secret' }],
    ] as const) {
      await assert.rejects(request(fetch, `${provider.url}${path}`, { headers: { ...headers } }), (e: unknown) => e instanceof ProviderError && e.code === 'bad_request' && /another|not the provider/.test(e.message));
    }
    assert.equal(attacker.seen.length, 0, 'nothing reached the other origin');
  });

  test('a redirect on the same origin is followed with the credentials', async () => {
    const res = await request(fetch, `${provider.url}/moved`, { headers: { 'PRIVATE-TOKEN': 'glpat-secret' } });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { path: '/here', token: 'glpat-secret' });
  });

  test('a GitHub page cursor naming another origin is refused before anything is sent', async () => {
    // The client numbers its own pages inside an opaque cursor and never follows a URL from a response.
    const client = createGithubClient({ apiBaseUrl: provider.url });
    const window = { start: '2026-01-01T00:00:00.000Z', end: '2026-01-02T00:00:00.000Z' };
    await assert.rejects(
      client.fetchPage({ access_token: 'ghu_secret' }, { kind: 'pull_request', selection: 'changed', window, pageCursor: `${attacker.url}/search/issues?page=2` }),
      (e: unknown) => e instanceof ProviderError && e.code === 'bad_request',
    );
    assert.equal(attacker.seen.length, 0);
  });
});
