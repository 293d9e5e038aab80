-- Generated from the BigQuery dialect by `npm run sql:snapshots`; do not edit by hand.

-- acquire (then read back) [1/2]
-- parameters: @p0 DATE, @p1 STRING, @p2 TIMESTAMP, @p3 TIMESTAMP
MERGE INTO `example-project.nba_predictions.consolidation_locks` AS L
USING (SELECT @p0 AS game_date, @p1 AS owner, @p2 AS acquired_at, @p3 AS expires_at) AS S
ON L.game_date = S.game_date
WHEN MATCHED AND L.expires_at < S.acquired_at THEN
  UPDATE SET owner = S.owner, acquired_at = S.acquired_at, expires_at = S.expires_at
WHEN NOT MATCHED THEN
  INSERT (game_date, owner, acquired_at, expires_at) VALUES (S.game_date, S.owner, S.acquired_at, S.expires_at);

-- acquire (then read back) [2/2]
-- parameters: @p0 DATE
SELECT owner, expires_at FROM `example-project.nba_predictions.consolidation_locks` WHERE game_date = @p0;

-- holder
-- parameters: @p0 DATE
SELECT owner, expires_at FROM `example-project.nba_predictions.consolidation_locks` WHERE game_date = @p0;

-- renew
-- parameters: @p0 TIMESTAMP, @p1 DATE, @p2 STRING
UPDATE `example-project.nba_predictions.consolidation_locks` SET expires_at = @p0
WHERE game_date = @p1 AND owner = @p2;

-- release
-- parameters: @p0 DATE, @p1 STRING
DELETE FROM `example-project.nba_predictions.consolidation_locks`
WHERE game_date = @p0 AND owner = @p1;
