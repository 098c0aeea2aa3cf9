// Summarises a V8 `.cpuprofile` (from BENCH_PROFILE, bench/profile.ts): where the sampled time went, by function
// (self and inclusive) and by module. V8 samples on a wall-clock timer, so a thread descheduled inside a system call
// (a socket write that wakes the process reading it, on a busy machine) counts that wait against the call: read a
// large `writev` as round trips to reduce, not as JavaScript to speed up. A file run through tsx has no useful line
// numbers (its functions are named without one).
//   node --import tsx bench/profile-summary.ts <file.cpuprofile> [--top N]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A module's short name: the package under node_modules, a repository path, or the runtime's own. */
function moduleOf(url: string): string {
  if (!url) return '(runtime)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node';
  const repo = /\/(api|activities|bench|config|contracts|db|dev|lib|providers|services|test|worker|workflows)\/.*$/.exec(url);
  return repo ? repo[0].slice(1) : url;
}

export function summarise(profile: Profile, top: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const sampled = new Map<number, number>();
  profile.samples.forEach((id, i) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...sampled.values()].reduce((a, b) => a + b, 0);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const modules = new Map<string, number>();
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${moduleOf(n.callFrame.url)}${n.callFrame.lineNumber > 0 ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const [id, us] of sampled) {
    const node = byId.get(id)!;
    add(self, label(node), us);
    // Idle is the event loop waiting, not anyone's work: kept out of the modules' shares.
    if (node.callFrame.functionName !== '(idle)') add(modules, moduleOf(node.callFrame.url), us);
    // Each function once per sample, however often it recurs on the stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
      const l = label(byId.get(cur)!);
      if (!seen.has(l)) (seen.add(l), add(inclusive, l, us));
    }
  }
  const table = (title: string, m: Map<string, number>) => [
    `— ${title}`,
    ...[...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`),
  ];
  const idle = self.get('(idle) (runtime)') ?? 0;
  return [`sampled ${(total / 1000).toFixed(0)} ms, of which idle ${(idle / 1000).toFixed(0)} ms`, ...table('self, by module', modules), ...table('self, by function', self), ...table('inclusive', inclusive)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [--top N]');
    process.exit(2);
  }
  const i = process.argv.indexOf('--top');
  for (const line of summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, i > 0 ? Number(process.argv[i + 1]) : 30)) console.log(line);
}
