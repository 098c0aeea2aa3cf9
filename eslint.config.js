// Lint: the layering rules. Workflows stay deterministic (only the workflow SDK, contracts and types);
// contracts/ is a leaf; services/, api/ and activities/ never import workflows/ — except the orchestration
// gateway, which imports their types so that every start is typed by the workflow functions themselves.
import tseslint from 'typescript-eslint';

const noWorkflows = {
  group: ['**/workflows/*', '**/workflows'],
  message: 'Only the orchestration gateway (services/orchestrator.ts) talks to workflows; import contracts from contracts/ instead.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'test-results/**', 'dist/**', 'dist-*/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          {
            regex: '^(?!@temporalio/(workflow|common)$|\\./|\\.\\./activities/|\\.\\./contracts/).*',
            allowTypeImports: true,
            message: 'Workflows may import only @temporalio/workflow (and @temporalio/common), contracts and types.',
          },
          {
            group: ['../activities/*'],
            allowTypeImports: true,
            message: 'Workflows may import activities only with `import type`.',
          },
        ],
      }],
    },
  },
  {
    files: ['contracts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(?!@temporalio/(workflow|common)$|\\./).*',
          message: 'contracts/ is a leaf: it imports only @temporalio/workflow, @temporalio/common and other contracts.',
        }],
      }],
    },
  },
  {
    files: ['services/**/*.ts', 'api/**/*.ts', 'activities/**/*.ts'],
    ignores: ['services/orchestrator.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noWorkflows] }],
    },
  },
  {
    files: ['services/orchestrator.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ ...noWorkflows, allowTypeImports: true }] }],
    },
  },
);
