import type { BatchEvent } from './batch-events';
import { deriveBatch, type BatchState } from './batch-state';

interface Entry {
  readonly events: Map<string, BatchEvent>;
  loadedAt: number;
  state?: BatchState;
  derivedAt: number;
}

const MAX_ENTRIES = 2_000;
const DERIVE_EVERY_MS = 1_000;

/**
 * Recently read batches with the events this process wrote since, so the completion path
 * needs no read per request. Entries older than the TTL are read again, which brings in
 * other replicas' events; decisions that matter (is the batch complete?) read afresh.
 */
export class BatchStateCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs: number) {}

  /** The cached state, if the batch was read from the warehouse within the TTL. */
  get(batchId: string, now: Date, leaseSeconds: number): BatchState | undefined {
    const entry = this.entries.get(batchId);
    if (!entry || performance.now() - entry.loadedAt > this.ttlMs) return undefined;
    if (!entry.state || performance.now() - entry.derivedAt > DERIVE_EVERY_MS) {
      entry.state = deriveBatch([...entry.events.values()], now, leaseSeconds);
      entry.derivedAt = performance.now();
    }
    return entry.state;
  }

  /** Replaces a batch's events with what the warehouse holds (plus any newer of ours). */
  loaded(batchId: string, events: readonly BatchEvent[]): void {
    const previous = this.entries.get(batchId);
    const merged = new Map(events.map((e) => [e.eventId, e]));
    for (const [id, event] of previous?.events ?? []) if (!merged.has(id)) merged.set(id, event);
    this.entries.delete(batchId);
    this.entries.set(batchId, { events: merged, loadedAt: performance.now(), derivedAt: 0 });
    if (this.entries.size > MAX_ENTRIES)
      this.entries.delete(this.entries.keys().next().value ?? '');
  }

  /**
   * Events this process made durable. An id already known keeps its first version, as the
   * warehouse does: a redelivered completion must not look newer (late) than it is.
   */
  appended(events: readonly BatchEvent[]): void {
    for (const event of events) {
      const entry = this.entries.get(event.batchId);
      if (!entry || entry.events.has(event.eventId)) continue;
      entry.events.set(event.eventId, event);
      entry.state = undefined;
    }
  }
}
