import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/** What loadDotEnv did: the file read and the variables it set (names only, never values). */
export interface DotEnvLoad {
  readonly path: string;
  readonly variables: readonly string[];
}

/**
 * In development (NODE_ENV unset or `development`), sets the variables of `./.env` that
 * the environment does not set: a variable given to the process always wins, as with
 * `process.loadEnvFile`. Never in production or test, so a developer's file cannot change
 * what the image or the test suite runs. Returns undefined when nothing was read.
 */
export function loadDotEnv(
  env: NodeJS.ProcessEnv = process.env,
  file = '.env',
): DotEnvLoad | undefined {
  const mode = env.NODE_ENV ?? 'development';
  if (mode !== 'development') return undefined;
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const variables: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (value === undefined || env[name] !== undefined) continue;
    env[name] = value;
    variables.push(name);
  }
  return { path, variables: variables.sort() };
}
