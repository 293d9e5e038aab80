import { BatchEventType, type BatchEvent } from './batch-events';
import { deriveBatch, type BatchState } from './batch-state';

interface Entry {
  readonly events: Map<string, BatchEvent>;
  /** The event id of each player's latest completion: older ones decide nothing. */
  readonly latest: Map<string, string>;
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
    const entry: Entry = {
      events: new Map(),
      latest: new Map(),
      loadedAt: performance.now(),
      derivedAt: 0,
    };
    for (const event of events) add(entry, event);
    for (const event of previous?.events.values() ?? [])
      if (!entry.events.has(event.eventId)) add(entry, event);
    this.entries.delete(batchId);
    this.entries.set(batchId, entry);
    if (this.entries.size > MAX_ENTRIES)
      this.entries.delete(this.entries.keys().next().value ?? '');
  }

  /** Whether this durable event is known (read from the warehouse or written by us). */
  holds(batchId: string, eventId: string): boolean {
    return this.entries.get(batchId)?.events.has(eventId) ?? false;
  }

  /**
   * Events this process made durable. An id already known keeps its first version, as the
   * warehouse does: a redelivered completion must not look newer (late) than it is.
   */
  appended(events: readonly BatchEvent[]): void {
    for (const event of events) {
      const entry = this.entries.get(event.batchId);
      if (!entry || entry.events.has(event.eventId)) continue;
      add(entry, event);
      entry.state = undefined;
    }
  }
}

function isLater(a: BatchEvent, b: BatchEvent): boolean {
  return a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.eventId > b.eventId);
}

/** Adds an event, keeping only each player's latest completion (as derivation would). */
function add(entry: Entry, event: BatchEvent): void {
  const player = event.type === BatchEventType.PlayerCompleted ? event.playerLookup : undefined;
  if (player === undefined) {
    entry.events.set(event.eventId, event);
    return;
  }
  const currentId = entry.latest.get(player);
  const current = currentId ? entry.events.get(currentId) : undefined;
  if (current && !isLater(event, current)) return;
  if (currentId) entry.events.delete(currentId);
  entry.events.set(event.eventId, event);
  entry.latest.set(player, event.eventId);
}
