// Secrets at rest: AES-256-GCM envelopes naming their key and bound to their row; hashes for API keys and OAuth state.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Where a secret lives. It is authenticated with the ciphertext (AAD), so a value copied to another row or column does not decrypt. */
export interface SecretSlot {
  table: string;
  column: string;
  /** The row's stable identity (its id, or the natural key for rows that are replaced in place). */
  row: string;
}

export interface Cipher {
  /** The id of the key new values are sealed with. */
  readonly activeKeyId: string;
  encrypt(plaintext: string, slot: SecretSlot): string;
  decrypt(sealed: string, slot: SecretSlot): string;
  encryptJson(value: unknown, slot: SecretSlot): string;
  decryptJson<T>(sealed: string, slot: SecretSlot): T;
  /** The key id inside a sealed value; `null` for a legacy `v1.` value (no key id, no AAD). */
  keyIdOf(sealed: string): string | null;
}

export interface KeyRing {
  keys: ReadonlyArray<{ id: string; key: Buffer }>;
  activeId: string;
}

const TAG_BYTES = 16;
const IV_BYTES = 12;

const aadOf = (keyId: string, slot: SecretSlot) => Buffer.from(`tributary:v2:${keyId}:${slot.table}.${slot.column}:${slot.row}`, 'utf8');

function open(key: Buffer, iv: string, tag: string, ct: string, aad?: Buffer): string {
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  // A full 16-byte tag only: GCM would otherwise verify a truncated (forgeable) tag.
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new Error('malformed ciphertext');
  const d = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
  if (aad) d.setAAD(aad);
  d.setAuthTag(tagBytes);
  return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
}

/**
 * Builds a cipher from a key ring (or one 32-byte key, known as `default`). New values are
 * `v2.<key id>.<iv>.<tag>.<ciphertext>` (base64url) with the slot as AAD; legacy `v1.<iv>.<tag>.<ciphertext>`
 * values (no key id, no AAD) still decrypt with whichever configured key sealed them.
 */
export function createCipher(keys: Buffer | KeyRing): Cipher {
  const ring: KeyRing = Buffer.isBuffer(keys) ? { keys: [{ id: 'default', key: keys }], activeId: 'default' } : keys;
  for (const k of ring.keys) if (k.key.length !== 32) throw new Error(`encryption key ${k.id} must be 32 bytes`);
  const byId = new Map(ring.keys.map((k) => [k.id, k.key]));
  const active = byId.get(ring.activeId);
  if (!active) throw new Error(`encryption key ${ring.activeId} is not configured`);

  const encrypt = (plaintext: string, slot: SecretSlot): string => {
    const iv = randomBytes(IV_BYTES);
    const c = createCipheriv('aes-256-gcm', active, iv, { authTagLength: TAG_BYTES });
    c.setAAD(aadOf(ring.activeId, slot));
    const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    return ['v2', ring.activeId, iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  };

  const decrypt = (sealed: string, slot: SecretSlot): string => {
    const parts = sealed.split('.');
    if (parts[0] === 'v2' && parts.length === 5) {
      const [, keyId, iv, tag, ct] = parts as [string, string, string, string, string];
      const key = byId.get(keyId);
      if (!key) throw new Error(`value sealed with key ${keyId}, which is not configured (ENCRYPTION_KEYS)`);
      return open(key, iv, tag, ct, aadOf(keyId, slot));
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      const [, iv, tag, ct] = parts as [string, string, string, string];
      for (const { key } of ring.keys) {
        try {
          return open(key, iv, tag, ct);
        } catch {
          /* another key sealed it */
        }
      }
      throw new Error('legacy value does not decrypt with any configured key');
    }
    throw new Error('unrecognised ciphertext');
  };

  return {
    activeKeyId: ring.activeId,
    encrypt,
    decrypt,
    encryptJson: (value, slot) => encrypt(JSON.stringify(value), slot),
    decryptJson: <T>(sealed: string, slot: SecretSlot) => JSON.parse(decrypt(sealed, slot)) as T,
    keyIdOf: (sealed) => (sealed.startsWith('v2.') ? (sealed.split('.')[1] ?? null) : null),
  };
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
