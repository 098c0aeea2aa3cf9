// What one onboarding, one schedule change and one scheduled sync cost each process, in CPU, in minutes rather than
// the hour of `bench scale`: N PagerDuty connectors onboarded through the API (4 at a time; the emulator serves no
// records, so a first sync is a few empty pages), then each connector's schedule changed to once a day through the API
// (4 at a time), then each connector's Temporal Schedule triggered once (4 at a time) and every tick waited for, then
// the floor under a tick (bench/tick-floor.ts: as many Schedules of the same shape firing a workflow that does nothing)
// the same way. CPU
// is read from /proc around each phase (bench/cpu.ts), so a change to the hot path can be compared by running this on
// each commit, alternated, on the same machine:
//   node --import tsx bench/tick-cost.ts [--connectors 120]
// Same layout as `bench scale --io-process`: the API and the main-queue worker in this process, the I/O worker apart.
import { sql } from 'kysely';
import { workflowIds } from '../contracts/ids.ts';
import { DEMO_KEYS } from '../dev/emulator/state.ts';
import { eachBounded } from '../lib/each-bounded.ts';
import { cpuWindow, type CpuWindow } from './cpu.ts';
import { profileWindow } from './profile.ts';
import { countStatements } from './statements.ts';
import { startBenchStack, startInfra, waitUntil } from './infra.ts';
import { perTick } from './scale.ts';
import { startTickFloor } from './tick-floor.ts';
import { numberOption, percentile, sleep } from './stats.ts';

/** CPU ms per unit by process (named as `bench scale` names them), and the whole machine. */
function perUnit(w: CpuWindow, n: number): string {
  return Object.entries(perTick(w, n, { ioProcess: true })).map(([k, v]) => `${k} ${(v * 1000).toFixed(1)}`).join(', ');
}

/** The interval the connectors' schedules are changed to: long enough that none fires by itself during the run. */
const SCHEDULE_MINUTES = 1440;

/** 10,000 connectors on 5-minute schedules: ticks a second. */
const TICKS_PER_SECOND_10K_5MIN = 10_000 / 300;

/** The real tick against the floor, and what each costs the machine at 10,000 connectors on 5 minutes. */
function floorShare(ticks: CpuWindow, floor: CpuWindow, n: number): string {
  const real = ticks.machine.busy / n;
  const least = floor.machine.busy / n;
  const cores = (perTickSeconds: number) => (perTickSeconds * TICKS_PER_SECOND_10K_5MIN).toFixed(2);
  return `a scheduled sync costs the machine ${(real / least).toFixed(2)}× the floor (${(least / real * 100).toFixed(0)}% of it is the floor); ` +
    `10,000 connectors on 5 minutes (${TICKS_PER_SECOND_10K_5MIN.toFixed(1)} ticks/s) would need ${cores(real)} cores here, the floor alone ${cores(least)} of the machine's ${ticks.machine.cores}`;
}

export async function runTickCost(n: number, log: (line: string) => void = console.log): Promise<string> {
  const infra = await startInfra(log);
  const s = await startBenchStack(infra, { volume: 0, ioProcess: true });
  try {
    const ids: string[] = [];
    const latency: number[] = [];
    let w = cpuWindow();
    await eachBounded(Array.from({ length: n }, (_, i) => i), 4, async (i) => {
      const c = await s.api('POST', '/v1/connectors', { type: 'pagerduty', name: `cost-${i}` });
      const t = performance.now();
      const cred = await s.api('PUT', `/v1/connectors/${c.body.id}/credentials`, { api_key: DEMO_KEYS.pagerduty });
      latency.push(performance.now() - t);
      if (cred.status !== 200) throw new Error(`PUT credentials answered ${cred.status}`);
      ids.push(c.body.id);
    });
    const onboarding = w.end();
    log(`onboarding: PUT credentials p50 ${Math.round(percentile(latency, 50))} ms; CPU ms per onboarding: ${perUnit(onboarding, n)}`);
    // A schedule change of a connected connector (its Temporal Schedule exists): PUT …/schedule to once a day, so that
    // no schedule fires by itself while the windows below are measured (on 5 minutes, spread by their offsets, a
    // fifth or more of them would fire during the ticks' window, beside the triggered ticks or in their place).
    const putLatency: number[] = [];
    w = cpuWindow();
    await eachBounded(ids, 4, async (id) => {
      const t = performance.now();
      const put = await s.api('PUT', `/v1/connectors/${id}/schedule`, { interval_minutes: SCHEDULE_MINUTES });
      putLatency.push(performance.now() - t);
      if (put.status !== 200) throw new Error(`PUT schedule answered ${put.status}`);
    });
    log(`schedule change: PUT schedule p50 ${Math.round(percentile(putLatency, 50))} ms; CPU ms per change: ${perUnit(w.end(), n)}`);
    // Let the first syncs finish before the ticks' window opens.
    const finished = async (trigger: string) =>
      Number((await sql<{ n: string }>`select count(*) as n from sync_runs where trigger = ${trigger} and status in ('succeeded', 'failed', 'skipped')`.execute(s.db)).rows[0]!.n);
    await waitUntil(async () => ((await finished('onboarding')) >= n ? true : undefined), 120_000);
    await sleep(2000);
    w = cpuWindow();
    const stopProfile = await profileWindow('tick-cost-ticks');
    const statements = countStatements();
    await eachBounded(ids, 4, async (id) => {
      await s.temporal.schedule.getHandle(workflowIds.schedule(id)).trigger();
    });
    await waitUntil(async () => ((await finished('schedule')) >= n ? true : undefined), 300_000);
    await sleep(1000);
    const ticks = w.end();
    await stopProfile();
    // The bench's own polling for the end (above) is left out; the rest is the main-queue worker's (the API is idle).
    const sent = statements.end();
    const ours = sent.byText.filter(([text]) => !text.includes('count(*) as n from sync_runs'));
    const perSync = (c: number) => (c / n).toFixed(1);
    log(`SQL statements per scheduled sync, main-queue worker: ${perSync(ours.reduce((t, [, c]) => t + c, 0))}`);
    for (const [text, c] of ours) log(`  ${perSync(c).padStart(5)}  ${text}`);
    // The floor: the same number of Schedules shaped like these, firing a workflow that does nothing (bench/tick-floor.ts).
    const rows = await s.db.selectFrom('connectors').select(['id', 'type', 'workspace_id']).where('id', 'in', ids).execute();
    const floor = await startTickFloor({ client: s.temporal, address: infra.temporalAddress, taskQueue: `${s.config.TEMPORAL_TASK_QUEUE}-floor`, connectors: rows, intervalMinutes: SCHEDULE_MINUTES });
    let floorCpu: CpuWindow;
    try {
      await floor.prepare();
      await sleep(2000);
      w = cpuWindow();
      await floor.fire();
      floorCpu = w.end();
    } finally {
      await floor.close();
    }
    log(`the floor (a Schedule per connector firing a workflow that does nothing), CPU ms per tick: ${perUnit(floorCpu, n)}`);
    log(floorShare(ticks, floorCpu, n));
    const line = `tick-cost: ${n} connectors; CPU ms per scheduled sync: ${perUnit(ticks, n)}`;
    log(line);
    return line;
  } finally {
    await s.close();
    await infra.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runTickCost(numberOption(process.argv, 'connectors', 120)).then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
