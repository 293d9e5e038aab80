import {
  Args,
  Float,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { BatchService } from '../batch/batch.service';
import { Batch } from '../batch/models/batch.model';
import { DateScalar } from '../common/scalars';
import { assertCount } from '../common/validation';
import { DomainError } from '../common/domain-error';
import { ConsolidationTriggers } from './consolidation-triggers.service';
import { CheckStalledBatchesPayload, ConsolidationRun } from './models/consolidation-run.model';

@Resolver(() => Batch)
export class ConsolidationResolver {
  constructor(
    private readonly triggers: ConsolidationTriggers,
    private readonly batches: BatchService,
  ) {}

  @Mutation(() => ConsolidationRun, {
    description: 'Consolidates now; CONFLICT while a run for the date is in progress.',
  })
  async consolidateBatch(
    @Args('batchId', { type: () => ID }) batchId: string,
  ): Promise<ConsolidationRun> {
    return ConsolidationRun.fromResult(await this.triggers.consolidateBatch(batchId));
  }

  @Mutation(() => CheckStalledBatchesPayload)
  async checkStalledBatches(
    @Args('stallThresholdMinutes', { type: () => Int, defaultValue: 10 })
    stallThresholdMinutes: number,
    @Args('minCompletionPct', { type: () => Float, defaultValue: 90 }) minCompletionPct: number,
  ): Promise<CheckStalledBatchesPayload> {
    assertCount('stallThresholdMinutes', stallThresholdMinutes, 10_080);
    if (!(minCompletionPct >= 0 && minCompletionPct <= 100)) {
      throw DomainError.badInput(
        `minCompletionPct must be from 0 to 100, got ${minCompletionPct}`,
        [{ field: 'minCompletionPct', problem: 'out of range 0-100' }],
      );
    }
    const decisions = await this.triggers.checkStalledBatches(
      stallThresholdMinutes,
      minCompletionPct,
    );
    return {
      batchesChecked: decisions.length,
      batchesConsolidated: decisions.filter((d) => d.action === 'CONSOLIDATED').length,
      results: decisions.map((d) => ({
        batch: Batch.from(d.batch),
        action: d.action,
        consolidation: d.consolidation ? ConsolidationRun.fromResult(d.consolidation) : null,
      })),
    };
  }

  @Mutation(() => Batch, {
    description: 'Repairs a date with several batches into one and consolidates it.',
  })
  async mergeFragmentedBatches(
    @Args('gameDate', { type: () => DateScalar }) gameDate: string,
  ): Promise<Batch> {
    return Batch.from((await this.triggers.mergeFragmentedBatches(gameDate)).batch);
  }

  @Query(() => [ConsolidationRun], {
    description: 'Newest first; give batchId or gameDate (else recent batches).',
  })
  async consolidationRuns(
    @Args('batchId', { type: () => ID, nullable: true }) batchId: string | null,
    @Args('gameDate', { type: () => DateScalar, nullable: true }) gameDate: string | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<ConsolidationRun[]> {
    assertCount('first', first, 500);
    const batches = batchId
      ? [await this.batches.requireBatch(batchId)]
      : gameDate
        ? await this.batches.batchesOfDate(gameDate)
        : await this.batches.listBatches({ first: 50 });
    return batches
      .flatMap((b) => b.runs.map((r) => ConsolidationRun.fromRecord(b.id, b.gameDate, r)))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, first);
  }

  @ResolveField(() => [ConsolidationRun])
  async consolidations(@Parent() batch: Batch): Promise<ConsolidationRun[]> {
    const state = await this.batches.requireBatch(batch.id);
    return state.runs
      .map((r) => ConsolidationRun.fromRecord(state.id, state.gameDate, r))
      .reverse();
  }
}
