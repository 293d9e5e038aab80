-- Generated from the BigQuery dialect by `npm run sql:snapshots`; do not edit by hand.

-- figures (duplicated keys and their active rows)
SELECT COALESCE(SUM(CASE WHEN _rank = 1 THEN 1 ELSE 0 END), 0) AS duplicate_keys,
  COUNT(*) AS duplicate_rows,
  COALESCE(SUM(CASE WHEN _copy > 1 THEN 1 ELSE 0 END), 0) AS copies
FROM (SELECT * FROM (
  SELECT R.*, COUNT(*) OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line`) AS _copies,
    ROW_NUMBER() OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line` ORDER BY COALESCE(R.`predicted_at`, R.`created_at`) DESC, R.`created_at` DESC, R.`prediction_id` DESC, TO_JSON_STRING(R) DESC) AS _rank,
    ROW_NUMBER() OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line`, R.`prediction_id` ORDER BY COALESCE(R.`predicted_at`, R.`created_at`) DESC, R.`created_at` DESC, R.`prediction_id` DESC, TO_JSON_STRING(R) DESC) AS _copy,
    FIRST_VALUE(R.`prediction_id`) OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line` ORDER BY COALESCE(R.`predicted_at`, R.`created_at`) DESC, R.`created_at` DESC, R.`prediction_id` DESC, TO_JSON_STRING(R) DESC) AS _keeper
  FROM `example-project.nba_predictions.player_prop_predictions` AS R
  WHERE R.game_date = DATE '2026-01-30' AND R.is_active
) AS ranked
WHERE _copies > 1) AS d;

-- rankedRows (duplicateKeys: the rows of the first keys, the one kept first)
-- parameters: @p0 INT64
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `is_active`, `superseded_by`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `updated_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, _rank, _key_number FROM (
  SELECT D.*, DENSE_RANK() OVER (ORDER BY D.`game_date`, D.`game_id`, D.`player_lookup`, D.`system_id`, D.`current_points_line`) AS _key_number
  FROM (SELECT * FROM (
  SELECT R.*, COUNT(*) OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line`) AS _copies,
    ROW_NUMBER() OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line` ORDER BY COALESCE(R.`predicted_at`, R.`created_at`) DESC, R.`created_at` DESC, R.`prediction_id` DESC, TO_JSON_STRING(R) DESC) AS _rank,
    ROW_NUMBER() OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line`, R.`prediction_id` ORDER BY COALESCE(R.`predicted_at`, R.`created_at`) DESC, R.`created_at` DESC, R.`prediction_id` DESC, TO_JSON_STRING(R) DESC) AS _copy,
    FIRST_VALUE(R.`prediction_id`) OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line` ORDER BY COALESCE(R.`predicted_at`, R.`created_at`) DESC, R.`created_at` DESC, R.`prediction_id` DESC, TO_JSON_STRING(R) DESC) AS _keeper
  FROM `example-project.nba_predictions.player_prop_predictions` AS R
  WHERE R.game_date = DATE '2026-01-30' AND R.is_active
) AS ranked
WHERE _copies > 1) AS D
) AS K
WHERE _key_number <= @p0
ORDER BY _key_number, _rank;

-- repair (one transaction: fence, MERGE, no key left duplicated)
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (SELECT * FROM (SELECT * FROM (
  SELECT R.*, COUNT(*) OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line`) AS _copies,
    ROW_NUMBER() OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line` ORDER BY COALESCE(R.`predicted_at`, R.`created_at`) DESC, R.`created_at` DESC, R.`prediction_id` DESC, TO_JSON_STRING(R) DESC) AS _rank,
    ROW_NUMBER() OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line`, R.`prediction_id` ORDER BY COALESCE(R.`predicted_at`, R.`created_at`) DESC, R.`created_at` DESC, R.`prediction_id` DESC, TO_JSON_STRING(R) DESC) AS _copy,
    FIRST_VALUE(R.`prediction_id`) OVER (PARTITION BY R.`game_date`, R.`game_id`, R.`player_lookup`, R.`system_id`, R.`current_points_line` ORDER BY COALESCE(R.`predicted_at`, R.`created_at`) DESC, R.`created_at` DESC, R.`prediction_id` DESC, TO_JSON_STRING(R) DESC) AS _keeper
  FROM `example-project.nba_predictions.player_prop_predictions` AS R
  WHERE R.game_date = DATE '2026-01-30' AND R.is_active
) AS ranked
WHERE _copies > 1) AS D WHERE _copy = 1) AS S
ON FALSE
WHEN NOT MATCHED THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `is_active`, `superseded_by`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `updated_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S._rank = 1, CASE WHEN S._rank = 1 THEN S.`superseded_by` ELSE S._keeper END, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, S.`predicted_at`, S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, CASE WHEN S._rank = 1 THEN S.`updated_at` ELSE @s1_p0 END, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`)
WHEN NOT MATCHED BY SOURCE AND T.game_date = DATE '2026-01-30' AND T.is_active
  AND EXISTS (SELECT 1 FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM `example-project.nba_predictions.player_prop_predictions`
WHERE game_date = DATE '2026-01-30' AND is_active
GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS K WHERE K.`game_date` = T.`game_date` AND K.`game_id` = T.`game_id` AND K.`player_lookup` = T.`player_lookup` AND K.`system_id` = T.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM T.`current_points_line`) THEN
  DELETE;
IF @@row_count <> 13 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: repair_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 13 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN COUNT(*) > 0 THEN CONCAT(CAST(COUNT(*) AS STRING), ' business key(s) still have more than one active row') END AS problem
FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM `example-project.nba_predictions.player_prop_predictions`
WHERE game_date = DATE '2026-01-30' AND is_active
GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS d) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: repair_verify: ', coordinator_problem); END IF;
COMMIT TRANSACTION;;
