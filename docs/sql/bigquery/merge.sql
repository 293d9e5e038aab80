-- Generated from the BigQuery dialect by `npm run sql:snapshots`; do not edit by hand.

-- MERGE: players' newest writes in the shared staging table (read in place) [1/2]
WITH deduped AS (SELECT * FROM (SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM (SELECT * FROM `example-project.nba_predictions.staged_predictions`
  WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000002
  QUALIFY write_seq = MAX(write_seq) OVER (PARTITION BY batch_id, player_lookup)) AS writes) AS staged WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30')
SELECT
  (SELECT COUNT(*) FROM (SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM (SELECT * FROM `example-project.nba_predictions.staged_predictions`
  WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000002
  QUALIFY write_seq = MAX(write_seq) OVER (PARTITION BY batch_id, player_lookup)) AS writes) AS staged) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_updated,
  (SELECT COUNT(*) FROM (SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS D) AS rows_deactivated;

-- MERGE: players' newest writes in the shared staging table (read in place) [2/2]
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (WITH deduped AS (SELECT * FROM (SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM (SELECT * FROM `example-project.nba_predictions.staged_predictions`
  WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000002
  QUALIFY write_seq = MAX(write_seq) OVER (PARTITION BY batch_id, player_lookup)) AS writes) AS staged WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE)))
SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS STRING) AS _replaced_by
FROM src LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, prediction_id FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30'
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1) AS M
  ON M.`game_date` = src.`game_date` AND M.`game_id` = src.`game_id` AND M.`player_lookup` = src.`player_lookup` AND M.`system_id` = src.`system_id` AND M.`current_points_line` IS NOT DISTINCT FROM src.`current_points_line`
UNION ALL
SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS S
ON T.game_date = DATE '2026-01-30' AND T.prediction_id = S._target_id AND T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`
WHEN MATCHED AND S._deactivate THEN
  UPDATE SET is_active = FALSE, superseded_by = S._replaced_by, updated_at = @s1_p0
WHEN MATCHED AND COALESCE(S.`predicted_at`, S.`created_at`) >= COALESCE(T.`predicted_at`, T.`created_at`) THEN
  UPDATE SET `universal_player_id` = S.`universal_player_id`,
    `prediction_version` = S.`prediction_version`,
    `predicted_points` = S.`predicted_points`,
    `confidence_score` = S.`confidence_score`,
    `recommendation` = S.`recommendation`,
    `has_prop_line` = S.`has_prop_line`,
    `similarity_baseline` = S.`similarity_baseline`,
    `fatigue_adjustment` = S.`fatigue_adjustment`,
    `shot_zone_adjustment` = S.`shot_zone_adjustment`,
    `referee_adjustment` = S.`referee_adjustment`,
    `look_ahead_adjustment` = S.`look_ahead_adjustment`,
    `pace_adjustment` = S.`pace_adjustment`,
    `usage_spike_adjustment` = S.`usage_spike_adjustment`,
    `home_away_adjustment` = S.`home_away_adjustment`,
    `other_adjustments` = S.`other_adjustments`,
    `similar_games_count` = S.`similar_games_count`,
    `avg_similarity_score` = S.`avg_similarity_score`,
    `min_similarity_score` = S.`min_similarity_score`,
    `line_margin` = S.`line_margin`,
    `ml_model_id` = S.`ml_model_id`,
    `line_source` = S.`line_source`,
    `estimated_line_value` = S.`estimated_line_value`,
    `estimation_method` = S.`estimation_method`,
    `line_source_api` = S.`line_source_api`,
    `sportsbook` = S.`sportsbook`,
    `was_line_fallback` = S.`was_line_fallback`,
    `prediction_variance` = S.`prediction_variance`,
    `system_agreement_score` = S.`system_agreement_score`,
    `contributing_systems` = S.`contributing_systems`,
    `key_factors` = S.`key_factors`,
    `warnings` = S.`warnings`,
    `expected_games_count` = S.`expected_games_count`,
    `actual_games_count` = S.`actual_games_count`,
    `completeness_percentage` = S.`completeness_percentage`,
    `missing_games_count` = S.`missing_games_count`,
    `is_production_ready` = S.`is_production_ready`,
    `data_quality_issues` = S.`data_quality_issues`,
    `last_reprocess_attempt_at` = S.`last_reprocess_attempt_at`,
    `reprocess_attempt_count` = S.`reprocess_attempt_count`,
    `circuit_breaker_active` = S.`circuit_breaker_active`,
    `circuit_breaker_until` = S.`circuit_breaker_until`,
    `manual_override_required` = S.`manual_override_required`,
    `season_boundary_detected` = S.`season_boundary_detected`,
    `backfill_bootstrap_mode` = S.`backfill_bootstrap_mode`,
    `processing_decision_reason` = S.`processing_decision_reason`,
    `injury_status_at_prediction` = S.`injury_status_at_prediction`,
    `injury_flag_at_prediction` = S.`injury_flag_at_prediction`,
    `injury_reason_at_prediction` = S.`injury_reason_at_prediction`,
    `injury_checked_at` = S.`injury_checked_at`,
    `model_version` = S.`model_version`,
    `build_commit_sha` = S.`build_commit_sha`,
    `deployment_revision` = S.`deployment_revision`,
    `predicted_at` = COALESCE(S.`predicted_at`, S.`created_at`),
    is_active = TRUE,
    superseded_by = NULL,
    updated_at = @s1_p0
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, `is_active`, `superseded_by`, `updated_at`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, COALESCE(S.`predicted_at`, S.`created_at`), S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`, TRUE, NULL, @s1_p0);
IF @@row_count <> 42 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: merge_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 42 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS STRING), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS STRING), ' with more than one') END AS problem
FROM (WITH deduped AS (SELECT * FROM (SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM (SELECT * FROM `example-project.nba_predictions.staged_predictions`
  WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000002
  QUALIFY write_seq = MAX(write_seq) OVER (PARTITION BY batch_id, player_lookup)) AS writes) AS staged WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM tgt GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE D.`game_date` = S.`game_date` AND D.`game_id` = S.`game_id` AND D.`player_lookup` = S.`player_lookup` AND D.`system_id` = S.`system_id` AND D.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_duplicated) AS v) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: verify: ', coordinator_problem); END IF;
DELETE FROM `example-project.nba_predictions.staged_predictions`
WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000002;
COMMIT TRANSACTION;;

-- MERGE: 1,000 players' writes (no statement grows with the players) [1/2]
WITH deduped AS (SELECT * FROM (SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM (SELECT * FROM `example-project.nba_predictions.staged_predictions`
  WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000999
  QUALIFY write_seq = MAX(write_seq) OVER (PARTITION BY batch_id, player_lookup)) AS writes) AS staged WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30')
SELECT
  (SELECT COUNT(*) FROM (SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM (SELECT * FROM `example-project.nba_predictions.staged_predictions`
  WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000999
  QUALIFY write_seq = MAX(write_seq) OVER (PARTITION BY batch_id, player_lookup)) AS writes) AS staged) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_updated,
  (SELECT COUNT(*) FROM (SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS D) AS rows_deactivated;

-- MERGE: 1,000 players' writes (no statement grows with the players) [2/2]
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (WITH deduped AS (SELECT * FROM (SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM (SELECT * FROM `example-project.nba_predictions.staged_predictions`
  WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000999
  QUALIFY write_seq = MAX(write_seq) OVER (PARTITION BY batch_id, player_lookup)) AS writes) AS staged WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE)))
SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS STRING) AS _replaced_by
FROM src LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, prediction_id FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30'
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1) AS M
  ON M.`game_date` = src.`game_date` AND M.`game_id` = src.`game_id` AND M.`player_lookup` = src.`player_lookup` AND M.`system_id` = src.`system_id` AND M.`current_points_line` IS NOT DISTINCT FROM src.`current_points_line`
UNION ALL
SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS S
ON T.game_date = DATE '2026-01-30' AND T.prediction_id = S._target_id AND T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`
WHEN MATCHED AND S._deactivate THEN
  UPDATE SET is_active = FALSE, superseded_by = S._replaced_by, updated_at = @s1_p0
WHEN MATCHED AND COALESCE(S.`predicted_at`, S.`created_at`) >= COALESCE(T.`predicted_at`, T.`created_at`) THEN
  UPDATE SET `universal_player_id` = S.`universal_player_id`,
    `prediction_version` = S.`prediction_version`,
    `predicted_points` = S.`predicted_points`,
    `confidence_score` = S.`confidence_score`,
    `recommendation` = S.`recommendation`,
    `has_prop_line` = S.`has_prop_line`,
    `similarity_baseline` = S.`similarity_baseline`,
    `fatigue_adjustment` = S.`fatigue_adjustment`,
    `shot_zone_adjustment` = S.`shot_zone_adjustment`,
    `referee_adjustment` = S.`referee_adjustment`,
    `look_ahead_adjustment` = S.`look_ahead_adjustment`,
    `pace_adjustment` = S.`pace_adjustment`,
    `usage_spike_adjustment` = S.`usage_spike_adjustment`,
    `home_away_adjustment` = S.`home_away_adjustment`,
    `other_adjustments` = S.`other_adjustments`,
    `similar_games_count` = S.`similar_games_count`,
    `avg_similarity_score` = S.`avg_similarity_score`,
    `min_similarity_score` = S.`min_similarity_score`,
    `line_margin` = S.`line_margin`,
    `ml_model_id` = S.`ml_model_id`,
    `line_source` = S.`line_source`,
    `estimated_line_value` = S.`estimated_line_value`,
    `estimation_method` = S.`estimation_method`,
    `line_source_api` = S.`line_source_api`,
    `sportsbook` = S.`sportsbook`,
    `was_line_fallback` = S.`was_line_fallback`,
    `prediction_variance` = S.`prediction_variance`,
    `system_agreement_score` = S.`system_agreement_score`,
    `contributing_systems` = S.`contributing_systems`,
    `key_factors` = S.`key_factors`,
    `warnings` = S.`warnings`,
    `expected_games_count` = S.`expected_games_count`,
    `actual_games_count` = S.`actual_games_count`,
    `completeness_percentage` = S.`completeness_percentage`,
    `missing_games_count` = S.`missing_games_count`,
    `is_production_ready` = S.`is_production_ready`,
    `data_quality_issues` = S.`data_quality_issues`,
    `last_reprocess_attempt_at` = S.`last_reprocess_attempt_at`,
    `reprocess_attempt_count` = S.`reprocess_attempt_count`,
    `circuit_breaker_active` = S.`circuit_breaker_active`,
    `circuit_breaker_until` = S.`circuit_breaker_until`,
    `manual_override_required` = S.`manual_override_required`,
    `season_boundary_detected` = S.`season_boundary_detected`,
    `backfill_bootstrap_mode` = S.`backfill_bootstrap_mode`,
    `processing_decision_reason` = S.`processing_decision_reason`,
    `injury_status_at_prediction` = S.`injury_status_at_prediction`,
    `injury_flag_at_prediction` = S.`injury_flag_at_prediction`,
    `injury_reason_at_prediction` = S.`injury_reason_at_prediction`,
    `injury_checked_at` = S.`injury_checked_at`,
    `model_version` = S.`model_version`,
    `build_commit_sha` = S.`build_commit_sha`,
    `deployment_revision` = S.`deployment_revision`,
    `predicted_at` = COALESCE(S.`predicted_at`, S.`created_at`),
    is_active = TRUE,
    superseded_by = NULL,
    updated_at = @s1_p0
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, `is_active`, `superseded_by`, `updated_at`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, COALESCE(S.`predicted_at`, S.`created_at`), S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`, TRUE, NULL, @s1_p0);
IF @@row_count <> 42 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: merge_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 42 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS STRING), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS STRING), ' with more than one') END AS problem
FROM (WITH deduped AS (SELECT * FROM (SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM (SELECT * FROM `example-project.nba_predictions.staged_predictions`
  WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000999
  QUALIFY write_seq = MAX(write_seq) OVER (PARTITION BY batch_id, player_lookup)) AS writes) AS staged WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM tgt GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE D.`game_date` = S.`game_date` AND D.`game_id` = S.`game_id` AND D.`player_lookup` = S.`player_lookup` AND D.`system_id` = S.`system_id` AND D.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_duplicated) AS v) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: verify: ', coordinator_problem); END IF;
DELETE FROM `example-project.nba_predictions.staged_predictions`
WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000999;
COMMIT TRANSACTION;;

-- MERGE: writes and a staging table of its own (combined first) [1/3]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_full`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM (SELECT * FROM `example-project.nba_predictions.staged_predictions`
  WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000001
  QUALIFY write_seq = MAX(write_seq) OVER (PARTITION BY batch_id, player_lookup)) AS writes;

-- MERGE: writes and a staging table of its own (combined first) [2/3]
WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30')
SELECT
  (SELECT COUNT(*) FROM `example-project.nba_predictions._combine_run1`) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_updated,
  (SELECT COUNT(*) FROM (SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS D) AS rows_deactivated;

-- MERGE: writes and a staging table of its own (combined first) [3/3]
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE)))
SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS STRING) AS _replaced_by
FROM src LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, prediction_id FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30'
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1) AS M
  ON M.`game_date` = src.`game_date` AND M.`game_id` = src.`game_id` AND M.`player_lookup` = src.`player_lookup` AND M.`system_id` = src.`system_id` AND M.`current_points_line` IS NOT DISTINCT FROM src.`current_points_line`
UNION ALL
SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS S
ON T.game_date = DATE '2026-01-30' AND T.prediction_id = S._target_id AND T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`
WHEN MATCHED AND S._deactivate THEN
  UPDATE SET is_active = FALSE, superseded_by = S._replaced_by, updated_at = @s1_p0
WHEN MATCHED AND COALESCE(S.`predicted_at`, S.`created_at`) >= COALESCE(T.`predicted_at`, T.`created_at`) THEN
  UPDATE SET `universal_player_id` = S.`universal_player_id`,
    `prediction_version` = S.`prediction_version`,
    `predicted_points` = S.`predicted_points`,
    `confidence_score` = S.`confidence_score`,
    `recommendation` = S.`recommendation`,
    `has_prop_line` = S.`has_prop_line`,
    `similarity_baseline` = S.`similarity_baseline`,
    `fatigue_adjustment` = S.`fatigue_adjustment`,
    `shot_zone_adjustment` = S.`shot_zone_adjustment`,
    `referee_adjustment` = S.`referee_adjustment`,
    `look_ahead_adjustment` = S.`look_ahead_adjustment`,
    `pace_adjustment` = S.`pace_adjustment`,
    `usage_spike_adjustment` = S.`usage_spike_adjustment`,
    `home_away_adjustment` = S.`home_away_adjustment`,
    `other_adjustments` = S.`other_adjustments`,
    `similar_games_count` = S.`similar_games_count`,
    `avg_similarity_score` = S.`avg_similarity_score`,
    `min_similarity_score` = S.`min_similarity_score`,
    `line_margin` = S.`line_margin`,
    `ml_model_id` = S.`ml_model_id`,
    `line_source` = S.`line_source`,
    `estimated_line_value` = S.`estimated_line_value`,
    `estimation_method` = S.`estimation_method`,
    `line_source_api` = S.`line_source_api`,
    `sportsbook` = S.`sportsbook`,
    `was_line_fallback` = S.`was_line_fallback`,
    `prediction_variance` = S.`prediction_variance`,
    `system_agreement_score` = S.`system_agreement_score`,
    `contributing_systems` = S.`contributing_systems`,
    `key_factors` = S.`key_factors`,
    `warnings` = S.`warnings`,
    `expected_games_count` = S.`expected_games_count`,
    `actual_games_count` = S.`actual_games_count`,
    `completeness_percentage` = S.`completeness_percentage`,
    `missing_games_count` = S.`missing_games_count`,
    `is_production_ready` = S.`is_production_ready`,
    `data_quality_issues` = S.`data_quality_issues`,
    `last_reprocess_attempt_at` = S.`last_reprocess_attempt_at`,
    `reprocess_attempt_count` = S.`reprocess_attempt_count`,
    `circuit_breaker_active` = S.`circuit_breaker_active`,
    `circuit_breaker_until` = S.`circuit_breaker_until`,
    `manual_override_required` = S.`manual_override_required`,
    `season_boundary_detected` = S.`season_boundary_detected`,
    `backfill_bootstrap_mode` = S.`backfill_bootstrap_mode`,
    `processing_decision_reason` = S.`processing_decision_reason`,
    `injury_status_at_prediction` = S.`injury_status_at_prediction`,
    `injury_flag_at_prediction` = S.`injury_flag_at_prediction`,
    `injury_reason_at_prediction` = S.`injury_reason_at_prediction`,
    `injury_checked_at` = S.`injury_checked_at`,
    `model_version` = S.`model_version`,
    `build_commit_sha` = S.`build_commit_sha`,
    `deployment_revision` = S.`deployment_revision`,
    `predicted_at` = COALESCE(S.`predicted_at`, S.`created_at`),
    is_active = TRUE,
    superseded_by = NULL,
    updated_at = @s1_p0
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, `is_active`, `superseded_by`, `updated_at`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, COALESCE(S.`predicted_at`, S.`created_at`), S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`, TRUE, NULL, @s1_p0);
IF @@row_count <> 42 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: merge_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 42 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS STRING), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS STRING), ' with more than one') END AS problem
FROM (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM tgt GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE D.`game_date` = S.`game_date` AND D.`game_id` = S.`game_id` AND D.`player_lookup` = S.`player_lookup` AND D.`system_id` = S.`system_id` AND D.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_duplicated) AS v) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: verify: ', coordinator_problem); END IF;
DELETE FROM `example-project.nba_predictions.staged_predictions`
WHERE game_date = DATE '2026-01-30' AND batch_id IN ('b20260130_1') AND write_seq <= 1769785200000001;
COMMIT TRANSACTION;;

-- MERGE: identical columns [1/3]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_identical`;

-- MERGE: identical columns [2/3]
WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30')
SELECT
  (SELECT COUNT(*) FROM `example-project.nba_predictions._combine_run1`) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_updated,
  (SELECT COUNT(*) FROM (SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS D) AS rows_deactivated;

-- MERGE: identical columns [3/3]
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE)))
SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS STRING) AS _replaced_by
FROM src LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, prediction_id FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30'
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1) AS M
  ON M.`game_date` = src.`game_date` AND M.`game_id` = src.`game_id` AND M.`player_lookup` = src.`player_lookup` AND M.`system_id` = src.`system_id` AND M.`current_points_line` IS NOT DISTINCT FROM src.`current_points_line`
UNION ALL
SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS S
ON T.game_date = DATE '2026-01-30' AND T.prediction_id = S._target_id AND T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`
WHEN MATCHED AND S._deactivate THEN
  UPDATE SET is_active = FALSE, superseded_by = S._replaced_by, updated_at = @s1_p0
WHEN MATCHED AND COALESCE(S.`predicted_at`, S.`created_at`) >= COALESCE(T.`predicted_at`, T.`created_at`) THEN
  UPDATE SET `universal_player_id` = S.`universal_player_id`,
    `prediction_version` = S.`prediction_version`,
    `predicted_points` = S.`predicted_points`,
    `confidence_score` = S.`confidence_score`,
    `recommendation` = S.`recommendation`,
    `has_prop_line` = S.`has_prop_line`,
    `similarity_baseline` = S.`similarity_baseline`,
    `fatigue_adjustment` = S.`fatigue_adjustment`,
    `shot_zone_adjustment` = S.`shot_zone_adjustment`,
    `referee_adjustment` = S.`referee_adjustment`,
    `look_ahead_adjustment` = S.`look_ahead_adjustment`,
    `pace_adjustment` = S.`pace_adjustment`,
    `usage_spike_adjustment` = S.`usage_spike_adjustment`,
    `home_away_adjustment` = S.`home_away_adjustment`,
    `other_adjustments` = S.`other_adjustments`,
    `similar_games_count` = S.`similar_games_count`,
    `avg_similarity_score` = S.`avg_similarity_score`,
    `min_similarity_score` = S.`min_similarity_score`,
    `line_margin` = S.`line_margin`,
    `ml_model_id` = S.`ml_model_id`,
    `line_source` = S.`line_source`,
    `estimated_line_value` = S.`estimated_line_value`,
    `estimation_method` = S.`estimation_method`,
    `line_source_api` = S.`line_source_api`,
    `sportsbook` = S.`sportsbook`,
    `was_line_fallback` = S.`was_line_fallback`,
    `prediction_variance` = S.`prediction_variance`,
    `system_agreement_score` = S.`system_agreement_score`,
    `contributing_systems` = S.`contributing_systems`,
    `key_factors` = S.`key_factors`,
    `warnings` = S.`warnings`,
    `expected_games_count` = S.`expected_games_count`,
    `actual_games_count` = S.`actual_games_count`,
    `completeness_percentage` = S.`completeness_percentage`,
    `missing_games_count` = S.`missing_games_count`,
    `is_production_ready` = S.`is_production_ready`,
    `data_quality_issues` = S.`data_quality_issues`,
    `last_reprocess_attempt_at` = S.`last_reprocess_attempt_at`,
    `reprocess_attempt_count` = S.`reprocess_attempt_count`,
    `circuit_breaker_active` = S.`circuit_breaker_active`,
    `circuit_breaker_until` = S.`circuit_breaker_until`,
    `manual_override_required` = S.`manual_override_required`,
    `season_boundary_detected` = S.`season_boundary_detected`,
    `backfill_bootstrap_mode` = S.`backfill_bootstrap_mode`,
    `processing_decision_reason` = S.`processing_decision_reason`,
    `injury_status_at_prediction` = S.`injury_status_at_prediction`,
    `injury_flag_at_prediction` = S.`injury_flag_at_prediction`,
    `injury_reason_at_prediction` = S.`injury_reason_at_prediction`,
    `injury_checked_at` = S.`injury_checked_at`,
    `model_version` = S.`model_version`,
    `build_commit_sha` = S.`build_commit_sha`,
    `deployment_revision` = S.`deployment_revision`,
    `feature_count` = S.`feature_count`,
    `feature_data_source` = S.`feature_data_source`,
    `early_season_flag` = S.`early_season_flag`,
    `prediction_error_code` = S.`prediction_error_code`,
    `prediction_warnings` = S.`prediction_warnings`,
    `raw_confidence_score` = S.`raw_confidence_score`,
    `calibrated_confidence_score` = S.`calibrated_confidence_score`,
    `calibration_method` = S.`calibration_method`,
    `feature_quality_score` = S.`feature_quality_score`,
    `predicted_at` = COALESCE(S.`predicted_at`, S.`created_at`),
    is_active = TRUE,
    superseded_by = NULL,
    updated_at = @s1_p0
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, `is_active`, `superseded_by`, `updated_at`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, COALESCE(S.`predicted_at`, S.`created_at`), S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`, TRUE, NULL, @s1_p0);
IF @@row_count <> 42 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: merge_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 42 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS STRING), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS STRING), ' with more than one') END AS problem
FROM (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM tgt GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE D.`game_date` = S.`game_date` AND D.`game_id` = S.`game_id` AND D.`player_lookup` = S.`player_lookup` AND D.`system_id` = S.`system_id` AND D.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_duplicated) AS v) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: verify: ', coordinator_problem); END IF;
COMMIT TRANSACTION;;

-- MERGE: 63 worker columns (9 target-only), 1 staging table, deactivation on [1/3]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_full`;

-- MERGE: 63 worker columns (9 target-only), 1 staging table, deactivation on [2/3]
WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30')
SELECT
  (SELECT COUNT(*) FROM `example-project.nba_predictions._combine_run1`) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_updated,
  (SELECT COUNT(*) FROM (SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS D) AS rows_deactivated;

-- MERGE: 63 worker columns (9 target-only), 1 staging table, deactivation on [3/3]
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE)))
SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS STRING) AS _replaced_by
FROM src LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, prediction_id FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30'
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1) AS M
  ON M.`game_date` = src.`game_date` AND M.`game_id` = src.`game_id` AND M.`player_lookup` = src.`player_lookup` AND M.`system_id` = src.`system_id` AND M.`current_points_line` IS NOT DISTINCT FROM src.`current_points_line`
UNION ALL
SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS S
ON T.game_date = DATE '2026-01-30' AND T.prediction_id = S._target_id AND T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`
WHEN MATCHED AND S._deactivate THEN
  UPDATE SET is_active = FALSE, superseded_by = S._replaced_by, updated_at = @s1_p0
WHEN MATCHED AND COALESCE(S.`predicted_at`, S.`created_at`) >= COALESCE(T.`predicted_at`, T.`created_at`) THEN
  UPDATE SET `universal_player_id` = S.`universal_player_id`,
    `prediction_version` = S.`prediction_version`,
    `predicted_points` = S.`predicted_points`,
    `confidence_score` = S.`confidence_score`,
    `recommendation` = S.`recommendation`,
    `has_prop_line` = S.`has_prop_line`,
    `similarity_baseline` = S.`similarity_baseline`,
    `fatigue_adjustment` = S.`fatigue_adjustment`,
    `shot_zone_adjustment` = S.`shot_zone_adjustment`,
    `referee_adjustment` = S.`referee_adjustment`,
    `look_ahead_adjustment` = S.`look_ahead_adjustment`,
    `pace_adjustment` = S.`pace_adjustment`,
    `usage_spike_adjustment` = S.`usage_spike_adjustment`,
    `home_away_adjustment` = S.`home_away_adjustment`,
    `other_adjustments` = S.`other_adjustments`,
    `similar_games_count` = S.`similar_games_count`,
    `avg_similarity_score` = S.`avg_similarity_score`,
    `min_similarity_score` = S.`min_similarity_score`,
    `line_margin` = S.`line_margin`,
    `ml_model_id` = S.`ml_model_id`,
    `line_source` = S.`line_source`,
    `estimated_line_value` = S.`estimated_line_value`,
    `estimation_method` = S.`estimation_method`,
    `line_source_api` = S.`line_source_api`,
    `sportsbook` = S.`sportsbook`,
    `was_line_fallback` = S.`was_line_fallback`,
    `prediction_variance` = S.`prediction_variance`,
    `system_agreement_score` = S.`system_agreement_score`,
    `contributing_systems` = S.`contributing_systems`,
    `key_factors` = S.`key_factors`,
    `warnings` = S.`warnings`,
    `expected_games_count` = S.`expected_games_count`,
    `actual_games_count` = S.`actual_games_count`,
    `completeness_percentage` = S.`completeness_percentage`,
    `missing_games_count` = S.`missing_games_count`,
    `is_production_ready` = S.`is_production_ready`,
    `data_quality_issues` = S.`data_quality_issues`,
    `last_reprocess_attempt_at` = S.`last_reprocess_attempt_at`,
    `reprocess_attempt_count` = S.`reprocess_attempt_count`,
    `circuit_breaker_active` = S.`circuit_breaker_active`,
    `circuit_breaker_until` = S.`circuit_breaker_until`,
    `manual_override_required` = S.`manual_override_required`,
    `season_boundary_detected` = S.`season_boundary_detected`,
    `backfill_bootstrap_mode` = S.`backfill_bootstrap_mode`,
    `processing_decision_reason` = S.`processing_decision_reason`,
    `injury_status_at_prediction` = S.`injury_status_at_prediction`,
    `injury_flag_at_prediction` = S.`injury_flag_at_prediction`,
    `injury_reason_at_prediction` = S.`injury_reason_at_prediction`,
    `injury_checked_at` = S.`injury_checked_at`,
    `model_version` = S.`model_version`,
    `build_commit_sha` = S.`build_commit_sha`,
    `deployment_revision` = S.`deployment_revision`,
    `predicted_at` = COALESCE(S.`predicted_at`, S.`created_at`),
    is_active = TRUE,
    superseded_by = NULL,
    updated_at = @s1_p0
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, `is_active`, `superseded_by`, `updated_at`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, COALESCE(S.`predicted_at`, S.`created_at`), S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`, TRUE, NULL, @s1_p0);
IF @@row_count <> 42 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: merge_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 42 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS STRING), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS STRING), ' with more than one') END AS problem
FROM (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM tgt GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE D.`game_date` = S.`game_date` AND D.`game_id` = S.`game_id` AND D.`player_lookup` = S.`player_lookup` AND D.`system_id` = S.`system_id` AND D.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_duplicated) AS v) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: verify: ', coordinator_problem); END IF;
COMMIT TRANSACTION;;

-- MERGE: 63 worker columns, 1 staging table, deactivation off [1/3]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_full`;

-- MERGE: 63 worker columns, 1 staging table, deactivation off [2/3]
WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30')
SELECT
  (SELECT COUNT(*) FROM `example-project.nba_predictions._combine_run1`) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_updated,
  0 AS rows_deactivated;

-- MERGE: 63 worker columns, 1 staging table, deactivation off [3/3]
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE)))
SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS STRING) AS _replaced_by
FROM src LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, prediction_id FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30'
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1) AS M
  ON M.`game_date` = src.`game_date` AND M.`game_id` = src.`game_id` AND M.`player_lookup` = src.`player_lookup` AND M.`system_id` = src.`system_id` AND M.`current_points_line` IS NOT DISTINCT FROM src.`current_points_line`) AS S
ON T.game_date = DATE '2026-01-30' AND T.prediction_id = S._target_id AND T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`
WHEN MATCHED AND COALESCE(S.`predicted_at`, S.`created_at`) >= COALESCE(T.`predicted_at`, T.`created_at`) THEN
  UPDATE SET `universal_player_id` = S.`universal_player_id`,
    `prediction_version` = S.`prediction_version`,
    `predicted_points` = S.`predicted_points`,
    `confidence_score` = S.`confidence_score`,
    `recommendation` = S.`recommendation`,
    `has_prop_line` = S.`has_prop_line`,
    `similarity_baseline` = S.`similarity_baseline`,
    `fatigue_adjustment` = S.`fatigue_adjustment`,
    `shot_zone_adjustment` = S.`shot_zone_adjustment`,
    `referee_adjustment` = S.`referee_adjustment`,
    `look_ahead_adjustment` = S.`look_ahead_adjustment`,
    `pace_adjustment` = S.`pace_adjustment`,
    `usage_spike_adjustment` = S.`usage_spike_adjustment`,
    `home_away_adjustment` = S.`home_away_adjustment`,
    `other_adjustments` = S.`other_adjustments`,
    `similar_games_count` = S.`similar_games_count`,
    `avg_similarity_score` = S.`avg_similarity_score`,
    `min_similarity_score` = S.`min_similarity_score`,
    `line_margin` = S.`line_margin`,
    `ml_model_id` = S.`ml_model_id`,
    `line_source` = S.`line_source`,
    `estimated_line_value` = S.`estimated_line_value`,
    `estimation_method` = S.`estimation_method`,
    `line_source_api` = S.`line_source_api`,
    `sportsbook` = S.`sportsbook`,
    `was_line_fallback` = S.`was_line_fallback`,
    `prediction_variance` = S.`prediction_variance`,
    `system_agreement_score` = S.`system_agreement_score`,
    `contributing_systems` = S.`contributing_systems`,
    `key_factors` = S.`key_factors`,
    `warnings` = S.`warnings`,
    `expected_games_count` = S.`expected_games_count`,
    `actual_games_count` = S.`actual_games_count`,
    `completeness_percentage` = S.`completeness_percentage`,
    `missing_games_count` = S.`missing_games_count`,
    `is_production_ready` = S.`is_production_ready`,
    `data_quality_issues` = S.`data_quality_issues`,
    `last_reprocess_attempt_at` = S.`last_reprocess_attempt_at`,
    `reprocess_attempt_count` = S.`reprocess_attempt_count`,
    `circuit_breaker_active` = S.`circuit_breaker_active`,
    `circuit_breaker_until` = S.`circuit_breaker_until`,
    `manual_override_required` = S.`manual_override_required`,
    `season_boundary_detected` = S.`season_boundary_detected`,
    `backfill_bootstrap_mode` = S.`backfill_bootstrap_mode`,
    `processing_decision_reason` = S.`processing_decision_reason`,
    `injury_status_at_prediction` = S.`injury_status_at_prediction`,
    `injury_flag_at_prediction` = S.`injury_flag_at_prediction`,
    `injury_reason_at_prediction` = S.`injury_reason_at_prediction`,
    `injury_checked_at` = S.`injury_checked_at`,
    `model_version` = S.`model_version`,
    `build_commit_sha` = S.`build_commit_sha`,
    `deployment_revision` = S.`deployment_revision`,
    `predicted_at` = COALESCE(S.`predicted_at`, S.`created_at`),
    is_active = TRUE,
    superseded_by = NULL,
    updated_at = @s1_p0
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, `is_active`, `superseded_by`, `updated_at`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, COALESCE(S.`predicted_at`, S.`created_at`), S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`, TRUE, NULL, @s1_p0);
IF @@row_count <> 42 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: merge_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 42 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS STRING), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS STRING), ' with more than one') END AS problem
FROM (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM tgt GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE D.`game_date` = S.`game_date` AND D.`game_id` = S.`game_id` AND D.`player_lookup` = S.`player_lookup` AND D.`system_id` = S.`system_id` AND D.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_duplicated) AS v) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: verify: ', coordinator_problem); END IF;
COMMIT TRANSACTION;;

-- MERGE: one staging table with fewer columns (kept on update) [1/3]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score`, TRUE AS `_present_line_margin`, TRUE AS `_present_sportsbook`, TRUE AS `_present_key_factors`, TRUE AS `_present_warnings`, TRUE AS `_present_injury_checked_at` FROM `example-project.nba_predictions._staging_b20260130_1_full`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, CAST(NULL AS NUMERIC(5, 2)) AS `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, CAST(NULL AS STRING) AS `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, CAST(NULL AS JSON) AS `key_factors`, CAST(NULL AS JSON) AS `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, CAST(NULL AS TIMESTAMP) AS `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score`, FALSE AS `_present_line_margin`, FALSE AS `_present_sportsbook`, FALSE AS `_present_key_factors`, FALSE AS `_present_warnings`, FALSE AS `_present_injury_checked_at` FROM `example-project.nba_predictions._staging_b20260130_1_fewer`;

-- MERGE: one staging table with fewer columns (kept on update) [2/3]
WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30')
SELECT
  (SELECT COUNT(*) FROM `example-project.nba_predictions._combine_run1`) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_updated,
  (SELECT COUNT(*) FROM (SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, FALSE AS `_present_line_margin`, FALSE AS `_present_sportsbook`, FALSE AS `_present_key_factors`, FALSE AS `_present_warnings`, FALSE AS `_present_injury_checked_at`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS D) AS rows_deactivated;

-- MERGE: one staging table with fewer columns (kept on update) [3/3]
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE)))
SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS STRING) AS _replaced_by
FROM src LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, prediction_id FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30'
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1) AS M
  ON M.`game_date` = src.`game_date` AND M.`game_id` = src.`game_id` AND M.`player_lookup` = src.`player_lookup` AND M.`system_id` = src.`system_id` AND M.`current_points_line` IS NOT DISTINCT FROM src.`current_points_line`
UNION ALL
SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, FALSE AS `_present_line_margin`, FALSE AS `_present_sportsbook`, FALSE AS `_present_key_factors`, FALSE AS `_present_warnings`, FALSE AS `_present_injury_checked_at`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS S
ON T.game_date = DATE '2026-01-30' AND T.prediction_id = S._target_id AND T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`
WHEN MATCHED AND S._deactivate THEN
  UPDATE SET is_active = FALSE, superseded_by = S._replaced_by, updated_at = @s1_p0
WHEN MATCHED AND COALESCE(S.`predicted_at`, S.`created_at`) >= COALESCE(T.`predicted_at`, T.`created_at`) THEN
  UPDATE SET `universal_player_id` = S.`universal_player_id`,
    `prediction_version` = S.`prediction_version`,
    `predicted_points` = S.`predicted_points`,
    `confidence_score` = S.`confidence_score`,
    `recommendation` = S.`recommendation`,
    `has_prop_line` = S.`has_prop_line`,
    `similarity_baseline` = S.`similarity_baseline`,
    `fatigue_adjustment` = S.`fatigue_adjustment`,
    `shot_zone_adjustment` = S.`shot_zone_adjustment`,
    `referee_adjustment` = S.`referee_adjustment`,
    `look_ahead_adjustment` = S.`look_ahead_adjustment`,
    `pace_adjustment` = S.`pace_adjustment`,
    `usage_spike_adjustment` = S.`usage_spike_adjustment`,
    `home_away_adjustment` = S.`home_away_adjustment`,
    `other_adjustments` = S.`other_adjustments`,
    `similar_games_count` = S.`similar_games_count`,
    `avg_similarity_score` = S.`avg_similarity_score`,
    `min_similarity_score` = S.`min_similarity_score`,
    `line_margin` = CASE WHEN S.`_present_line_margin` THEN S.`line_margin` ELSE T.`line_margin` END,
    `ml_model_id` = S.`ml_model_id`,
    `line_source` = S.`line_source`,
    `estimated_line_value` = S.`estimated_line_value`,
    `estimation_method` = S.`estimation_method`,
    `line_source_api` = S.`line_source_api`,
    `sportsbook` = CASE WHEN S.`_present_sportsbook` THEN S.`sportsbook` ELSE T.`sportsbook` END,
    `was_line_fallback` = S.`was_line_fallback`,
    `prediction_variance` = S.`prediction_variance`,
    `system_agreement_score` = S.`system_agreement_score`,
    `contributing_systems` = S.`contributing_systems`,
    `key_factors` = CASE WHEN S.`_present_key_factors` THEN S.`key_factors` ELSE T.`key_factors` END,
    `warnings` = CASE WHEN S.`_present_warnings` THEN S.`warnings` ELSE T.`warnings` END,
    `expected_games_count` = S.`expected_games_count`,
    `actual_games_count` = S.`actual_games_count`,
    `completeness_percentage` = S.`completeness_percentage`,
    `missing_games_count` = S.`missing_games_count`,
    `is_production_ready` = S.`is_production_ready`,
    `data_quality_issues` = S.`data_quality_issues`,
    `last_reprocess_attempt_at` = S.`last_reprocess_attempt_at`,
    `reprocess_attempt_count` = S.`reprocess_attempt_count`,
    `circuit_breaker_active` = S.`circuit_breaker_active`,
    `circuit_breaker_until` = S.`circuit_breaker_until`,
    `manual_override_required` = S.`manual_override_required`,
    `season_boundary_detected` = S.`season_boundary_detected`,
    `backfill_bootstrap_mode` = S.`backfill_bootstrap_mode`,
    `processing_decision_reason` = S.`processing_decision_reason`,
    `injury_status_at_prediction` = S.`injury_status_at_prediction`,
    `injury_flag_at_prediction` = S.`injury_flag_at_prediction`,
    `injury_reason_at_prediction` = S.`injury_reason_at_prediction`,
    `injury_checked_at` = CASE WHEN S.`_present_injury_checked_at` THEN S.`injury_checked_at` ELSE T.`injury_checked_at` END,
    `model_version` = S.`model_version`,
    `build_commit_sha` = S.`build_commit_sha`,
    `deployment_revision` = S.`deployment_revision`,
    `predicted_at` = COALESCE(S.`predicted_at`, S.`created_at`),
    is_active = TRUE,
    superseded_by = NULL,
    updated_at = @s1_p0
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, `is_active`, `superseded_by`, `updated_at`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, COALESCE(S.`predicted_at`, S.`created_at`), S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`, TRUE, NULL, @s1_p0);
IF @@row_count <> 42 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: merge_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 42 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS STRING), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS STRING), ' with more than one') END AS problem
FROM (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM tgt GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE D.`game_date` = S.`game_date` AND D.`game_id` = S.`game_id` AND D.`player_lookup` = S.`player_lookup` AND D.`system_id` = S.`system_id` AND D.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_duplicated) AS v) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: verify: ', coordinator_problem); END IF;
COMMIT TRANSACTION;;

-- MERGE: an extra staging column under append_new_columns [1/4]
ALTER TABLE `example-project.nba_predictions.player_prop_predictions` ADD COLUMN IF NOT EXISTS `edge_score` FLOAT64;

-- MERGE: an extra staging column under append_new_columns [2/4]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score`, CAST(NULL AS FLOAT64) AS `edge_score`, FALSE AS `_present_edge_score` FROM `example-project.nba_predictions._staging_b20260130_1_full`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score`, `edge_score`, TRUE AS `_present_edge_score` FROM `example-project.nba_predictions._staging_b20260130_1_extra`;

-- MERGE: an extra staging column under append_new_columns [3/4]
WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30')
SELECT
  (SELECT COUNT(*) FROM `example-project.nba_predictions._combine_run1`) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_updated,
  (SELECT COUNT(*) FROM (SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, T.`edge_score`, FALSE AS `_present_edge_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS D) AS rows_deactivated;

-- MERGE: an extra staging column under append_new_columns [4/4]
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE)))
SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS STRING) AS _replaced_by
FROM src LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, prediction_id FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30'
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1) AS M
  ON M.`game_date` = src.`game_date` AND M.`game_id` = src.`game_id` AND M.`player_lookup` = src.`player_lookup` AND M.`system_id` = src.`system_id` AND M.`current_points_line` IS NOT DISTINCT FROM src.`current_points_line`
UNION ALL
SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, T.`edge_score`, FALSE AS `_present_edge_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS S
ON T.game_date = DATE '2026-01-30' AND T.prediction_id = S._target_id AND T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`
WHEN MATCHED AND S._deactivate THEN
  UPDATE SET is_active = FALSE, superseded_by = S._replaced_by, updated_at = @s1_p0
WHEN MATCHED AND COALESCE(S.`predicted_at`, S.`created_at`) >= COALESCE(T.`predicted_at`, T.`created_at`) THEN
  UPDATE SET `universal_player_id` = S.`universal_player_id`,
    `prediction_version` = S.`prediction_version`,
    `predicted_points` = S.`predicted_points`,
    `confidence_score` = S.`confidence_score`,
    `recommendation` = S.`recommendation`,
    `has_prop_line` = S.`has_prop_line`,
    `similarity_baseline` = S.`similarity_baseline`,
    `fatigue_adjustment` = S.`fatigue_adjustment`,
    `shot_zone_adjustment` = S.`shot_zone_adjustment`,
    `referee_adjustment` = S.`referee_adjustment`,
    `look_ahead_adjustment` = S.`look_ahead_adjustment`,
    `pace_adjustment` = S.`pace_adjustment`,
    `usage_spike_adjustment` = S.`usage_spike_adjustment`,
    `home_away_adjustment` = S.`home_away_adjustment`,
    `other_adjustments` = S.`other_adjustments`,
    `similar_games_count` = S.`similar_games_count`,
    `avg_similarity_score` = S.`avg_similarity_score`,
    `min_similarity_score` = S.`min_similarity_score`,
    `line_margin` = S.`line_margin`,
    `ml_model_id` = S.`ml_model_id`,
    `line_source` = S.`line_source`,
    `estimated_line_value` = S.`estimated_line_value`,
    `estimation_method` = S.`estimation_method`,
    `line_source_api` = S.`line_source_api`,
    `sportsbook` = S.`sportsbook`,
    `was_line_fallback` = S.`was_line_fallback`,
    `prediction_variance` = S.`prediction_variance`,
    `system_agreement_score` = S.`system_agreement_score`,
    `contributing_systems` = S.`contributing_systems`,
    `key_factors` = S.`key_factors`,
    `warnings` = S.`warnings`,
    `expected_games_count` = S.`expected_games_count`,
    `actual_games_count` = S.`actual_games_count`,
    `completeness_percentage` = S.`completeness_percentage`,
    `missing_games_count` = S.`missing_games_count`,
    `is_production_ready` = S.`is_production_ready`,
    `data_quality_issues` = S.`data_quality_issues`,
    `last_reprocess_attempt_at` = S.`last_reprocess_attempt_at`,
    `reprocess_attempt_count` = S.`reprocess_attempt_count`,
    `circuit_breaker_active` = S.`circuit_breaker_active`,
    `circuit_breaker_until` = S.`circuit_breaker_until`,
    `manual_override_required` = S.`manual_override_required`,
    `season_boundary_detected` = S.`season_boundary_detected`,
    `backfill_bootstrap_mode` = S.`backfill_bootstrap_mode`,
    `processing_decision_reason` = S.`processing_decision_reason`,
    `injury_status_at_prediction` = S.`injury_status_at_prediction`,
    `injury_flag_at_prediction` = S.`injury_flag_at_prediction`,
    `injury_reason_at_prediction` = S.`injury_reason_at_prediction`,
    `injury_checked_at` = S.`injury_checked_at`,
    `model_version` = S.`model_version`,
    `build_commit_sha` = S.`build_commit_sha`,
    `deployment_revision` = S.`deployment_revision`,
    `edge_score` = CASE WHEN S.`_present_edge_score` THEN S.`edge_score` ELSE T.`edge_score` END,
    `predicted_at` = COALESCE(S.`predicted_at`, S.`created_at`),
    is_active = TRUE,
    superseded_by = NULL,
    updated_at = @s1_p0
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, `edge_score`, `is_active`, `superseded_by`, `updated_at`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, COALESCE(S.`predicted_at`, S.`created_at`), S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`, S.`edge_score`, TRUE, NULL, @s1_p0);
IF @@row_count <> 42 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: merge_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 42 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS STRING), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS STRING), ' with more than one') END AS problem
FROM (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM tgt GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE D.`game_date` = S.`game_date` AND D.`game_id` = S.`game_id` AND D.`player_lookup` = S.`player_lookup` AND D.`system_id` = S.`system_id` AND D.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_duplicated) AS v) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: verify: ', coordinator_problem); END IF;
COMMIT TRANSACTION;;

-- MERGE: an extra staging column under ignore [1/3]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_extra`;

-- MERGE: an extra staging column under ignore [2/3]
WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30')
SELECT
  (SELECT COUNT(*) FROM `example-project.nba_predictions._combine_run1`) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_updated,
  (SELECT COUNT(*) FROM (SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS D) AS rows_deactivated;

-- MERGE: an extra staging column under ignore [3/3]
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE)))
SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS STRING) AS _replaced_by
FROM src LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, prediction_id FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30'
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1) AS M
  ON M.`game_date` = src.`game_date` AND M.`game_id` = src.`game_id` AND M.`player_lookup` = src.`player_lookup` AND M.`system_id` = src.`system_id` AND M.`current_points_line` IS NOT DISTINCT FROM src.`current_points_line`
UNION ALL
SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS S
ON T.game_date = DATE '2026-01-30' AND T.prediction_id = S._target_id AND T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`
WHEN MATCHED AND S._deactivate THEN
  UPDATE SET is_active = FALSE, superseded_by = S._replaced_by, updated_at = @s1_p0
WHEN MATCHED AND COALESCE(S.`predicted_at`, S.`created_at`) >= COALESCE(T.`predicted_at`, T.`created_at`) THEN
  UPDATE SET `universal_player_id` = S.`universal_player_id`,
    `prediction_version` = S.`prediction_version`,
    `predicted_points` = S.`predicted_points`,
    `confidence_score` = S.`confidence_score`,
    `recommendation` = S.`recommendation`,
    `has_prop_line` = S.`has_prop_line`,
    `similarity_baseline` = S.`similarity_baseline`,
    `fatigue_adjustment` = S.`fatigue_adjustment`,
    `shot_zone_adjustment` = S.`shot_zone_adjustment`,
    `referee_adjustment` = S.`referee_adjustment`,
    `look_ahead_adjustment` = S.`look_ahead_adjustment`,
    `pace_adjustment` = S.`pace_adjustment`,
    `usage_spike_adjustment` = S.`usage_spike_adjustment`,
    `home_away_adjustment` = S.`home_away_adjustment`,
    `other_adjustments` = S.`other_adjustments`,
    `similar_games_count` = S.`similar_games_count`,
    `avg_similarity_score` = S.`avg_similarity_score`,
    `min_similarity_score` = S.`min_similarity_score`,
    `line_margin` = S.`line_margin`,
    `ml_model_id` = S.`ml_model_id`,
    `line_source` = S.`line_source`,
    `estimated_line_value` = S.`estimated_line_value`,
    `estimation_method` = S.`estimation_method`,
    `line_source_api` = S.`line_source_api`,
    `sportsbook` = S.`sportsbook`,
    `was_line_fallback` = S.`was_line_fallback`,
    `prediction_variance` = S.`prediction_variance`,
    `system_agreement_score` = S.`system_agreement_score`,
    `contributing_systems` = S.`contributing_systems`,
    `key_factors` = S.`key_factors`,
    `warnings` = S.`warnings`,
    `expected_games_count` = S.`expected_games_count`,
    `actual_games_count` = S.`actual_games_count`,
    `completeness_percentage` = S.`completeness_percentage`,
    `missing_games_count` = S.`missing_games_count`,
    `is_production_ready` = S.`is_production_ready`,
    `data_quality_issues` = S.`data_quality_issues`,
    `last_reprocess_attempt_at` = S.`last_reprocess_attempt_at`,
    `reprocess_attempt_count` = S.`reprocess_attempt_count`,
    `circuit_breaker_active` = S.`circuit_breaker_active`,
    `circuit_breaker_until` = S.`circuit_breaker_until`,
    `manual_override_required` = S.`manual_override_required`,
    `season_boundary_detected` = S.`season_boundary_detected`,
    `backfill_bootstrap_mode` = S.`backfill_bootstrap_mode`,
    `processing_decision_reason` = S.`processing_decision_reason`,
    `injury_status_at_prediction` = S.`injury_status_at_prediction`,
    `injury_flag_at_prediction` = S.`injury_flag_at_prediction`,
    `injury_reason_at_prediction` = S.`injury_reason_at_prediction`,
    `injury_checked_at` = S.`injury_checked_at`,
    `model_version` = S.`model_version`,
    `build_commit_sha` = S.`build_commit_sha`,
    `deployment_revision` = S.`deployment_revision`,
    `predicted_at` = COALESCE(S.`predicted_at`, S.`created_at`),
    is_active = TRUE,
    superseded_by = NULL,
    updated_at = @s1_p0
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, `is_active`, `superseded_by`, `updated_at`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, COALESCE(S.`predicted_at`, S.`created_at`), S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`, TRUE, NULL, @s1_p0);
IF @@row_count <> 42 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: merge_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 42 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS STRING), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS STRING), ' with more than one') END AS problem
FROM (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM tgt GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE D.`game_date` = S.`game_date` AND D.`game_id` = S.`game_id` AND D.`player_lookup` = S.`player_lookup` AND D.`system_id` = S.`system_id` AND D.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_duplicated) AS v) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: verify: ', coordinator_problem); END IF;
COMMIT TRANSACTION;;

-- MERGE: a worker's table with FLOAT64 numbers (carried unrounded, checked against the scale) [1/3]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, CAST(`predicted_points` AS NUMERIC(38, 9)) AS `predicted_points`, CAST(`confidence_score` AS NUMERIC(38, 9)) AS `confidence_score`, `recommendation`, `has_prop_line`, CAST(`similarity_baseline` AS NUMERIC(38, 9)) AS `similarity_baseline`, CAST(`fatigue_adjustment` AS NUMERIC(38, 9)) AS `fatigue_adjustment`, CAST(`shot_zone_adjustment` AS NUMERIC(38, 9)) AS `shot_zone_adjustment`, CAST(`referee_adjustment` AS NUMERIC(38, 9)) AS `referee_adjustment`, CAST(`look_ahead_adjustment` AS NUMERIC(38, 9)) AS `look_ahead_adjustment`, CAST(`pace_adjustment` AS NUMERIC(38, 9)) AS `pace_adjustment`, CAST(`usage_spike_adjustment` AS NUMERIC(38, 9)) AS `usage_spike_adjustment`, CAST(`home_away_adjustment` AS NUMERIC(38, 9)) AS `home_away_adjustment`, CAST(`other_adjustments` AS NUMERIC(38, 9)) AS `other_adjustments`, `similar_games_count`, CAST(`avg_similarity_score` AS NUMERIC(38, 9)) AS `avg_similarity_score`, CAST(`min_similarity_score` AS NUMERIC(38, 9)) AS `min_similarity_score`, CAST(`current_points_line` AS NUMERIC(38, 9)) AS `current_points_line`, CAST(`line_margin` AS NUMERIC(38, 9)) AS `line_margin`, `ml_model_id`, `line_source`, CAST(`estimated_line_value` AS NUMERIC(38, 9)) AS `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, CAST(`prediction_variance` AS NUMERIC(38, 9)) AS `prediction_variance`, CAST(`system_agreement_score` AS NUMERIC(38, 9)) AS `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_full`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, CAST(`predicted_points` AS NUMERIC(38, 9)) AS `predicted_points`, CAST(`confidence_score` AS NUMERIC(38, 9)) AS `confidence_score`, `recommendation`, `has_prop_line`, CAST(`similarity_baseline` AS NUMERIC(38, 9)) AS `similarity_baseline`, CAST(`fatigue_adjustment` AS NUMERIC(38, 9)) AS `fatigue_adjustment`, CAST(`shot_zone_adjustment` AS NUMERIC(38, 9)) AS `shot_zone_adjustment`, CAST(`referee_adjustment` AS NUMERIC(38, 9)) AS `referee_adjustment`, CAST(`look_ahead_adjustment` AS NUMERIC(38, 9)) AS `look_ahead_adjustment`, CAST(`pace_adjustment` AS NUMERIC(38, 9)) AS `pace_adjustment`, CAST(`usage_spike_adjustment` AS NUMERIC(38, 9)) AS `usage_spike_adjustment`, CAST(`home_away_adjustment` AS NUMERIC(38, 9)) AS `home_away_adjustment`, CAST(`other_adjustments` AS NUMERIC(38, 9)) AS `other_adjustments`, `similar_games_count`, CAST(`avg_similarity_score` AS NUMERIC(38, 9)) AS `avg_similarity_score`, CAST(`min_similarity_score` AS NUMERIC(38, 9)) AS `min_similarity_score`, CAST(`current_points_line` AS NUMERIC(38, 9)) AS `current_points_line`, CAST(`line_margin` AS NUMERIC(38, 9)) AS `line_margin`, `ml_model_id`, `line_source`, CAST(`estimated_line_value` AS NUMERIC(38, 9)) AS `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, CAST(`prediction_variance` AS NUMERIC(38, 9)) AS `prediction_variance`, CAST(`system_agreement_score` AS NUMERIC(38, 9)) AS `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_floats`;

-- MERGE: a worker's table with FLOAT64 numbers (carried unrounded, checked against the scale) [2/3]
WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30')
SELECT
  X.inexact_0, X.inexact_example_0,
  X.inexact_1, X.inexact_example_1,
  X.inexact_2, X.inexact_example_2,
  X.inexact_3, X.inexact_example_3,
  X.inexact_4, X.inexact_example_4,
  X.inexact_5, X.inexact_example_5,
  X.inexact_6, X.inexact_example_6,
  X.inexact_7, X.inexact_example_7,
  X.inexact_8, X.inexact_example_8,
  X.inexact_9, X.inexact_example_9,
  X.inexact_10, X.inexact_example_10,
  X.inexact_11, X.inexact_example_11,
  X.inexact_12, X.inexact_example_12,
  X.inexact_13, X.inexact_example_13,
  X.inexact_14, X.inexact_example_14,
  X.inexact_15, X.inexact_example_15,
  X.inexact_16, X.inexact_example_16,
  X.inexact_17, X.inexact_example_17,
  (SELECT COUNT(*) FROM `example-project.nba_predictions._combine_run1`) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_updated,
  (SELECT COUNT(*) FROM (SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS D) AS rows_deactivated
FROM (SELECT SUM(CASE WHEN `predicted_points` IS NOT NULL AND (`predicted_points` <> ROUND(`predicted_points`, 1) OR ABS(`predicted_points`) >= 10000) THEN 1 ELSE 0 END) AS inexact_0,
  MIN(CASE WHEN `predicted_points` IS NOT NULL AND (`predicted_points` <> ROUND(`predicted_points`, 1) OR ABS(`predicted_points`) >= 10000) THEN prediction_id END) AS inexact_example_0,
  SUM(CASE WHEN `confidence_score` IS NOT NULL AND (`confidence_score` <> ROUND(`confidence_score`, 2) OR ABS(`confidence_score`) >= 1000) THEN 1 ELSE 0 END) AS inexact_1,
  MIN(CASE WHEN `confidence_score` IS NOT NULL AND (`confidence_score` <> ROUND(`confidence_score`, 2) OR ABS(`confidence_score`) >= 1000) THEN prediction_id END) AS inexact_example_1,
  SUM(CASE WHEN `similarity_baseline` IS NOT NULL AND (`similarity_baseline` <> ROUND(`similarity_baseline`, 1) OR ABS(`similarity_baseline`) >= 10000) THEN 1 ELSE 0 END) AS inexact_2,
  MIN(CASE WHEN `similarity_baseline` IS NOT NULL AND (`similarity_baseline` <> ROUND(`similarity_baseline`, 1) OR ABS(`similarity_baseline`) >= 10000) THEN prediction_id END) AS inexact_example_2,
  SUM(CASE WHEN `fatigue_adjustment` IS NOT NULL AND (`fatigue_adjustment` <> ROUND(`fatigue_adjustment`, 2) OR ABS(`fatigue_adjustment`) >= 1000) THEN 1 ELSE 0 END) AS inexact_3,
  MIN(CASE WHEN `fatigue_adjustment` IS NOT NULL AND (`fatigue_adjustment` <> ROUND(`fatigue_adjustment`, 2) OR ABS(`fatigue_adjustment`) >= 1000) THEN prediction_id END) AS inexact_example_3,
  SUM(CASE WHEN `shot_zone_adjustment` IS NOT NULL AND (`shot_zone_adjustment` <> ROUND(`shot_zone_adjustment`, 2) OR ABS(`shot_zone_adjustment`) >= 1000) THEN 1 ELSE 0 END) AS inexact_4,
  MIN(CASE WHEN `shot_zone_adjustment` IS NOT NULL AND (`shot_zone_adjustment` <> ROUND(`shot_zone_adjustment`, 2) OR ABS(`shot_zone_adjustment`) >= 1000) THEN prediction_id END) AS inexact_example_4,
  SUM(CASE WHEN `referee_adjustment` IS NOT NULL AND (`referee_adjustment` <> ROUND(`referee_adjustment`, 2) OR ABS(`referee_adjustment`) >= 1000) THEN 1 ELSE 0 END) AS inexact_5,
  MIN(CASE WHEN `referee_adjustment` IS NOT NULL AND (`referee_adjustment` <> ROUND(`referee_adjustment`, 2) OR ABS(`referee_adjustment`) >= 1000) THEN prediction_id END) AS inexact_example_5,
  SUM(CASE WHEN `look_ahead_adjustment` IS NOT NULL AND (`look_ahead_adjustment` <> ROUND(`look_ahead_adjustment`, 2) OR ABS(`look_ahead_adjustment`) >= 1000) THEN 1 ELSE 0 END) AS inexact_6,
  MIN(CASE WHEN `look_ahead_adjustment` IS NOT NULL AND (`look_ahead_adjustment` <> ROUND(`look_ahead_adjustment`, 2) OR ABS(`look_ahead_adjustment`) >= 1000) THEN prediction_id END) AS inexact_example_6,
  SUM(CASE WHEN `pace_adjustment` IS NOT NULL AND (`pace_adjustment` <> ROUND(`pace_adjustment`, 2) OR ABS(`pace_adjustment`) >= 1000) THEN 1 ELSE 0 END) AS inexact_7,
  MIN(CASE WHEN `pace_adjustment` IS NOT NULL AND (`pace_adjustment` <> ROUND(`pace_adjustment`, 2) OR ABS(`pace_adjustment`) >= 1000) THEN prediction_id END) AS inexact_example_7,
  SUM(CASE WHEN `usage_spike_adjustment` IS NOT NULL AND (`usage_spike_adjustment` <> ROUND(`usage_spike_adjustment`, 2) OR ABS(`usage_spike_adjustment`) >= 1000) THEN 1 ELSE 0 END) AS inexact_8,
  MIN(CASE WHEN `usage_spike_adjustment` IS NOT NULL AND (`usage_spike_adjustment` <> ROUND(`usage_spike_adjustment`, 2) OR ABS(`usage_spike_adjustment`) >= 1000) THEN prediction_id END) AS inexact_example_8,
  SUM(CASE WHEN `home_away_adjustment` IS NOT NULL AND (`home_away_adjustment` <> ROUND(`home_away_adjustment`, 2) OR ABS(`home_away_adjustment`) >= 1000) THEN 1 ELSE 0 END) AS inexact_9,
  MIN(CASE WHEN `home_away_adjustment` IS NOT NULL AND (`home_away_adjustment` <> ROUND(`home_away_adjustment`, 2) OR ABS(`home_away_adjustment`) >= 1000) THEN prediction_id END) AS inexact_example_9,
  SUM(CASE WHEN `other_adjustments` IS NOT NULL AND (`other_adjustments` <> ROUND(`other_adjustments`, 2) OR ABS(`other_adjustments`) >= 1000) THEN 1 ELSE 0 END) AS inexact_10,
  MIN(CASE WHEN `other_adjustments` IS NOT NULL AND (`other_adjustments` <> ROUND(`other_adjustments`, 2) OR ABS(`other_adjustments`) >= 1000) THEN prediction_id END) AS inexact_example_10,
  SUM(CASE WHEN `avg_similarity_score` IS NOT NULL AND (`avg_similarity_score` <> ROUND(`avg_similarity_score`, 2) OR ABS(`avg_similarity_score`) >= 1000) THEN 1 ELSE 0 END) AS inexact_11,
  MIN(CASE WHEN `avg_similarity_score` IS NOT NULL AND (`avg_similarity_score` <> ROUND(`avg_similarity_score`, 2) OR ABS(`avg_similarity_score`) >= 1000) THEN prediction_id END) AS inexact_example_11,
  SUM(CASE WHEN `min_similarity_score` IS NOT NULL AND (`min_similarity_score` <> ROUND(`min_similarity_score`, 2) OR ABS(`min_similarity_score`) >= 1000) THEN 1 ELSE 0 END) AS inexact_12,
  MIN(CASE WHEN `min_similarity_score` IS NOT NULL AND (`min_similarity_score` <> ROUND(`min_similarity_score`, 2) OR ABS(`min_similarity_score`) >= 1000) THEN prediction_id END) AS inexact_example_12,
  SUM(CASE WHEN `current_points_line` IS NOT NULL AND (`current_points_line` <> ROUND(`current_points_line`, 1) OR ABS(`current_points_line`) >= 1000) THEN 1 ELSE 0 END) AS inexact_13,
  MIN(CASE WHEN `current_points_line` IS NOT NULL AND (`current_points_line` <> ROUND(`current_points_line`, 1) OR ABS(`current_points_line`) >= 1000) THEN prediction_id END) AS inexact_example_13,
  SUM(CASE WHEN `line_margin` IS NOT NULL AND (`line_margin` <> ROUND(`line_margin`, 2) OR ABS(`line_margin`) >= 1000) THEN 1 ELSE 0 END) AS inexact_14,
  MIN(CASE WHEN `line_margin` IS NOT NULL AND (`line_margin` <> ROUND(`line_margin`, 2) OR ABS(`line_margin`) >= 1000) THEN prediction_id END) AS inexact_example_14,
  SUM(CASE WHEN `estimated_line_value` IS NOT NULL AND (`estimated_line_value` <> ROUND(`estimated_line_value`, 1) OR ABS(`estimated_line_value`) >= 1000) THEN 1 ELSE 0 END) AS inexact_15,
  MIN(CASE WHEN `estimated_line_value` IS NOT NULL AND (`estimated_line_value` <> ROUND(`estimated_line_value`, 1) OR ABS(`estimated_line_value`) >= 1000) THEN prediction_id END) AS inexact_example_15,
  SUM(CASE WHEN `prediction_variance` IS NOT NULL AND (`prediction_variance` <> ROUND(`prediction_variance`, 2) OR ABS(`prediction_variance`) >= 1000) THEN 1 ELSE 0 END) AS inexact_16,
  MIN(CASE WHEN `prediction_variance` IS NOT NULL AND (`prediction_variance` <> ROUND(`prediction_variance`, 2) OR ABS(`prediction_variance`) >= 1000) THEN prediction_id END) AS inexact_example_16,
  SUM(CASE WHEN `system_agreement_score` IS NOT NULL AND (`system_agreement_score` <> ROUND(`system_agreement_score`, 2) OR ABS(`system_agreement_score`) >= 1000) THEN 1 ELSE 0 END) AS inexact_17,
  MIN(CASE WHEN `system_agreement_score` IS NOT NULL AND (`system_agreement_score` <> ROUND(`system_agreement_score`, 2) OR ABS(`system_agreement_score`) >= 1000) THEN prediction_id END) AS inexact_example_17
FROM `example-project.nba_predictions._combine_run1`) AS X;

-- MERGE: a worker's table with FLOAT64 numbers (carried unrounded, checked against the scale) [3/3]
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE)))
SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS STRING) AS _replaced_by
FROM src LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, prediction_id FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30'
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1) AS M
  ON M.`game_date` = src.`game_date` AND M.`game_id` = src.`game_id` AND M.`player_lookup` = src.`player_lookup` AND M.`system_id` = src.`system_id` AND M.`current_points_line` IS NOT DISTINCT FROM src.`current_points_line`
UNION ALL
SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS S
ON T.game_date = DATE '2026-01-30' AND T.prediction_id = S._target_id AND T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`
WHEN MATCHED AND S._deactivate THEN
  UPDATE SET is_active = FALSE, superseded_by = S._replaced_by, updated_at = @s1_p0
WHEN MATCHED AND COALESCE(S.`predicted_at`, S.`created_at`) >= COALESCE(T.`predicted_at`, T.`created_at`) THEN
  UPDATE SET `universal_player_id` = S.`universal_player_id`,
    `prediction_version` = S.`prediction_version`,
    `predicted_points` = S.`predicted_points`,
    `confidence_score` = S.`confidence_score`,
    `recommendation` = S.`recommendation`,
    `has_prop_line` = S.`has_prop_line`,
    `similarity_baseline` = S.`similarity_baseline`,
    `fatigue_adjustment` = S.`fatigue_adjustment`,
    `shot_zone_adjustment` = S.`shot_zone_adjustment`,
    `referee_adjustment` = S.`referee_adjustment`,
    `look_ahead_adjustment` = S.`look_ahead_adjustment`,
    `pace_adjustment` = S.`pace_adjustment`,
    `usage_spike_adjustment` = S.`usage_spike_adjustment`,
    `home_away_adjustment` = S.`home_away_adjustment`,
    `other_adjustments` = S.`other_adjustments`,
    `similar_games_count` = S.`similar_games_count`,
    `avg_similarity_score` = S.`avg_similarity_score`,
    `min_similarity_score` = S.`min_similarity_score`,
    `line_margin` = S.`line_margin`,
    `ml_model_id` = S.`ml_model_id`,
    `line_source` = S.`line_source`,
    `estimated_line_value` = S.`estimated_line_value`,
    `estimation_method` = S.`estimation_method`,
    `line_source_api` = S.`line_source_api`,
    `sportsbook` = S.`sportsbook`,
    `was_line_fallback` = S.`was_line_fallback`,
    `prediction_variance` = S.`prediction_variance`,
    `system_agreement_score` = S.`system_agreement_score`,
    `contributing_systems` = S.`contributing_systems`,
    `key_factors` = S.`key_factors`,
    `warnings` = S.`warnings`,
    `expected_games_count` = S.`expected_games_count`,
    `actual_games_count` = S.`actual_games_count`,
    `completeness_percentage` = S.`completeness_percentage`,
    `missing_games_count` = S.`missing_games_count`,
    `is_production_ready` = S.`is_production_ready`,
    `data_quality_issues` = S.`data_quality_issues`,
    `last_reprocess_attempt_at` = S.`last_reprocess_attempt_at`,
    `reprocess_attempt_count` = S.`reprocess_attempt_count`,
    `circuit_breaker_active` = S.`circuit_breaker_active`,
    `circuit_breaker_until` = S.`circuit_breaker_until`,
    `manual_override_required` = S.`manual_override_required`,
    `season_boundary_detected` = S.`season_boundary_detected`,
    `backfill_bootstrap_mode` = S.`backfill_bootstrap_mode`,
    `processing_decision_reason` = S.`processing_decision_reason`,
    `injury_status_at_prediction` = S.`injury_status_at_prediction`,
    `injury_flag_at_prediction` = S.`injury_flag_at_prediction`,
    `injury_reason_at_prediction` = S.`injury_reason_at_prediction`,
    `injury_checked_at` = S.`injury_checked_at`,
    `model_version` = S.`model_version`,
    `build_commit_sha` = S.`build_commit_sha`,
    `deployment_revision` = S.`deployment_revision`,
    `predicted_at` = COALESCE(S.`predicted_at`, S.`created_at`),
    is_active = TRUE,
    superseded_by = NULL,
    updated_at = @s1_p0
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, `is_active`, `superseded_by`, `updated_at`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, COALESCE(S.`predicted_at`, S.`created_at`), S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`, TRUE, NULL, @s1_p0);
IF @@row_count <> 42 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: merge_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 42 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS STRING), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS STRING), ' with more than one') END AS problem
FROM (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM tgt GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE D.`game_date` = S.`game_date` AND D.`game_id` = S.`game_id` AND D.`player_lookup` = S.`player_lookup` AND D.`system_id` = S.`system_id` AND D.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_duplicated) AS v) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: verify: ', coordinator_problem); END IF;
COMMIT TRANSACTION;;

-- MERGE: 1,000 staging tables (combined in chunks) [1/7]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1_p0` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0001`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0002`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0003`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0004`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0005`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0006`
-- ... 969 more lines of the same shape ...
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0491`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0492`;

-- MERGE: 1,000 staging tables (combined in chunks) [2/7]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1_p1` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0493`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0494`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0495`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0496`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0497`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0498`
-- ... 969 more lines of the same shape ...
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0983`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0984`;

-- MERGE: 1,000 staging tables (combined in chunks) [3/7]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1_p2` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0985`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0986`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0987`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0988`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0989`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0990`
-- ... 17 more lines of the same shape ...
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p0999`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, CAST(NULL AS INT64) AS `feature_count`, CAST(NULL AS STRING) AS `feature_data_source`, CAST(NULL AS BOOL) AS `early_season_flag`, CAST(NULL AS STRING) AS `prediction_error_code`, CAST(NULL AS ARRAY<STRING>) AS `prediction_warnings`, CAST(NULL AS NUMERIC(4, 3)) AS `raw_confidence_score`, CAST(NULL AS NUMERIC(4, 3)) AS `calibrated_confidence_score`, CAST(NULL AS STRING) AS `calibration_method`, CAST(NULL AS FLOAT64) AS `feature_quality_score` FROM `example-project.nba_predictions._staging_b20260130_1_p1000`;

-- MERGE: 1,000 staging tables (combined in chunks) [4/7]
CREATE OR REPLACE TABLE `example-project.nba_predictions._combine_run1` AS
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score` FROM `example-project.nba_predictions._combine_run1_p0`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score` FROM `example-project.nba_predictions._combine_run1_p1`
UNION ALL
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score` FROM `example-project.nba_predictions._combine_run1_p2`;

-- MERGE: 1,000 staging tables (combined in chunks) [5/7]
DROP TABLE IF EXISTS `example-project.nba_predictions._combine_run1_p0`;
DROP TABLE IF EXISTS `example-project.nba_predictions._combine_run1_p1`;
DROP TABLE IF EXISTS `example-project.nba_predictions._combine_run1_p2`;;

-- MERGE: 1,000 staging tables (combined in chunks) [6/7]
WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30')
SELECT
  (SELECT COUNT(*) FROM `example-project.nba_predictions._combine_run1`) AS rows_staged,
  (SELECT COUNT(*) FROM deduped) AS rows_unique,
  (SELECT COUNT(*) FROM deduped) - (SELECT COUNT(*) FROM src) AS rows_stale,
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_inserted,
  (SELECT COUNT(*) FROM src AS S WHERE EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS rows_updated,
  (SELECT COUNT(*) FROM (SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS D) AS rows_deactivated;

-- MERGE: 1,000 staging tables (combined in chunks) [7/7]
-- parameters: @s0_p0 TIMESTAMP, @s0_p1 DATE, @s0_p2 STRING, @s1_p0 TIMESTAMP
DECLARE coordinator_problem STRING;
BEGIN TRANSACTION;
UPDATE `example-project.nba_predictions.consolidation_leases` SET expires_at = @s0_p0
WHERE game_date = @s0_p1 AND owner = @s0_p2;
IF @@row_count = 0 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: lease: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where at least 1 were expected')); END IF;
MERGE INTO `example-project.nba_predictions.player_prop_predictions` AS T
USING (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE)))
SELECT src.*, FALSE AS _deactivate, M.prediction_id AS _target_id, CAST(NULL AS STRING) AS _replaced_by
FROM src LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, prediction_id FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30'
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY CASE WHEN is_active THEN 0 ELSE 1 END, COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1) AS M
  ON M.`game_date` = src.`game_date` AND M.`game_id` = src.`game_id` AND M.`player_lookup` = src.`player_lookup` AND M.`system_id` = src.`system_id` AND M.`current_points_line` IS NOT DISTINCT FROM src.`current_points_line`
UNION ALL
SELECT T.`prediction_id`, T.`system_id`, T.`player_lookup`, T.`universal_player_id`, T.`game_date`, T.`game_id`, T.`prediction_version`, T.`predicted_points`, T.`confidence_score`, T.`recommendation`, T.`has_prop_line`, T.`similarity_baseline`, T.`fatigue_adjustment`, T.`shot_zone_adjustment`, T.`referee_adjustment`, T.`look_ahead_adjustment`, T.`pace_adjustment`, T.`usage_spike_adjustment`, T.`home_away_adjustment`, T.`other_adjustments`, T.`similar_games_count`, T.`avg_similarity_score`, T.`min_similarity_score`, T.`current_points_line`, T.`line_margin`, T.`ml_model_id`, T.`line_source`, T.`estimated_line_value`, T.`estimation_method`, T.`line_source_api`, T.`sportsbook`, T.`was_line_fallback`, T.`prediction_variance`, T.`system_agreement_score`, T.`contributing_systems`, T.`key_factors`, T.`warnings`, T.`expected_games_count`, T.`actual_games_count`, T.`completeness_percentage`, T.`missing_games_count`, T.`is_production_ready`, T.`data_quality_issues`, T.`last_reprocess_attempt_at`, T.`reprocess_attempt_count`, T.`circuit_breaker_active`, T.`circuit_breaker_until`, T.`manual_override_required`, T.`season_boundary_detected`, T.`backfill_bootstrap_mode`, T.`processing_decision_reason`, T.`injury_status_at_prediction`, T.`injury_flag_at_prediction`, T.`injury_reason_at_prediction`, T.`injury_checked_at`, T.`model_version`, T.`predicted_at`, T.`build_commit_sha`, T.`deployment_revision`, T.`created_at`, T.`feature_count`, T.`feature_data_source`, T.`early_season_flag`, T.`prediction_error_code`, T.`prediction_warnings`, T.`raw_confidence_score`, T.`calibrated_confidence_score`, T.`calibration_method`, T.`feature_quality_score`, TRUE AS _deactivate, T.prediction_id AS _target_id, G._replaced_by
FROM `example-project.nba_predictions.player_prop_predictions` AS T
JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(prediction_id) AS _replaced_by FROM src GROUP BY `game_id`, `player_lookup`, `system_id`) AS G
  ON G.`game_id` = T.`game_id` AND G.`player_lookup` = T.`player_lookup` AND G.`system_id` = T.`system_id`
WHERE T.game_date = DATE '2026-01-30' AND T.is_active
  AND NOT EXISTS (SELECT 1 FROM src AS S WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS S
ON T.game_date = DATE '2026-01-30' AND T.prediction_id = S._target_id AND T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`
WHEN MATCHED AND S._deactivate THEN
  UPDATE SET is_active = FALSE, superseded_by = S._replaced_by, updated_at = @s1_p0
WHEN MATCHED AND COALESCE(S.`predicted_at`, S.`created_at`) >= COALESCE(T.`predicted_at`, T.`created_at`) THEN
  UPDATE SET `universal_player_id` = S.`universal_player_id`,
    `prediction_version` = S.`prediction_version`,
    `predicted_points` = S.`predicted_points`,
    `confidence_score` = S.`confidence_score`,
    `recommendation` = S.`recommendation`,
    `has_prop_line` = S.`has_prop_line`,
    `similarity_baseline` = S.`similarity_baseline`,
    `fatigue_adjustment` = S.`fatigue_adjustment`,
    `shot_zone_adjustment` = S.`shot_zone_adjustment`,
    `referee_adjustment` = S.`referee_adjustment`,
    `look_ahead_adjustment` = S.`look_ahead_adjustment`,
    `pace_adjustment` = S.`pace_adjustment`,
    `usage_spike_adjustment` = S.`usage_spike_adjustment`,
    `home_away_adjustment` = S.`home_away_adjustment`,
    `other_adjustments` = S.`other_adjustments`,
    `similar_games_count` = S.`similar_games_count`,
    `avg_similarity_score` = S.`avg_similarity_score`,
    `min_similarity_score` = S.`min_similarity_score`,
    `line_margin` = S.`line_margin`,
    `ml_model_id` = S.`ml_model_id`,
    `line_source` = S.`line_source`,
    `estimated_line_value` = S.`estimated_line_value`,
    `estimation_method` = S.`estimation_method`,
    `line_source_api` = S.`line_source_api`,
    `sportsbook` = S.`sportsbook`,
    `was_line_fallback` = S.`was_line_fallback`,
    `prediction_variance` = S.`prediction_variance`,
    `system_agreement_score` = S.`system_agreement_score`,
    `contributing_systems` = S.`contributing_systems`,
    `key_factors` = S.`key_factors`,
    `warnings` = S.`warnings`,
    `expected_games_count` = S.`expected_games_count`,
    `actual_games_count` = S.`actual_games_count`,
    `completeness_percentage` = S.`completeness_percentage`,
    `missing_games_count` = S.`missing_games_count`,
    `is_production_ready` = S.`is_production_ready`,
    `data_quality_issues` = S.`data_quality_issues`,
    `last_reprocess_attempt_at` = S.`last_reprocess_attempt_at`,
    `reprocess_attempt_count` = S.`reprocess_attempt_count`,
    `circuit_breaker_active` = S.`circuit_breaker_active`,
    `circuit_breaker_until` = S.`circuit_breaker_until`,
    `manual_override_required` = S.`manual_override_required`,
    `season_boundary_detected` = S.`season_boundary_detected`,
    `backfill_bootstrap_mode` = S.`backfill_bootstrap_mode`,
    `processing_decision_reason` = S.`processing_decision_reason`,
    `injury_status_at_prediction` = S.`injury_status_at_prediction`,
    `injury_flag_at_prediction` = S.`injury_flag_at_prediction`,
    `injury_reason_at_prediction` = S.`injury_reason_at_prediction`,
    `injury_checked_at` = S.`injury_checked_at`,
    `model_version` = S.`model_version`,
    `build_commit_sha` = S.`build_commit_sha`,
    `deployment_revision` = S.`deployment_revision`,
    `predicted_at` = COALESCE(S.`predicted_at`, S.`created_at`),
    is_active = TRUE,
    superseded_by = NULL,
    updated_at = @s1_p0
WHEN NOT MATCHED AND NOT S._deactivate THEN
  INSERT (`prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score`, `is_active`, `superseded_by`, `updated_at`)
  VALUES (S.`prediction_id`, S.`system_id`, S.`player_lookup`, S.`universal_player_id`, S.`game_date`, S.`game_id`, S.`prediction_version`, S.`predicted_points`, S.`confidence_score`, S.`recommendation`, S.`has_prop_line`, S.`similarity_baseline`, S.`fatigue_adjustment`, S.`shot_zone_adjustment`, S.`referee_adjustment`, S.`look_ahead_adjustment`, S.`pace_adjustment`, S.`usage_spike_adjustment`, S.`home_away_adjustment`, S.`other_adjustments`, S.`similar_games_count`, S.`avg_similarity_score`, S.`min_similarity_score`, S.`current_points_line`, S.`line_margin`, S.`ml_model_id`, S.`line_source`, S.`estimated_line_value`, S.`estimation_method`, S.`line_source_api`, S.`sportsbook`, S.`was_line_fallback`, S.`prediction_variance`, S.`system_agreement_score`, S.`contributing_systems`, S.`key_factors`, S.`warnings`, S.`expected_games_count`, S.`actual_games_count`, S.`completeness_percentage`, S.`missing_games_count`, S.`is_production_ready`, S.`data_quality_issues`, S.`last_reprocess_attempt_at`, S.`reprocess_attempt_count`, S.`circuit_breaker_active`, S.`circuit_breaker_until`, S.`manual_override_required`, S.`season_boundary_detected`, S.`backfill_bootstrap_mode`, S.`processing_decision_reason`, S.`injury_status_at_prediction`, S.`injury_flag_at_prediction`, S.`injury_reason_at_prediction`, S.`injury_checked_at`, S.`model_version`, COALESCE(S.`predicted_at`, S.`created_at`), S.`build_commit_sha`, S.`deployment_revision`, S.`created_at`, S.`feature_count`, S.`feature_data_source`, S.`early_season_flag`, S.`prediction_error_code`, S.`prediction_warnings`, S.`raw_confidence_score`, S.`calibrated_confidence_score`, S.`calibration_method`, S.`feature_quality_score`, TRUE, NULL, @s1_p0);
IF @@row_count <> 42 THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: merge_count: ', CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where 42 were expected')); END IF;
SET coordinator_problem = (SELECT problem FROM (SELECT CASE WHEN v.keys_missing > 0 OR v.keys_duplicated > 0 THEN CONCAT('verification failed: ', CAST(v.keys_missing AS STRING), ' staged key(s) without an active row, ', CAST(v.keys_duplicated AS STRING), ' with more than one') END AS problem
FROM (WITH deduped AS (SELECT * FROM `example-project.nba_predictions._combine_run1` WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` ORDER BY COALESCE(`predicted_at`, `created_at`) DESC, `created_at` DESC, `prediction_id` DESC) = 1),
src AS (SELECT D.* FROM deduped AS D
LEFT JOIN (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _held FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line`) AS K
  ON K.`game_date` = D.`game_date` AND K.`game_id` = D.`game_id` AND K.`player_lookup` = D.`player_lookup` AND K.`system_id` = D.`system_id` AND K.`current_points_line` IS NOT DISTINCT FROM D.`current_points_line`
LEFT JOIN (SELECT `game_id`, `player_lookup`, `system_id`, MAX(COALESCE(`predicted_at`, `created_at`)) AS _newest FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active GROUP BY `game_id`, `player_lookup`, `system_id`) AS A
  ON A.`game_id` = D.`game_id` AND A.`player_lookup` = D.`player_lookup` AND A.`system_id` = D.`system_id`
WHERE NOT (COALESCE(K._held > COALESCE(D.`predicted_at`, D.`created_at`), FALSE) OR COALESCE(A._newest > COALESCE(D.`predicted_at`, D.`created_at`), FALSE))),
tgt AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT
  (SELECT COUNT(*) FROM src AS S WHERE NOT EXISTS (SELECT 1 FROM tgt AS T WHERE T.`game_date` = S.`game_date` AND T.`game_id` = S.`game_id` AND T.`player_lookup` = S.`player_lookup` AND T.`system_id` = S.`system_id` AND T.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_missing,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM tgt GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS D
     WHERE EXISTS (SELECT 1 FROM src AS S WHERE D.`game_date` = S.`game_date` AND D.`game_id` = S.`game_id` AND D.`player_lookup` = S.`player_lookup` AND D.`system_id` = S.`system_id` AND D.`current_points_line` IS NOT DISTINCT FROM S.`current_points_line`)) AS keys_duplicated) AS v) LIMIT 1);
IF coordinator_problem IS NOT NULL THEN RAISE USING MESSAGE = CONCAT('coordinator check failed: verify: ', coordinator_problem); END IF;
COMMIT TRANSACTION;;

-- targetColumns
-- parameters: @table_name STRING
SELECT column_name, data_type FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.COLUMNS
WHERE table_name = @table_name ORDER BY ordinal_position;

-- playersWithRows
-- parameters: @p0 ARRAY<STRING>
SELECT DISTINCT player_lookup FROM `example-project.nba_predictions.player_prop_predictions`
WHERE game_date = DATE '2026-01-30' AND is_active AND player_lookup IN UNNEST(@p0);

-- snapshotDate (BigQuery has time travel: no snapshot is written)
-- (no SQL)

-- keepAfterImage (BigQuery has time travel: no after-image is written)
-- (no SQL)

-- pruneSnapshots (BigQuery has time travel: there are no snapshots to prune)
-- (no SQL)
