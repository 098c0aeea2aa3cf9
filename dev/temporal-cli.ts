// Finds the Temporal CLI: TEMPORAL_CLI_PATH → PATH → $(go env GOPATH)/bin → `go install …@v1.5.1` → undefined (SDK download).
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function goBin(): string | undefined {
  if (!onPath('go')) return undefined;
  try {
    const gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim().split(path.delimiter)[0];
    return gopath ? path.join(gopath, 'bin', 'temporal') : undefined;
  } catch {
    return undefined;
  }
}

export interface ResolveOptions {
  log?: (line: string) => void;
  /** Build with `go install` when nothing is found (default true). */
  build?: boolean;
}

/** Returns the path of a usable `temporal` binary, building it with Go if needed; undefined when neither works. */
export async function resolveTemporalCli(opts: ResolveOptions = {}): Promise<string | undefined> {
  const log = opts.log ?? (() => {});
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!executable(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    return explicit;
  }
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const fromGo = goBin();
  if (fromGo && executable(fromGo)) return fromGo;
  if (fromGo && opts.build !== false) {
    log(`Temporal CLI not found; building it with \`go install ${TEMPORAL_CLI_MODULE}\` (first run only, takes a few minutes)…`);
    await new Promise<void>((resolve, reject) => {
      const child = spawn('go', ['install', TEMPORAL_CLI_MODULE], { stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go install ${TEMPORAL_CLI_MODULE} exited with ${code}`))));
    });
    if (executable(fromGo)) return fromGo;
  }
  return undefined;
}
