// Fast unit tests: ids, encryption, configuration, manifests, credential validation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../config/config.ts';
import { createCipher } from '../lib/crypto.ts';
import { isId, newId } from '../lib/ids.ts';
import { createProviderRegistry, ManifestError, validateManifests } from '../providers/registry.ts';
import { validateCredentials } from '../services/connectors.ts';
import { canTransition } from '../services/status.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('ids', () => {
  test('TypeID shape, prefix checked, time-ordered', () => {
    const ids = Array.from({ length: 200 }, () => newId('con'));
    for (const id of ids) assert.ok(isId('con', id), id);
    assert.ok(!isId('run', ids[0]!));
    assert.deepEqual([...ids].sort(), ids, 'ids sort in creation order');
    assert.equal(new Set(ids).size, ids.length);
  });
});

describe('cipher', () => {
  test('round-trips, hides the plaintext, detects tampering', () => {
    const c = createCipher(Buffer.alloc(32, 1));
    const slot = { table: 'connectors', column: 'credentials_enc', row: 'con_1' };
    const sealed = c.encryptJson({ api_key: 'super-secret' }, slot);
    assert.ok(!sealed.includes('super-secret'));
    assert.deepEqual(c.decryptJson(sealed, slot), { api_key: 'super-secret' });
    assert.notEqual(c.encrypt('x', slot), c.encrypt('x', slot), 'fresh IV per message');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    assert.throws(() => c.decrypt(parts.join('.'), slot));
    assert.throws(() => createCipher(Buffer.alloc(32, 2)).decrypt(sealed, slot), 'another key cannot decrypt');
  });
});

describe('config', () => {
  test('valid env parses into a frozen object', () => {
    const cfg = loadConfig({ DATABASE_URL: 'postgres://u@h/db', ENCRYPTION_KEY: KEY, PORT: '4000' });
    assert.equal(cfg.PORT, 4000);
    assert.equal(cfg.PUBLIC_URL, 'http://localhost:4000');
    assert.ok(Object.isFrozen(cfg));
    assert.deepEqual(cfg.encryptionKeys.keys.map((k) => [k.id, k.key.length]), [['default', 32]]);
    assert.equal(cfg.encryptionKeys.activeId, 'default');
  });
  test('a bad environment names every bad variable at once', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', ENCRYPTION_KEY: 'short', PORT: 'eighty', LOG_LEVEL: 'loud' });
      assert.fail('expected ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      for (const v of ['DATABASE_URL', 'ENCRYPTION_KEY', 'PORT', 'LOG_LEVEL']) assert.match(err.message, new RegExp(v));
    }
  });
  test('missing required variables are named', () => {
    assert.throws(() => loadConfig({}), (e: Error) => /DATABASE_URL/.test(e.message) && /ENCRYPTION_KEY/.test(e.message));
  });
});

describe('provider manifests', () => {
  test('every registered manifest validates', () => {
    const ms = validateManifests();
    assert.ok(ms.some((m) => m.auth === 'api_key') && ms.some((m) => m.auth === 'oauth2'));
  });
  test('a broken manifest fails with its name', () => {
    assert.throws(() => validateManifests([{ manifest: { type: 'brokenco', name: 'Broken' } }]), (e: Error) => e instanceof ManifestError && /brokenco/.test(e.message));
  });
  test('auth_methods: both kinds need both an oauth block and credential fields; auth must be one of them', () => {
    const pd = validateManifests().find((m) => m.type === 'pagerduty')!;
    const gh = validateManifests().find((m) => m.type === 'github')!;
    assert.deepEqual(gh.auth_methods, ['oauth2'], 'defaults to [auth]');
    const { oauth: _oauth, ...noOauth } = pd;
    for (const [broken, why] of [
      [noOauth, /oauth/],
      [{ ...pd, credential_fields: [] }, /credential_fields/],
      [{ ...pd, auth: 'oauth2', auth_methods: ['api_key'] }, /auth/],
      [{ ...pd, history_limit_days: 0 }, /history_limit_days/],
    ] as const) {
      assert.throws(() => validateManifests([{ manifest: { ...broken, type: 'halfbaked' } }]), (e: Error) => e instanceof ManifestError && /halfbaked/.test(e.message) && why.test(e.message), JSON.stringify(why));
    }
  });
  test('endpoints: emulator in demo mode, real URLs otherwise, explicit override wins', () => {
    const demo = createProviderRegistry({ EMULATOR_URL: 'http://127.0.0.1:9', providerEnv: {} });
    assert.equal(demo.get('pagerduty')!.endpoints.apiBaseUrl, 'http://127.0.0.1:9/pagerduty/api');
    assert.equal(demo.get('github')!.endpoints.authorizeUrl, 'http://127.0.0.1:9/github/oauth/login/oauth/authorize');
    const real = createProviderRegistry({ EMULATOR_URL: undefined, providerEnv: {} });
    assert.equal(real.get('pagerduty')!.endpoints.apiBaseUrl, 'https://api.pagerduty.com');
    const mixed = createProviderRegistry({ EMULATOR_URL: 'http://127.0.0.1:9', providerEnv: { GITHUB_CLIENT_ID: 'abc' } });
    assert.equal(mixed.get('github')!.endpoints.apiBaseUrl, 'https://api.github.com');
    assert.equal(mixed.get('github')!.emulated, false);
  });
});

describe('credential validation', () => {
  const fields = [{ name: 'api_key', label: 'API key', required: true, pattern: '^\\S{8,}$' }];
  test('names missing, unknown and malformed fields without echoing values', () => {
    assert.deepEqual(validateCredentials(fields, { api_key: 'abcdefgh' }), { api_key: 'abcdefgh' });
    for (const [body, field] of [[{}, 'api_key'], [{ api_key: 'abcdefgh', x: 'secret-x' }, 'x'], [{ api_key: 'short' }, 'api_key'], [{ api_key: 5 }, 'api_key']] as const) {
      try {
        validateCredentials(fields, body);
        assert.fail('expected a validation error');
      } catch (err) {
        const e = err as { details: Array<{ field: string }>; message: string };
        assert.ok(e.details.some((d) => d.field === field), JSON.stringify(e.details));
        assert.ok(!e.message.includes('secret-x'));
      }
    }
  });
});

describe('status machine', () => {
  test('allowed and forbidden transitions', () => {
    assert.ok(canTransition('pending', 'connected'));
    assert.ok(canTransition('error', 'connected'));
    assert.ok(canTransition('connected', 'oauth_expired'));
    assert.ok(!canTransition('pending', 'paused'));
    assert.ok(!canTransition('paused', 'error'));
  });
});

describe('emulator dataset', () => {
  test('page() matches list() for generated and added records', async () => {
    const { Dataset } = await import('../dev/emulator/dataset.ts');
    const d = new Dataset(3, 7, () => Date.UTC(2025, 2, 1));
    const start = Date.UTC(2025, 1, 3, 5, 17);
    const end = Date.UTC(2025, 1, 9);
    const all = d.list('p', 'incident', start, end);
    const paged = [];
    for (let off = 0; ; off += 50) {
      const { items, total } = d.page('p', 'incident', start, end, off, 50);
      assert.equal(total, all.length);
      paged.push(...items);
      if (off + 50 >= total) break;
    }
    assert.deepEqual(paged, all);
    d.add('p', 'incident', 2, start + 1);
    assert.equal(d.page('p', 'incident', start, end, 0, 1000).total, all.length + 2);
  });
});

describe('webhook URL safety and signing', () => {
  test('https only and no private, loopback or link-local targets unless allowed', async () => {
    const { urlProblem } = await import('../lib/url-safety.ts');
    const strict = { allowPrivate: false };
    for (const u of ['http://example.com/x', 'https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://192.168.0.1/', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://localhost/x', 'https://172.16.0.1/', 'https://[fd00::1]/'])
      assert.ok(await urlProblem(u, strict), `${u} must be refused`);
    assert.equal(await urlProblem('https://8.8.8.8/hook', strict), undefined);
    assert.equal(await urlProblem('http://127.0.0.1:9/hook', { allowPrivate: true }), undefined);
  });
  test('Standard Webhooks signatures verify, and fail when anything changes', async () => {
    const { newWebhookSecret, signedHeaders, verify } = await import('../lib/webhook-signing.ts');
    const secret = newWebhookSecret();
    const h = signedHeaders(secret, 'evt_1', '{"a":1}');
    const parts = { id: h['webhook-id']!, timestamp: h['webhook-timestamp']!, signature: h['webhook-signature']! };
    assert.ok(verify(secret, parts, '{"a":1}'));
    assert.ok(!verify(secret, parts, '{"a":2}'));
    assert.ok(!verify(secret, { ...parts, id: 'evt_2' }, '{"a":1}'));
    assert.ok(!verify(newWebhookSecret(), parts, '{"a":1}'));
    assert.ok(!verify(secret, parts, '{"a":1}', Date.now() + 10 * 60_000), 'stale timestamps are refused');
  });
});
