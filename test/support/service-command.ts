import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The production start command as `npm run start:prod` (and the Docker image) runs it:
 * node's flags, then the entry point. Tests and benchmarks start the service with exactly
 * these, so what they measure is what production runs.
 */
export function productionCommand(): { nodeFlags: string[]; entry: string } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (pkg.scripts['start:prod'] ?? '').split(/\s+/).filter(Boolean);
  if (words[0] !== 'node' || words.length < 2)
    throw new Error(`start:prod is not "node [flags] entry": ${pkg.scripts['start:prod']}`);
  return { nodeFlags: words.slice(1, -1), entry: words.at(-1) ?? '' };
}

/** The Docker image's CMD, as an argv. */
export function dockerCommand(): string[] {
  const match = /^CMD\s+(\[.*\])\s*$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  if (!match?.[1]) throw new Error('Dockerfile has no exec-form CMD');
  return JSON.parse(match[1]) as string[];
}
