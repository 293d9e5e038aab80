-- Generated from the BigQuery dialect by `npm run sql:snapshots`; do not edit by hand.

-- acquire (a conditional UPDATE of every row of the date)
-- parameters: @p0 DATE, @p1 STRING, @p2 TIMESTAMP, @p3 TIMESTAMP
UPDATE `example-project.nba_predictions.consolidation_leases` SET owner = @p1, acquired_at = @p2, expires_at = @p3
WHERE game_date = @p0
  AND NOT EXISTS (SELECT 1 FROM `example-project.nba_predictions.consolidation_leases` AS H
    WHERE H.game_date = @p0 AND H.owner IS NOT NULL AND H.owner <> @p1 AND H.expires_at >= @p2);

-- acquire (a date's first lease: read, insert a free row, take again) [1/5]
-- parameters: @p0 DATE, @p1 STRING, @p2 TIMESTAMP, @p3 TIMESTAMP
UPDATE `example-project.nba_predictions.consolidation_leases` SET owner = @p1, acquired_at = @p2, expires_at = @p3
WHERE game_date = @p0
  AND NOT EXISTS (SELECT 1 FROM `example-project.nba_predictions.consolidation_leases` AS H
    WHERE H.game_date = @p0 AND H.owner IS NOT NULL AND H.owner <> @p1 AND H.expires_at >= @p2);

-- acquire (a date's first lease: read, insert a free row, take again) [2/5]
-- parameters: @p0 DATE
SELECT owner, expires_at FROM `example-project.nba_predictions.consolidation_leases` WHERE game_date = @p0;

-- acquire (a date's first lease: read, insert a free row, take again) [3/5]
-- parameters: @p0 DATE
INSERT INTO `example-project.nba_predictions.consolidation_leases` (game_date, owner, acquired_at, expires_at)
SELECT @p0, CAST(NULL AS STRING), CAST(NULL AS TIMESTAMP), CAST(NULL AS TIMESTAMP)
FROM (SELECT 1 AS one) AS seed
WHERE NOT EXISTS (SELECT 1 FROM `example-project.nba_predictions.consolidation_leases` WHERE game_date = @p0);

-- acquire (a date's first lease: read, insert a free row, take again) [4/5]
-- parameters: @p0 DATE, @p1 STRING, @p2 TIMESTAMP, @p3 TIMESTAMP
UPDATE `example-project.nba_predictions.consolidation_leases` SET owner = @p1, acquired_at = @p2, expires_at = @p3
WHERE game_date = @p0
  AND NOT EXISTS (SELECT 1 FROM `example-project.nba_predictions.consolidation_leases` AS H
    WHERE H.game_date = @p0 AND H.owner IS NOT NULL AND H.owner <> @p1 AND H.expires_at >= @p2);

-- acquire (a date's first lease: read, insert a free row, take again) [5/5]
-- parameters: @p0 DATE
SELECT owner, expires_at FROM `example-project.nba_predictions.consolidation_leases` WHERE game_date = @p0;

-- holder
-- parameters: @p0 DATE
SELECT owner, expires_at FROM `example-project.nba_predictions.consolidation_leases` WHERE game_date = @p0;

-- renew
-- parameters: @p0 TIMESTAMP, @p1 DATE, @p2 STRING
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @p0
WHERE game_date = @p1 AND owner = @p2;

-- release
-- parameters: @p0 DATE, @p1 STRING
UPDATE `example-project.nba_predictions.consolidation_leases` SET owner = NULL, expires_at = NULL
WHERE game_date = @p0 AND owner = @p1;
