// The `tributary` CLI: start (embedded stack) · api · worker · migrate · api-key create --workspace NAME ·
// keys rotate · schedules resync · bundle-workflows FILE.
import { ConfigError, loadConfig } from '../config/config.ts';
import { createDb, migrateToLatest } from '../db/db.ts';
import { devEnvDefaults } from '../dev/state.ts';
import { createApiKey } from '../services/workspaces.ts';

const USAGE = `Usage: tributary <command>

Commands:
  start                          the whole stack on this machine (embedded PostgreSQL, Temporal dev server, emulator, worker, API)
  api                            the HTTP API (production process)
  worker                         the Temporal worker (production process)
  migrate                        apply database migrations (idempotent)
  api-key create --workspace N   create workspace N if needed and print a new API key on stdout
  keys rotate [--batch-size N]   re-encrypt every stored secret with the active key (ENCRYPTION_KEY_ID), online
  schedules resync               have the workers re-apply every connector's schedule to Temporal (after manual changes there)
  bundle-workflows FILE          prebuild the workflow bundle (for WORKFLOW_BUNDLE_PATH; the image build runs it)
`;

/** The environment, falling back to the running embedded stack's values for unset (or empty) variables. */
function env(): Record<string, string> {
  const out: Record<string, string> = { ...devEnvDefaults() };
  for (const [k, v] of Object.entries(process.env)) if (v) out[k] = v;
  return out;
}

function config() {
  return loadConfig(env());
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'start': {
      const { runStack } = await import('../dev/stack.ts');
      return runStack();
    }
    case 'api': {
      const { runApi } = await import('../api/server.ts');
      await runApi(config());
      return 0;
    }
    case 'worker': {
      const { runWorker } = await import('../worker/worker.ts');
      await runWorker(config());
      return 0;
    }
    case 'migrate': {
      const url = env().DATABASE_URL;
      if (!url) throw new ConfigError(['DATABASE_URL: required (or run `npm start` first to use the embedded database)']);
      const db = createDb(url, 2);
      try {
        const applied = await migrateToLatest(db);
        console.error(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await db.destroy();
      }
      return 0;
    }
    case 'api-key': {
      const i = rest.indexOf('--workspace');
      const workspace = i >= 0 ? rest[i + 1] : undefined;
      if (rest[0] !== 'create' || !workspace || !/^[\w.-]{1,100}$/.test(workspace)) {
        console.error('Usage: tributary api-key create --workspace NAME   (NAME: letters, digits, _ . -; up to 100)');
        return 2;
      }
      const url = env().DATABASE_URL;
      if (!url) throw new ConfigError(['DATABASE_URL: required (or run `npm start` first to use the embedded database)']);
      const db = createDb(url, 2);
      try {
        const { key } = await createApiKey(db, workspace);
        process.stdout.write(`${key}\n`);
      } finally {
        await db.destroy();
      }
      return 0;
    }
    case 'bundle-workflows': {
      if (!rest[0]) {
        console.error('Usage: tributary bundle-workflows FILE');
        return 2;
      }
      const { writeFileSync } = await import('node:fs');
      const { buildWorkflowBundle } = await import('../worker/bundle.ts');
      writeFileSync(rest[0], await buildWorkflowBundle());
      console.error(`workflow bundle written to ${rest[0]}`);
      return 0;
    }
    case 'keys': {
      const i = rest.indexOf('--batch-size');
      const batchSize = i >= 0 ? Number(rest[i + 1]) : 500;
      if (rest[0] !== 'rotate' || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        console.error('Usage: tributary keys rotate [--batch-size N]   (N: 1–10000, default 500)');
        return 2;
      }
      const cfg = config();
      const [{ createDbFromConfig }, { createCipher }, { rotateKeys }] = await Promise.all([import('../db/db.ts'), import('../lib/crypto.ts'), import('../services/key-rotation.ts')]);
      const db = createDbFromConfig(cfg);
      try {
        const cipher = createCipher(cfg.encryptionKeys);
        console.error(`re-encrypting with key ${cipher.activeKeyId} (batches of ${batchSize})…`);
        const results = await rotateKeys(db, cipher, { batchSize });
        for (const r of results) {
          console.log(`${r.table}.${r.column}: ${r.rotated} re-encrypted, ${r.raced} changed meanwhile, ${r.failed.length} undecryptable${r.failed.length ? ` (${r.failed.slice(0, 10).join(', ')}${r.failed.length > 10 ? ', …' : ''})` : ''}, ${r.remaining} not yet under ${cipher.activeKeyId}`);
        }
        const left = results.reduce((n, r) => n + r.remaining, 0);
        console.log(left === 0 ? `done: every secret is sealed with key ${cipher.activeKeyId}; keys no longer listed by any value can be removed from ENCRYPTION_KEYS` : `${left} values are not under ${cipher.activeKeyId} yet: make sure every process runs with ENCRYPTION_KEY_ID=${cipher.activeKeyId}, then run this again`);
        return left === 0 ? 0 : 1;
      } finally {
        await db.destroy();
      }
    }
    case 'schedules': {
      if (rest[0] !== 'resync') {
        console.error('Usage: tributary schedules resync');
        return 2;
      }
      const cfg = config();
      const [{ createDbFromConfig }, { createTemporalClient }, { createOrchestrator }, { createConvergence }, { createScheduleService }] = await Promise.all([
        import('../db/db.ts'), import('../lib/temporal.ts'), import('../services/orchestrator.ts'), import('../services/convergence.ts'), import('../services/schedules.ts'),
      ]);
      const db = createDbFromConfig(cfg);
      const client = await createTemporalClient(cfg);
      try {
        const orchestrator = createOrchestrator({ client, config: cfg });
        const schedules = createScheduleService({ db, orchestrator, convergence: createConvergence({ db, orchestrator, config: cfg }), config: cfg });
        const r = await schedules.resyncAll();
        console.log(`${r.marked} connectors queued for the workers' reconcilers; ${r.orphansRemoved} schedules of deleted connectors removed`);
        return 0;
      } finally {
        await client.connection.close();
        await db.destroy();
      }
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      console.error(`unknown command "${cmd}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
