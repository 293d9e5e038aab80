-- Generated from the BigQuery dialect by `npm run sql:snapshots`; do not edit by hand.

-- replacePlayerStaging (one statement; rows in one JSON parameter)
-- parameters: @rows JSON
CREATE OR REPLACE TABLE `example-project.nba_predictions._staging_b20260130_1_lebron_james` AS
SELECT
  JSON_VALUE(row_json, '$.prediction_id') AS `prediction_id`,
  JSON_VALUE(row_json, '$.system_id') AS `system_id`,
  JSON_VALUE(row_json, '$.player_lookup') AS `player_lookup`,
  JSON_VALUE(row_json, '$.universal_player_id') AS `universal_player_id`,
  CAST(JSON_VALUE(row_json, '$.game_date') AS DATE) AS `game_date`,
  JSON_VALUE(row_json, '$.game_id') AS `game_id`,
  CAST(JSON_VALUE(row_json, '$.prediction_version') AS INT64) AS `prediction_version`,
  CAST(JSON_VALUE(row_json, '$.predicted_points') AS NUMERIC(5, 1)) AS `predicted_points`,
  CAST(JSON_VALUE(row_json, '$.confidence_score') AS NUMERIC(5, 2)) AS `confidence_score`,
  JSON_VALUE(row_json, '$.recommendation') AS `recommendation`,
  CAST(JSON_VALUE(row_json, '$.has_prop_line') AS BOOL) AS `has_prop_line`,
  CAST(JSON_VALUE(row_json, '$.similarity_baseline') AS NUMERIC(5, 1)) AS `similarity_baseline`,
  CAST(JSON_VALUE(row_json, '$.fatigue_adjustment') AS NUMERIC(5, 2)) AS `fatigue_adjustment`,
  CAST(JSON_VALUE(row_json, '$.shot_zone_adjustment') AS NUMERIC(5, 2)) AS `shot_zone_adjustment`,
  CAST(JSON_VALUE(row_json, '$.referee_adjustment') AS NUMERIC(5, 2)) AS `referee_adjustment`,
  CAST(JSON_VALUE(row_json, '$.look_ahead_adjustment') AS NUMERIC(5, 2)) AS `look_ahead_adjustment`,
  CAST(JSON_VALUE(row_json, '$.pace_adjustment') AS NUMERIC(5, 2)) AS `pace_adjustment`,
  CAST(JSON_VALUE(row_json, '$.usage_spike_adjustment') AS NUMERIC(5, 2)) AS `usage_spike_adjustment`,
  CAST(JSON_VALUE(row_json, '$.home_away_adjustment') AS NUMERIC(5, 2)) AS `home_away_adjustment`,
  CAST(JSON_VALUE(row_json, '$.other_adjustments') AS NUMERIC(5, 2)) AS `other_adjustments`,
  CAST(JSON_VALUE(row_json, '$.similar_games_count') AS INT64) AS `similar_games_count`,
  CAST(JSON_VALUE(row_json, '$.avg_similarity_score') AS NUMERIC(5, 2)) AS `avg_similarity_score`,
  CAST(JSON_VALUE(row_json, '$.min_similarity_score') AS NUMERIC(5, 2)) AS `min_similarity_score`,
  CAST(JSON_VALUE(row_json, '$.current_points_line') AS NUMERIC(4, 1)) AS `current_points_line`,
  CAST(JSON_VALUE(row_json, '$.line_margin') AS NUMERIC(5, 2)) AS `line_margin`,
  JSON_VALUE(row_json, '$.ml_model_id') AS `ml_model_id`,
  JSON_VALUE(row_json, '$.line_source') AS `line_source`,
  CAST(JSON_VALUE(row_json, '$.estimated_line_value') AS NUMERIC(4, 1)) AS `estimated_line_value`,
  JSON_VALUE(row_json, '$.estimation_method') AS `estimation_method`,
  JSON_VALUE(row_json, '$.line_source_api') AS `line_source_api`,
  JSON_VALUE(row_json, '$.sportsbook') AS `sportsbook`,
  CAST(JSON_VALUE(row_json, '$.was_line_fallback') AS BOOL) AS `was_line_fallback`,
  CAST(JSON_VALUE(row_json, '$.prediction_variance') AS NUMERIC(5, 2)) AS `prediction_variance`,
  CAST(JSON_VALUE(row_json, '$.system_agreement_score') AS NUMERIC(5, 2)) AS `system_agreement_score`,
  CAST(JSON_VALUE(row_json, '$.contributing_systems') AS INT64) AS `contributing_systems`,
  PARSE_JSON(JSON_VALUE(row_json, '$.key_factors')) AS `key_factors`,
  PARSE_JSON(JSON_VALUE(row_json, '$.warnings')) AS `warnings`,
  CAST(JSON_VALUE(row_json, '$.expected_games_count') AS INT64) AS `expected_games_count`,
  CAST(JSON_VALUE(row_json, '$.actual_games_count') AS INT64) AS `actual_games_count`,
  CAST(JSON_VALUE(row_json, '$.completeness_percentage') AS FLOAT64) AS `completeness_percentage`,
  CAST(JSON_VALUE(row_json, '$.missing_games_count') AS INT64) AS `missing_games_count`,
  CAST(JSON_VALUE(row_json, '$.is_production_ready') AS BOOL) AS `is_production_ready`,
  JSON_VALUE_ARRAY(row_json, '$.data_quality_issues') AS `data_quality_issues`,
  TIMESTAMP_MICROS(CAST(JSON_VALUE(row_json, '$.last_reprocess_attempt_at') AS INT64)) AS `last_reprocess_attempt_at`,
  CAST(JSON_VALUE(row_json, '$.reprocess_attempt_count') AS INT64) AS `reprocess_attempt_count`,
  CAST(JSON_VALUE(row_json, '$.circuit_breaker_active') AS BOOL) AS `circuit_breaker_active`,
  TIMESTAMP_MICROS(CAST(JSON_VALUE(row_json, '$.circuit_breaker_until') AS INT64)) AS `circuit_breaker_until`,
  CAST(JSON_VALUE(row_json, '$.manual_override_required') AS BOOL) AS `manual_override_required`,
  CAST(JSON_VALUE(row_json, '$.season_boundary_detected') AS BOOL) AS `season_boundary_detected`,
  CAST(JSON_VALUE(row_json, '$.backfill_bootstrap_mode') AS BOOL) AS `backfill_bootstrap_mode`,
  JSON_VALUE(row_json, '$.processing_decision_reason') AS `processing_decision_reason`,
  CAST(JSON_VALUE(row_json, '$.is_active') AS BOOL) AS `is_active`,
  JSON_VALUE(row_json, '$.superseded_by') AS `superseded_by`,
  JSON_VALUE(row_json, '$.injury_status_at_prediction') AS `injury_status_at_prediction`,
  CAST(JSON_VALUE(row_json, '$.injury_flag_at_prediction') AS BOOL) AS `injury_flag_at_prediction`,
  JSON_VALUE(row_json, '$.injury_reason_at_prediction') AS `injury_reason_at_prediction`,
  TIMESTAMP_MICROS(CAST(JSON_VALUE(row_json, '$.injury_checked_at') AS INT64)) AS `injury_checked_at`,
  JSON_VALUE(row_json, '$.model_version') AS `model_version`,
  TIMESTAMP_MICROS(CAST(JSON_VALUE(row_json, '$.predicted_at') AS INT64)) AS `predicted_at`,
  JSON_VALUE(row_json, '$.build_commit_sha') AS `build_commit_sha`,
  JSON_VALUE(row_json, '$.deployment_revision') AS `deployment_revision`,
  TIMESTAMP_MICROS(CAST(JSON_VALUE(row_json, '$.created_at') AS INT64)) AS `created_at`,
  TIMESTAMP_MICROS(CAST(JSON_VALUE(row_json, '$.updated_at') AS INT64)) AS `updated_at`
FROM UNNEST(JSON_QUERY_ARRAY(@rows)) AS row_json;

-- shared staging table (DuckDB only: BigQuery stages a table per player, so none of this reaches it)
-- (no SQL)

-- tablesOf (columns of a batch)
-- parameters: @prefix STRING
SELECT table_name, column_name, data_type FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.COLUMNS
WHERE STARTS_WITH(table_name, @prefix) ORDER BY table_name, ordinal_position;

-- versionsOf (replaced tables are kept at drop time)
-- parameters: @prefix STRING
SELECT table_name, creation_time AS created_at, CAST(UNIX_MICROS(creation_time) AS STRING) AS version FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.TABLES
WHERE STARTS_WITH(table_name, @prefix) ORDER BY table_name;

-- lastStagedAt (a late completion: was the player restaged after the last run?) [1/2]
-- parameters: @prefix STRING
SELECT table_name, creation_time AS created_at, CAST(UNIX_MICROS(creation_time) AS STRING) AS version FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.TABLES
WHERE STARTS_WITH(table_name, @prefix) ORDER BY table_name;

-- lastStagedAt (a late completion: was the player restaged after the last run?) [2/2]
-- parameters: @prefix STRING
SELECT table_name, creation_time AS created_at, CAST(UNIX_MICROS(creation_time) AS STRING) AS version FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.TABLES
WHERE STARTS_WITH(table_name, @prefix) ORDER BY table_name;

-- stagingByBatch (for the orphan sweep)
-- parameters: @prefix STRING
SELECT table_name, creation_time AS created_at, CAST(UNIX_MICROS(creation_time) AS STRING) AS version FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.TABLES
WHERE STARTS_WITH(table_name, @prefix) ORDER BY table_name;

-- drop
DROP TABLE IF EXISTS `example-project.nba_predictions._staging_b20260130_1_full`;;

-- dropStaging (consolidated staging tables)
DROP TABLE IF EXISTS `example-project.nba_predictions._staging_b20260130_1_full`;;
