import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ConsolidationEvents } from '../consolidation/consolidation-events';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { DuplicatesRepository } from './duplicates.repository';

/** Runs finished within this window are checked together, one query per date. */
export const CHECK_DELAY_MS = 30_000;

/**
 * Business keys with more than one active row make every consolidation that touches them
 * fail verification, and `predictionSummary.duplicateKeys` should be 0. After runs finish,
 * their dates are checked (once per date per CHECK_DELAY_MS, off the run's path): a date
 * with duplicates is one `duplicate_keys_found` WARNING line (for a log-based metric) and
 * the `coordinator_duplicate_keys` gauge.
 */
@Injectable()
export class DuplicateKeysWatch implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(DuplicateKeysWatch.name);
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly events: ConsolidationEvents,
    private readonly duplicates: DuplicatesRepository,
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.events.onRunFinished((run) => this.schedule(run.gameDate));
  }

  beforeApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Checks every date waiting now (tests call it instead of waiting for the timer). */
  async checkPending(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const dates = [...this.pending].sort();
    this.pending.clear();
    for (const gameDate of dates) await this.check(gameDate);
  }

  private schedule(gameDate: string): void {
    this.pending.add(gameDate);
    if (this.timer) return;
    this.timer = setTimeout(() => void this.checkPending(), CHECK_DELAY_MS);
    this.timer.unref();
  }

  private async check(gameDate: string): Promise<void> {
    try {
      const found = await this.duplicates.figures(gameDate, this.config.values.BUSINESS_KEY);
      this.metrics.duplicateKeys(gameDate, found.keys);
      if (found.keys === 0) return;
      this.logger.warn(
        {
          event: 'duplicate_keys_found',
          gameDate,
          duplicateKeys: found.keys,
          duplicateRows: found.rows,
        },
        'business keys with more than one active row: duplicateKeys(gameDate:) lists them, repairDuplicates repairs them',
      );
    } catch (error) {
      this.logger.warn(
        { gameDate, err: error },
        'duplicate keys not checked; the next run of the date checks again',
      );
    }
  }
}
