import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ConsolidationEvents } from '../consolidation/consolidation-events';
import { ConsolidationStatus, type ConsolidationResult } from '../consolidation/consolidation-run';
import { WarehouseTelemetry, type WarehouseCall } from '../warehouse/warehouse-telemetry';
import { BatchGauges } from './batch-gauges';

/** A consolidation takes seconds on DuckDB, up to many minutes for a large date on BigQuery. */
const RUN_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 900];
/** A DuckDB statement takes milliseconds; a BigQuery job 0.3-2 s, a MERGE longer. */
const STATEMENT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The Prometheus metrics of one application instance (its own registry: tests run several
 * in one process). Fed by the warehouse telemetry, finished runs and the duplicate-keys
 * watch; the batch gauges read the batches in play when scraped.
 */
@Injectable()
export class Metrics implements OnModuleInit {
  readonly registry = new Registry();
  private readonly runs = new Counter({
    name: 'coordinator_consolidation_runs_total',
    help: 'Consolidation runs finished by this instance, by status and trigger.',
    labelNames: ['status', 'trigger'] as const,
    registers: [this.registry],
  });
  private readonly runSeconds = new Histogram({
    name: 'coordinator_consolidation_duration_seconds',
    help: 'Duration of a consolidation run, from taking the lease to its recorded outcome.',
    labelNames: ['status'] as const,
    buckets: RUN_BUCKETS,
    registers: [this.registry],
  });
  private readonly rowsMerged = new Counter({
    name: 'coordinator_rows_merged_total',
    help: 'Target rows changed by successful consolidations, by what the MERGE did.',
    labelNames: ['action'] as const,
    registers: [this.registry],
  });
  private readonly statementSeconds = new Histogram({
    name: 'coordinator_warehouse_statement_duration_seconds',
    help: 'Latency of each call to the warehouse (a BigQuery job, a DuckDB statement, a metadata call), by operation and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: STATEMENT_BUCKETS,
    registers: [this.registry],
  });
  private readonly duplicates = new Gauge({
    name: 'coordinator_duplicate_keys',
    help: 'Business keys with more than one active row, per game date found with some after a consolidation (repairDuplicates fixes them).',
    labelNames: ['game_date'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly telemetry: WarehouseTelemetry,
    private readonly events: ConsolidationEvents,
    private readonly batchGauges: BatchGauges,
  ) {
    for (const action of ['inserted', 'updated', 'deactivated']) this.rowsMerged.inc({ action }, 0);
  }

  onModuleInit(): void {
    this.batchGauges.register(this.registry);
    this.telemetry.onCall((call) => this.statement(call));
    this.events.onRunFinished((run) => this.runFinished(run));
  }

  /** The duplicate-keys watch's finding for a date; a date without duplicates leaves the gauge. */
  duplicateKeys(gameDate: string, keys: number): void {
    if (keys > 0) this.duplicates.set({ game_date: gameDate }, keys);
    else this.duplicates.remove({ game_date: gameDate });
  }

  /** The exposition text, in Prometheus' format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  private statement(call: WarehouseCall): void {
    this.statementSeconds.observe(
      { operation: call.operation, outcome: call.outcome },
      call.seconds,
    );
  }

  private runFinished(run: ConsolidationResult): void {
    this.runs.inc({ status: run.status, trigger: run.trigger });
    if (run.finishedAt) {
      const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
      this.runSeconds.observe({ status: run.status }, Math.max(0, seconds));
    }
    if (run.status !== ConsolidationStatus.SUCCEEDED) return;
    this.rowsMerged.inc({ action: 'inserted' }, run.figures.rowsInserted);
    this.rowsMerged.inc({ action: 'updated' }, run.figures.rowsUpdated);
    this.rowsMerged.inc({ action: 'deactivated' }, run.figures.rowsDeactivated);
  }
}
