import type { LanguageInput } from 'shiki/core';

/**
 * A dynamic import of one Shiki grammar: precompiled (`() => import('@shikijs/langs-precompiled/go')`)
 * or as written (`() => import('shiki/langs/go.mjs')`, compiled by the engine on first use).
 */
export type ShikiLanguageLoader = () => Promise<LanguageInput | { default: LanguageInput }>;

/**
 * The grammars `createShikiHighlighter` knows by default. Each is its own dynamic import, so a
 * bundler makes one chunk per grammar and the page fetches only those its code blocks use.
 * They are Shiki's precompiled grammars (`@shikijs/langs-precompiled`): their expressions are
 * already JavaScript regexes, so the first block in a language does not stall the page for
 * hundreds of milliseconds while the engine translates the grammar's Oniguruma patterns.
 */
export const shikiLanguages: Record<string, ShikiLanguageLoader> = {
  javascript: () => import('@shikijs/langs-precompiled/javascript'),
  typescript: () => import('@shikijs/langs-precompiled/typescript'),
  jsx: () => import('@shikijs/langs-precompiled/jsx'),
  tsx: () => import('@shikijs/langs-precompiled/tsx'),
  json: () => import('@shikijs/langs-precompiled/json'),
  python: () => import('@shikijs/langs-precompiled/python'),
  shellscript: () => import('@shikijs/langs-precompiled/shellscript'),
  html: () => import('@shikijs/langs-precompiled/html'),
  css: () => import('@shikijs/langs-precompiled/css'),
  scss: () => import('@shikijs/langs-precompiled/scss'),
  sql: () => import('@shikijs/langs-precompiled/sql'),
  go: () => import('@shikijs/langs-precompiled/go'),
  rust: () => import('@shikijs/langs-precompiled/rust'),
  java: () => import('@shikijs/langs-precompiled/java'),
  c: () => import('@shikijs/langs-precompiled/c'),
  cpp: () => import('@shikijs/langs-precompiled/cpp'),
  csharp: () => import('@shikijs/langs-precompiled/csharp'),
  php: () => import('@shikijs/langs-precompiled/php'),
  ruby: () => import('@shikijs/langs-precompiled/ruby'),
  yaml: () => import('@shikijs/langs-precompiled/yaml'),
  toml: () => import('@shikijs/langs-precompiled/toml'),
  markdown: () => import('@shikijs/langs-precompiled/markdown'),
  diff: () => import('@shikijs/langs-precompiled/diff'),
  dockerfile: () => import('@shikijs/langs-precompiled/dockerfile'),
  swift: () => import('@shikijs/langs-precompiled/swift'),
  kotlin: () => import('@shikijs/langs-precompiled/kotlin'),
  xml: () => import('@shikijs/langs-precompiled/xml'),
  powershell: () => import('@shikijs/langs-precompiled/powershell'),
  lua: () => import('@shikijs/langs-precompiled/lua'),
  r: () => import('@shikijs/langs-precompiled/r'),
};

/** Fence names models write for the languages above. */
export const shikiLanguageAliases: Record<string, string> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  py: 'python',
  python3: 'python',
  sh: 'shellscript',
  bash: 'shellscript',
  shell: 'shellscript',
  zsh: 'shellscript',
  console: 'shellscript',
  shellsession: 'shellscript',
  yml: 'yaml',
  md: 'markdown',
  rs: 'rust',
  golang: 'go',
  'c++': 'cpp',
  cc: 'cpp',
  hpp: 'cpp',
  h: 'c',
  cs: 'csharp',
  'c#': 'csharp',
  rb: 'ruby',
  kt: 'kotlin',
  docker: 'dockerfile',
  ps1: 'powershell',
  jsonc: 'json',
  json5: 'json',
  svg: 'xml',
  htm: 'html',
  patch: 'diff',
};
