import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ConsolidationEvents } from '../consolidation/consolidation-events';
import { ConsolidationStatus, type ConsolidationResult } from '../consolidation/consolidation-run';
import { WarehouseTelemetry, type WarehouseCall } from '../warehouse/warehouse-telemetry';
import { BatchGauges } from './batch-gauges';

/** A consolidation takes seconds on DuckDB, up to many minutes for a large date on BigQuery. */
const RUN_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 900];
/** A DuckDB statement takes milliseconds; a BigQuery job 0.3-2 s, a MERGE longer. */
const STATEMENT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** prom-client is loaded this long after the service is ready (or at the first scrape). */
const LOAD_AFTER_READY_MS = 1_000;
/** What is observed before prom-client is loaded waits in a queue this long at most. */
const MAX_EARLY = 10_000;

interface Instruments {
  readonly registry: Registry;
  readonly runs: Counter<'status' | 'trigger'>;
  readonly runSeconds: Histogram<'status'>;
  readonly rowsMerged: Counter<'action'>;
  readonly statementSeconds: Histogram<'operation' | 'outcome'>;
  readonly duplicates: Gauge<'game_date'>;
}

/**
 * The Prometheus metrics of one application instance (its own registry: tests run several
 * in one process). Fed by the warehouse telemetry, finished runs and the duplicate-keys
 * watch; the batch gauges read the batches in play when scraped. prom-client itself is
 * loaded a second after the service is ready (or at the first scrape): what is observed
 * before waits in a queue and is applied then.
 */
@Injectable()
export class Metrics implements OnModuleInit, OnApplicationBootstrap {
  private instruments?: Instruments;
  private loading?: Promise<Instruments>;
  /** Observations made before prom-client was loaded, applied once it is. */
  private early: ((instruments: Instruments) => void)[] = [];

  constructor(
    private readonly telemetry: WarehouseTelemetry,
    private readonly events: ConsolidationEvents,
    private readonly batchGauges: BatchGauges,
  ) {}

  onModuleInit(): void {
    this.telemetry.onCall((call) => this.statement(call));
    this.events.onRunFinished((run) => this.runFinished(run));
  }

  /**
   * prom-client (and the @opentelemetry/api it requires) costs 45-60 ms to load: it is
   * loaded just after the service is ready, not before, unless a scrape asks first.
   */
  onApplicationBootstrap(): void {
    setTimeout(() => void this.load(), LOAD_AFTER_READY_MS).unref();
  }

  /** The duplicate-keys watch's finding for a date; a date without duplicates leaves the gauge. */
  duplicateKeys(gameDate: string, keys: number): void {
    this.record(({ duplicates }) => {
      if (keys > 0) duplicates.set({ game_date: gameDate }, keys);
      else duplicates.remove({ game_date: gameDate });
    });
  }

  /** The exposition text, in Prometheus' format. */
  async render(): Promise<string> {
    return (await this.load()).registry.metrics();
  }

  private load(): Promise<Instruments> {
    this.loading ??= import('prom-client').then((client) => {
      const instruments = this.build(client);
      this.instruments = instruments;
      for (const observe of this.early) observe(instruments);
      this.early = [];
      return instruments;
    });
    return this.loading;
  }

  private record(observe: (instruments: Instruments) => void): void {
    if (this.instruments) observe(this.instruments);
    else if (this.early.length < MAX_EARLY) this.early.push(observe);
  }

  private build(client: typeof import('prom-client')): Instruments {
    // The instance's own registry: tests run several applications in one process.
    const registry = new client.Registry();
    const registers = [registry];
    const instruments: Instruments = {
      registry,
      runs: new client.Counter({
        name: 'coordinator_consolidation_runs_total',
        help: 'Consolidation runs finished by this instance, by status and trigger.',
        labelNames: ['status', 'trigger'] as const,
        registers,
      }),
      runSeconds: new client.Histogram({
        name: 'coordinator_consolidation_duration_seconds',
        help: 'Duration of a consolidation run, from taking the lease to its recorded outcome.',
        labelNames: ['status'] as const,
        buckets: RUN_BUCKETS,
        registers,
      }),
      rowsMerged: new client.Counter({
        name: 'coordinator_rows_merged_total',
        help: 'Target rows changed by successful consolidations, by what the MERGE did.',
        labelNames: ['action'] as const,
        registers,
      }),
      statementSeconds: new client.Histogram({
        name: 'coordinator_warehouse_statement_duration_seconds',
        help: 'Latency of each call to the warehouse (a BigQuery job, a DuckDB statement, a metadata call), by operation and outcome.',
        labelNames: ['operation', 'outcome'] as const,
        buckets: STATEMENT_BUCKETS,
        registers,
      }),
      duplicates: new client.Gauge({
        name: 'coordinator_duplicate_keys',
        help: 'Business keys with more than one active row, per game date found with some after a consolidation (repairDuplicates fixes them).',
        labelNames: ['game_date'] as const,
        registers,
      }),
    };
    for (const action of ['inserted', 'updated', 'deactivated'])
      instruments.rowsMerged.inc({ action }, 0);
    this.batchGauges.register(client, registry);
    return instruments;
  }

  private statement(call: WarehouseCall): void {
    this.record(({ statementSeconds }) =>
      statementSeconds.observe({ operation: call.operation, outcome: call.outcome }, call.seconds),
    );
  }

  private runFinished(run: ConsolidationResult): void {
    this.record(({ runs, runSeconds, rowsMerged }) => {
      runs.inc({ status: run.status, trigger: run.trigger });
      if (run.finishedAt) {
        const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
        runSeconds.observe({ status: run.status }, Math.max(0, seconds));
      }
      if (run.status !== ConsolidationStatus.SUCCEEDED) return;
      rowsMerged.inc({ action: 'inserted' }, run.figures.rowsInserted);
      rowsMerged.inc({ action: 'updated' }, run.figures.rowsUpdated);
      rowsMerged.inc({ action: 'deactivated' }, run.figures.rowsDeactivated);
    });
  }
}
