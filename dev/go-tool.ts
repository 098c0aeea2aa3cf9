// Finds a Go-built tool: an explicit path variable → a name on PATH → $(go env GOPATH)/bin → `go install module@version`.
// Used for the Temporal CLI (dev server) and for Temporal's own server and SQL tool (the production topology test).
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** `go env NAME` (GOPATH, GOMODCACHE…), or undefined without Go. */
export function goEnv(name: string): string | undefined {
  if (!onPath('go')) return undefined;
  try {
    return execFileSync('go', ['env', name], { encoding: 'utf8' }).trim().split(path.delimiter)[0] || undefined;
  } catch {
    return undefined;
  }
}

/** Runs `go <args>`, output to ours; rejects on a non-zero exit. */
export function runGo(args: string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('go', args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go ${args.join(' ')} exited with ${code}`))));
  });
}

export interface GoToolSpec {
  /** Variable naming an explicit binary (e.g. TEMPORAL_CLI_PATH). */
  envVar: string;
  /** Names to look for on PATH. */
  pathNames: string[];
  /** The binary `go install` writes to $(go env GOPATH)/bin. */
  goBinName: string;
  /** `module/cmd/x@version` for `go install`. */
  module: string;
}

/** The tool's path, building it with Go when needed (`build: false` to only look); undefined when neither works. */
export async function resolveGoTool(spec: GoToolSpec, opts: { log?: (line: string) => void; build?: boolean } = {}): Promise<string | undefined> {
  const explicit = process.env[spec.envVar];
  if (explicit) {
    if (!executable(explicit)) throw new Error(`${spec.envVar}=${explicit} is not an executable file`);
    return explicit;
  }
  for (const name of spec.pathNames) {
    const found = onPath(name);
    if (found) return found;
  }
  const gopath = goEnv('GOPATH');
  const fromGo = gopath ? path.join(gopath, 'bin', spec.goBinName) : undefined;
  if (fromGo && executable(fromGo)) return fromGo;
  if (fromGo && opts.build !== false) {
    opts.log?.(`${spec.goBinName} not found; building it with \`go install ${spec.module}\` (first run only, takes a few minutes)…`);
    await runGo(['install', spec.module]);
    if (executable(fromGo)) return fromGo;
  }
  return undefined;
}
