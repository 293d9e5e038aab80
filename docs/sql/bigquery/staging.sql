-- Generated from the BigQuery dialect by `npm run sql:snapshots`; do not edit by hand.

-- replacePlayerStaging (one INSERT job; rows in one JSON parameter) [1/2]
SELECT MAX(write_seq) AS n FROM `example-project.nba_predictions.staged_predictions`;

-- replacePlayerStaging (one INSERT job; rows in one JSON parameter) [2/2]
-- parameters: @rows JSON
INSERT INTO `example-project.nba_predictions.staged_predictions` (`batch_id`, `write_seq`, `staged_at`, `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `is_active`, `superseded_by`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `updated_at`)
SELECT source.`batch_id`, source.`write_seq`, source.`staged_at`, source.`prediction_id`, source.`system_id`, source.`player_lookup`, source.`universal_player_id`, source.`game_date`, source.`game_id`, source.`prediction_version`, source.`predicted_points`, source.`confidence_score`, source.`recommendation`, source.`has_prop_line`, source.`similarity_baseline`, source.`fatigue_adjustment`, source.`shot_zone_adjustment`, source.`referee_adjustment`, source.`look_ahead_adjustment`, source.`pace_adjustment`, source.`usage_spike_adjustment`, source.`home_away_adjustment`, source.`other_adjustments`, source.`similar_games_count`, source.`avg_similarity_score`, source.`min_similarity_score`, source.`current_points_line`, source.`line_margin`, source.`ml_model_id`, source.`line_source`, source.`estimated_line_value`, source.`estimation_method`, source.`line_source_api`, source.`sportsbook`, source.`was_line_fallback`, source.`prediction_variance`, source.`system_agreement_score`, source.`contributing_systems`, source.`key_factors`, source.`warnings`, source.`expected_games_count`, source.`actual_games_count`, source.`completeness_percentage`, source.`missing_games_count`, source.`is_production_ready`, source.`data_quality_issues`, source.`last_reprocess_attempt_at`, source.`reprocess_attempt_count`, source.`circuit_breaker_active`, source.`circuit_breaker_until`, source.`manual_override_required`, source.`season_boundary_detected`, source.`backfill_bootstrap_mode`, source.`processing_decision_reason`, source.`is_active`, source.`superseded_by`, source.`injury_status_at_prediction`, source.`injury_flag_at_prediction`, source.`injury_reason_at_prediction`, source.`injury_checked_at`, source.`model_version`, source.`predicted_at`, source.`build_commit_sha`, source.`deployment_revision`, source.`created_at`, source.`updated_at` FROM (
SELECT
  JSON_VALUE(row_json, '$.batch_id') AS `batch_id`,
  CAST(JSON_VALUE(row_json, '$.write_seq') AS INT64) AS `write_seq`,
  TIMESTAMP_MICROS(CAST(JSON_VALUE(row_json, '$.staged_at') AS INT64)) AS `staged_at`,
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
FROM UNNEST(JSON_QUERY_ARRAY(@rows)) AS row_json
) AS source;

-- replacePlayerStaging (an empty write clears the player's writes)
-- parameters: @p0 STRING, @p1 STRING
DELETE FROM `example-project.nba_predictions.staged_predictions`
WHERE game_date = DATE '2026-01-30' AND batch_id = @p0 AND player_lookup = @p1;

-- tablesOf (a batch's newest writes, and any staging table of its own) [1/2]
-- parameters: @p0 ARRAY<STRING>
SELECT batch_id, player_lookup, MAX(write_seq) AS write_seq FROM `example-project.nba_predictions.staged_predictions`
WHERE game_date = DATE '2026-01-30' AND batch_id IN UNNEST(@p0)
GROUP BY batch_id, player_lookup ORDER BY batch_id, player_lookup;

-- tablesOf (a batch's newest writes, and any staging table of its own) [2/2]
-- parameters: @table_name STRING
SELECT column_name, data_type FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.COLUMNS
WHERE table_name = @table_name ORDER BY ordinal_position;

-- versionsOf (a staging table of its own is kept if replaced during the run: no SQL)
-- (no SQL)

-- lastStagedAt (a late completion: was the player restaged after the last run?)
-- parameters: @p0 ARRAY<STRING>, @p1 STRING
SELECT MAX(staged_at) AS staged_at FROM `example-project.nba_predictions.staged_predictions`
WHERE game_date = DATE '2026-01-30' AND batch_id IN UNNEST(@p0) AND player_lookup = @p1;

-- stagingByBatch (for the orphan sweep)
SELECT batch_id, COUNT(DISTINCT player_lookup) AS players FROM `example-project.nba_predictions.staged_predictions` GROUP BY batch_id;

-- tableNames (the tables API: no SQL)
-- (no SQL)

-- drop
DROP TABLE IF EXISTS `example-project.nba_predictions._staging_b20260130_1_full`;;

-- dropStaging (consolidated staging tables of their own)
DROP TABLE IF EXISTS `example-project.nba_predictions._staging_b20260130_1_full`;;
