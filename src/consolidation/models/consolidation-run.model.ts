import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Batch } from '../../batch/models/batch.model';
import type { RunRecord } from '../../batch/batch-state';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import {
  ConsolidationStatus,
  ConsolidationTrigger,
  type ConsolidationResult,
} from '../consolidation-run';

registerEnumType(ConsolidationTrigger, { name: 'ConsolidationTrigger' });
registerEnumType(ConsolidationStatus, { name: 'ConsolidationStatus' });

@ObjectType()
export class ConsolidationRun {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  batchId!: string;

  @Field(() => DateScalar)
  gameDate!: string;

  @Field(() => ConsolidationTrigger)
  trigger!: ConsolidationTrigger;

  @Field(() => ConsolidationStatus)
  status!: ConsolidationStatus;

  @Field(() => DateTimeScalar)
  startedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: string | null;

  @Field(() => Int, {
    description:
      "Players' staging the run found: staging tables, or on DuckDB players' writes in the shared staging table",
  })
  stagingTables!: number;

  @Field(() => Int)
  rowsStaged!: number;

  @Field(() => Int, {
    description: 'Staged rows dropped because a newer row had the same business key.',
  })
  duplicatesDropped!: number;

  @Field(() => Int, {
    description:
      'Staged rows skipped as stale: the target already held a newer version of their key (or an active newer line of their player and system). Never applied.',
  })
  rowsStale!: number;

  @Field(() => Int)
  rowsInserted!: number;

  @Field(() => Int)
  rowsUpdated!: number;

  @Field(() => Int)
  rowsDeactivated!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => [String], {
    description: 'Players that reported predictions but had no staging and no rows.',
  })
  missingPlayers!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'Who started the run: api-key:<key id>, an ID token email, anonymous (auth off) or system:cron. Null for runs recorded before the audit trail.',
  })
  principal!: string | null;

  static fromResult(result: ConsolidationResult): ConsolidationRun {
    return Object.assign(new ConsolidationRun(), {
      ...result.figures,
      id: result.id,
      batchId: result.batchId,
      gameDate: result.gameDate,
      trigger: result.trigger,
      status: result.status,
      startedAt: result.startedAt,
      finishedAt: result.finishedAt,
      error: result.error,
      missingPlayers: [...result.missingPlayers],
      principal: result.principal,
    });
  }

  static fromRecord(batchId: string, gameDate: string, run: RunRecord): ConsolidationRun {
    const n = (key: string) => Number(run.figures[key] ?? 0);
    const missing = run.figures.missingPlayers;
    return Object.assign(new ConsolidationRun(), {
      id: run.runId,
      batchId,
      gameDate,
      trigger: run.trigger as ConsolidationTrigger,
      status: run.outcome as ConsolidationStatus,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt ?? null,
      stagingTables: n('stagingTables'),
      rowsStaged: n('rowsStaged'),
      duplicatesDropped: n('duplicatesDropped'),
      rowsStale: n('rowsStale'),
      rowsInserted: n('rowsInserted'),
      rowsUpdated: n('rowsUpdated'),
      rowsDeactivated: n('rowsDeactivated'),
      error: run.error ?? null,
      missingPlayers: Array.isArray(missing) ? missing.map(String) : [],
      principal: run.principal ?? null,
    });
  }
}

@ObjectType()
export class StalledBatchResult {
  @Field(() => Batch)
  batch!: Batch;

  @Field({ description: 'CONSOLIDATED, CONSOLIDATION_FAILED, BELOW_THRESHOLD or LOCK_BUSY' })
  action!: string;

  @Field(() => ConsolidationRun, { nullable: true })
  consolidation!: ConsolidationRun | null;
}

@ObjectType()
export class CheckStalledBatchesPayload {
  @Field(() => Int)
  batchesChecked!: number;

  @Field(() => Int)
  batchesConsolidated!: number;

  @Field(() => [StalledBatchResult])
  results!: StalledBatchResult[];
}
