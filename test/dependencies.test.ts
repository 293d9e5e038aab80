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

function compiledFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return compiledFiles(path);
    return entry.name.endsWith('.js') && !entry.name.endsWith('.spec.js') ? [path] : [];
  });
}

/** Packages the compiled service loads at run time (type-only imports are gone). */
function packagesTheServiceLoads(): Set<string> {
  const builtins = new Set(builtinModules);
  const names = new Set<string>();
  for (const file of compiledFiles(join(PROJECT_ROOT, 'dist', 'src'))) {
    // Static imports compile to require("x"), dynamic ones to require('x').
    for (const [, , specifier] of readFileSync(file, 'utf8').matchAll(
      /require\((["'])([^"'./][^"']*)\1\)/g,
    )) {
      if (!specifier || specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''));
    }
  }
  return names;
}

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
});
