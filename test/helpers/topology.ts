// The production shape on one machine: roles from deploy/postgres/roles.sql, Temporal's own server on PostgreSQL,
// migrations as the owner role, and real `tributary api` / `tributary worker` processes connecting as the app role.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from '../../dev/state.ts';

/**
 * Runs a psql script as psql would for the statements roles.sql uses: `:'var'` variables as quoted literals,
 * `\connect db` to switch databases, one statement per `;`-terminated line group.
 */
export async function runPsqlScript(adminUrl: string, file: string, vars: Record<string, string>): Promise<void> {
  const text = readFileSync(file, 'utf8').replace(/:'(\w+)'/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`${path.basename(file)} needs the psql variable ${name}`);
    return `'${vars[name]!.replace(/'/g, "''")}'`;
  });
  let client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    let statement = '';
    for (const line of text.split('\n')) {
      const connect = /^\\connect\s+(\S+)/.exec(line);
      if (connect) {
        await client.end();
        const u = new URL(adminUrl);
        u.pathname = `/${connect[1]}`;
        client = new pg.Client({ connectionString: u.href });
        await client.connect();
        continue;
      }
      if (/^\s*(--.*)?$/.test(line)) continue;
      statement += `${line}\n`;
      if (/;\s*$/.test(line)) {
        await client.query(statement);
        statement = '';
      }
    }
  } finally {
    await client.end();
  }
}

export const ROLES_SQL = path.join(ROOT, 'deploy/postgres/roles.sql');

/** Runs a `tributary` command to completion; its stdout. */
export function runCli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/tributary.mjs'), ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`tributary ${args.join(' ')} exited ${code}:\n${err}`))));
  });
}

/** A URL with another user and password (same host, port and database unless given). */
export function withUser(url: string, user: string, password: string, database?: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  if (database) u.pathname = `/${database}`;
  return u.href;
}
