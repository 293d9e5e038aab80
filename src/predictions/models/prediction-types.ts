import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { GraphQLScalarType } from 'graphql';
import { DateScalar, DateTimeScalar, JsonScalar } from '../../common/scalars';
import { isNumeric, type ColumnDefinition } from '../../warehouse/table-definition';
import { PREDICTIONS_TABLE } from '../../warehouse/tables/predictions.table';
import { camelCase, INPUT_COLUMNS } from '../prediction-columns';

/** Int, Float and ID are GraphQLScalarType instances too. */
type GraphqlType = StringConstructor | BooleanConstructor | GraphQLScalarType;

function graphqlType(column: ColumnDefinition): GraphqlType {
  if (column.name === 'prediction_id') return ID;
  if (isNumeric(column.type)) return Float;
  switch (column.type) {
    case 'STRING':
      return String;
    case 'INT64':
      return Int;
    case 'FLOAT64':
      return Float;
    case 'BOOL':
      return Boolean;
    case 'DATE':
      return DateScalar;
    case 'TIMESTAMP':
      return DateTimeScalar;
    case 'JSON':
      return JsonScalar;
  }
}

/** What a column means beyond its type, where the service gives it a rule. */
const NOTES: Readonly<Record<string, string>> = {
  predicted_at:
    "The version of the row's values (createdAt when the worker leaves it out): a staged row older than the version a stored row holds never replaces it.",
  created_at: 'When the row was first staged; kept when a newer version updates the row.',
};

function describe(column: ColumnDefinition): string {
  const type = isNumeric(column.type)
    ? `NUMERIC(${column.type.precision},${column.type.scale})`
    : column.type;
  const notes = [
    NOTES[column.name],
    isNumeric(column.type)
      ? `At most ${column.type.scale} decimal place(s): a finer value is refused, never rounded.`
      : undefined,
  ].filter((n) => n !== undefined);
  return [
    `Column ${column.name} (${column.mode === 'REPEATED' ? `ARRAY<${type}>` : type}).`,
    ...notes,
  ].join(' ');
}

/** Decorates one field per column, so the GraphQL type follows the table definition. */
function addFields(
  target: object,
  columns: readonly ColumnDefinition[],
  nullable: (column: ColumnDefinition) => boolean,
): void {
  for (const column of columns) {
    const type = graphqlType(column);
    Field(() => (column.mode === 'REPEATED' ? [type] : type), {
      nullable: nullable(column),
      description: describe(column),
    })(target, camelCase(column.name));
  }
}

/** One field per target column, camelCase; NUMERIC as Float, JSON as JSON, arrays as lists. */
@ObjectType({ description: 'One row of player_prop_predictions.' })
export class Prediction {
  [field: string]: unknown;
}
addFields(Prediction.prototype, PREDICTIONS_TABLE.columns, (c) => c.mode !== 'REQUIRED');

/**
 * What a worker sends for one prediction: the worker-written columns except is_active,
 * superseded_by and updated_at, which the consolidation owns. createdAt defaults to now.
 */
@InputType()
export class PredictionInput {
  [field: string]: unknown;
}
addFields(
  PredictionInput.prototype,
  INPUT_COLUMNS,
  (c) => c.mode !== 'REQUIRED' || c.default !== undefined,
);
