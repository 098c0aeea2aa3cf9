// Pure backfill planning: ISO-8601 chunk durations, request validation against the provider's history
// limit, and splitting `[start, end)` into half-open chunk windows.
import type { FieldIssue } from '../lib/errors.ts';

export const CHUNK_BOUNDS = { minSeconds: 3600, maxSeconds: 31 * 86_400, maxChunks: 1000, default: 'P1D' } as const;

const DURATION = /^P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)$/;

/** The durations `parseDuration` reads, as a pattern (not `P` alone, nothing ending in `T`): the API documents it. */
export const DURATION_PATTERN = /^P(?:\d+W|\d+D(?:T(?:\d+H(?:\d+M)?(?:\d+S)?|\d+M(?:\d+S)?|\d+S))?|T(?:\d+H(?:\d+M)?(?:\d+S)?|\d+M(?:\d+S)?|\d+S))$/;

/**
 * Parses the fixed-length ISO-8601 durations a chunk may have (`PnW`, `PnD`, `PTnH`, `PTnM`, `PTnS` and
 * combinations such as `P1DT12H`) into seconds. Years and months have no fixed length, so they are refused.
 */
export function parseDuration(text: string): { seconds: number } | { problem: string } {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) {
    if (/^P\d+[YM]/.test(text)) return { problem: 'years and months have no fixed length; use weeks, days, hours or minutes (e.g. P7D)' };
    return { problem: `"${text}" is not an ISO-8601 duration such as P1D, PT6H, PT30M or P1W` };
  }
  const [, w, d, h, min, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return { seconds: w! * 7 * 86_400 + d! * 86_400 + h! * 3600 + min! * 60 + s! };
}

export interface ChunkWindow {
  index: number;
  start: Date;
  end: Date;
}

export interface BackfillPlan {
  start: Date;
  end: Date;
  chunk: string;
  chunkSeconds: number;
  chunks: ChunkWindow[];
}

export interface PlanInput {
  start: string;
  end: string;
  chunk?: string;
}

/** Splits `[start, end)` into consecutive chunks; the last one ends at `end`. */
export function splitWindow(start: Date, end: Date, chunkSeconds: number): ChunkWindow[] {
  const out: ChunkWindow[] = [];
  const step = chunkSeconds * 1000;
  for (let t = start.getTime(), i = 0; t < end.getTime(); t += step, i++) {
    out.push({ index: i, start: new Date(t), end: new Date(Math.min(t + step, end.getTime())) });
  }
  return out;
}

/**
 * Validates a backfill request and plans its chunks. Returns every problem, each naming its field:
 * start not before end, end in the future, start beyond the provider's history limit, a chunk that is
 * malformed, too small, too large, or makes too many chunks.
 */
export function planBackfill(input: PlanInput, ctx: { now: number; historyLimitDays: number; providerName: string }): { plan: BackfillPlan } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const start = new Date(input.start);
  const end = new Date(input.end);
  const chunk = input.chunk ?? CHUNK_BOUNDS.default;
  if (start.getTime() >= end.getTime()) issues.push({ field: 'start', message: `must be before end (${end.toISOString()})` });
  if (end.getTime() > ctx.now) issues.push({ field: 'end', message: `is in the future; a backfill covers the past only (now is ${new Date(ctx.now).toISOString()})` });
  const oldest = ctx.now - ctx.historyLimitDays * 86_400_000;
  if (start.getTime() < oldest) {
    issues.push({ field: 'start', message: `is beyond ${ctx.providerName}'s history limit of ${ctx.historyLimitDays} days; the oldest start is ${new Date(oldest).toISOString()}` });
  }
  const parsed = parseDuration(chunk);
  let chunkSeconds = 0;
  if ('problem' in parsed) issues.push({ field: 'chunk', message: parsed.problem });
  else if (parsed.seconds < CHUNK_BOUNDS.minSeconds) issues.push({ field: 'chunk', message: `is shorter than the minimum of PT1H` });
  else if (parsed.seconds > CHUNK_BOUNDS.maxSeconds) issues.push({ field: 'chunk', message: `is longer than the maximum of P31D` });
  else chunkSeconds = parsed.seconds;
  if (chunkSeconds > 0 && start.getTime() < end.getTime()) {
    const count = Math.ceil((end.getTime() - start.getTime()) / (chunkSeconds * 1000));
    if (count > CHUNK_BOUNDS.maxChunks) issues.push({ field: 'chunk', message: `makes ${count} chunks; at most ${CHUNK_BOUNDS.maxChunks} are allowed, so use a longer chunk or a shorter window` });
  }
  if (issues.length) return { issues };
  return { plan: { start, end, chunk, chunkSeconds, chunks: splitWindow(start, end, chunkSeconds) } };
}

/** Seconds left, from the average duration of the chunks done so far, the chunks remaining and the concurrency. */
export function estimateSecondsLeft(avgChunkSeconds: number | null, remaining: number, concurrency: number): number | null {
  if (avgChunkSeconds === null || !Number.isFinite(avgChunkSeconds)) return null;
  return Math.round((avgChunkSeconds * remaining) / Math.max(1, Math.min(concurrency, remaining || 1)));
}
