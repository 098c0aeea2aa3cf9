// `npm test`: starts a fresh PostgreSQL and Temporal dev server on random ports, bundles the workflows once,
// runs every *.test.ts (unit) and *.int.test.ts (integration) file with node's test runner, and always tears down.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, chmodSync, statSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../dev/net.ts';
import { startEmbeddedPostgres } from '../dev/postgres.ts';
import { ROOT } from '../dev/state.ts';
import { resolveTemporalCli } from '../dev/temporal-cli.ts';
import { startDevTemporal } from '../dev/temporal-server.ts';
import { buildWorkflowBundle } from '../worker/bundle.ts';

const log = (l: string) => console.log(`[test-harness] ${l}`);

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (entry.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = findTests(path.join(ROOT, 'test')).filter((f) => !filters.length || filters.some((x) => path.relative(ROOT, f).includes(x)));
  if (!files.length) {
    log('no test files matched');
    return 1;
  }
  const work = mkdtempSync(path.join(tmpdir(), 'tributary-test-'));
  chmodSync(work, 0o755);
  // A full disk fails PostgreSQL mid-run ("database system is in recovery mode") far from the cause: say it up front.
  const fs = statfsSync(work);
  const freeGb = (fs.bavail * fs.bsize) / 2 ** 30;
  if (freeGb < 4) log(`warning: only ${freeGb.toFixed(1)} GB free on the disk under ${tmpdir()}; PostgreSQL fails if it fills up`);
  const stops: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => log(`teardown: ${(e as Error).message}`));
    rmSync(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));
  try {
    const cli = await resolveTemporalCli({ log });
    const pgPort = await freePort();
    const password = 'test';
    const [pg, temporal, bundle] = await Promise.all([
      startEmbeddedPostgres({ dir: path.join(work, 'pg'), port: pgPort, password, persistent: false, log }),
      freePort().then((port) => startDevTemporal({ port, headless: true, log })),
      buildWorkflowBundle(),
    ]);
    stops.push(() => pg.stop(), () => temporal.stop());
    const bundlePath = path.join(work, 'workflow-bundle.js');
    writeFileSync(bundlePath, bundle);
    log(`postgres on ${pgPort}, temporal on ${temporal.address}; ${files.length} test files`);

    const env = {
      ...process.env,
      TEST_PG_ADMIN_URL: pg.url('postgres'),
      TEMPORAL_ADDRESS: temporal.address,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      TEST_WORK_DIR: work,
      ...(cli ? { TEMPORAL_CLI_PATH: cli } : {}),
    };
    const concurrency = process.env.TEST_CONCURRENCY ?? '2';
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], {
        cwd: ROOT,
        env,
        stdio: 'inherit',
      });
      child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)));
    });
    return code;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
