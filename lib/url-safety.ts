// Webhook URL safety (SSRF): https only, and no address outside global unicast unless private receivers are
// explicitly allowed; cloud metadata services never. The check that counts is made on the address a delivery
// actually connects to (`guardedLookup`): the name is resolved once, and that answer is both checked and used.
import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import net from 'node:net';
import { metadataAddress, specialAddress } from './ip-ranges.ts';

export interface UrlPolicy {
  /** Dev and tests: allow http and private/loopback addresses (never cloud metadata services). */
  allowPrivate: boolean;
}

/** Names that reach a cloud metadata service wherever they resolve (GCP, AWS). */
const METADATA_HOSTS = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/** Why this resolved (or literal) address may not be called, if it may not. */
export function addressProblem(ip: string, policy: UrlPolicy): string | undefined {
  const metadata = metadataAddress(ip);
  if (metadata) return `must not point at a ${metadata} address (${ip})`;
  if (policy.allowPrivate) return undefined;
  const special = specialAddress(ip);
  return special ? `must not point at a non-public address: ${ip} is ${special}` : undefined;
}

/** Checks that need no DNS: scheme, credentials, metadata names, localhost, literal addresses. */
function staticProblem(u: URL, policy: UrlPolicy): string | undefined {
  if (u.username || u.password) return 'must not contain credentials';
  if (u.protocol !== 'https:' && !(policy.allowPrivate && u.protocol === 'http:')) return 'must use https';
  const host = u.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (METADATA_HOSTS.has(host)) return `must not point at a cloud metadata service (${host})`;
  if (net.isIP(host)) return addressProblem(host, policy);
  if (!policy.allowPrivate && (host === 'localhost' || host.endsWith('.localhost'))) return `must not point at a non-public address: ${host} is loopback`;
  return undefined;
}

function parse(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/**
 * Why the URL is refused, or undefined when it may be called. Under the strict policy the name is resolved for an
 * early, clear 400 (where private receivers are allowed, names are only checked when connecting).
 */
export async function urlProblem(raw: string, policy: UrlPolicy): Promise<string | undefined> {
  const u = parse(raw);
  if (!u) return 'is not a valid URL';
  const problem = staticProblem(u, policy);
  if (problem || policy.allowPrivate || net.isIP(u.hostname.replace(/^\[|\]$/g, ''))) return problem;
  let addresses: LookupAddress[];
  try {
    addresses = await dns.promises.lookup(u.hostname, { all: true });
  } catch {
    return `host ${u.hostname} does not resolve`;
  }
  return addresses.map((a) => addressProblem(a.address, policy)).find(Boolean);
}

/** Why a URL is refused before connecting (no DNS); the address is checked by `guardedLookup` at connect time. */
export function urlStaticProblem(raw: string, policy: UrlPolicy): string | undefined {
  const u = parse(raw);
  return u ? staticProblem(u, policy) : 'is not a valid URL';
}

export class RefusedAddressError extends Error {
  readonly code = 'ERR_REFUSED_ADDRESS';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request`/`net.connect`: resolves the name once, refuses it when any address it resolves to
 * is refused, and hands exactly the checked addresses to the socket — so DNS cannot answer differently between
 * the check and the connection (rebinding).
 */
export function guardedLookup(policy: UrlPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const problem = addresses.map((a) => addressProblem(a.address, policy)).find(Boolean);
      if (problem) return callback(new RefusedAddressError(`${hostname} ${problem}`), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
