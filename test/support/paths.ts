import { resolve } from 'node:path';

/** The repository root, from dist/test/support. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
