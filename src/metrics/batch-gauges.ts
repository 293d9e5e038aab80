import { Injectable, Logger } from '@nestjs/common';
import type { Gauge, Registry } from 'prom-client';
import { BatchStatus, completionPct, type BatchState } from '../batch/batch-state';
import { BatchService } from '../batch/batch.service';

/** At most one read of the batches in play per this many ms, however often scraped. */
const READ_EVERY_MS = 30_000;
/** Statuses a batch in play can have, reported even at 0 so the series never vanish. */
const IN_PLAY = [BatchStatus.OPEN, BatchStatus.CONSOLIDATING, BatchStatus.FAILED];

/**
 * The batch gauges, read when scraped: one read of every batch in play (the cron's own
 * query) serves both, and is reused for READ_EVERY_MS. A failed read is logged and leaves
 * the gauges empty (absent, not stale) until the next scrape reads again.
 */
@Injectable()
export class BatchGauges {
  private readonly logger = new Logger(BatchGauges.name);
  private reading: { readonly at: number; readonly batches: Promise<BatchState[]> } | undefined;

  constructor(private readonly batches: BatchService) {}

  register(client: typeof import('prom-client'), registry: Registry): void {
    const byStatus: Gauge<'status'> = new client.Gauge({
      name: 'coordinator_batches',
      help: 'Batches in play (open, consolidating, failed, or consolidated with news since), by status.',
      labelNames: ['status'] as const,
      registers: [registry],
      collect: async () => {
        const batches = await this.read();
        byStatus.reset();
        if (!batches) return;
        for (const status of IN_PLAY) byStatus.set({ status }, 0);
        for (const batch of batches) byStatus.inc({ status: batch.status });
      },
    });
    const completion: Gauge<'batch_id' | 'game_date'> = new client.Gauge({
      name: 'coordinator_batch_completion_percent',
      help: 'Share of expected players that reported completion, per open batch (0-100).',
      labelNames: ['batch_id', 'game_date'] as const,
      registers: [registry],
      collect: async () => {
        const batches = await this.read();
        completion.reset();
        for (const batch of batches?.filter((b) => b.status === BatchStatus.OPEN) ?? [])
          completion.set({ batch_id: batch.id, game_date: batch.gameDate }, completionPct(batch));
      },
    });
  }

  private async read(): Promise<BatchState[] | undefined> {
    const now = performance.now();
    if (!this.reading || now - this.reading.at > READ_EVERY_MS)
      this.reading = { at: now, batches: this.batches.openBatches() };
    const reading = this.reading;
    try {
      return await reading.batches;
    } catch (error) {
      if (this.reading === reading) {
        this.reading = undefined;
        this.logger.warn({ err: error }, 'batches in play not read for /metrics');
      }
      return undefined;
    }
  }
}
