-- Generated from the BigQuery dialect by `npm run sql:snapshots`; do not edit by hand.

-- eventsOfBatch
-- parameters: @p0 DATE, @p1 STRING
SELECT `event_id`, `batch_id`, `game_date`, `event_type`, `player_lookup`, `predictions_count`, `run_id`, `payload`, `occurred_at` FROM `example-project.nba_predictions.batch_events`
WHERE game_date = @p0 AND batch_id = @p1;

-- eventsOfDate
-- parameters: @p0 DATE
SELECT `event_id`, `batch_id`, `game_date`, `event_type`, `player_lookup`, `predictions_count`, `run_id`, `payload`, `occurred_at` FROM `example-project.nba_predictions.batch_events`
WHERE game_date = @p0;

-- batchIds (date)
-- parameters: @p0 STRING, @p1 DATE, @p2 INT64
SELECT batch_id, occurred_at FROM `example-project.nba_predictions.batch_events`
WHERE event_type = @p0 AND game_date = @p1
ORDER BY game_date DESC, occurred_at DESC, batch_id DESC
LIMIT @p2;

-- batchIds (since)
-- parameters: @p0 STRING, @p1 DATE, @p2 INT64
SELECT batch_id, occurred_at FROM `example-project.nba_predictions.batch_events`
WHERE event_type = @p0 AND game_date >= @p1
ORDER BY game_date DESC, occurred_at DESC, batch_id DESC
LIMIT @p2;

-- batchIds (all)
-- parameters: @p0 STRING, @p1 INT64
SELECT batch_id, occurred_at FROM `example-project.nba_predictions.batch_events`
WHERE event_type = @p0
ORDER BY game_date DESC, occurred_at DESC, batch_id DESC
LIMIT @p1;

-- append (streamed with insertAll)
-- (no SQL)
