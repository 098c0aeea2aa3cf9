// TypeID-style identifiers: `<prefix>_<26 chars of Crockford base32 of a UUIDv7>`, so ids sort by creation time.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export const ID_PREFIXES = {
  workspace: 'ws',
  apiKey: 'key',
  connector: 'con',
  oauthAttempt: 'oas',
  syncRun: 'run',
  backfill: 'bf',
  webhook: 'wh',
  event: 'evt',
  delivery: 'whd',
  statusChange: 'sc',
  oauthApp: 'oap',
  candidate: 'cand',
} as const;

export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];

let lastMs = 0;
let lastRand: Buffer = Buffer.alloc(10);

/** 16 bytes of UUIDv7: 48-bit ms timestamp, version/variant bits, monotonic within one ms. */
function uuidv7Bytes(now = Date.now()): Buffer {
  let rand: Buffer;
  if (now === lastMs) {
    rand = Buffer.from(lastRand);
    for (let i = rand.length - 1; i >= 0; i--) {
      rand[i] = (rand[i]! + 1) & 0xff;
      if (rand[i] !== 0) break;
    }
  } else {
    rand = randomBytes(10);
    rand[0] = rand[0]! & 0x0f; // leave headroom so increments stay inside one ms
  }
  lastMs = now;
  lastRand = rand;
  const b = Buffer.alloc(16);
  b.writeUIntBE(now, 0, 6);
  rand.copy(b, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return b;
}

/** Crockford base32 of 128 bits as 26 chars (first char carries 3 bits), order-preserving. */
function encodeBase32(bytes: Buffer): string {
  let n = BigInt('0x' + bytes.toString('hex'));
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = ALPHABET[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${encodeBase32(uuidv7Bytes())}`;
}

/** True when `value` is a well-formed id with the given prefix. */
export function isId(prefix: IdPrefix, value: string): boolean {
  return idPattern(prefix).test(value);
}

export function idPattern(prefix: IdPrefix): RegExp {
  return new RegExp(`^${prefix}_[0-7][${ALPHABET}]{25}$`);
}

/** A short random suffix for ids of one-off workflows. */
export function randomSuffix(): string {
  return randomBytes(6).toString('hex');
}
