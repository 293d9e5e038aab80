import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validatePredictions, type StagingContext } from './prediction-validation';
import { WORKER_COLUMNS } from './prediction-columns';

const CONTEXT: StagingContext = {
  gameDate: '2026-01-30',
  playerLookup: 'ann',
  stagedAt: '2026-01-30T15:00:00.000Z',
};

function aPrediction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    predictionId: 'ann-catboost_v9-0',
    systemId: 'catboost_v9',
    playerLookup: 'ann',
    gameDate: '2026-01-30',
    gameId: '20260130_GSW_LAL',
    predictedPoints: 22.4,
    confidenceScore: 71.25,
    recommendation: 'OVER',
    currentPointsLine: 20.5,
    ...overrides,
  };
}

describe('validatePredictions', () => {
  it('lists every offending field of every row: range, missing, wrong date, unknown', () => {
    const withoutSystem = Object.fromEntries(
      Object.entries(aPrediction()).filter(([key]) => key !== 'systemId'),
    );
    const { problems } = validatePredictions(
      [
        aPrediction({ predictedPoints: 12345.6 }),
        withoutSystem,
        aPrediction({ gameDate: '2026-01-31' }),
        aPrediction({ modelNotes: 'x', isActive: false }),
      ],
      CONTEXT,
    );
    assert.deepEqual(
      problems.map((p) => p.field),
      [
        'predictions[0].predictedPoints',
        'predictions[1].systemId',
        'predictions[2].gameDate',
        'predictions[3].modelNotes',
        'predictions[3].isActive',
      ],
    );
  });

  it('refuses a value finer than its column scale or outside its precision, and keeps exact values as sent', () => {
    const { rows, problems } = validatePredictions(
      [
        aPrediction({ currentPointsLine: 25.55 }),
        aPrediction({ predictedPoints: 9999.95 }),
        aPrediction({ confidenceScore: 0.1 + 0.2 }),
        aPrediction({ predictedPoints: 10000 }),
        aPrediction({ currentPointsLine: -0.5, confidenceScore: 99.99, predictedPoints: 9999.9 }),
      ],
      CONTEXT,
    );
    assert.deepEqual(
      problems.map((p) => [p.field, p.problem.replace(/ \(.*$/, '')]),
      [
        ['predictions[0].currentPointsLine', '25.55 is finer than NUMERIC(4,1)'],
        ['predictions[1].predictedPoints', '9999.95 is finer than NUMERIC(5,1)'],
        ['predictions[2].confidenceScore', '0.30000000000000004 is finer than NUMERIC(5,2)'],
        ['predictions[3].predictedPoints', '10000 is outside NUMERIC(5,1)'],
      ],
    );
    assert.match(
      problems[0]?.problem ?? '',
      /scale 1: at most 1 decimal place\); it is refused, not rounded/,
    );
    assert.deepEqual(
      [rows[4]?.current_points_line, rows[4]?.confidence_score, rows[4]?.predicted_points],
      [-0.5, 99.99, 9999.9],
    );
  });

  it('writes the 63 staging columns: defaults filled, createdAt the staging time, owned columns reset', () => {
    const { rows, problems } = validatePredictions([aPrediction()], CONTEXT);
    assert.deepEqual(problems, []);
    const [row] = rows;
    assert.equal(Object.keys(row ?? {}).length, WORKER_COLUMNS.length);
    assert.equal(WORKER_COLUMNS.length, 63);
    assert.deepEqual(
      [
        row?.prediction_version,
        row?.created_at,
        row?.is_active,
        row?.updated_at,
        row?.superseded_by,
      ],
      [1, CONTEXT.stagedAt, true, null, null],
    );
  });
});
