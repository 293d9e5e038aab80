// Runs every compiled test with node's test runner, in UTC, after `tsc` (npm pretest).
import { spawnSync } from 'node:child_process';

const patterns = process.argv.slice(2);
const files = patterns.length > 0 ? patterns : ['dist/src/**/*.spec.js', 'dist/test/**/*.test.js'];
const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=2', '--test-timeout=300000', ...files],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      TZ: 'UTC',
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    },
  },
);
process.exit(result.status ?? 1);
