import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Everything the package imports at run time stays external: users' bundlers dedupe it.
const external = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  'eventsource-parser',
  'marked',
  'remend',
  'use-stick-to-bottom',
  // Optional peers, imported lazily by the ui/shiki and ui/katex entries.
  /^shiki($|\/)/,
  /^@shikijs\/langs-precompiled($|\/)/,
  /^katex($|\/)/,
  // Optional peer, imported lazily by indexedDBChats().
  'idb-keyval',
  /^node:/,
];

// Entries that run only in React land carry the directive so React Server Components
// frameworks treat them as client modules.
const clientEntries = new Set(['react', 'ui', 'ui-branches']);

export default defineConfig({
  plugins: [
    react(),
    {
      name: 'ai-stream-kit:styles',
      generateBundle() {
        this.emitFile({
          type: 'asset',
          fileName: 'styles.css',
          source: readFileSync('src/ui/styles.css', 'utf8'),
        });
      },
    },
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: {
      entry: {
        index: 'src/index.ts',
        server: 'src/server/index.ts',
        'server-redis': 'src/server/redis/index.ts',
        react: 'src/react/index.ts',
        ui: 'src/ui/index.ts',
        'ui-shiki': 'src/ui/shiki.ts',
        'ui-katex': 'src/ui/katex.ts',
        'ui-branches': 'src/ui/branches.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      external,
      output: {
        banner: (chunk) => (chunk.isEntry && clientEntries.has(chunk.name) ? "'use client';" : ''),
      },
    },
  },
});
