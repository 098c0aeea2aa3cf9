// Counts the SQL statements this process sends over a window, by their text (whitespace folded), by wrapping the pg
// driver's `Client.prototype.query` for the window's length. Statements of other processes (a worker process, the
// PostgreSQL side) are not seen.
import pg from 'pg';

export interface StatementCount {
  total: number;
  /** Statement text (its first 100 characters) → how often it was sent, most frequent first. */
  byText: Array<[string, number]>;
}

export function countStatements(): { end(): StatementCount } {
  const counts = new Map<string, number>();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text?: string } | undefined;
    const text = typeof q === 'string' ? q : (q?.text ?? '(a query object without text)');
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 100);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return original.apply(this, args);
  };
  return {
    end() {
      proto.query = original;
      const byText = [...counts].sort((a, b) => b[1] - a[1]);
      return { total: byText.reduce((n, [, c]) => n + c, 0), byText };
    },
  };
}
