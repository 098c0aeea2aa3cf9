// The workflow purity rule: workflows import only @temporalio/workflow, workflow-safe code and types.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { ROOT } from '../dev/state.ts';

const lint = async (code: string) => {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, 'workflows/__probe__.ts') });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').length;
};

test('workflows may not import Node modules, the database or activity values', async () => {
  assert.equal(await lint(`import fs from 'node:fs';\nexport const x = fs;\n`), 1);
  assert.equal(await lint(`import { sql } from 'kysely';\nexport const x = sql;\n`), 1);
  assert.equal(await lint(`import { createConnectorActivities } from '../activities/connectors.ts';\nexport const x = createConnectorActivities;\n`), 1);
});

test('workflows may import the workflow SDK, each other and types', async () => {
  assert.equal(await lint(`import { sleep } from '@temporalio/workflow';\nimport type { Db } from '../db/db.ts';\nimport type { createConnectorActivities } from '../activities/connectors.ts';\nimport { onboardingWorkflow } from './onboarding.ts';\nexport const x = [sleep, onboardingWorkflow];\nexport type Y = [Db, typeof createConnectorActivities];\n`), 0);
});

test('the whole tree passes lint', async () => {
  const results = await new ESLint({ cwd: ROOT }).lintFiles(['.']);
  const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`));
  assert.deepEqual(errors, []);
});
