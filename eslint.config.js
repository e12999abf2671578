// Lint rules that guard the boundaries described in docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', 'generated/', 'data/', 'test-results/', 'playwright-report/', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only runtime/docker may talk to the Docker engine.
      'no-restricted-imports': ['error', { paths: [{ name: 'dockerode', message: 'Seul runtime/docker importe dockerode.' }] }],
      // Only server/env.ts reads the environment.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Lisez la configuration depuis server/env.ts.' }],
    },
  },
  // Tests may drive the engine directly, as an independent witness of what the driver did.
  { files: ['runtime/docker/**', 'test/**'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['server/env.ts', 'playwright.config.ts', 'test/**', 'bench/**'], rules: { 'no-restricted-properties': 'off' } },
);
