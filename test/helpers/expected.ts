// The test oracle: how many records of a kind each provider returns for a window, computed from the emulator's
// dataset (not from the client under test), for backfills (`created`) and incremental syncs (`changed`).
import type { Dataset } from '../../dev/emulator/dataset.ts';
import { manifest as slackManifest } from '../../providers/slack/manifest.ts';
import type { Selection } from '../../providers/types.ts';

const HOUR = 3_600_000;

/** Records of `kind` the provider lists for `[start, end)` — the kind's own records only (not ones carried along). */
export function expectedCount(data: Dataset, provider: string, kind: string, start: number, end: number, selection: Selection = 'created'): number {
  // PagerDuty's log entries are the incidents' timelines: one per creation and per later revision.
  if (provider === 'pagerduty' && kind === 'log_entry') return data.events('pagerduty', 'incident', start, end).length;
  if (selection === 'created') return data.list(provider, kind, start, end, { includeDeleted: provider === 'linear' }).length;
  if (provider === 'pagerduty' && kind === 'incident') return openIncidents(data).length;
  if (provider === 'slack') return data.list(provider, kind, start - (slackManifest.ingests[0]!.changes.reread_hours ?? 0) * HOUR, end).length;
  // Immutable kinds are selected by creation either way.
  if (data.spec(provider, kind).mutable) return data.listModified(provider, kind, start, end, { includeDeleted: provider === 'linear' }).length;
  return data.list(provider, kind, start, end).length;
}

/** PagerDuty incidents still triggered or acknowledged (what an incremental sync re-reads). */
export function openIncidents(data: Dataset) {
  return data.unsettled('pagerduty', 'incident').filter((s) => {
    const status = String(s.patch.status ?? ['triggered', 'acknowledged', 'resolved'][Math.min(s.stage, 2)]);
    return status !== 'resolved';
  });
}

/** Sum over the kinds a provider ingests. */
export function expectedTotal(data: Dataset, provider: string, kinds: string[], window: { start: string; end: string }, selection: Selection = 'created'): number {
  return kinds.reduce((n, k) => n + expectedCount(data, provider, k, Date.parse(window.start), Date.parse(window.end), selection), 0);
}

/**
 * What an incremental sync of `[start, end)` stores and reads: distinct records, and records fetched (PagerDuty log
 * entries carry their incidents, each page once, and open incidents are re-read, so it fetches more than it stores).
 */
export function expectedSync(data: Dataset, provider: string, kinds: string[], window: { start: string; end: string }, pageSize = 100): { distinct: number; fetched: number } {
  if (provider !== 'pagerduty') {
    const n = expectedTotal(data, provider, kinds, window, 'changed');
    return { distinct: n, fetched: n };
  }
  const events = data.events('pagerduty', 'incident', Date.parse(window.start), Date.parse(window.end));
  const open = openIncidents(data).map((s) => s.rec.id);
  let carried = 0;
  for (let i = 0; i < events.length; i += pageSize) carried += new Set(events.slice(i, i + pageSize).map((e) => e.state.rec.id)).size;
  return { distinct: events.length + new Set([...events.map((e) => e.state.rec.id), ...open]).size, fetched: open.length + events.length + carried };
}
