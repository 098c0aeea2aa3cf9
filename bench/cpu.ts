// CPU time of the bench's process tree by component, read from /proc (Linux): what a scheduled sync costs each
// process (docs/SCALING.md sizes workers and Temporal from it). Each direct child of the bench's process is one
// component, named by what runs in it; its CPU is its own, its reaped children's (cutime/cstime: PostgreSQL's exited
// backends), and that of its descendants still running. The bench's own process counts its own time and its reaped
// children's.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc's times, 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

interface Proc {
  pid: number;
  ppid: number;
  /** utime + stime, in seconds. */
  own: number;
  /** cutime + cstime (children it has reaped), in seconds. */
  reaped: number;
}

/** One process's line of /proc/<pid>/stat, or undefined when it has gone meanwhile. */
function readProc(pid: number): Proc | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may hold spaces or parentheses itself: fields start after the last ')'.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const n = (i: number) => Number(f[i]) / TICKS_PER_SECOND;
  return { pid, ppid: Number(f[1]), own: n(11) + n(12), reaped: n(13) + n(14) };
}

/** One process's own CPU (user + system) in seconds so far; throws when it is gone. */
export function processCpuSeconds(pid: number): number {
  const proc = readProc(pid);
  if (!proc) throw new Error(`process ${pid} is gone`);
  return proc.own;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** What a direct child of the bench runs, from its command line. */
export function componentName(cmd: string): string {
  if (/\btemporal\b.*\bstart-dev\b/.test(cmd)) return 'Temporal dev server';
  if (/postgres/.test(cmd)) return 'PostgreSQL';
  if (/emulator/.test(cmd)) return 'emulator';
  if (/tributary\.mjs\b.*\bworker\b/.test(cmd)) return 'worker process';
  return cmd.split(' ')[0]?.split('/').pop() || 'other';
}

/** CPU seconds used so far by `root` (`self`) and by each of its direct children's process trees, by component name. */
export function cpuByComponent(root: number = process.pid): Record<string, number> {
  const procs = new Map<number, Proc>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const p = readProc(Number(entry));
    if (p) procs.set(p.pid, p);
  }
  const children = new Map<number, Proc[]>();
  for (const p of procs.values()) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid)!.push(p);
  }
  const treeOwn = (p: Proc): number => p.own + (children.get(p.pid) ?? []).reduce((s, c) => s + treeOwn(c), 0);
  const self = procs.get(root);
  const out: Record<string, number> = { self: self ? self.own + self.reaped : 0 };
  for (const child of children.get(root) ?? []) {
    const key = componentName(commandLine(child.pid));
    out[key] = (out[key] ?? 0) + treeOwn(child) + child.reaped;
  }
  return out;
}

/** Busy CPU seconds of the whole machine so far (all cores; idle and I/O wait excluded), and its core count. */
export function machineBusy(): { seconds: number; cores: number } {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  const total = lines[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = total;
  const cores = lines.filter((l) => /^cpu\d+ /.test(l)).length;
  return { seconds: (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / TICKS_PER_SECOND, cores };
}

export interface CpuWindow {
  seconds: number;
  /** CPU seconds of each component over the window. */
  used: Record<string, number>;
  machine: { busy: number; cores: number };
}

/** Starts measuring; `end()` gives the CPU each component and the machine used since. */
export function cpuWindow(root: number = process.pid): { end(): CpuWindow } {
  const t0 = performance.now();
  const before = cpuByComponent(root);
  const m0 = machineBusy();
  return {
    end() {
      const after = cpuByComponent(root);
      const m1 = machineBusy();
      const used = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, Math.max(0, v - (before[k] ?? 0))]));
      return { seconds: (performance.now() - t0) / 1000, used, machine: { busy: m1.seconds - m0.seconds, cores: m1.cores } };
    },
  };
}
