// Replay: histories recorded from the workflow code already running in production (test/fixtures/histories/,
// re-recorded with `npm run record-histories`) must replay on today's workflow code. Webhook deliveries sleep
// up to 27.6 h and backfills run for hours, so a non-deterministic change would break them mid-flight: CI fails here first.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import proto from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { ROOT } from '../dev/state.ts';

const HISTORY_DIR = path.join(ROOT, 'test/fixtures/histories');

/** Every workflow the worker registers, read from workflows/index.ts (tests do not import workflows). */
function registeredWorkflowTypes(): string[] {
  const src = readFileSync(path.join(ROOT, 'workflows/index.ts'), 'utf8');
  return [...src.matchAll(/export \{([^}]+)\}/g)].flatMap((m) => m[1]!.split(',').map((n) => n.trim())).filter(Boolean).sort();
}

function loadHistories() {
  return readdirSync(HISTORY_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: proto.temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(HISTORY_DIR, f), 'utf8'))) }));
}

test('there is a recorded history for every workflow type the worker registers', () => {
  const recorded = loadHistories().map((h) => {
    const started = h.history.events?.[0]?.workflowExecutionStartedEventAttributes;
    assert.ok(started, `${h.workflowId}: the history starts with WorkflowExecutionStarted`);
    return started.workflowType!.name!;
  });
  assert.deepEqual([...new Set(recorded)].sort(), registeredWorkflowTypes());
});

test('every recorded history replays on today\'s workflow code without non-determinism', async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    /* installed already in this process */
  }
  const bundle = process.env.WORKFLOW_BUNDLE_PATH;
  const options = bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: path.join(ROOT, 'workflows/index.ts') };
  const histories = loadHistories();
  let replayed = 0;
  for await (const result of Worker.runReplayHistories(options, histories)) {
    assert.equal(result.error, undefined, `${result.workflowId}: ${result.error?.message ?? ''}`);
    replayed++;
  }
  assert.equal(replayed, histories.length);
});
