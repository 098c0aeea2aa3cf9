// The layering, checked on the real import graph (read with the TypeScript compiler API): no import cycle
// outside the dev emulator, contracts/ a leaf, and nothing below workflows/ importing it — except the
// orchestration gateway's type-only import, which is how it is typed by the workflow functions themselves.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { ROOT } from '../dev/state.ts';

const FOLDERS = ['activities', 'api', 'bench', 'cli', 'config', 'contracts', 'db', 'dev', 'lib', 'migrations', 'providers', 'services', 'test', 'worker', 'workflows'];
/** The one sanctioned upward (type-only) edge. */
const GATEWAY = 'services/orchestrator.ts';

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = path.join(dir, entry);
    return statSync(p).isDirectory() ? files(p) : entry.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import and re-export of the tree, marked type-only when the compiler erases it. */
function importGraph(): Edge[] {
  const edges: Edge[] = [];
  for (const file of FOLDERS.flatMap((f) => files(path.join(ROOT, f)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    for (const st of source.statements) {
      let spec: ts.Expression | undefined;
      let typeOnly = false;
      if (ts.isImportDeclaration(st)) {
        spec = st.moduleSpecifier;
        const clause = st.importClause;
        const named = clause?.namedBindings;
        typeOnly = Boolean(clause?.isTypeOnly) || Boolean(clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly));
      } else if (ts.isExportDeclaration(st) && st.moduleSpecifier) {
        spec = st.moduleSpecifier;
        typeOnly = st.isTypeOnly;
      }
      if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
      const to = path.relative(ROOT, path.resolve(path.dirname(file), spec.text));
      edges.push({ from: path.relative(ROOT, file), to, typeOnly });
    }
  }
  return edges;
}

/** Strongly connected components with more than one file (Tarjan). */
function cycles(edges: Edge[]): string[][] {
  const adj = new Map<string, string[]>();
  for (const e of edges) adj.set(e.from, [...(adj.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of adj.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of adj.keys()) if (!index.has(v)) visit(v);
  return out;
}

const graph = importGraph();
const outsideEmulator = (e: Edge) => !e.from.startsWith('dev/emulator/') || !e.to.startsWith('dev/emulator/');

test('the import graph is read (sanity: it sees the gateway\'s type import and the workflows\' activity types)', () => {
  assert.ok(graph.length > 300, `${graph.length} edges`);
  assert.ok(graph.some((e) => e.from === GATEWAY && e.to === 'workflows/index.ts' && e.typeOnly));
  assert.ok(graph.some((e) => e.from === 'workflows/sync.ts' && e.to === 'activities/sync.ts' && e.typeOnly));
});

test('no import cycle outside the dev emulator, counting type-only imports (but the gateway\'s)', () => {
  const edges = graph.filter(outsideEmulator).filter((e) => !(e.from === GATEWAY && e.to.startsWith('workflows/')));
  assert.deepEqual(cycles(edges), []);
});

test('no runtime import cycle at all outside the dev emulator', () => {
  assert.deepEqual(cycles(graph.filter(outsideEmulator).filter((e) => !e.typeOnly)), []);
});

test('nothing imports workflows/ but workflows themselves and the gateway (type-only)', () => {
  const upward = graph.filter((e) => e.to.startsWith('workflows/') && !e.from.startsWith('workflows/'));
  assert.deepEqual(upward.filter((e) => !(e.from === GATEWAY && e.typeOnly)), []);
});

test('contracts/ is a leaf: it imports only other contracts', () => {
  assert.deepEqual(graph.filter((e) => e.from.startsWith('contracts/') && !e.to.startsWith('contracts/')), []);
});
