/**
 * Imported first by main.ts: on a Node older than the service needs, say so and how to get
 * the right one before anything else runs (the next import, the compile cache, needs 22.1;
 * several dependencies need 22). Kept in step with package.json "engines" by a test.
 */
export const MINIMUM_NODE = '22.12.0';

/** Whether `version` (as process.versions.node spells it) is at least MINIMUM_NODE. */
export function isSupportedNode(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [minMajor = 0, minMinor = 0] = MINIMUM_NODE.split('.').map(Number);
  return major > minMajor || (major === minMajor && minor >= minMinor);
}

if (!isSupportedNode(process.versions.node)) {
  const message =
    `prediction-coordinator needs Node ${MINIMUM_NODE} or newer; this is Node ${process.versions.node} (${process.execPath}). ` +
    'The npm scripts (npm start, npm run start:prod, npm test) already run on the Node 24 that `npm ci` installs ' +
    'as a devDependency; to start the built service by hand, use that Node: `npx node dist/src/bundled-main.js`. ' +
    'Or install Node 22 or newer (the Docker image has Node 24; with nvm: `nvm install` reads .nvmrc).';
  process.stderr.write(`${JSON.stringify({ severity: 'CRITICAL', message })}\n`);
  process.exit(1);
}
