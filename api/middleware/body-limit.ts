// Request body limit: 413 above MAX_BODY_BYTES, and the connection is then closed. Before answering, what the
// client is still sending is read and dropped (up to a cap), so the client reads the 413 rather than a reset,
// and no unread body stays on a keep-alive socket to be parsed as the next request.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { errorBody } from './errors.ts';

export interface BodyLimitOptions {
  maxBytes: number;
  /** Past this many bytes of an oversized body the connection is dropped without reading further. */
  drainBytes?: number;
  /** …or after this long. */
  drainMs?: number;
}

/** The 413 answer; `Connection: close` makes Node end the socket after it (no keep-alive reuse). */
export function payloadTooLarge(c: Context<AppEnv>, maxBytes: number) {
  const message = `request body exceeds ${maxBytes} bytes`;
  return c.json(errorBody('payload_too_large', message, [{ field: 'body', message: `larger than ${maxBytes} bytes` }]), 413, { connection: 'close' });
}

type Reader = ReadableStreamDefaultReader<Uint8Array>;

/**
 * Whether the request carries a body. A GET or HEAD never does here (the Node adapter gives them none); asking
 * `c.req.raw.body` of one would make the adapter build a full Fetch `Request` for every read — a measurable share
 * of a read's CPU (bench/api.ts).
 */
export function hasBody(c: Context<AppEnv>): boolean {
  const method = c.req.method;
  return method !== 'GET' && method !== 'HEAD' && c.req.raw.body !== null;
}

/** Reads and drops the rest of a body, until it ends or a cap is reached (then the reader is cancelled). */
async function drain(reader: Reader, seen: number, maxBytes: number, deadline: number): Promise<void> {
  let total = seen;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
  });
  try {
    while (total <= maxBytes) {
      const next = await Promise.race([reader.read(), timeout]);
      if (next === 'timeout' || next.done) break;
      total += next.value.length;
    }
  } catch {
    /* the client went away: nothing left to drain */
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
  }
}

export function bodyLimit(opts: BodyLimitOptions) {
  const { maxBytes } = opts;
  const drainBytes = opts.drainBytes ?? Math.max(16 * 1024 * 1024, maxBytes * 4);
  const drainMs = opts.drainMs ?? 10_000;
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!hasBody(c)) return next();
    const body = c.req.raw.body!;
    const declared = c.req.header('content-length');
    const chunked = c.req.header('transfer-encoding') !== undefined;
    // Node's parser holds a declared length to the byte, so a small enough one needs no counting.
    if (declared !== undefined && !chunked && Number(declared) <= maxBytes) return next();
    const reader = body.getReader();
    if (declared !== undefined && !chunked && Number(declared) > drainBytes) {
      await reader.cancel().catch(() => undefined);
      return payloadTooLarge(c, maxBytes);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await drain(reader, size, drainBytes, Date.now() + drainMs);
        return payloadTooLarge(c, maxBytes);
      }
      chunks.push(value);
    }
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks, size) });
    return next();
  });
}
