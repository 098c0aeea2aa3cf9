// Reads Prometheus text exposition: samples with their labels, and the metric names a scrape exposes.
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** The sum of every sample of `name` whose labels include `labels`. */
export function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);
}

/**
 * Every series name a scrape exports: sample names and declared families (`# TYPE`, also before a first observation),
 * with a histogram's `_bucket`/`_sum`/`_count`.
 */
export function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const s of parseMetrics(text)) names.add(s.name);
  for (const m of text.matchAll(/^# TYPE (\S+) (\w+)$/gm)) {
    names.add(m[1]!);
    if (m[2] === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(m[1]! + suffix);
  }
  return names;
}

/** Every metric name a PromQL expression refers to (identifiers followed by `{`, `[` or a closing parenthesis). */
export function promqlMetricNames(expr: string): string[] {
  const keywords = new Set(['sum', 'by', 'rate', 'increase', 'max', 'min', 'avg', 'histogram_quantile', 'le', 'without', 'on', 'ignoring', 'count']);
  const names = new Set<string>();
  for (const m of expr.replace(/\{[^}]*\}/g, '{}').replace(/\bby \([^)]*\)/g, '').matchAll(/\b([a-z_][a-z0-9_:]*)\b(?!\s*\()/g)) {
    if (!keywords.has(m[1]!) && /_/.test(m[1]!)) names.add(m[1]!);
  }
  return [...names];
}
