import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../config/app-config';
import { DEFAULT_BUSINESS_KEY } from '../warehouse/tables/predictions.table';
import { assertBusinessKey, businessKeyProblem } from './business-key';

describe('BUSINESS_KEY against the target table', () => {
  it('accepts the default key and another key of comparable target columns', () => {
    assert.equal(businessKeyProblem(DEFAULT_BUSINESS_KEY), undefined);
    assert.equal(
      businessKeyProblem([
        'game_id',
        'player_lookup',
        'system_id',
        'current_points_line',
        'sportsbook',
      ]),
      undefined,
    );
  });

  it('names every column the target lacks', () => {
    assert.equal(
      businessKeyProblem(['game_id', 'player_lookup', 'system_id', 'points_line', 'book']),
      'names column(s) the target table player_prop_predictions lacks: points_line, book',
    );
  });

  it('refuses columns that cannot key a MERGE, saying why for each', () => {
    const problem =
      businessKeyProblem([
        'player_lookup',
        'system_id',
        'key_factors',
        'data_quality_issues',
        'completeness_percentage',
        'is_active',
        'created_at',
        'predicted_at',
      ]) ?? '';
    for (const expected of [
      /key_factors cannot be compared \(JSON or ARRAY\)/,
      /data_quality_issues cannot be compared/,
      /completeness_percentage is FLOAT64/,
      /is_active is set by the consolidation itself/,
      /created_at changes with every version/,
      /predicted_at changes with every version/,
    ])
      assert.match(problem, expected);
  });

  it('stops the start with a ConfigError naming the variable and the value', () => {
    assert.throws(
      () => assertBusinessKey(['player_lookup', 'system_id', 'line']),
      (error: unknown) =>
        error instanceof ConfigError &&
        /^Invalid configuration: BUSINESS_KEY names column\(s\) .* lacks: line \(got "player_lookup,system_id,line"\)$/.test(
          error.message,
        ),
    );
  });
});
