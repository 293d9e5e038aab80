import { Injectable, Logger } from '@nestjs/common';
import { BatchService } from '../batch/batch.service';
import { BatchStatus } from '../batch/batch-state';
import { AppConfig } from '../config/app-config';
import { DomainError, type FieldProblem } from '../common/domain-error';
import { assertBatchId, assertPlayerLookup } from '../common/validation';
import { validatePredictions } from './prediction-validation';
import { StagingRepository } from './staging.repository';

export interface StageCommand {
  readonly batchId: string;
  readonly playerLookup: string;
  readonly predictions: readonly Record<string, unknown>[];
}

const MAX_LISTED = 200;

@Injectable()
export class StagingService {
  private readonly logger = new Logger(StagingService.name);

  constructor(
    private readonly batches: BatchService,
    private readonly staging: StagingRepository,
    private readonly config: AppConfig,
  ) {}

  /** Validates every row, then replaces the player's staging in one statement. */
  async stage(
    command: StageCommand,
  ): Promise<{ batchId: string; playerLookup: string; rowsStaged: number }> {
    assertBatchId(command.batchId);
    assertPlayerLookup('playerLookup', command.playerLookup);
    const tooMany = this.tooManyRows(command.predictions.length);
    if (tooMany) throw tooMany;
    // This process's copy of the batch (at most a few seconds old) is enough to route the
    // write: a write to a batch superseded meanwhile is still read by the batch replacing it.
    const batch = await this.batches.canonicalFor(await this.batches.recentBatch(command.batchId));
    if (batch.status === BatchStatus.CANCELLED) {
      throw DomainError.conflict(
        `batch ${batch.id} is cancelled; start a new batch for ${batch.gameDate}`,
      );
    }
    const stagedAt = this.batches.now();
    const { rows, problems, truncated } = validatePredictions(
      command.predictions,
      { gameDate: batch.gameDate, playerLookup: command.playerLookup, stagedAt },
      MAX_LISTED,
    );
    if (problems.length > 0)
      throw this.refusal(batch.id, batch.gameDate, command.playerLookup, problems, truncated);
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

  /**
   * Every problem of a stagePredictions input that GraphQL refused while coercing it (a
   * missing or unknown field stops the request before the resolver), so the worker sees
   * them all at once with the value problems of the same request. Undefined when the input
   * is not one this can judge (no such batch, not a list of objects): GraphQL's own errors
   * stand then. Only for an authenticated caller: it reads the batch. The work is bounded
   * as the resolver's: at most MAX_PREDICTIONS_PER_STAGE rows, MAX_LISTED problems.
   */
  async refusalOfUncoerced(input: unknown): Promise<DomainError | undefined> {
    if (!isRecord(input)) return undefined;
    const { batchId, playerLookup, predictions } = input;
    if (typeof batchId !== 'string' || typeof playerLookup !== 'string') return undefined;
    if (!Array.isArray(predictions)) return undefined;
    const tooMany = this.tooManyRows(predictions.length);
    if (tooMany) return tooMany;
    if (!predictions.every(isRecord)) return undefined;
    const batch = await this.batches
      .requireBatch(batchId)
      .then((b) => this.batches.canonicalFor(b))
      .catch(() => undefined);
    if (!batch) return undefined;
    const { problems, truncated } = validatePredictions(
      predictions,
      { gameDate: batch.gameDate, playerLookup, stagedAt: this.batches.now() },
      MAX_LISTED,
    );
    return problems.length > 0
      ? this.refusal(batch.id, batch.gameDate, playerLookup, problems, truncated)
      : undefined;
  }

  private tooManyRows(rows: number): DomainError | undefined {
    const max = this.config.values.MAX_PREDICTIONS_PER_STAGE;
    if (rows <= max) return undefined;
    return DomainError.badInput(`predictions lists ${rows} rows; at most ${max} per call`, [
      { field: 'predictions', problem: `more than ${max}` },
    ]);
  }

  /** `truncated`: validation stopped after MAX_LISTED problems; there are more. */
  private refusal(
    batchId: string,
    gameDate: string,
    player: string,
    problems: readonly FieldProblem[],
    truncated: boolean,
  ): DomainError {
    const listed = problems.slice(0, MAX_LISTED);
    const summary = listed
      .slice(0, 10)
      .map((p) => `${p.field} ${p.problem}`)
      .join('; ');
    const count = truncated ? `more than ${MAX_LISTED}` : String(problems.length);
    this.logger.warn({ batchId, gameDate, player, problems: count }, 'staging rejected');
    return DomainError.badInput(
      `${count} invalid field(s); nothing was staged: ${summary}`,
      listed,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
