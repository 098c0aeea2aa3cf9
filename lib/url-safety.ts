// Webhook URL safety: https only, and no private, loopback or link-local targets unless explicitly allowed (SSRF).
import { lookup } from 'node:dns/promises';
import net from 'node:net';

export interface UrlPolicy {
  /** Dev and tests: allow http and private/loopback addresses. */
  allowPrivate: boolean;
}

function privateV4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
}

export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return privateV4(ip);
  const v6 = ip.toLowerCase();
  if (v6.startsWith('::ffff:')) return privateV4(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe8') || v6.startsWith('fe9') || v6.startsWith('fea') || v6.startsWith('feb') || v6.startsWith('ff');
}

/** Returns why the URL is refused, or undefined when it may be called. Resolves DNS (so call it again at delivery time). */
export async function urlProblem(raw: string, policy: UrlPolicy): Promise<string | undefined> {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'is not a valid URL';
  }
  if (u.username || u.password) return 'must not contain credentials';
  if (u.protocol !== 'https:' && !(policy.allowPrivate && u.protocol === 'http:')) return 'must use https';
  if (policy.allowPrivate) return undefined;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must not point at a private, loopback or link-local address';
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return `host ${host} does not resolve`;
    }
  }
  if (addresses.some(isPrivateAddress)) return 'must not point at a private, loopback or link-local address';
  return undefined;
}
