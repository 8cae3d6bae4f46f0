// ESLint (flat config): typescript-eslint's recommended rules, and the core kept free of vscode and Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

const FEATURES_APART =
  'Features do not import each other: move what they share to services/, convert.ts or commandIds.ts.';
const NODE_GLOBALS = ['process', 'console', 'URL', 'setTimeout', 'clearTimeout', 'Buffer', 'fetch'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'media/**', 'demo/**', 'test/fixtures/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `require()` of package.json and dynamic imports of optional parsers are deliberate.
      '@typescript-eslint/no-require-imports': 'off',
      // Comma forms (`if (d < best) (best = d), (key = k);`) are a habit of this code, which the rule cannot allow.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Text cleaning matches control characters on purpose (NUL, ESC, C0 controls in URLs).
      'no-control-regex': 'off',
    },
  },
  {
    // The core is plain data in, plain data out: no editor, no file system, no Node. Hosts adapt.
    files: ['src/core/**/*.ts', 'src/markdown/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core, src/markdown and src/protocol never import vscode; hosts adapt.' },
            ...NODE_BUILTINS.map((name) => ({ name, message: 'No Node built-ins here: hosts do the I/O.' })),
          ],
          patterns: [{ group: ['node:*'], message: 'No Node built-ins here: hosts do the I/O.' }],
        },
      ],
    },
  },
  {
    // A feature never imports another feature; what two share lives in services/, convert.ts or commandIds.ts.
    files: ['src/vscode/features/*.ts'],
    ignores: ['src/vscode/features/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\./', message: FEATURES_APART }] }] },
  },
  {
    files: ['src/vscode/features/*/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./[^./]', message: FEATURES_APART }] }] },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: Object.fromEntries(NODE_GLOBALS.map((g) => [g, 'readonly'])) },
  },
);
