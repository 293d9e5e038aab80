-- Generated from the BigQuery dialect by `npm run sql:snapshots`; do not edit by hand.

-- eventsOfBatch
-- parameters: @p0 DATE, @p1 STRING, @p2 STRING
SELECT `event_id`, `batch_id`, `game_date`, `event_type`, `player_lookup`, `predictions_count`, `run_id`, `payload`, `occurred_at`, `principal` FROM (
  SELECT `event_id`, `batch_id`, `game_date`, `event_type`, `player_lookup`, `predictions_count`, `run_id`, `payload`, `occurred_at`, `principal`, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY occurred_at) AS copy
  FROM `example-project.nba_predictions.batch_events` WHERE game_date = @p0 AND batch_id = @p1
) AS events
WHERE copy = 1
QUALIFY event_type <> @p2
  OR ROW_NUMBER() OVER (PARTITION BY batch_id, event_type, player_lookup ORDER BY occurred_at DESC, event_id DESC) = 1;

-- historyOfBatch (the audit trail: every event once, oldest first)
-- parameters: @p0 DATE, @p1 STRING
SELECT `event_id`, `batch_id`, `game_date`, `event_type`, `player_lookup`, `predictions_count`, `run_id`, `payload`, `occurred_at`, `principal` FROM (
  SELECT `event_id`, `batch_id`, `game_date`, `event_type`, `player_lookup`, `predictions_count`, `run_id`, `payload`, `occurred_at`, `principal`, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY occurred_at) AS copy
  FROM `example-project.nba_predictions.batch_events`
  WHERE game_date = @p0 AND batch_id = @p1
) AS events
WHERE copy = 1
ORDER BY occurred_at, event_id;

-- eventsOfDate
-- parameters: @p0 DATE, @p1 STRING
SELECT `event_id`, `batch_id`, `game_date`, `event_type`, `player_lookup`, `predictions_count`, `run_id`, `payload`, `occurred_at`, `principal` FROM (
  SELECT `event_id`, `batch_id`, `game_date`, `event_type`, `player_lookup`, `predictions_count`, `run_id`, `payload`, `occurred_at`, `principal`, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY occurred_at) AS copy
  FROM `example-project.nba_predictions.batch_events` WHERE game_date = @p0
) AS events
WHERE copy = 1
QUALIFY event_type <> @p1
  OR ROW_NUMBER() OVER (PARTITION BY batch_id, event_type, player_lookup ORDER BY occurred_at DESC, event_id DESC) = 1;

-- eventsOfOpenBatches (the cron and the stall check: one read, no time window)
-- parameters: @p0 STRING, @p1 STRING, @p2 STRING, @p3 STRING, @p4 STRING
SELECT `event_id`, `batch_id`, `game_date`, `event_type`, `player_lookup`, `predictions_count`, `run_id`, `payload`, `occurred_at`, `principal` FROM (
  SELECT `event_id`, `batch_id`, `game_date`, `event_type`, `player_lookup`, `predictions_count`, `run_id`, `payload`, `occurred_at`, `principal`, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY occurred_at) AS copy
  FROM `example-project.nba_predictions.batch_events` WHERE batch_id IN (SELECT batch_id FROM `example-project.nba_predictions.batch_events` GROUP BY batch_id
HAVING SUM(CASE WHEN event_type = @p1 THEN 1 ELSE 0 END) > 0
  AND SUM(CASE WHEN event_type = @p2 OR event_type = @p3 THEN 1 ELSE 0 END) = 0
  AND (MAX(CASE WHEN event_type = @p0 THEN occurred_at END) IS NULL OR MAX(occurred_at) > MAX(CASE WHEN event_type = @p0 THEN occurred_at END)))
) AS events
WHERE copy = 1
QUALIFY event_type <> @p4
  OR ROW_NUMBER() OVER (PARTITION BY batch_id, event_type, player_lookup ORDER BY occurred_at DESC, event_id DESC) = 1;

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
