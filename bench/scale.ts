// Scale benchmark: N PagerDuty connectors onboarded through the API (credentials, then a 5-minute schedule, a few at a
// time as a platform would), then observed for a number of ticks. Each connector's ticks are due at its own offset in
// the interval (the schedule view says which), so the expected ticks of the observation window are known exactly;
// a tick counts as run when its scheduled run was claimed (a sync run — or a `skipped` one — carrying that tick's
// nominal time, which Temporal appends to the tick's workflow id), and its start lag is the claim's time minus that
// nominal time. The CPU each process uses while the window's ticks are due, divided by those ticks, is what a scheduled
// sync costs it (docs/SCALING.md sizes from it). Several runs (`--runs`, default 3), one summary line in the issue's
// form with each figure's spread.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { eachBounded } from '../lib/each-bounded.ts';
import { INTERVAL_BOUNDS } from '../services/schedules.ts';
import { cpuWindow, type CpuWindow } from './cpu.ts';
import { startBenchStack, startInfra, type BenchStack } from './infra.ts';
import { fixed, percentile, round, sleep, spread } from './stats.ts';
import { medianSteps } from './workflow-steps.ts';

export interface ScaleBenchOptions {
  connectors: number;
  ticks: number;
  intervalMinutes: number;
  /** Emulator records per hour per kind (small: this measures scheduling, not ingest). */
  volume: number;
  /** Onboarding calls in flight at once. */
  lanes?: number;
  /** The worker as `tributary worker` in its own process (the deployed topology) instead of in the bench's process. */
  workerProcess?: boolean;
  /** The I/O queue's activities (sync pages) in a `tributary worker` of their own; the rest stays in the bench's process. */
  ioProcess?: boolean;
  log: (line: string) => void;
}

/**
 * What one scheduled sync costs, for docs/SCALING.md: Temporal history events of a tick (its workflow, which runs the
 * sync; the scheduler's own firing adds 8 more) and PostgreSQL bytes per row of the tables every sync writes.
 */
async function logCosts(s: BenchStack, tickIds: string[], log: (line: string) => void): Promise<void> {
  const events: number[] = [];
  for (const tickId of tickIds) {
    const [workflowId, runId] = [tickId.slice(0, tickId.lastIndexOf('/')), tickId.slice(tickId.lastIndexOf('/') + 1)];
    // Both complete first: a revision-2 tick did not wait for its child sync, which may still be running when it is done.
    const tickHandle = s.temporal.workflow.getHandle(workflowId, runId);
    await tickHandle.result().catch(() => undefined);
    const tick = await tickHandle.fetchHistory();
    const run = await s.db.selectFrom('sync_runs').select('workflow_id').where('tick_id', '=', tickId).executeTakeFirst();
    // A revision-3 tick ran its sync in itself (the run's workflow is the tick's); an older one started a child.
    const syncHandle = run?.workflow_id && run.workflow_id !== workflowId ? s.temporal.workflow.getHandle(run.workflow_id) : undefined;
    await syncHandle?.result().catch(() => undefined);
    const child = await syncHandle?.fetchHistory().catch(() => undefined);
    events.push((tick.events?.length ?? 0) + (child?.events?.length ?? 0));
  }
  log(`Temporal history events per scheduled sync (the tick's workflow, its sync included): ${events.join(', ')}`);
  const sizes = await sql<{ t: string; rows: string; bytes: string }>`
    select t, (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I', t), false, true, '')))[1]::text as rows,
      coalesce((select sum(pg_total_relation_size(relid)) from pg_partition_tree(t::regclass)), pg_total_relation_size(t::regclass))::text as bytes
    from unnest(array['sync_runs', 'records', 'record_changes', 'events', 'webhook_deliveries', 'connectors', 'connector_schedules']) t`.execute(s.db);
  log(`PostgreSQL: ${sizes.rows.map((r) => `${r.t} ${r.rows} rows, ${Number(r.rows) ? Math.round(Number(r.bytes) / Number(r.rows)) : '–'} B/row`).join('; ')}`);
}

export interface ScaleFigures {
  ticksRunPct: number;
  lagP99: number;
  onboardingP50: number;
  onboardingP99: number;
  schedulePutP50: number;
  /** CPU seconds per due tick of the observation window, by process (and `machine`: every process on it). */
  cpuPerTick: Record<string, number>;
}

/** CPU per due tick by process, named for the layout (`self` is the bench's process: API, load driver, and the worker unless it runs apart). */
export function perTick(w: CpuWindow, ticks: number, opts: Pick<ScaleBenchOptions, 'workerProcess' | 'ioProcess'>): Record<string, number> {
  const names: Record<string, string> = {
    self: opts.workerProcess ? 'API (bench process)' : opts.ioProcess ? 'API + main-queue worker (bench process)' : 'API + worker (bench process)',
    'worker process': opts.ioProcess ? 'I/O worker' : 'worker',
  };
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(w.used)) out[names[k] ?? k] = v / Math.max(1, ticks);
  out.machine = w.machine.busy / Math.max(1, ticks);
  return out;
}

function cpuText(perTickCpu: Record<string, number>, w: CpuWindow, ticks: number, what = 'scheduled sync', counted = 'due ticks'): string {
  if (!ticks) return `CPU per ${what}: none in the window`;
  const parts = Object.entries(perTickCpu).filter(([k]) => k !== 'machine').sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(3)}`);
  return `CPU per ${what} over the window (${ticks} ${counted} in ${Math.round(w.seconds)} s; core-seconds): ${parts.join(', ')}; ` +
    `the whole machine ${perTickCpu.machine!.toFixed(3)} (${(w.machine.busy / w.seconds).toFixed(2)} of its ${w.machine.cores} cores busy)`;
}

/** One run: its own PostgreSQL, Temporal dev server, emulator, worker and app. */
export async function runScaleOnce(opts: ScaleBenchOptions): Promise<ScaleFigures> {
  const { connectors: n, ticks, intervalMinutes, log } = opts;
  const intervalMs = intervalMinutes * 60_000;
  const infra = await startInfra(log);
  const s = await startBenchStack(infra, { volume: opts.volume, workerProcess: opts.workerProcess ?? false, ioProcess: opts.ioProcess ?? false });
  try {
    // Onboarding through the API: create, PUT credentials (tested by the provider, first sync started), PUT schedule.
    const onboarding: number[] = [];
    const schedulePut: number[] = [];
    const offsets = new Map<string, number>();
    const failures: string[] = [];
    const onboardingIds: string[] = [];
    /** When each connector's `PUT …/credentials` answered (its first sync started then), by connector id. */
    const connectedAt = new Map<string, number>();
    // How long the bench's event loop (the API and, unless it runs apart, the worker's control steps) kept work waiting.
    // The histogram records the time between its timer's callbacks, so an idle loop reads the sampling interval.
    const resolutionMs = 10;
    const loop = monitorEventLoopDelay({ resolution: resolutionMs });
    loop.enable();
    const delayMs = (ns: number) => Math.max(0, ns / 1e6 - resolutionMs).toFixed(0);
    const loopText = () => `p50 ${delayMs(loop.percentile(50))} ms, p99 ${delayMs(loop.percentile(99))} ms, max ${delayMs(loop.max)} ms`;
    const t0 = performance.now();
    const onboardingCpu = cpuWindow();
    await eachBounded(Array.from({ length: n }, (_, i) => i), opts.lanes ?? 4, async (i) => {
      const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: `scale-${i}` });
      if (c.status !== 201) return void failures.push(`create ${c.status}`);
      let t = performance.now();
      const cred = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
      onboarding.push(performance.now() - t);
      if (cred.status !== 200 || cred.body.connector?.status !== 'connected') return void failures.push(`credentials ${cred.status}`);
      connectedAt.set(c.body.id, Date.now());
      if (i % Math.max(1, Math.floor(n / 25)) === 0) onboardingIds.push(cred.body.workflow_id);
      t = performance.now();
      const put = await s.api('PUT', `/v1/connectors/${c.body.id}/schedule`, { interval_minutes: intervalMinutes });
      schedulePut.push(performance.now() - t);
      if (put.status !== 200 && put.status !== 202) return void failures.push(`schedule ${put.status}`);
      offsets.set(c.body.id, put.body.offset_seconds as number);
      if ((i + 1) % 500 === 0) log(`${i + 1} onboarded (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    });
    log(`onboarded ${offsets.size} of ${n} in ${((performance.now() - t0) / 1000).toFixed(0)} s${failures.length ? `; failures: ${failures.slice(0, 5).join(', ')}` : ''}; PUT credentials p50 ${Math.round(percentile(onboarding, 50))} ms p99 ${Math.round(percentile(onboarding, 99))} ms, PUT schedule p50 ${Math.round(percentile(schedulePut, 50))} ms p99 ${Math.round(percentile(schedulePut, 99))} ms`);
    log(`event-loop delay of the bench's process while onboarding: ${loopText()}`);
    // What an onboarding costs each process, its first sync's pages included (they run alongside the next calls).
    const onboardingUsed = onboardingCpu.end();
    log(cpuText(perTick(onboardingUsed, offsets.size, opts), onboardingUsed, offsets.size, 'onboarding', 'onboarded connectors'));

    // The first syncs: with the I/O queue yielding to the API on a busy machine (WORKER_IO_CPU_TARGET) they run later
    // than their onboarding; how much later is what that choice costs.
    const onboardedAt = Date.now();
    const firstSyncs = async () => (await sql<{ connector_id: string; finished_at: Date | null }>`
      select connector_id, finished_at from sync_runs where trigger = 'onboarding'`.execute(s.db)).rows;
    for (let w = 0; (await firstSyncs()).some((r) => !r.finished_at) && w < 1200; w++) await sleep(500);
    const first = await firstSyncs();
    const firstLags = first.filter((r) => r.finished_at && connectedAt.has(r.connector_id)).map((r) => (new Date(r.finished_at!).getTime() - connectedAt.get(r.connector_id)!) / 1000);
    const lastFirst = Math.max(onboardedAt, ...first.map((r) => (r.finished_at ? new Date(r.finished_at).getTime() : 0)));
    log(`first syncs: ${firstLags.length} of ${first.length} finished, p50 ${percentile(firstLags, 50).toFixed(1)} s p99 ${percentile(firstLags, 99).toFixed(1)} s after their onboarding answered; the last ${((lastFirst - onboardedAt) / 1000).toFixed(1)} s after the last onboarding`);

    // Where an onboarding's time went (a sample of ~25 across the run), from their Temporal histories.
    const histories = await Promise.all(onboardingIds.map(async (id) => (await s.temporal.workflow.getHandle(id).fetchHistory()).events ?? []));
    log(`onboarding workflow steps (median of ${histories.length}; ms after its start, a local activity's: how long it ran): ${medianSteps(histories)}`);

    // Every schedule applied before the window opens (a lagging one would be the reconciler's job, not a miss).
    const applied = async () => Number((await sql<{ n: string }>`select count(*) as n from connector_schedules where applied_version < desired_version`.execute(s.db)).rows[0]!.n);
    for (let w = 0; (await applied()) > 0 && w < 600; w++) await sleep(1000);
    const unapplied = await applied();
    if (unapplied) log(`${unapplied} schedules still not applied after 10 minutes: their ticks are due on their previous spec and count as not run`);
    const windowStart = Date.now() + 30_000;
    const windowEnd = windowStart + ticks * intervalMs;
    // The due times of each connector in [windowStart, windowEnd): exactly `ticks` each.
    const due = new Map<string, number[]>();
    for (const [id, off] of offsets) {
      const first = Math.ceil((windowStart - off * 1000) / intervalMs) * intervalMs + off * 1000;
      due.set(id, Array.from({ length: ticks }, (_, k) => first + k * intervalMs));
    }
    const expected = offsets.size * ticks;
    log(`observing ${expected} due ticks from ${new Date(windowStart).toISOString()} to ${new Date(windowEnd).toISOString()}…`);
    // CPU of each process while the window's ticks are due (onboarding is over by then): its cost per scheduled sync.
    await sleep(windowStart - Date.now());
    const cpu = cpuWindow();
    loop.reset();
    await sleep(windowEnd - Date.now());
    const cpuUsed = cpu.end();
    log(`event-loop delay of the bench's process over the window: ${loopText()}`);
    loop.disable();
    const cpuPerTick = perTick(cpuUsed, expected, opts);
    log(cpuText(cpuPerTick, cpuUsed, expected));
    await sleep(90_000); // a tick due at the end may start up to 90 s late and still count

    const rows = await sql<{ connector_id: string; tick_id: string; created_at: Date; status: string; finished_at: Date | null }>`
      select connector_id, tick_id, created_at, status, finished_at from sync_runs where trigger = 'schedule' and tick_id is not null`.execute(s.db);
    const ran = new Set<string>();
    const lags: number[] = [];
    // The claim is the start; what the sync then did: its outcome, and how long after its due time it finished (a
    // backlog of pages shows here, and as ticks skipped because the previous sync was still running).
    const outcomes: Record<string, number> = {};
    const finishLags: number[] = [];
    for (const r of rows.rows) {
      // `sync-scheduled/con_…-2026-11-29T14:05:17Z/<run id>`: the nominal time Temporal appended.
      const m = /-(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\//.exec(r.tick_id);
      if (!m) continue;
      const nominal = Date.parse(m[1]!);
      if (!due.get(r.connector_id)?.includes(nominal)) continue;
      const key = `${r.connector_id}@${nominal}`;
      if (ran.has(key)) continue;
      ran.add(key);
      lags.push((new Date(r.created_at).getTime() - nominal) / 1000);
      outcomes[r.status] = (outcomes[r.status] ?? 0) + 1;
      if (r.finished_at && r.status !== 'skipped') finishLags.push((new Date(r.finished_at).getTime() - nominal) / 1000);
    }
    const missed = await sql<{ n: string }>`select coalesce(sum(missed_ticks), 0) as n from connector_schedules`.execute(s.db);
    await logCosts(s, rows.rows.slice(-5).map((r) => r.tick_id), log);
    const late = lags.filter((l) => l > 30).length;
    log(`${ran.size} of ${expected} due ticks ran; ${late} started more than 30 s late; lag p50 ${percentile(lags, 50).toFixed(1)} s, max ${Math.max(0, ...lags).toFixed(1)} s; missed ticks counted by Tributary: ${missed.rows[0]!.n}`);
    log(`outcomes of the ticks that ran: ${Object.entries(outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}; finished after due p50 ${percentile(finishLags, 50).toFixed(1)} s, p99 ${percentile(finishLags, 99).toFixed(1)} s`);
    return {
      ticksRunPct: expected ? (100 * ran.size) / expected : 0,
      lagP99: percentile(lags, 99),
      onboardingP50: percentile(onboarding, 50),
      onboardingP99: percentile(onboarding, 99),
      schedulePutP50: percentile(schedulePut, 50),
      cpuPerTick,
    };
  } finally {
    await s.close();
    await infra.stop();
  }
}

/** `runs` runs one after another; the summary line in the issue's form, each figure its median with the range over the runs. */
export async function runScaleBench(opts: ScaleBenchOptions & { runs: number }): Promise<string> {
  // The API refuses a shorter interval (every `PUT …/schedule` would answer 400 and nothing would be observed).
  if (opts.intervalMinutes < INTERVAL_BOUNDS.min) throw new Error(`--interval-minutes must be at least ${INTERVAL_BOUNDS.min}, the API's shortest interval`);
  const runs: ScaleFigures[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const f = await runScaleOnce(opts);
    runs.push(f);
    opts.log(`run ${i + 1}: ticks run ${f.ticksRunPct.toFixed(2)}%, start lag p99 ${f.lagP99.toFixed(1)} s, onboarding p50 ${Math.round(f.onboardingP50)} ms p99 ${Math.round(f.onboardingP99)} ms, schedule-put p50 ${Math.round(f.schedulePutP50)} ms`);
  }
  const col = (k: Exclude<keyof ScaleFigures, 'cpuPerTick'>) => runs.map((r) => r[k]);
  const processes = [...new Set(runs.flatMap((r) => Object.keys(r.cpuPerTick)))];
  opts.log(`CPU per scheduled sync (core-seconds, over ${runs.length} run${runs.length > 1 ? 's' : ''}): ${processes.map((k) => `${k} ${spread(runs.map((r) => r.cpuPerTick[k] ?? 0), fixed(3))}`).join(', ')}`);
  return `scale: ${opts.connectors} connectors, ticks run ${spread(col('ticksRunPct'), fixed(2), '%')}, start lag p99 ${spread(col('lagP99'), fixed(1), ' s')}, onboarding p50 ${spread(col('onboardingP50'), round, ' ms')} p99 ${spread(col('onboardingP99'), round, ' ms')}, schedule-put p50 ${spread(col('schedulePutP50'), round, ' ms')}`;
}
