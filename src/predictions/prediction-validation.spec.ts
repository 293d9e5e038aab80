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
