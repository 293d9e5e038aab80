import { Injectable } from '@nestjs/common';
import type { BatchState } from './batch-state';

export type CompletionHandler = (batch: BatchState, playerLookup: string) => Promise<boolean>;

/**
 * The seam between completions and consolidation: the consolidation module registers
 * what a recorded completion sets off, so batches need not know about MERGEs.
 */
@Injectable()
export class BatchLifecycle {
  private handler: CompletionHandler | undefined;

  onCompletion(handler: CompletionHandler): void {
    this.handler = handler;
  }

  /** Returns whether a consolidation was started. */
  async completionRecorded(batch: BatchState, playerLookup: string): Promise<boolean> {
    return this.handler ? this.handler(batch, playerLookup) : false;
  }
}
