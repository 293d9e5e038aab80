import { startTestApp } from '../test/support/test-app';
import { measureBurst, measureCompletions } from './completion-throughput';
// A profiling aid: node --cpu-prof dist/bench/profile-completions.js [burst]
void (async () => {
  const t = await startTestApp();
  if (process.argv[2] === 'burst') {
    const b = await measureBurst(t, Number(process.env.BENCH_REPS ?? 5));
    process.stdout.write(`${JSON.stringify(b)}\n`);
  } else {
    const r = await measureCompletions(t, Number(process.env.BENCH_SECONDS ?? 5), 1);
    process.stdout.write(
      `${JSON.stringify({ newEvents: r.newEvents.median, redeliveries: r.redeliveries.median, typename: r.last.typename.rps })}\n`,
    );
  }
  await t.close();
})();
