-- Generated from the BigQuery dialect by `npm run sql:snapshots`; do not edit by hand.

-- runs (a date and kind)
-- parameters: @p0 DATE, @p1 STRING, @p2 INT64
SELECT `record_id`, `run_id`, `game_date`, `kind`, `status`, `dry_run`, `principal`, `started_at`, `finished_at`, `as_of`, `figures`, `error` FROM `example-project.nba_predictions.maintenance_runs`
WHERE TRUE AND game_date = @p0 AND kind = @p1
QUALIFY ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY CASE WHEN finished_at IS NULL THEN 1 ELSE 0 END, record_id) = 1
ORDER BY started_at DESC, run_id DESC
LIMIT @p2;

-- runs (all, newest first)
-- parameters: @p0 INT64
SELECT `record_id`, `run_id`, `game_date`, `kind`, `status`, `dry_run`, `principal`, `started_at`, `finished_at`, `as_of`, `figures`, `error` FROM `example-project.nba_predictions.maintenance_runs`
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY CASE WHEN finished_at IS NULL THEN 1 ELSE 0 END, record_id) = 1
ORDER BY started_at DESC, run_id DESC
LIMIT @p0;

-- record (streamed with insertAll)
-- (no SQL)
