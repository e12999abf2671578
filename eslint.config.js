// Lint rules that guard the boundaries described in docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const DOCKERODE = { name: 'dockerode', message: 'Les machines de lab sont des conteneurs Incus : seuls les tests parlent au moteur Docker (qui construit les images).' };
const INCUS_CLIENT = { group: ['**/incus-client', '**/incus-client.ts'], message: 'Seul runtime/incus parle à Incus.' };

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', '.cache/', 'generated/', 'data/', 'test-results/', 'playwright-report/', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only runtime/incus talks to the sandbox engine; no production code talks to Docker.
      'no-restricted-imports': ['error', { paths: [DOCKERODE], patterns: [INCUS_CLIENT] }],
      // Only server/env.ts reads the environment.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Lisez la configuration depuis server/env.ts.' }],
    },
  },
  { files: ['runtime/incus/**'], rules: { 'no-restricted-imports': ['error', { paths: [DOCKERODE] }] } },
  // Tests may drive the engines directly, as independent witnesses of what the driver did.
  { files: ['test/**'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['server/env.ts', 'playwright.config.ts', 'test/**', 'bench/**'], rules: { 'no-restricted-properties': 'off' } },
);
