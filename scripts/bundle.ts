// The production bundle: dist/src/main.js (tsc's output, decorator metadata and all) and
// the packages it loads at start, in one file. A cold start then reads and resolves one file
// instead of about 2,200 (Node's module loader was about half of a start). Run after tsc by
// `npm run build`; the production command starts dist/src/bundled-main.js, which loads it.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const DIST_SRC = resolve(__dirname, '..', 'src');
/** What is bundled: main.js as tsc built it, the entry of `npm run start:dev` too. */
export const BUNDLE_ENTRY = join(DIST_SRC, 'main.js');
export const BUNDLE_FILE = join(DIST_SRC, 'main.bundle.js');

/**
 * Left to Node, loaded from node_modules when used: packages loaded after the start (they
 * would only lengthen the bundle's parse), DuckDB's native binding, and pino (its pretty
 * transport starts a worker from a file beside pino's own).
 */
export const LOADED_FROM_NODE_MODULES = [
  '@google-cloud/bigquery',
  'google-auth-library',
  'prom-client',
  '@duckdb/node-bindings',
  'pino',
  'pino-pretty',
];

const namedIn = (specifier: string, names: readonly string[]) =>
  names.some((name) => specifier === name || specifier.startsWith(`${name}/`));

/**
 * Packages outside the bundle: those above, and the optional peers Nest loads only when an
 * application uses them (class-validator, @nestjs/microservices, ...): not installed, so
 * left as the guarded require they are, which fails only where they would be used.
 */
const outside: Plugin = {
  name: 'outside-the-bundle',
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, ({ path, resolveDir }) => {
      if (path.startsWith('node:') || namedIn(path, LOADED_FROM_NODE_MODULES))
        return { external: true };
      try {
        createRequire(join(resolveDir, 'index.js')).resolve(path);
        return undefined;
      } catch {
        return { external: true };
      }
    });
  },
};

/** Bundles `entry` (tsc's output) into `outfile`; the minimal app of benchmark 5 is bundled alike. */
export async function bundle(entry = BUNDLE_ENTRY, outfile = BUNDLE_FILE): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22.12',
    format: 'cjs',
    plugins: [outside],
    // Nest names modules, providers and GraphQL types after their classes: keep every name
    // as written where the bundle would rename one to avoid a clash in its single scope.
    keepNames: true,
    // ES modules bundled into CommonJS have no import.meta: its url is the bundle's.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

if (require.main === module) {
  bundle().catch((error: unknown) => {
    process.stderr.write(`bundle failed: ${String(error)}\n`);
    process.exit(1);
  });
}
