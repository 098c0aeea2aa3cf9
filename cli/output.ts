// How the API commands talk to people and scripts: tables for people, `--json` for scripts, progress on stderr,
// and exit codes that say what happened (README, "CLI").
import { TributaryError } from '@tributary/sdk';

/** The documented exit codes. */
export const EXIT = {
  ok: 0,
  /** The command worked, but what it waited for did not: a run or backfill failed or was cancelled, a connection test failed. */
  failed: 1,
  /** Wrong arguments or a missing setting (TRIBUTARY_URL / TRIBUTARY_API_KEY). */
  usage: 2,
  /** The API refused the request as invalid or conflicting (400, 409, 413, 415, 422). */
  refused: 3,
  notFound: 4,
  /** The key is missing, invalid, expired or revoked (401, 403). */
  unauthorized: 5,
  /** Rate limited (429) — retry after the time printed. */
  rateLimited: 6,
  /** The API could not be reached or failed (5xx, network). */
  unavailable: 7,
} as const;

export class UsageError extends Error {}

export interface Out {
  json: boolean;
  /** Progress and notes (stderr, so that stdout stays the result). */
  note(line: string): void;
  /** The result: JSON, or a table / key-value view. */
  result(value: unknown, human: () => string): void;
}

export function output(json: boolean): Out {
  return {
    json,
    note: (line) => process.stderr.write(`${line}\n`),
    result: (value, human) => process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`),
  };
}

const cell = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A plain-text table: a header row, then one row per item. */
export function table(rows: Array<Record<string, unknown>>, columns: string[]): string {
  if (!rows.length) return '(none)';
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...cells.map(line)].join('\n');
}

/** One object as `key: value` lines (nested objects as JSON). */
export function details(obj: Record<string, unknown>, keys = Object.keys(obj)): string {
  const width = Math.max(...keys.map((k) => k.length));
  return keys.map((k) => `${`${k}:`.padEnd(width + 1)} ${cell(obj[k])}`).join('\n');
}

/** The exit code and message for an error a command threw. */
export function failure(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError) return { code: EXIT.usage, message: err.message };
  if (err instanceof TributaryError) {
    const where = err.details.length ? `\n${err.details.map((d) => `  ${d.field}: ${d.message}`).join('\n')}` : '';
    const message = `error ${err.status} ${err.code}: ${err.message}${where}${err.requestId ? `\n(request id ${err.requestId})` : ''}`;
    if (err.status === 401 || err.status === 403) return { code: EXIT.unauthorized, message };
    if (err.status === 404) return { code: EXIT.notFound, message };
    if (err.status === 429) return { code: EXIT.rateLimited, message: `${message}${err.retryAfter !== null ? `\nretry in ${err.retryAfter} s` : ''}` };
    if (err.status >= 500) return { code: EXIT.unavailable, message };
    return { code: EXIT.refused, message };
  }
  const e = err as Error & { cause?: { code?: string } };
  if (e instanceof TypeError && /fetch/i.test(e.message)) return { code: EXIT.unavailable, message: `cannot reach the API: ${e.cause?.code ?? e.message}` };
  return { code: EXIT.unavailable, message: e?.message ?? String(err) };
}
