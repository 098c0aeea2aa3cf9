// Lint: workflows must stay deterministic, so they may import only the workflow SDK,
// their own workflow-safe modules and types.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'test-results/**'] },
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
            regex: '^(?!@temporalio/(workflow|common)$|\\./|\\.\\./activities/|\\.\\./lib/workflow-safe/).*',
            allowTypeImports: true,
            message: 'Workflows may import only @temporalio/workflow (and @temporalio/common), workflow-safe modules and types.',
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
);
