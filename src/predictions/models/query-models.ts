import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { MaintenanceRun } from './maintenance.models';
import { Prediction } from './prediction-types';

@ObjectType()
export class PredictionEdge {
  @Field()
  cursor!: string;

  @Field(() => Prediction)
  node!: Prediction;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class PredictionConnection {
  @Field(() => [PredictionEdge])
  edges!: PredictionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType()
export class SystemCount {
  @Field()
  systemId!: string;

  @Field(() => Int)
  predictions!: number;

  @Field(() => Int)
  players!: number;
}

@ObjectType()
export class PredictionSummary {
  @Field(() => DateScalar)
  gameDate!: string;

  @Field(() => Int, { description: 'Active rows for the date.' })
  predictions!: number;

  @Field(() => Int, { description: 'Distinct players among them.' })
  players!: number;

  @Field(() => [SystemCount])
  bySystem!: SystemCount[];

  @Field(() => Int, { description: 'Business keys with more than one active row; 0 is healthy.' })
  duplicateKeys!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  lastUpdatedAt!: string | null;
}

@ObjectType()
export class Coverage {
  @Field(() => DateScalar)
  gameDate!: string;

  @Field(() => Int, {
    description:
      "Expected players of the date's batch (the one not cancelled or superseded; else the newest that was consolidated).",
  })
  expectedPlayers!: number;

  @Field(() => Int)
  playersWithPredictions!: number;

  @Field(() => [String])
  missingPlayers!: string[];
}

@ObjectType()
export class RestorePayload {
  @Field(() => DateScalar)
  gameDate!: string;

  @Field(() => DateTimeScalar)
  asOf!: string;

  @Field()
  dryRun!: boolean;

  @Field(() => Int, { description: "The date's rows now, active or not." })
  rowsNow!: number;

  @Field(() => Int, { description: "The date's rows as of asOf." })
  rowsAsOf!: number;

  @Field(() => Int, {
    description:
      'Rows as of asOf that are missing now: what the restore puts back (= rowsToInsert).',
  })
  rowsRestored!: number;

  @Field(() => Int, {
    description: 'Rows as of asOf whose prediction id has no row now: inserted.',
  })
  rowsToInsert!: number;

  @Field(() => Int, {
    description: 'Rows now whose prediction id had other values as of asOf: overwritten.',
  })
  rowsToUpdate!: number;

  @Field(() => Int, {
    description: 'Rows now whose prediction id has no row as of asOf: deleted.',
  })
  rowsToDelete!: number;

  @Field(() => Int, { description: 'Rows now already as they were as of asOf.' })
  rowsUnchanged!: number;

  @Field(() => MaintenanceRun, {
    description: 'The restore as recorded, dry or not (maintenanceRuns): who, when, figures.',
  })
  run!: MaintenanceRun;
}
