// esbuild configs for the size-limit checks of what an app loads UP FRONT (.size-limit.json,
// "config"): the app's one import bundled with every dynamic import() left out, as an app's
// bundler splits it into chunks loaded on first use (decoders, converters, tool loop, files,
// cancel, persistence). The other checks count those chunks too.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Leaves every dynamic import() out of the bundle: it becomes a chunk of its own in an app. */
const onDemandChunksApart = {
  name: 'on-demand-chunks-apart',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};

/** One check's esbuild config: `code` is the app entry (ESM), `name` its output folder. */
export function upFrontConfig(name, code) {
  return {
    stdin: { contents: code, resolveDir: ROOT, sourcefile: `${name}.js`, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    treeShaking: true,
    metafile: true,
    write: true,
    allowOverwrite: true,
    outdir: join(ROOT, 'node_modules/.cache/size-limit-up-front', name),
    external: ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'],
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'empty' },
    plugins: [onDemandChunksApart],
  };
}
