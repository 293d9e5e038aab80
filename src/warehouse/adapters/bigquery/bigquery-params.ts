import type { QueryParameter } from '@google-cloud/bigquery';
import type { SqlParam, SqlScalar } from '../../sql/statement';
import { isNumeric, type ColumnType } from '../../table-definition';

/** The REST type name of a column type: parameters carry no precision. */
export function restTypeOf(type: ColumnType): string {
  return isNumeric(type) ? 'NUMERIC' : type;
}

/**
 * Named parameters in the REST shape, each with its explicit type, so NULLs, empty arrays,
 * NUMERIC, DATE, TIMESTAMP and JSON reach BigQuery as what the statement declared.
 */
export function toQueryParameters(params: Readonly<Record<string, SqlParam>>): QueryParameter[] {
  return Object.entries(params).map(([name, param]) => {
    const scalarType = { type: restTypeOf(param.type) };
    if (param.repeated || Array.isArray(param.value)) {
      const values: readonly SqlScalar[] = Array.isArray(param.value) ? param.value : [];
      return {
        name,
        parameterType: { type: 'ARRAY', arrayType: scalarType },
        parameterValue: { arrayValues: values.map((v) => scalarValue(v, name)) },
      };
    }
    return {
      name,
      parameterType: scalarType,
      parameterValue: scalarValue(param.value as SqlScalar, name),
    };
  });
}

/** The API takes every scalar as text; no value is SQL NULL of the declared type. */
function scalarValue(value: SqlScalar, name: string): { value?: string } {
  if (value === null) return {};
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`parameter ${name} is not a finite number`);
  }
  return { value: String(value) };
}
