// Secrets at rest: full-length GCM tags only, values bound to their row and column (AAD), a key id in every
// value so keys can rotate, and legacy `v1.` values still readable.
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { loadConfig } from '../config/config.ts';
import { createCipher } from '../lib/crypto.ts';

const K1 = Buffer.alloc(32, 1);
const K2 = Buffer.alloc(32, 2);
const slotA = { table: 'connectors', column: 'credentials_enc', row: 'con_a' };
const slotB = { table: 'connectors', column: 'credentials_enc', row: 'con_b' };

/** What the code before key ids wrote: `v1.<iv>.<tag>.<ciphertext>`, no AAD. */
function legacySeal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

/** Cuts the authentication tag (the part before the ciphertext) down to `bytes`. */
function truncateTag(sealed: string, bytes: number): string {
  const parts = sealed.split('.');
  const i = parts.length - 2;
  parts[i] = Buffer.from(parts[i]!, 'base64url').subarray(0, bytes).toString('base64url');
  return parts.join('.');
}

describe('AES-GCM tags', () => {
  test('a truncated authentication tag is refused (new and legacy values alike)', () => {
    const c = createCipher(K1);
    const sealed = c.encrypt('api-key-123', slotA);
    assert.equal(c.decrypt(sealed, slotA), 'api-key-123');
    for (const bytes of [4, 8, 12, 15]) assert.throws(() => c.decrypt(truncateTag(sealed, bytes), slotA), `a ${bytes}-byte tag`);
    const legacy = legacySeal(K1, 'api-key-123');
    assert.equal(c.decrypt(legacy, slotA), 'api-key-123');
    for (const bytes of [4, 8, 12]) assert.throws(() => c.decrypt(truncateTag(legacy, bytes), slotA), `a legacy ${bytes}-byte tag`);
  });
});

describe('binding to the row (AAD)', () => {
  test('a value copied to another row or another column does not decrypt', () => {
    const c = createCipher(K1);
    const sealed = c.encryptJson({ api_key: 'a' }, slotA);
    assert.deepEqual(c.decryptJson(sealed, slotA), { api_key: 'a' });
    assert.throws(() => c.decrypt(sealed, slotB), 'another connector\'s row');
    assert.throws(() => c.decrypt(sealed, { ...slotA, column: 'candidate_credentials_enc' }), 'another column');
    assert.throws(() => c.decrypt(sealed, { ...slotA, table: 'webhook_endpoints' }), 'another table');
  });
});

describe('key ids and rotation', () => {
  test('values name their key; a ring decrypts every key it holds and encrypts with the active one', () => {
    const old = createCipher({ keys: [{ id: 'k1', key: K1 }], activeId: 'k1' });
    const ring = createCipher({ keys: [{ id: 'k1', key: K1 }, { id: 'k2', key: K2 }], activeId: 'k2' });
    const sealedOld = old.encrypt('x', slotA);
    assert.match(sealedOld, /^v2\.k1\./);
    assert.equal(old.keyIdOf(sealedOld), 'k1');
    assert.equal(ring.decrypt(sealedOld, slotA), 'x');
    const sealedNew = ring.encrypt('x', slotA);
    assert.equal(ring.keyIdOf(sealedNew), 'k2');
    assert.throws(() => old.decrypt(sealedNew, slotA), /k2.*not configured/);
    // The key id is authenticated too: relabelling a value with another id breaks it.
    assert.throws(() => ring.decrypt(sealedNew.replace('.k2.', '.k1.'), slotA));
    assert.equal(ring.keyIdOf(legacySeal(K1, 'x')), null);
    assert.equal(ring.decrypt(legacySeal(K1, 'x'), slotA), 'x', 'legacy values decrypt with whichever key sealed them');
  });

  test('ENCRYPTION_KEYS / ENCRYPTION_KEY_ID: named keys, the active one chosen, every mistake named', () => {
    const b64 = (k: Buffer) => k.toString('base64');
    const base = { DATABASE_URL: 'postgres://u@h/db' };
    const ring = loadConfig({ ...base, ENCRYPTION_KEYS: `old:${b64(K1)},new:${b64(K2)}` }).encryptionKeys;
    assert.deepEqual(ring.keys.map((k) => k.id), ['old', 'new']);
    assert.equal(ring.activeId, 'new', 'the last listed key encrypts by default');
    const pinned = loadConfig({ ...base, ENCRYPTION_KEYS: `next:${b64(K2)}`, ENCRYPTION_KEY: b64(K1), ENCRYPTION_KEY_ID: 'default' }).encryptionKeys;
    assert.deepEqual([pinned.keys.map((k) => k.id), pinned.activeId], [['next', 'default'], 'default'], 'ENCRYPTION_KEY joins the ring as "default"');
    for (const [env, named] of [
      [{ ENCRYPTION_KEYS: `bad id:${b64(K1)}` }, /ENCRYPTION_KEYS/],
      [{ ENCRYPTION_KEYS: 'k1:c2hvcnQ=' }, /k1 must be 32 bytes/],
      [{ ENCRYPTION_KEYS: `k1:${b64(K1)},k1:${b64(K2)}` }, /listed twice/],
      [{ ENCRYPTION_KEYS: `k1:${b64(K1)}`, ENCRYPTION_KEY_ID: 'k9' }, /ENCRYPTION_KEY_ID: "k9" is not one of the keys/],
      [{ ENCRYPTION_KEYS: `default:${b64(K1)}`, ENCRYPTION_KEY: b64(K2) }, /already has a key "default"/],
    ] as const) {
      assert.throws(() => loadConfig({ ...base, ...env }), named);
    }
  });
});
