// The sources use extensionless relative imports (moduleResolution "Bundler"); Node's ESM
// resolution, which TypeScript applies to our .d.ts files under "node16"/"nodenext", needs the
// real file. Rewrites `./x` to `./x.js` or `./x/index.js` in the emitted declarations.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist/types');
const specifier = /((?:from|import)\s*\(?\s*['"])(\.{1,2}(?:\/[^'"]*)?)(['"])/g;

function withExtension(file, spec) {
  if (/\.(js|json|css)$/.test(spec)) return spec;
  const base = join(dirname(file), spec);
  if (existsSync(`${base}.d.ts`)) return `${spec}.js`;
  if (existsSync(join(base, 'index.d.ts'))) return `${spec.replace(/\/$/, '')}/index.js`;
  return spec; // e.g. an example inside a doc comment; attw reports real unresolved imports
}

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8');
      const fixed = text.replace(specifier, (_, head, spec, tail) => head + withExtension(path, spec) + tail);
      if (fixed !== text) writeFileSync(path, fixed);
    }
  }
}

walk(root);
