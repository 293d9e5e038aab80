import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar } from '../common/scalars';
import { PredictionsArgs } from './dto/predictions.args';
import { StagePredictionsInput, StagePredictionsPayload } from './dto/stage-predictions.input';
import {
  Coverage,
  PredictionConnection,
  PredictionSummary,
  RestorePayload,
} from './models/query-models';
import { MaintenanceRun } from './models/maintenance.models';
import { toPrediction } from './prediction-mapper';
import { PredictionQueriesService } from './prediction-queries.service';
import { RestoreService } from './restore.service';
import { StagingService } from './staging.service';

@Resolver()
export class PredictionsResolver {
  constructor(
    private readonly staging: StagingService,
    private readonly queries: PredictionQueriesService,
    private readonly restores: RestoreService,
  ) {}

  @Mutation(() => StagePredictionsPayload)
  async stagePredictions(
    @Args('input') input: StagePredictionsInput,
  ): Promise<StagePredictionsPayload> {
    return this.staging.stage(input);
  }

  @Query(() => PredictionConnection)
  async predictions(@Args() args: PredictionsArgs): Promise<PredictionConnection> {
    const page = await this.queries.page(args, args.first, args.after);
    return {
      edges: page.rows.map((row, i) => ({
        cursor: page.cursors[i] ?? '',
        node: toPrediction(row),
      })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
      totalCount: page.totalCount,
    };
  }

  @Query(() => PredictionSummary)
  async predictionSummary(
    @Args('gameDate', { type: () => DateScalar }) gameDate: string,
  ): Promise<PredictionSummary> {
    return { gameDate, ...(await this.queries.summary(gameDate)) };
  }

  @Query(() => Coverage)
  async coverage(
    @Args('gameDate', { type: () => DateScalar }) gameDate: string,
  ): Promise<Coverage> {
    const { expectedPlayers, withPredictions } = await this.queries.coverage(gameDate);
    return {
      gameDate,
      expectedPlayers: expectedPlayers.length,
      playersWithPredictions: expectedPlayers.filter((p) => withPredictions.has(p)).length,
      missingPlayers: expectedPlayers.filter((p) => !withPredictions.has(p)),
    };
  }

  @Mutation(() => RestorePayload, {
    description:
      "Puts a date's rows back as of an instant; dry run by default. Every restore is recorded (maintenanceRuns); a real one holds the date's consolidation lock.",
  })
  async restorePredictions(
    @Args('gameDate', { type: () => DateScalar }) gameDate: string,
    @Args('asOf', { type: () => DateTimeScalar }) asOf: string,
    @Args('dryRun', { type: () => Boolean, defaultValue: true }) dryRun: boolean,
  ): Promise<RestorePayload> {
    const run = MaintenanceRun.from(await this.restores.restore(gameDate, asOf, dryRun));
    return {
      gameDate,
      asOf,
      dryRun,
      rowsNow: run.rowsNow,
      rowsAsOf: run.rowsAsOf,
      rowsRestored: run.rowsInserted,
      rowsToInsert: run.rowsInserted,
      rowsToUpdate: run.rowsUpdated,
      rowsToDelete: run.rowsDeleted,
      rowsUnchanged: run.rowsUnchanged,
      run,
    };
  }
}
