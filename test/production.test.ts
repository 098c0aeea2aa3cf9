// Production guard and Temporal connection settings: TRIBUTARY_ENV=production refuses each unsafe setting by name
// (also from a real `tributary api` start); an envconfig profile alone works and variables override only what is set.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../config/config.ts';
import { ROOT } from '../dev/state.ts';
import { temporalConnectOptions } from '../lib/temporal.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');
const SAFE = { TRIBUTARY_ENV: 'production', DATABASE_URL: 'postgres://app@db.internal/tributary', ENCRYPTION_KEY: KEY, PUBLIC_URL: 'https://tributary.example.com' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems;
  }
}

test('a safe production environment loads', () => {
  const c = loadConfig(SAFE);
  assert.equal(c.TRIBUTARY_ENV, 'production');
  assert.equal(c.WEBHOOK_ALLOW_PRIVATE, false);
});

test('production refuses each unsafe setting, naming the variable and what to do', () => {
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ EMULATOR_URL: 'http://127.0.0.1:4010' }, 'EMULATOR_URL', /emulator is for development; unset it/],
    [{ PAGERDUTY_API_URL: 'http://127.0.0.1:4010/pagerduty/api' }, 'PAGERDUTY_API_URL', /not a public https URL/],
    [{ GITLAB_API_URL: 'https://localhost:8443/api/v4' }, 'GITLAB_API_URL', /not a public https URL/],
    [{ WEBHOOK_ALLOW_PRIVATE: 'true' }, 'WEBHOOK_ALLOW_PRIVATE', /private, loopback and plain-http webhook receivers are refused/],
    [{ PUBLIC_URL: 'http://tributary.example.com' }, 'PUBLIC_URL', /must be https in production/],
    [{ PUBLIC_URL: '' }, 'PUBLIC_URL', /required in production/],
    [{ ENCRYPTION_KEY: '' }, 'ENCRYPTION_KEY', /required/],
  ];
  for (const [bad, variable, why] of cases) {
    const found = problems({ ...SAFE, ...bad });
    assert.equal(found.length, 1, `${variable}: ${found.join(' | ')}`);
    assert.ok(found[0]!.startsWith(`${variable}: `), found[0]);
    assert.match(found[0]!, why);
  }
  // The same settings are fine outside production (the dev stack and tests use them).
  assert.doesNotThrow(() => loadConfig({ ...SAFE, TRIBUTARY_ENV: 'development', EMULATOR_URL: 'http://127.0.0.1:4010', WEBHOOK_ALLOW_PRIVATE: 'true', PUBLIC_URL: 'http://localhost:3000' }));
  // A real provider URL override is fine in production.
  assert.deepEqual(problems({ ...SAFE, GITLAB_API_URL: 'https://gitlab.example.com/api/v4' }), []);
});

test('`tributary api` in production with every unsafe setting exits 1 and lists each, before touching anything', async () => {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TRIBUTARY_ENV: 'production',
    DATABASE_URL: 'postgres://app@127.0.0.1:1/none',
    EMULATOR_URL: 'http://127.0.0.1:4010',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    PUBLIC_URL: 'http://tributary.example.com',
    TRIBUTARY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'prod-guard-')),
  };
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/tributary.mjs'), 'api'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 1, out);
  assert.match(out, /^Invalid configuration:/m);
  for (const v of ['EMULATOR_URL', 'WEBHOOK_ALLOW_PRIVATE', 'PUBLIC_URL', 'ENCRYPTION_KEY']) assert.match(out, new RegExp(`^  - ${v}: `, 'm'), `${v} named:\n${out}`);
  assert.doesNotMatch(out, /api listening/);
});

test('Temporal settings: a profile alone works, and only the variables that are set override it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'envconfig-'));
  const file = path.join(dir, 'temporal.toml');
  writeFileSync(file, '[profile.default]\naddress = "acme.a1b2.tmprl.cloud:7233"\nnamespace = "acme.a1b2"\napi_key = "profile-api-key"\n\n[profile.staging]\naddress = "staging.internal:7233"\n');
  const base = { DATABASE_URL: 'postgres://u@h/db', ENCRYPTION_KEY: KEY };
  const profile = loadConfig({ ...base, TEMPORAL_CONFIG_FILE: file });
  assert.equal(profile.TEMPORAL_ADDRESS, 'acme.a1b2.tmprl.cloud:7233');
  assert.equal(profile.TEMPORAL_NAMESPACE, 'acme.a1b2');
  const opts = temporalConnectOptions(profile, { TEMPORAL_CONFIG_FILE: file });
  assert.equal(opts.apiKey, 'profile-api-key');
  assert.equal(opts.tls, true, 'an API key implies TLS');
  const ns = loadConfig({ ...base, TEMPORAL_CONFIG_FILE: file, TEMPORAL_NAMESPACE: 'other' });
  assert.deepEqual([ns.TEMPORAL_ADDRESS, ns.TEMPORAL_NAMESPACE], ['acme.a1b2.tmprl.cloud:7233', 'other']);
  const staging = loadConfig({ ...base, TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'staging' });
  assert.deepEqual([staging.TEMPORAL_ADDRESS, staging.TEMPORAL_NAMESPACE], ['staging.internal:7233', 'default']);
  const none = loadConfig(base);
  assert.deepEqual([none.TEMPORAL_ADDRESS, none.TEMPORAL_NAMESPACE], ['localhost:7233', 'default']);
  assert.throws(() => loadConfig({ ...base, TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'missing' }), /TEMPORAL_CONFIG_FILE\/TEMPORAL_PROFILE/);
});
