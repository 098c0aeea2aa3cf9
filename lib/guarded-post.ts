// One outbound POST whose every connection goes through the URL policy: refused URLs fail before connecting,
// and the name is resolved once by `guardedLookup`, which checks exactly the addresses the socket then uses.
// Redirects are not followed (the status is the answer). Connections are kept alive per origin and policy: a pooled
// socket is one whose address was checked when it connected, so reusing it cannot reach anything the policy refuses
// (a rebinding name only ever affects new connections, and those are checked).
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, RefusedAddressError, urlStaticProblem, type UrlPolicy } from './url-safety.ts';

export interface GuardedPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

const agents = new Map<string, http.Agent>();

/** The keep-alive agent of one origin under one policy; its sockets are made through `guardedLookup`. */
function agentFor(u: URL, policy: UrlPolicy): http.Agent {
  const key = `${u.protocol}//${u.host}|${policy.allowPrivate ? 'private' : 'public'}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, keepAliveMsecs: 1000, maxSockets: 64, maxFreeSockets: 16, timeout: 30_000, lookup: guardedLookup(policy) as never };
    agent = u.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    // Bounded: a worker talking to many receivers keeps at most this many pools.
    if (agents.size >= 1000) {
      const [oldest, a] = agents.entries().next().value as [string, http.Agent];
      a.destroy();
      agents.delete(oldest);
    }
    agents.set(key, agent);
  }
  return agent;
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
        agent: agentFor(u, policy),
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
