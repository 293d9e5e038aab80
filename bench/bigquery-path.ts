import { BigQueryDouble, type JobRecord } from '../test/support/bigquery-double';
import { somePlayers, somePredictions } from '../test/support/builders';
import { consolidationApi, inParallel } from '../test/support/consolidation-api';
import { startTestApp } from '../test/support/test-app';

const PLAYERS = 450;
const ROWS = 30;
/** Operations only an engine without time travel runs (the double runs DuckDB's SQL). */
const NO_TIME_TRAVEL_ONLY = new Set(['snapshot', 'prune_snapshots']);

export interface BigQueryPathFigures {
  /** From sending the last completion until the run's success is recorded. */
  readonly seconds: number;
  /** Jobs sent on that path, by operation (snapshots left out: BigQuery has time travel). */
  readonly jobs: Record<string, number>;
  readonly jobCount: number;
  /** Jobs on the path that only an engine without time travel runs (beside another step). */
  readonly snapshotJobs: number;
  readonly metadataCalls: number;
}

/** Waits for the batch's run to be recorded, reading the double's engine (no job of the service). */
async function recorded(double: BigQueryDouble, batchId: string): Promise<void> {
  for (;;) {
    const [row] = await double.engine.query({
      sql: `SELECT count(*) AS n FROM batch_events WHERE batch_id = $id AND event_type IN ('CONSOLIDATION_SUCCEEDED', 'CONSOLIDATION_FAILED')`,
      params: { id: { value: batchId, type: 'STRING' } },
    });
    if (Number(row?.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A 450-player day (30 rows each) on the BigQuery double at `latencyMs` a job: staged and
 * completed but for one player (untimed, 32 at a time), then the last completion, timed
 * until the batch's consolidation is recorded, with the jobs sent on the way.
 */
export async function measureBigQueryPath(latencyMs: number): Promise<BigQueryPathFigures> {
  const double = await BigQueryDouble.open({ latencyMs });
  const t = await startTestApp({ warehouse: double.replica('r0') });
  try {
    const api = consolidationApi(t);
    const date = '2026-02-24';
    const players = somePlayers(PLAYERS, 'bq');
    const batchId = await api.start(date, players);
    await inParallel(players, 32, (p) =>
      api.stage(batchId, p, somePredictions(p, ROWS, { gameDate: date })),
    );
    const last = players.at(-1) ?? '';
    await inParallel(players.slice(0, -1), 32, (p) => api.complete(batchId, p, ROWS));
    // A completion that saw the batch incomplete reads it once more a couple of seconds
    // later (other replicas' completions): let those reads end, so that the last completion
    // is the one that starts the run, as when the day's last worker reports after the rest.
    await new Promise((resolve) => setTimeout(resolve, 3_000 + 2 * latencyMs));
    const from = double.jobs.length;
    const calls = double.metadataCalls.length;
    const started = performance.now();
    const answer = await api.complete(batchId, last, ROWS);
    if (!answer.consolidationTriggered) throw new Error('the last completion did not trigger');
    await recorded(double, batchId);
    const seconds = (performance.now() - started) / 1000;
    const onPath: JobRecord[] = double.jobs.slice(from);
    const counted = onPath.filter((j) => !NO_TIME_TRAVEL_ONLY.has(j.operation));
    const jobs: Record<string, number> = {};
    for (const job of counted) jobs[job.operation] = (jobs[job.operation] ?? 0) + 1;
    const runs = await api.runs(batchId);
    if (runs.status !== 'CONSOLIDATED') throw new Error(`the batch is ${runs.status}`);
    return {
      seconds,
      jobs,
      jobCount: counted.length,
      snapshotJobs: onPath.length - counted.length,
      metadataCalls: double.metadataCalls.length - calls,
    };
  } finally {
    await t.close();
    await double.close();
  }
}
