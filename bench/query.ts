import { WarehouseClient } from '../src/warehouse/warehouse-client';
import type { TestApp } from '../test/support/test-app';
import { median, timeIt } from './support/measure';

const DAY = '2026-01-15';

/** The same figures written by hand against DuckDB. */
const RAW = `WITH a AS (SELECT * FROM player_prop_predictions WHERE game_date = DATE '${DAY}' AND is_active)
SELECT (SELECT COUNT(*) FROM a) AS predictions, (SELECT COUNT(DISTINCT player_lookup) FROM a) AS players,
  (SELECT COUNT(*) FROM (SELECT 1 FROM a GROUP BY game_date, game_id, player_lookup, system_id, current_points_line HAVING COUNT(*) > 1)) AS duplicate_keys,
  (SELECT MAX(COALESCE(updated_at, created_at)) FROM a) AS last_updated_at,
  (SELECT list({system_id: system_id, n: n, p: p}) FROM (SELECT system_id, COUNT(*) AS n, COUNT(DISTINCT player_lookup) AS p FROM a GROUP BY system_id)) AS by_system`;

const GQL = `query($d: Date!) { predictionSummary(gameDate: $d) { predictions players duplicateKeys lastUpdatedAt bySystem { systemId predictions players } } }`;

export async function measureQuery(
  t: TestApp,
  reps: number,
): Promise<{ graphqlMs: number; rawMs: number; predictions: number }> {
  const warehouse = t.app.get(WarehouseClient);
  const graphql: number[] = [];
  const raw: number[] = [];
  let predictions = 0;
  for (let i = 0; i < reps; i++) {
    raw.push(await timeIt(() => warehouse.query({ sql: RAW, params: {} })));
    graphql.push(
      await timeIt(async () => {
        const data = await t.ok<{ predictionSummary: { predictions: number } }>(GQL, { d: DAY });
        predictions = data.predictionSummary.predictions;
      }),
    );
  }
  return { graphqlMs: median(graphql), rawMs: median(raw), predictions };
}
