import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['dist/**', 'storybook-static/**', 'node_modules/**', '**/node_modules/**', 'test-results/**', 'bench/results/**', 'bench/.tmp/**', 'src/ui/markdown/vendor/*.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/react/**/*.{ts,tsx}', 'src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The core runs in browsers, Node and edge workers.
    files: ['src/core/**/*.ts', 'src/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'react', 'react-dom', 'events', 'buffer', 'stream'] }],
    },
  },
  {
    // Data flows one way: the wire formats (and the vocabulary in src/shared) know nothing of the
    // core that consumes them.
    files: ['src/protocol/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'react', 'react-dom', 'events', 'buffer', 'stream'] },
            { group: ['**/core', '**/core/*'], message: 'protocol/ and shared/ must not import the core: put shared vocabulary in src/shared/.' },
          ],
        },
      ],
    },
  },
  {
    // The server entry also runs on edge runtimes (Next.js edge, Deno, Bun, workers); Node-only
    // pieces load their built-ins lazily through process.getBuiltinModule.
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'react', 'react-dom'] }],
    },
  },
  {
    // No model output through innerHTML.
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render model output as HTML.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Never render model output as HTML.' },
      ],
    },
  },
);
