// Schemathesis (PyPI) for the API fuzz test: a Python venv under the git-ignored .cache/, keyed by the pinned
// requirements file, created once (about half a minute) and reused by every later run.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../dev/state.ts';

const run = promisify(execFile);
export const REQUIREMENTS = path.join(ROOT, 'test/fuzz/requirements.txt');

/** Path of the `schemathesis` executable, installing the pinned version first when needed. */
export async function ensureSchemathesis(log: (line: string) => void = () => {}): Promise<string> {
  const pins = readFileSync(REQUIREMENTS);
  const key = createHash('sha256').update(pins).digest('hex').slice(0, 12);
  const venv = path.join(ROOT, '.cache', `fuzz-venv-${key}`);
  const bin = path.join(venv, 'bin', 'schemathesis');
  // Written last: an interrupted install (no marker) is started again from scratch.
  const done = path.join(venv, '.installed');
  if (existsSync(done)) return bin;
  const python = process.env.PYTHON ?? 'python3';
  log(`installing ${path.relative(ROOT, REQUIREMENTS)} into ${path.relative(ROOT, venv)} (once)`);
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(path.dirname(venv), { recursive: true });
  await run(python, ['-m', 'venv', venv]);
  await run(path.join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', '-r', REQUIREMENTS], { maxBuffer: 16 << 20 });
  writeFileSync(done, pins);
  return bin;
}
