import type { Row } from '../warehouse/sql/statement';
import { PREDICTIONS_TABLE } from '../warehouse/tables/predictions.table';
import { Prediction } from './models/prediction-types';
import { camelCase } from './prediction-columns';

const FIELDS = PREDICTIONS_TABLE.columns.map((c) => ({
  column: c.name,
  field: camelCase(c.name),
  json: c.type === 'JSON',
}));

/** A target row as the GraphQL Prediction: camelCase fields, JSON parsed. */
export function toPrediction(row: Row): Prediction {
  const prediction = new Prediction();
  for (const { column, field, json } of FIELDS) {
    const value = row[column];
    prediction[field] =
      json && typeof value === 'string' ? (JSON.parse(value) as unknown) : (value ?? null);
  }
  return prediction;
}
