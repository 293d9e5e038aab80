import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { BatchService } from '../batch/batch.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { KeyedMutex } from '../common/keyed-mutex';
import { assertCount, assertPlayerLookup } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { ConsolidationRepository } from '../consolidation/consolidation.repository';
import { LockRepository } from '../consolidation/lock.repository';
import type { Row } from '../warehouse/sql/statement';
import {
  PredictionsRepository,
  type PageCursor,
  type PredictionFilter,
  type SummaryFigures,
} from './predictions.repository';
import { RestoreRepository, type RestoreFigures, type RestoreSource } from './restore.repository';

export interface PageResult {
  readonly rows: Row[];
  readonly cursors: string[];
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

const MAX_PAGE = 1000;

/** Reads for tools and operators, and the restore of a date's rows. */
@Injectable()
export class PredictionQueriesService {
  private readonly logger = new Logger(PredictionQueriesService.name);
  private readonly restoreMutex = new KeyedMutex();

  constructor(
    private readonly predictions: PredictionsRepository,
    private readonly restores: RestoreRepository,
    private readonly snapshots: ConsolidationRepository,
    private readonly locks: LockRepository,
    private readonly batches: BatchService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async page(filter: PredictionFilter, first: number, after?: string | null): Promise<PageResult> {
    assertCount('first', first, MAX_PAGE);
    if (filter.playerLookup) assertPlayerLookup('playerLookup', filter.playerLookup);
    if (filter.systemId && filter.systemId.length > 200) {
      throw DomainError.badInput('systemId is too long', [
        { field: 'systemId', problem: 'over 200 characters' },
      ]);
    }
    const cursor = after ? decodeCursor(after) : undefined;
    const rows = await this.predictions.page(filter, first + 1, cursor);
    const pageRows = rows.slice(0, first);
    return {
      rows: pageRows,
      cursors: pageRows.map(encodeCursor),
      hasNextPage: rows.length > first,
      totalCount: await this.predictions.count(filter),
    };
  }

  async summary(gameDate: string): Promise<SummaryFigures> {
    return this.predictions.summary(gameDate, this.config.values.BUSINESS_KEY);
  }

  async coverage(
    gameDate: string,
  ): Promise<{ expectedPlayers: string[]; withPredictions: Set<string> }> {
    const batch = await this.batches.canonicalBatch(gameDate);
    return {
      expectedPlayers: [...(batch?.expectedPlayers ?? [])],
      withPredictions: await this.predictions.activePlayers(gameDate),
    };
  }

  /**
   * The date's rows as they were at `asOf` (time travel, or the service's snapshots). A dry
   * run only counts; a real one takes the date's lease and snapshots first, so it can be undone.
   */
  async restore(gameDate: string, asOf: string, dryRun: boolean): Promise<RestoreFigures> {
    if (Date.parse(asOf) > this.clock.now().getTime() + 60_000) {
      throw DomainError.badInput('asOf is in the future', [
        { field: 'asOf', problem: 'after now' },
      ]);
    }
    return this.restoreMutex.run(gameDate, async () => {
      const source = await this.sourceFor(gameDate, asOf);
      const figures = await this.restores.figures(gameDate, asOf, source);
      const log = { gameDate, asOf, dryRun, ...figures };
      if (dryRun) {
        this.logger.log(log, 'restore dry run');
        return figures;
      }
      const owner = `restore_${randomBytes(4).toString('hex')}`;
      const holder = await this.locks.acquire(
        gameDate,
        owner,
        this.clock.now(),
        this.config.values.LOCK_LEASE_SECONDS,
      );
      if (holder?.owner !== owner)
        throw DomainError.conflict(`a consolidation holds the lock for ${gameDate}; try again`);
      try {
        const now = this.clock.now().toISOString();
        await this.snapshots.snapshotDate(gameDate, `${owner}_1before`, 'before_restore', now, {
          operation: 'restore',
        });
        const changed = await this.restores.restore(gameDate, asOf, source);
        // The after-state starts just after the before-state, so restoring as of `now` undoes this.
        const afterAt = new Date(
          Math.max(this.clock.now().getTime(), Date.parse(now) + 1),
        ).toISOString();
        await this.snapshots.snapshotDate(gameDate, `${owner}_2after`, 'after_restore', afterAt, {
          operation: 'restore',
        });
        this.logger.warn({ ...log, rowsChanged: changed }, 'predictions restored');
        return figures;
      } finally {
        await this.locks.release(gameDate, owner);
      }
    });
  }

  private async sourceFor(gameDate: string, asOf: string): Promise<RestoreSource> {
    if (this.restores.hasTimeTravel) {
      if (this.clock.now().getTime() - Date.parse(asOf) > 7 * 86_400_000) {
        throw DomainError.badInput('asOf is more than 7 days ago, beyond BigQuery time travel', [
          { field: 'asOf', problem: 'older than the time-travel window' },
        ]);
      }
      return { kind: 'time_travel' };
    }
    const snapshot = await this.predictions.snapshotAsOf(gameDate, asOf);
    if (!snapshot) {
      throw DomainError.notFound(
        `no snapshot of ${gameDate} was taken at or before ${asOf}; nothing to restore from`,
      );
    }
    return { kind: 'snapshot', snapshotId: snapshot.id };
  }
}

function encodeCursor(row: Row): string {
  const cursor: PageCursor = {
    playerLookup: String(row.player_lookup),
    systemId: String(row.system_id),
    predictionId: String(row.prediction_id),
  };
  return Buffer.from(
    JSON.stringify([cursor.playerLookup, cursor.systemId, cursor.predictionId]),
  ).toString('base64url');
}

function decodeCursor(text: string): PageCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed.every((v) => typeof v === 'string')
    ) {
      const [playerLookup, systemId, predictionId] = parsed as [string, string, string];
      return { playerLookup, systemId, predictionId };
    }
  } catch {
    // falls through to the error below
  }
  throw DomainError.badInput('after is not a cursor this service returned', [
    { field: 'after', problem: 'invalid cursor' },
  ]);
}
