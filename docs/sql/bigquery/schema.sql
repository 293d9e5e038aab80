-- Generated from the BigQuery dialect by `npm run sql:snapshots`; do not edit by hand.

-- schema bootstrap (an older target: 9 columns added) [1/25]
CREATE TABLE IF NOT EXISTS `example-project.nba_predictions.player_prop_predictions` (
  `prediction_id` STRING NOT NULL,
  `system_id` STRING NOT NULL,
  `player_lookup` STRING NOT NULL,
  `universal_player_id` STRING,
  `game_date` DATE NOT NULL,
  `game_id` STRING NOT NULL,
  `prediction_version` INT64 DEFAULT 1 NOT NULL,
  `predicted_points` NUMERIC(5, 1) NOT NULL,
  `confidence_score` NUMERIC(5, 2) NOT NULL,
  `recommendation` STRING NOT NULL,
  `has_prop_line` BOOL DEFAULT TRUE,
  `similarity_baseline` NUMERIC(5, 1),
  `fatigue_adjustment` NUMERIC(5, 2),
  `shot_zone_adjustment` NUMERIC(5, 2),
  `referee_adjustment` NUMERIC(5, 2),
  `look_ahead_adjustment` NUMERIC(5, 2),
  `pace_adjustment` NUMERIC(5, 2),
  `usage_spike_adjustment` NUMERIC(5, 2),
  `home_away_adjustment` NUMERIC(5, 2),
  `other_adjustments` NUMERIC(5, 2),
  `similar_games_count` INT64,
  `avg_similarity_score` NUMERIC(5, 2),
  `min_similarity_score` NUMERIC(5, 2),
  `current_points_line` NUMERIC(4, 1),
  `line_margin` NUMERIC(5, 2),
  `ml_model_id` STRING,
  `line_source` STRING,
  `estimated_line_value` NUMERIC(4, 1),
  `estimation_method` STRING,
  `line_source_api` STRING,
  `sportsbook` STRING,
  `was_line_fallback` BOOL DEFAULT FALSE,
  `prediction_variance` NUMERIC(5, 2),
  `system_agreement_score` NUMERIC(5, 2),
  `contributing_systems` INT64,
  `key_factors` JSON,
  `warnings` JSON,
  `expected_games_count` INT64,
  `actual_games_count` INT64,
  `completeness_percentage` FLOAT64,
  `missing_games_count` INT64,
  `is_production_ready` BOOL,
  `data_quality_issues` ARRAY<STRING>,
  `last_reprocess_attempt_at` TIMESTAMP,
  `reprocess_attempt_count` INT64,
  `circuit_breaker_active` BOOL,
  `circuit_breaker_until` TIMESTAMP,
  `manual_override_required` BOOL,
  `season_boundary_detected` BOOL,
  `backfill_bootstrap_mode` BOOL,
  `processing_decision_reason` STRING,
  `is_active` BOOL DEFAULT TRUE NOT NULL,
  `superseded_by` STRING,
  `injury_status_at_prediction` STRING,
  `injury_flag_at_prediction` BOOL,
  `injury_reason_at_prediction` STRING,
  `injury_checked_at` TIMESTAMP,
  `model_version` STRING,
  `predicted_at` TIMESTAMP,
  `build_commit_sha` STRING,
  `deployment_revision` STRING,
  `created_at` TIMESTAMP DEFAULT CURRENT_TIMESTAMP() NOT NULL,
  `updated_at` TIMESTAMP,
  `feature_count` INT64,
  `feature_data_source` STRING,
  `early_season_flag` BOOL,
  `prediction_error_code` STRING,
  `prediction_warnings` ARRAY<STRING>,
  `raw_confidence_score` NUMERIC(4, 3),
  `calibrated_confidence_score` NUMERIC(4, 3),
  `calibration_method` STRING,
  `feature_quality_score` FLOAT64
)
PARTITION BY `game_date`
CLUSTER BY `system_id`, `player_lookup`
OPTIONS (require_partition_filter = TRUE);
CREATE TABLE IF NOT EXISTS `example-project.nba_predictions.batch_events` (
  `event_id` STRING NOT NULL,
  `batch_id` STRING NOT NULL,
  `game_date` DATE NOT NULL,
  `event_type` STRING NOT NULL,
  `player_lookup` STRING,
  `predictions_count` INT64,
  `run_id` STRING,
  `payload` JSON,
  `occurred_at` TIMESTAMP NOT NULL,
  `principal` STRING
)
PARTITION BY `game_date`
CLUSTER BY `batch_id`, `event_type`;
CREATE TABLE IF NOT EXISTS `example-project.nba_predictions.consolidation_leases` (
  `game_date` DATE NOT NULL,
  `owner` STRING,
  `acquired_at` TIMESTAMP,
  `expires_at` TIMESTAMP
)
PARTITION BY `game_date`;
CREATE TABLE IF NOT EXISTS `example-project.nba_predictions.prediction_snapshots` (
  `snapshot_id` STRING NOT NULL,
  `snapshot_at` TIMESTAMP NOT NULL,
  `snapshot_reason` STRING NOT NULL,
  `prediction_id` STRING,
  `system_id` STRING,
  `player_lookup` STRING,
  `universal_player_id` STRING,
  `game_date` DATE,
  `game_id` STRING,
  `prediction_version` INT64,
  `predicted_points` NUMERIC(5, 1),
  `confidence_score` NUMERIC(5, 2),
  `recommendation` STRING,
  `has_prop_line` BOOL,
  `similarity_baseline` NUMERIC(5, 1),
  `fatigue_adjustment` NUMERIC(5, 2),
  `shot_zone_adjustment` NUMERIC(5, 2),
  `referee_adjustment` NUMERIC(5, 2),
  `look_ahead_adjustment` NUMERIC(5, 2),
  `pace_adjustment` NUMERIC(5, 2),
  `usage_spike_adjustment` NUMERIC(5, 2),
  `home_away_adjustment` NUMERIC(5, 2),
  `other_adjustments` NUMERIC(5, 2),
  `similar_games_count` INT64,
  `avg_similarity_score` NUMERIC(5, 2),
  `min_similarity_score` NUMERIC(5, 2),
  `current_points_line` NUMERIC(4, 1),
  `line_margin` NUMERIC(5, 2),
  `ml_model_id` STRING,
  `line_source` STRING,
  `estimated_line_value` NUMERIC(4, 1),
  `estimation_method` STRING,
  `line_source_api` STRING,
  `sportsbook` STRING,
  `was_line_fallback` BOOL,
  `prediction_variance` NUMERIC(5, 2),
  `system_agreement_score` NUMERIC(5, 2),
  `contributing_systems` INT64,
  `key_factors` JSON,
  `warnings` JSON,
  `expected_games_count` INT64,
  `actual_games_count` INT64,
  `completeness_percentage` FLOAT64,
  `missing_games_count` INT64,
  `is_production_ready` BOOL,
  `data_quality_issues` ARRAY<STRING>,
  `last_reprocess_attempt_at` TIMESTAMP,
  `reprocess_attempt_count` INT64,
  `circuit_breaker_active` BOOL,
  `circuit_breaker_until` TIMESTAMP,
  `manual_override_required` BOOL,
  `season_boundary_detected` BOOL,
  `backfill_bootstrap_mode` BOOL,
  `processing_decision_reason` STRING,
  `is_active` BOOL,
  `superseded_by` STRING,
  `injury_status_at_prediction` STRING,
  `injury_flag_at_prediction` BOOL,
  `injury_reason_at_prediction` STRING,
  `injury_checked_at` TIMESTAMP,
  `model_version` STRING,
  `predicted_at` TIMESTAMP,
  `build_commit_sha` STRING,
  `deployment_revision` STRING,
  `created_at` TIMESTAMP,
  `updated_at` TIMESTAMP,
  `feature_count` INT64,
  `feature_data_source` STRING,
  `early_season_flag` BOOL,
  `prediction_error_code` STRING,
  `prediction_warnings` ARRAY<STRING>,
  `raw_confidence_score` NUMERIC(4, 3),
  `calibrated_confidence_score` NUMERIC(4, 3),
  `calibration_method` STRING,
  `feature_quality_score` FLOAT64
)
PARTITION BY `game_date`
CLUSTER BY `snapshot_id`;
CREATE TABLE IF NOT EXISTS `example-project.nba_predictions.maintenance_runs` (
  `record_id` STRING NOT NULL,
  `run_id` STRING NOT NULL,
  `game_date` DATE NOT NULL,
  `kind` STRING NOT NULL,
  `status` STRING NOT NULL,
  `dry_run` BOOL NOT NULL,
  `principal` STRING NOT NULL,
  `started_at` TIMESTAMP NOT NULL,
  `finished_at` TIMESTAMP,
  `as_of` TIMESTAMP,
  `figures` JSON,
  `error` STRING
)
PARTITION BY `game_date`
CLUSTER BY `kind`;
CREATE TABLE IF NOT EXISTS `example-project.nba_predictions.staged_predictions` (
  `batch_id` STRING NOT NULL,
  `write_seq` INT64 NOT NULL,
  `staged_at` TIMESTAMP NOT NULL,
  `prediction_id` STRING,
  `system_id` STRING,
  `player_lookup` STRING,
  `universal_player_id` STRING,
  `game_date` DATE,
  `game_id` STRING,
  `prediction_version` INT64 DEFAULT 1,
  `predicted_points` NUMERIC(5, 1),
  `confidence_score` NUMERIC(5, 2),
  `recommendation` STRING,
  `has_prop_line` BOOL DEFAULT TRUE,
  `similarity_baseline` NUMERIC(5, 1),
  `fatigue_adjustment` NUMERIC(5, 2),
  `shot_zone_adjustment` NUMERIC(5, 2),
  `referee_adjustment` NUMERIC(5, 2),
  `look_ahead_adjustment` NUMERIC(5, 2),
  `pace_adjustment` NUMERIC(5, 2),
  `usage_spike_adjustment` NUMERIC(5, 2),
  `home_away_adjustment` NUMERIC(5, 2),
  `other_adjustments` NUMERIC(5, 2),
  `similar_games_count` INT64,
  `avg_similarity_score` NUMERIC(5, 2),
  `min_similarity_score` NUMERIC(5, 2),
  `current_points_line` NUMERIC(4, 1),
  `line_margin` NUMERIC(5, 2),
  `ml_model_id` STRING,
  `line_source` STRING,
  `estimated_line_value` NUMERIC(4, 1),
  `estimation_method` STRING,
  `line_source_api` STRING,
  `sportsbook` STRING,
  `was_line_fallback` BOOL DEFAULT FALSE,
  `prediction_variance` NUMERIC(5, 2),
  `system_agreement_score` NUMERIC(5, 2),
  `contributing_systems` INT64,
  `key_factors` JSON,
  `warnings` JSON,
  `expected_games_count` INT64,
  `actual_games_count` INT64,
  `completeness_percentage` FLOAT64,
  `missing_games_count` INT64,
  `is_production_ready` BOOL,
  `data_quality_issues` ARRAY<STRING>,
  `last_reprocess_attempt_at` TIMESTAMP,
  `reprocess_attempt_count` INT64,
  `circuit_breaker_active` BOOL,
  `circuit_breaker_until` TIMESTAMP,
  `manual_override_required` BOOL,
  `season_boundary_detected` BOOL,
  `backfill_bootstrap_mode` BOOL,
  `processing_decision_reason` STRING,
  `is_active` BOOL DEFAULT TRUE,
  `superseded_by` STRING,
  `injury_status_at_prediction` STRING,
  `injury_flag_at_prediction` BOOL,
  `injury_reason_at_prediction` STRING,
  `injury_checked_at` TIMESTAMP,
  `model_version` STRING,
  `predicted_at` TIMESTAMP,
  `build_commit_sha` STRING,
  `deployment_revision` STRING,
  `created_at` TIMESTAMP DEFAULT CURRENT_TIMESTAMP(),
  `updated_at` TIMESTAMP
)
PARTITION BY `game_date`
CLUSTER BY `batch_id`, `player_lookup`;;

-- schema bootstrap (an older target: 9 columns added) [2/25]
-- parameters: @table_name STRING
SELECT column_name, data_type FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.COLUMNS
WHERE table_name = @table_name ORDER BY ordinal_position;

-- schema bootstrap (an older target: 9 columns added) [3/25]
-- parameters: @table_name STRING
SELECT column_name, data_type FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.COLUMNS
WHERE table_name = @table_name ORDER BY ordinal_position;

-- schema bootstrap (an older target: 9 columns added) [4/25]
-- parameters: @table_name STRING
SELECT column_name, data_type FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.COLUMNS
WHERE table_name = @table_name ORDER BY ordinal_position;

-- schema bootstrap (an older target: 9 columns added) [5/25]
-- parameters: @table_name STRING
SELECT column_name, data_type FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.COLUMNS
WHERE table_name = @table_name ORDER BY ordinal_position;

-- schema bootstrap (an older target: 9 columns added) [6/25]
-- parameters: @table_name STRING
SELECT column_name, data_type FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.COLUMNS
WHERE table_name = @table_name ORDER BY ordinal_position;

-- schema bootstrap (an older target: 9 columns added) [7/25]
-- parameters: @table_name STRING
SELECT column_name, data_type FROM `example-project`.`nba_predictions`.INFORMATION_SCHEMA.COLUMNS
WHERE table_name = @table_name ORDER BY ordinal_position;

-- schema bootstrap (an older target: 9 columns added) [8/25]
ALTER TABLE `example-project.nba_predictions.player_prop_predictions` ADD COLUMN IF NOT EXISTS `feature_count` INT64;

-- schema bootstrap (an older target: 9 columns added) [9/25]
ALTER TABLE `example-project.nba_predictions.player_prop_predictions` ADD COLUMN IF NOT EXISTS `feature_data_source` STRING;

-- schema bootstrap (an older target: 9 columns added) [10/25]
ALTER TABLE `example-project.nba_predictions.player_prop_predictions` ADD COLUMN IF NOT EXISTS `early_season_flag` BOOL;

-- schema bootstrap (an older target: 9 columns added) [11/25]
ALTER TABLE `example-project.nba_predictions.player_prop_predictions` ADD COLUMN IF NOT EXISTS `prediction_error_code` STRING;

-- schema bootstrap (an older target: 9 columns added) [12/25]
ALTER TABLE `example-project.nba_predictions.player_prop_predictions` ADD COLUMN IF NOT EXISTS `prediction_warnings` ARRAY<STRING>;

-- schema bootstrap (an older target: 9 columns added) [13/25]
ALTER TABLE `example-project.nba_predictions.player_prop_predictions` ADD COLUMN IF NOT EXISTS `raw_confidence_score` NUMERIC(4, 3);

-- schema bootstrap (an older target: 9 columns added) [14/25]
ALTER TABLE `example-project.nba_predictions.player_prop_predictions` ADD COLUMN IF NOT EXISTS `calibrated_confidence_score` NUMERIC(4, 3);

-- schema bootstrap (an older target: 9 columns added) [15/25]
ALTER TABLE `example-project.nba_predictions.player_prop_predictions` ADD COLUMN IF NOT EXISTS `calibration_method` STRING;

-- schema bootstrap (an older target: 9 columns added) [16/25]
ALTER TABLE `example-project.nba_predictions.player_prop_predictions` ADD COLUMN IF NOT EXISTS `feature_quality_score` FLOAT64;

-- schema bootstrap (an older target: 9 columns added) [17/25]
ALTER TABLE `example-project.nba_predictions.prediction_snapshots` ADD COLUMN IF NOT EXISTS `feature_count` INT64;

-- schema bootstrap (an older target: 9 columns added) [18/25]
ALTER TABLE `example-project.nba_predictions.prediction_snapshots` ADD COLUMN IF NOT EXISTS `feature_data_source` STRING;

-- schema bootstrap (an older target: 9 columns added) [19/25]
ALTER TABLE `example-project.nba_predictions.prediction_snapshots` ADD COLUMN IF NOT EXISTS `early_season_flag` BOOL;

-- schema bootstrap (an older target: 9 columns added) [20/25]
ALTER TABLE `example-project.nba_predictions.prediction_snapshots` ADD COLUMN IF NOT EXISTS `prediction_error_code` STRING;

-- schema bootstrap (an older target: 9 columns added) [21/25]
ALTER TABLE `example-project.nba_predictions.prediction_snapshots` ADD COLUMN IF NOT EXISTS `prediction_warnings` ARRAY<STRING>;

-- schema bootstrap (an older target: 9 columns added) [22/25]
ALTER TABLE `example-project.nba_predictions.prediction_snapshots` ADD COLUMN IF NOT EXISTS `raw_confidence_score` NUMERIC(4, 3);

-- schema bootstrap (an older target: 9 columns added) [23/25]
ALTER TABLE `example-project.nba_predictions.prediction_snapshots` ADD COLUMN IF NOT EXISTS `calibrated_confidence_score` NUMERIC(4, 3);

-- schema bootstrap (an older target: 9 columns added) [24/25]
ALTER TABLE `example-project.nba_predictions.prediction_snapshots` ADD COLUMN IF NOT EXISTS `calibration_method` STRING;

-- schema bootstrap (an older target: 9 columns added) [25/25]
ALTER TABLE `example-project.nba_predictions.prediction_snapshots` ADD COLUMN IF NOT EXISTS `feature_quality_score` FLOAT64;
