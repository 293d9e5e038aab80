// A profiling aid: the memory benchmark's service run (figure 6) with knobs, phase by phase.
// node dist/bench/profile-service-memory.js history.duckdb [smaps-dir]
// The service inherits this process's environment, so engine and allocator settings can
// be tried as variables (DUCKDB_MEMORY_LIMIT, MALLOC_ARENA_MAX, LD_PRELOAD, ...);
// PROFILE_NODE_FLAGS replaces start:prod's node flags; BENCH_SECONDS and BENCH_REPS as in
// npm run bench (defaults 5 and 1). With a smaps directory, /proc/<pid>/smaps is written
// there after each phase (which mappings hold the resident set).
import { mkdirSync } from 'node:fs';
import { measureServiceMemory } from './memory';

void (async () => {
  const [historyPath, smapsDir] = process.argv.slice(2);
  if (!historyPath) throw new Error('usage: profile-service-memory.js history.duckdb [smaps-dir]');
  if (smapsDir) mkdirSync(smapsDir, { recursive: true });
  const flags = process.env.PROFILE_NODE_FLAGS?.split(' ').filter(Boolean);
  const memory = await measureServiceMemory(
    historyPath,
    Number(process.env.BENCH_SECONDS ?? 5),
    Number(process.env.BENCH_REPS ?? 1),
    { ...(flags ? { nodeFlags: flags } : {}), ...(smapsDir ? { smapsDir } : {}) },
  );
  process.stdout.write(`${JSON.stringify(memory)}\n`);
})();
