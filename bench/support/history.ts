import type { WarehouseClient } from '../../src/warehouse/warehouse-client';

/**
 * Fills the target with `days` of history before `lastDate`, `perDay` rows a day, in date
 * order (as a real table grows), generated inside DuckDB.
 */
export async function fillHistory(
  warehouse: WarehouseClient,
  lastDate: string,
  days: number,
  perDay: number,
): Promise<void> {
  const systems = `['catboost_v9','ensemble_v1','similarity_v2','xgb_v3','zone_v1','moving_avg','ridge_v2']`;
  await warehouse.execute({
    sql: `INSERT INTO player_prop_predictions
(prediction_id, system_id, player_lookup, game_date, game_id, prediction_version, predicted_points, confidence_score,
 recommendation, current_points_line, is_active, created_at, updated_at, key_factors, data_quality_issues)
SELECT 'h' || d.i || '_' || r.j,
  ${systems}[1 + r.j % 7],
  'player' || lpad(CAST(r.j // 30 AS VARCHAR), 3, '0'),
  DATE '${lastDate}' - CAST(d.i AS INTEGER),
  'g' || d.i,
  1, 20.5, 60.25, 'OVER', 10.5 + (r.j // 7 % 4) * 0.5, TRUE,
  TIMESTAMPTZ '2025-01-01 00:00:00+00', NULL, '{"pace":"fast"}', []
FROM range(1, ${days + 1}) AS d(i), range(0, ${perDay}) AS r(j)
ORDER BY 4`,
    params: {},
  });
}
