// The layering lint rules: workflows import only the workflow SDK, contracts and types; contracts/ is a leaf;
// services/, api/ and activities/ never import workflows/ (the gateway only its types).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { ROOT } from '../dev/state.ts';

/** How many restricted-import errors `code` gets when it lives at `file`. */
const lint = async (code: string, file = 'workflows/__probe__.ts') => {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').length;
};

test('workflows may not import Node modules, the database or activity values', async () => {
  assert.equal(await lint(`import fs from 'node:fs';\nexport const x = fs;\n`), 1);
  assert.equal(await lint(`import { sql } from 'kysely';\nexport const x = sql;\n`), 1);
  assert.equal(await lint(`import { createConnectorActivities } from '../activities/connectors.ts';\nexport const x = createConnectorActivities;\n`), 1);
});

test('workflows may import the workflow SDK, contracts, each other and types', async () => {
  assert.equal(await lint(`import { sleep } from '@temporalio/workflow';\nimport type { Db } from '../db/db.ts';\nimport type { createConnectorActivities } from '../activities/connectors.ts';\nimport { workflowIds } from '../contracts/ids.ts';\nimport { onboardingWorkflow } from './onboarding.ts';\nexport const x = [sleep, onboardingWorkflow, workflowIds];\nexport type Y = [Db, typeof createConnectorActivities];\n`), 0);
});

test('services, the API and activities may not import workflows/, not even their types', async () => {
  for (const file of ['services/__probe__.ts', 'api/routes/__probe__.ts', 'activities/__probe__.ts']) {
    const up = file.startsWith('api/routes/') ? '../../' : '../';
    assert.equal(await lint(`import { syncWorkflow } from '${up}workflows/sync.ts';\nexport const x = syncWorkflow;\n`, file), 1, file);
    assert.equal(await lint(`import type { syncWorkflow } from '${up}workflows/sync.ts';\nexport type X = typeof syncWorkflow;\n`, file), 1, file);
    assert.equal(await lint(`import { oauthCallbackSignal } from '${up}contracts/workflows.ts';\nexport const x = oauthCallbackSignal;\n`, file), 0, file);
  }
});

test('the orchestration gateway may import workflow types, never their values', async () => {
  const file = 'services/orchestrator.ts';
  assert.equal(await lint(`import type * as Workflows from '../workflows/index.ts';\nexport type W = typeof Workflows;\n`, file), 0);
  assert.equal(await lint(`import { syncWorkflow } from '../workflows/sync.ts';\nexport const x = syncWorkflow;\n`, file), 1);
});

test('contracts/ imports nothing of the application', async () => {
  const file = 'contracts/__probe__.ts';
  assert.equal(await lint(`import { defineSignal } from '@temporalio/workflow';\nimport { workflowIds } from './ids.ts';\nexport const x = [defineSignal, workflowIds];\n`, file), 0);
  assert.equal(await lint(`import { newId } from '../lib/ids.ts';\nexport const x = newId;\n`, file), 1);
  assert.equal(await lint(`import type { Db } from '../db/db.ts';\nexport type X = Db;\n`, file), 1);
});

test('the whole tree passes lint', async () => {
  const results = await new ESLint({ cwd: ROOT }).lintFiles(['.']);
  const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`));
  assert.deepEqual(errors, []);
});
