import { startTestApp } from '../test/support/test-app';
import { measureCompletions } from './completion-throughput';
// A profiling aid: node --cpu-prof dist/bench/profile-completions.js
void (async () => {
  const t = await startTestApp();
  const r = await measureCompletions(t, Number(process.env.BENCH_SECONDS ?? 5));
  process.stdout.write(
    `${JSON.stringify({ day: r.day.rps / r.typename.rps, newEvents: r.newEvents.rps / r.typename.rps, typename: r.typename.rps })}\n`,
  );
  await t.close();
})();
