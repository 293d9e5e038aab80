// A profiling aid: figure 6's DuckDB-mode service with knobs, day by day.
// node dist/bench/profile-service-memory.js [history.duckdb|-] [smaps-dir]
// The service inherits this process's environment, so engine and allocator settings can
// be tried as variables (DUCKDB_MEMORY_LIMIT, MALLOC_ARENA_MAX, LD_PRELOAD, ...);
// PROFILE_NODE_FLAGS replaces start:prod's node flags; BENCH_DAYS days (default 3). With a
// smaps directory, /proc/<pid>/smaps is written there after each day.
import { mkdirSync } from 'node:fs';
import { measureDuckDbDays } from './memory';

void (async () => {
  const [historyPath, smapsDir] = process.argv.slice(2);
  if (smapsDir) mkdirSync(smapsDir, { recursive: true });
  const flags = process.env.PROFILE_NODE_FLAGS?.split(' ').filter(Boolean);
  const memory = await measureDuckDbDays(
    historyPath && historyPath !== '-' ? historyPath : undefined,
    Number(process.env.BENCH_DAYS ?? 3),
    { ...(flags ? { nodeFlags: flags } : {}), ...(smapsDir ? { smapsDir } : {}) },
  );
  process.stdout.write(`${JSON.stringify(memory)}\n`);
})();
