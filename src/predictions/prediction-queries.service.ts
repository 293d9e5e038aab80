import { Injectable } from '@nestjs/common';
import { BatchService } from '../batch/batch.service';
import { DomainError } from '../common/domain-error';
import { assertCount, assertPlayerLookup } from '../common/validation';
import { AppConfig } from '../config/app-config';
import type { Row } from '../warehouse/sql/statement';
import {
  PredictionsRepository,
  type PageCursor,
  type PredictionFilter,
  type SummaryFigures,
} from './predictions.repository';

export interface PageResult {
  readonly rows: Row[];
  readonly cursors: string[];
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

const MAX_PAGE = 1000;

/** Reads for tools and operators (the restore is RestoreService's). */
@Injectable()
export class PredictionQueriesService {
  constructor(
    private readonly predictions: PredictionsRepository,
    private readonly batches: BatchService,
    private readonly config: AppConfig,
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
    const batch = await this.batches.coverageBatch(gameDate);
    return {
      expectedPlayers: [...(batch?.expectedPlayers ?? [])],
      withPredictions: await this.predictions.activePlayers(gameDate),
    };
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
