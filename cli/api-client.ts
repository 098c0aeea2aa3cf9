// The API commands' connection: TRIBUTARY_URL and TRIBUTARY_API_KEY, falling back to the embedded stack that
// `tributary start` runs on this machine (its URL and development key), and flag parsing shared by the commands.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createTributary, type Tributary } from '@tributary/sdk';
import { DATA_DIR, devEnvDefaults } from '../dev/state.ts';
import { UsageError } from './output.ts';

/** The client the API commands use; `TRIBUTARY_URL` and `TRIBUTARY_API_KEY` win over the embedded stack's values. */
export function apiClient(env: NodeJS.ProcessEnv = process.env): Tributary {
  const stack = devEnvDefaults();
  const baseUrl = env.TRIBUTARY_URL || stack.PUBLIC_URL;
  let token = env.TRIBUTARY_API_KEY;
  if (!token && stack.PUBLIC_URL) {
    try {
      token = (JSON.parse(readFileSync(path.join(DATA_DIR, 'secrets.json'), 'utf8')) as { dev_api_key?: string }).dev_api_key;
    } catch {
      /* no embedded stack secrets */
    }
  }
  if (!baseUrl) throw new UsageError('TRIBUTARY_URL is not set (e.g. https://tributary.example.com), and no embedded stack runs here');
  if (!token) throw new UsageError('TRIBUTARY_API_KEY is not set: create a key with `tributary api-keys create --name …` (or `tributary api-key create --workspace …` on the server)');
  return createTributary({ baseUrl, token });
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Flags = Record<string, string | boolean | string[] | undefined> & { json?: boolean };

/** Parses a command's flags (`--json` always); unknown flags and missing positionals are usage errors. */
export function flags(args: string[], options: Options, positionals: string[] = []): { values: Flags; args: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.positionals.length < positionals.length) throw new UsageError(`missing ${positionals.slice(parsed.positionals.length).join(' ')}`);
  if (parsed.positionals.length > positionals.length) throw new UsageError(`unexpected argument "${parsed.positionals[positionals.length]}"`);
  return { values: parsed.values as Flags, args: parsed.positionals };
}

/** A whole number flag within bounds. */
export function int(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** `key=value` pairs (credentials, settings) into an object. */
export function pairs(values: string[] | undefined, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${name} takes key=value, got "${v}"`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}
