import { Injectable, Logger } from '@nestjs/common';
import type { ConsolidationResult } from './consolidation-run';

export type RunFinishedListener = (run: ConsolidationResult) => void;

/**
 * The seam finished runs are heard through (metrics, the duplicate-keys watch), so the
 * consolidation knows none of its listeners. A listener that throws is logged, never the
 * run's failure.
 */
@Injectable()
export class ConsolidationEvents {
  private readonly logger = new Logger(ConsolidationEvents.name);
  private readonly listeners: RunFinishedListener[] = [];

  onRunFinished(listener: RunFinishedListener): void {
    this.listeners.push(listener);
  }

  runFinished(run: ConsolidationResult): void {
    for (const listener of this.listeners) {
      try {
        listener(run);
      } catch (error) {
        this.logger.error(
          { runId: run.id, batchId: run.batchId, gameDate: run.gameDate, err: error },
          'a listener of finished runs failed',
        );
      }
    }
  }
}
