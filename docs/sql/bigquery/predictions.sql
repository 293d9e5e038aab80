-- Generated from the BigQuery dialect by `npm run sql:snapshots`; do not edit by hand.

-- page (first)
-- parameters: @p0 INT64
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `is_active`, `superseded_by`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `updated_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score` FROM `example-project.nba_predictions.player_prop_predictions`
WHERE game_date = DATE '2026-01-30' AND is_active
ORDER BY player_lookup, system_id, prediction_id
LIMIT @p0;

-- page (filtered, after a cursor)
-- parameters: @p0 STRING, @p1 STRING, @p2 STRING, @p3 STRING, @p4 STRING, @p5 INT64
SELECT `prediction_id`, `system_id`, `player_lookup`, `universal_player_id`, `game_date`, `game_id`, `prediction_version`, `predicted_points`, `confidence_score`, `recommendation`, `has_prop_line`, `similarity_baseline`, `fatigue_adjustment`, `shot_zone_adjustment`, `referee_adjustment`, `look_ahead_adjustment`, `pace_adjustment`, `usage_spike_adjustment`, `home_away_adjustment`, `other_adjustments`, `similar_games_count`, `avg_similarity_score`, `min_similarity_score`, `current_points_line`, `line_margin`, `ml_model_id`, `line_source`, `estimated_line_value`, `estimation_method`, `line_source_api`, `sportsbook`, `was_line_fallback`, `prediction_variance`, `system_agreement_score`, `contributing_systems`, `key_factors`, `warnings`, `expected_games_count`, `actual_games_count`, `completeness_percentage`, `missing_games_count`, `is_production_ready`, `data_quality_issues`, `last_reprocess_attempt_at`, `reprocess_attempt_count`, `circuit_breaker_active`, `circuit_breaker_until`, `manual_override_required`, `season_boundary_detected`, `backfill_bootstrap_mode`, `processing_decision_reason`, `is_active`, `superseded_by`, `injury_status_at_prediction`, `injury_flag_at_prediction`, `injury_reason_at_prediction`, `injury_checked_at`, `model_version`, `predicted_at`, `build_commit_sha`, `deployment_revision`, `created_at`, `updated_at`, `feature_count`, `feature_data_source`, `early_season_flag`, `prediction_error_code`, `prediction_warnings`, `raw_confidence_score`, `calibrated_confidence_score`, `calibration_method`, `feature_quality_score` FROM `example-project.nba_predictions.player_prop_predictions`
WHERE game_date = DATE '2026-01-30' AND player_lookup = @p0 AND system_id = @p1 AND (player_lookup > @p2 OR (player_lookup = @p2 AND (system_id > @p3 OR (system_id = @p3 AND prediction_id > @p4))))
ORDER BY player_lookup, system_id, prediction_id
LIMIT @p5;

-- count
-- parameters: @p0 STRING
SELECT COUNT(*) AS n FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active AND system_id = @p0;

-- summary
WITH a AS (SELECT * FROM `example-project.nba_predictions.player_prop_predictions` WHERE game_date = DATE '2026-01-30' AND is_active)
SELECT 'total' AS kind, CAST(NULL AS STRING) AS system_id, COUNT(*) AS predictions, COUNT(DISTINCT player_lookup) AS players,
  (SELECT COUNT(*) FROM (SELECT `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` FROM a GROUP BY `game_date`, `game_id`, `player_lookup`, `system_id`, `current_points_line` HAVING COUNT(*) > 1) AS d) AS duplicate_keys,
  MAX(COALESCE(updated_at, created_at)) AS last_updated_at
FROM a
UNION ALL
SELECT 'system', system_id, COUNT(*), COUNT(DISTINCT player_lookup), 0, MAX(COALESCE(updated_at, created_at))
FROM a GROUP BY system_id;

-- activePlayers
SELECT DISTINCT player_lookup FROM `example-project.nba_predictions.player_prop_predictions`
WHERE game_date = DATE '2026-01-30' AND is_active;

-- snapshotAsOf
-- parameters: @p0 STRING, @p1 TIMESTAMP
SELECT snapshot_id, snapshot_at, snapshot_reason = @p0 AS owed
FROM `example-project.nba_predictions.prediction_snapshots`
WHERE game_date = DATE '2026-01-30' AND prediction_id IS NULL AND snapshot_at <= @p1
ORDER BY snapshot_at DESC, snapshot_id DESC LIMIT 1;
