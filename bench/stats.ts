// Small helpers every benchmark shares: command-line options, medians with their spread, percentiles, and the one
// way a figure is printed (median, then the range over the runs), so every summary line reads the same.

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** `median (min–max)` with the given formatter, e.g. `82% (78–85%)`. */
export function spread(xs: readonly number[], fmt: (v: number) => string, unit = ''): string {
  if (xs.length === 1) return `${fmt(xs[0]!)}${unit}`;
  return `${fmt(median(xs))}${unit} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}${unit})`;
}

export const pct = (v: number) => (v * 100).toFixed(0);
export const fixed = (digits: number) => (v: number) => v.toFixed(digits);
export const round = (v: number) => String(Math.round(v));

/** Command-line options after the benchmark's name: `--runs 3 --connectors 10000`; numbers only. */
export function numberOption(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number, got "${argv[i + 1] ?? ''}"`);
  return v;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wall-clock seconds of `fn`. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - t) / 1000, value };
}
