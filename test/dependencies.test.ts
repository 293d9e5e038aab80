import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from './support/paths';

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
const project = read(join(PROJECT_ROOT, 'package.json'));
const dependencies = Object.keys(project.dependencies ?? {});

/** The production bundle (scripts/bundle.ts): the service and most of what it loads, in one file. */
const BUNDLE = join(PROJECT_ROOT, 'dist', 'src', 'main.bundle.js');

/** tsc's output: what the bundle is built from (the bundle itself is read apart). */
function compiledFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return compiledFiles(path);
    if (path === BUNDLE) return [];
    return entry.name.endsWith('.js') && !entry.name.endsWith('.spec.js') ? [path] : [];
  });
}

const builtins = new Set(builtinModules);

/** Packages named by require("x") or import("x") in these files, builtins left out. */
function packagesRequiredBy(files: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    // Static imports compile to require("x"), dynamic ones to require('x'); the bundle keeps
    // the dynamic imports of packages it leaves out as import("x").
    for (const [, , specifier] of readFileSync(file, 'utf8').matchAll(
      /(?:require|import)\((["'])([^"'./][^"']*)\1\)/g,
    )) {
      if (!specifier || specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''));
    }
  }
  return names;
}

/** Packages the compiled service loads at run time (type-only imports are gone). */
function packagesTheServiceLoads(): Set<string> {
  return packagesRequiredBy(compiledFiles(join(PROJECT_ROOT, 'dist', 'src')));
}

interface LockEntry {
  dev?: boolean;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

/**
 * The production image installs `dependencies` only (`npm ci --omit=dev`) and runs
 * dist/src: a package the service loads must be there, and nothing else should be.
 */
describe('dependencies: what production installs is what the service needs', () => {
  const loaded = packagesTheServiceLoads();

  it('every package the service loads is a production dependency', () => {
    assert.ok(loaded.size > 10, `found ${[...loaded].join(', ')}`);
    const missing = [...loaded].filter((name) => !dependencies.includes(name));
    assert.deepEqual(missing, [], 'loaded by dist/src but not in dependencies');
  });

  it('every production dependency is loaded by the service or a peer of one that is', () => {
    // Peers include optional ones, which a package loads when its user chose them
    // (@nestjs/apollo loads @as-integrations/express5 for Express).
    const peers = new Set(
      dependencies.flatMap((name) => {
        const pkg = read(join(PROJECT_ROOT, 'node_modules', name, 'package.json'));
        return [
          ...Object.keys(pkg.peerDependencies ?? {}),
          ...Object.keys(pkg.peerDependenciesMeta ?? {}),
        ];
      }),
    );
    const unused = dependencies.filter((name) => !loaded.has(name) && !peers.has(name));
    assert.deepEqual(unused, [], 'in dependencies, never loaded: devDependencies or nothing');
  });

  it('what the bundle leaves to node_modules is installed in production, or an optional peer', () => {
    const left = packagesRequiredBy([BUNDLE]);
    assert.ok(left.has('@duckdb/node-bindings'), `found ${[...left].join(', ')}`);
    const entries = Object.entries(lock.packages);
    // Installed by `npm ci --omit=dev`: the lockfile's packages not marked dev-only.
    const installed = (name: string) => {
      const entry = lock.packages[`node_modules/${name}`];
      return entry !== undefined && !entry.dev;
    };
    // Loaded only by an application that uses them (Nest's class-validator, ...), behind a guard.
    const optionalPeer = (name: string) =>
      entries.some(([, entry]) => entry.peerDependenciesMeta?.[name]?.optional === true);
    const neither = [...left].filter((name) => !installed(name) && !optionalPeer(name));
    assert.deepEqual(neither, [], 'required by the bundle, missing from the production install');
  });
});
