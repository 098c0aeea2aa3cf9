// One outbound POST whose every connection goes through the URL policy: refused URLs fail before connecting,
// and the name is resolved once by `guardedLookup`, which checks exactly the addresses the socket then uses.
// Redirects are not followed (the status is the answer).
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, RefusedAddressError, urlStaticProblem, type UrlPolicy } from './url-safety.ts';

export interface GuardedPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** The receiver's status code; throws RefusedAddressError, a TimeoutError, or the network error. */
export function guardedPost(url: string, req: GuardedPost, policy: UrlPolicy): Promise<number> {
  const problem = urlStaticProblem(url, policy);
  if (problem) return Promise.reject(new RefusedAddressError(`url ${problem}`));
  const u = new URL(url);
  const client = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      u,
      {
        method: 'POST',
        headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        lookup: guardedLookup(policy) as never,
        agent: false, // a fresh connection each time: a pooled socket would skip the lookup's check
        signal: AbortSignal.timeout(req.timeoutMs),
      },
      (res) => {
        res.resume(); // the body is not needed; read it so the socket can close cleanly
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    outgoing.on('error', (err) => reject(err.name === 'AbortError' && err.cause instanceof Error ? err.cause : err));
    outgoing.end(req.body);
  });
}
