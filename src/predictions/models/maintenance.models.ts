import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar, JsonScalar } from '../../common/scalars';
import { ConsolidationStatus } from '../../consolidation/consolidation-run';
import { MaintenanceKind, type MaintenanceRunRecord } from '../maintenance-run';
import { camelCase } from '../prediction-columns';
import { toPrediction } from '../prediction-mapper';
import type { DuplicateKeyGroup } from '../repair.service';
import { Prediction } from './prediction-types';

registerEnumType(MaintenanceKind, {
  name: 'MaintenanceKind',
  description: "An operator's repair of the target table: repairDuplicates or restorePredictions.",
});

const WOULD = 'In a dry run, what a real run would do.';

/** A recorded repairDuplicates or restorePredictions: who asked, when, what it did. */
@ObjectType()
export class MaintenanceRun {
  @Field(() => ID)
  id!: string;

  @Field(() => MaintenanceKind)
  kind!: MaintenanceKind;

  @Field(() => DateScalar)
  gameDate!: string;

  @Field()
  dryRun!: boolean;

  @Field(() => ConsolidationStatus, {
    description:
      'RUNNING while a real run holds the lease; FAILED with error when refused or rolled back.',
  })
  status!: ConsolidationStatus;

  @Field({
    description:
      'Who asked: api-key:<first 12 hex digits of the key SHA-256>, an ID token email, anonymous (auth off).',
  })
  principal!: string;

  @Field(() => DateTimeScalar)
  startedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'The instant a restore went back to.',
  })
  asOf!: string | null;

  @Field(() => Int, {
    description: `Repair: business keys with more than one active row. ${WOULD}`,
  })
  duplicateKeys!: number;

  @Field(() => Int, { description: `Repair: rows deactivated. ${WOULD}` })
  rowsDeactivated!: number;

  @Field(() => Int, { description: "Restore: the date's rows before it." })
  rowsNow!: number;

  @Field(() => Int, { description: "Restore: the date's rows as of asOf." })
  rowsAsOf!: number;

  @Field(() => Int, {
    description: `Restore: rows put back (their prediction id had no row). ${WOULD}`,
  })
  rowsInserted!: number;

  @Field(() => Int, { description: `Restore: rows whose values were overwritten. ${WOULD}` })
  rowsUpdated!: number;

  @Field(() => Int, {
    description: `Restore: rows deleted (no row as of asOf). Repair: copies of a kept row (same prediction id) removed. ${WOULD}`,
  })
  rowsDeleted!: number;

  @Field(() => Int, { description: 'Restore: rows already as they were.' })
  rowsUnchanged!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;

  static from(run: MaintenanceRunRecord): MaintenanceRun {
    const n = (name: string) => run.figures[name] ?? 0;
    return Object.assign(new MaintenanceRun(), {
      id: run.id,
      kind: run.kind,
      gameDate: run.gameDate,
      dryRun: run.dryRun,
      status: run.status,
      principal: run.principal,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      asOf: run.asOf,
      duplicateKeys: n('duplicateKeys'),
      rowsDeactivated: n('rowsDeactivated'),
      rowsNow: n('rowsNow'),
      rowsAsOf: n('rowsAsOf'),
      rowsInserted: n('rowsInserted'),
      rowsUpdated: n('rowsUpdated'),
      rowsDeleted: n('rowsDeleted'),
      rowsUnchanged: n('rowsUnchanged'),
      error: run.error,
    });
  }
}

@ObjectType()
export class DuplicateKey {
  @Field(() => JsonScalar, {
    description: 'The business key (BUSINESS_KEY columns, camelCase) shared by the rows.',
  })
  businessKey!: Record<string, unknown>;

  @Field(() => Int)
  activeRows!: number;

  @Field(() => ID, {
    description:
      'The row repairDuplicates keeps: newest version (predictedAt, else createdAt), then createdAt, then predictionId.',
  })
  keptPredictionId!: string;

  @Field(() => [Prediction], { description: 'The active rows, the one kept first.' })
  rows!: Prediction[];

  static from(group: DuplicateKeyGroup): DuplicateKey {
    return Object.assign(new DuplicateKey(), {
      businessKey: Object.fromEntries(
        Object.entries(group.key).map(([column, value]) => [camelCase(column), value]),
      ),
      activeRows: group.rows.length,
      keptPredictionId: String(group.rows[0]?.prediction_id),
      rows: group.rows.map(toPrediction),
    });
  }
}

@ObjectType()
export class RepairDuplicatesPayload {
  @Field(() => DateScalar)
  gameDate!: string;

  @Field()
  dryRun!: boolean;

  @Field(() => Int, { description: 'Business keys that had more than one active row.' })
  duplicateKeys!: number;

  @Field(() => Int, { description: `Rows deactivated (all but the newest of each key). ${WOULD}` })
  rowsDeactivated!: number;

  @Field(() => Int, {
    description: `Copies of a kept row (same key and prediction id) removed rather than deactivated: no later MERGE could tell them apart from it. ${WOULD}`,
  })
  rowsDeleted!: number;

  @Field(() => MaintenanceRun, { description: 'The run as recorded (maintenanceRuns).' })
  run!: MaintenanceRun;
}
