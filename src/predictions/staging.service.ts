import { Injectable, Logger } from '@nestjs/common';
import { BatchService } from '../batch/batch.service';
import { BatchStatus } from '../batch/batch-state';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { assertBatchId, assertPlayerLookup } from '../common/validation';
import { validatePredictions } from './prediction-validation';
import { StagingRepository } from './staging.repository';

export interface StageCommand {
  readonly batchId: string;
  readonly playerLookup: string;
  readonly predictions: readonly Record<string, unknown>[];
}

@Injectable()
export class StagingService {
  private readonly logger = new Logger(StagingService.name);

  constructor(
    private readonly batches: BatchService,
    private readonly staging: StagingRepository,
    private readonly config: AppConfig,
  ) {}

  /** Validates every row, then replaces the player's staging table in one statement. */
  async stage(
    command: StageCommand,
  ): Promise<{ batchId: string; playerLookup: string; rowsStaged: number }> {
    assertBatchId(command.batchId);
    assertPlayerLookup('playerLookup', command.playerLookup);
    const max = this.config.values.MAX_PREDICTIONS_PER_STAGE;
    if (command.predictions.length > max) {
      throw DomainError.badInput(
        `predictions lists ${command.predictions.length} rows; at most ${max} per call`,
        [{ field: 'predictions', problem: `more than ${max}` }],
      );
    }
    const batch = await this.batches.canonicalFor(await this.batches.requireBatch(command.batchId));
    if (batch.status === BatchStatus.CANCELLED) {
      throw DomainError.conflict(
        `batch ${batch.id} is cancelled; start a new batch for ${batch.gameDate}`,
      );
    }
    const stagedAt = this.batches.now();
    const { rows, problems } = validatePredictions(command.predictions, {
      gameDate: batch.gameDate,
      playerLookup: command.playerLookup,
      stagedAt,
    });
    if (problems.length > 0) {
      const summary = problems
        .slice(0, 10)
        .map((p) => `${p.field} ${p.problem}`)
        .join('; ');
      this.logger.warn(
        {
          batchId: batch.id,
          gameDate: batch.gameDate,
          player: command.playerLookup,
          problems: problems.length,
        },
        'staging rejected',
      );
      throw DomainError.badInput(
        `${problems.length} invalid field(s); nothing was staged: ${summary}`,
        problems.slice(0, 200),
      );
    }
    const table = await this.staging.replacePlayerStaging(
      batch.id,
      command.playerLookup,
      rows,
      stagedAt,
    );
    this.logger.log(
      {
        batchId: batch.id,
        gameDate: batch.gameDate,
        player: command.playerLookup,
        rows: rows.length,
        table,
      },
      'predictions staged',
    );
    return { batchId: batch.id, playerLookup: command.playerLookup, rowsStaged: rows.length };
  }
}
