import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const r18 = (name: string) => fileURLToPath(new URL(`./test/react18/node_modules/${name}`, import.meta.url));

const reactTests = ['test/react/**/*.test.{ts,tsx}', 'test/ui/**/*.test.{ts,tsx}', 'test/readme/**/*.test.tsx'];

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
// Examples in the README import the package by name; tests resolve it to the sources.
const packageAliases = [
  { find: /^ai-stream-kit$/, replacement: src('index.ts') },
  { find: /^ai-stream-kit\/server$/, replacement: src('server/index.ts') },
  { find: /^ai-stream-kit\/server\/redis$/, replacement: src('server/redis/index.ts') },
  { find: /^ai-stream-kit\/react$/, replacement: src('react/index.ts') },
  { find: /^ai-stream-kit\/ui$/, replacement: src('ui/index.ts') },
  { find: /^ai-stream-kit\/ui\/shiki$/, replacement: src('ui/shiki.ts') },
  { find: /^ai-stream-kit\/ui\/katex$/, replacement: src('ui/katex.ts') },
  { find: /^ai-stream-kit\/ui\/branches$/, replacement: src('ui/branches.ts') },
  { find: /^ai-stream-kit\/ui\/styles\.css$/, replacement: src('ui/styles.css') },
];

export default defineConfig({
  plugins: [react()],
  resolve: { alias: packageAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/protocol/**/*.test.ts', 'test/server/**/*.test.ts', 'test/readme/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'react19',
          environment: 'jsdom',
          include: reactTests,
          setupFiles: ['test/setup-dom.ts'],
        },
      },
      {
        // The same suite against React 18 (installed by the test/react18 workspace).
        extends: true,
        resolve: {
          alias: [
            ...packageAliases,
            { find: /^react$/, replacement: r18('react') },
            { find: /^react\/(.*)$/, replacement: `${r18('react')}/$1` },
            { find: /^react-dom$/, replacement: r18('react-dom') },
            { find: /^react-dom\/(.*)$/, replacement: `${r18('react-dom')}/$1` },
            { find: /^@testing-library\/react$/, replacement: r18('@testing-library/react') },
          ],
        },
        test: {
          name: 'react18',
          environment: 'jsdom',
          include: reactTests,
          setupFiles: ['test/setup-dom.ts'],
          // Dependencies that import React must go through the aliases above, not Node's resolution.
          server: { deps: { inline: ['use-stick-to-bottom'] } },
        },
      },
      {
        // Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
