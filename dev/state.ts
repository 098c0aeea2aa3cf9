// The embedded stack's persistent state under .data/: generated secrets and the running stack's addresses.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = process.env.TRIBUTARY_DATA_DIR ? path.resolve(process.env.TRIBUTARY_DATA_DIR) : path.join(ROOT, '.data');

export interface DevSecrets {
  encryption_key: string;
  postgres_password: string;
  dev_api_key?: string;
}

/** Loads .data/secrets.json, creating it (mode 0600) with fresh random values on first start. */
export function loadOrCreateSecrets(): DevSecrets {
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o755 });
  const file = path.join(DATA_DIR, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  const secrets: DevSecrets = { encryption_key: randomBytes(32).toString('base64'), postgres_password: randomBytes(16).toString('hex') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function saveSecrets(secrets: DevSecrets): void {
  writeFileSync(path.join(DATA_DIR, 'secrets.json'), JSON.stringify(secrets, null, 2), { mode: 0o600 });
}

const STACK_FILE = () => path.join(DATA_DIR, 'stack.json');

export function writeStackEnv(env: Record<string, string>): void {
  writeFileSync(STACK_FILE(), JSON.stringify(env, null, 2), { mode: 0o600 });
}

export function clearStackEnv(): void {
  try {
    writeFileSync(STACK_FILE(), '{}', { mode: 0o600 });
  } catch {
    /* data dir gone */
  }
}

/** Environment of the running embedded stack (empty when none runs), used as defaults by other CLI commands. */
export function devEnvDefaults(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(STACK_FILE(), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}
