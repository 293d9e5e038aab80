import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { assertCount } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { ConsolidationRepository } from '../consolidation/consolidation.repository';
import type { Row } from '../warehouse/sql/statement';
import { DuplicatesRepository } from './duplicates.repository';
import { MaintenanceKind, type MaintenanceRunRecord } from './maintenance-run';
import { MaintenanceRunner } from './maintenance-runner';

/** One business key with several active rows: its values, and its rows, the one kept first. */
export interface DuplicateKeyGroup {
  readonly key: Readonly<Record<string, unknown>>;
  readonly rows: readonly Row[];
}

const MAX_KEYS = 10_000;

/**
 * Duplicated business keys in the target (rows written before this service, or by hand,
 * which make every consolidation touching them fail verification) and their repair.
 */
@Injectable()
export class RepairService {
  constructor(
    private readonly duplicates: DuplicatesRepository,
    private readonly runner: MaintenanceRunner,
    private readonly target: ConsolidationRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The first `first` duplicated keys of the date (in key order), each with its active rows. */
  async duplicateKeys(gameDate: string, first: number): Promise<DuplicateKeyGroup[]> {
    assertCount('first', first, MAX_KEYS);
    const key = this.config.values.BUSINESS_KEY;
    const groups = new Map<number, Row[]>();
    for (const ranked of await this.duplicates.rankedRows(gameDate, key, first)) {
      groups.set(ranked.keyNumber, [...(groups.get(ranked.keyNumber) ?? []), ranked.row]);
    }
    return [...groups.values()].map((rows) => ({
      key: Object.fromEntries(key.map((k) => [k, rows[0]?.[k] ?? null])),
      rows,
    }));
  }

  /**
   * Keeps the newest active row of each duplicated key and deactivates the others, removing
   * copies of a kept row (same prediction id); a dry run only counts them. Snapshots before and after on engines without time travel, so
   * restorePredictions can undo it.
   */
  async repair(gameDate: string, dryRun: boolean): Promise<MaintenanceRunRecord> {
    const key = this.config.values.BUSINESS_KEY;
    const spec = { kind: MaintenanceKind.REPAIR_DUPLICATES, gameDate, dryRun };
    return this.runner.run(spec, async (fence, runId) => {
      const found = await this.duplicates.figures(gameDate, key);
      const figures = {
        duplicateKeys: found.keys,
        rowsDeactivated: found.rows - found.keys - found.copies,
        rowsDeleted: found.copies,
      };
      if (!fence || found.keys === 0) return figures;
      const columns = (await this.target.targetColumns()).map((c) => c.name);
      const now = this.clock.now().toISOString();
      const job = { operation: 'repair_duplicates', gameDate };
      await this.target.snapshotDate(gameDate, `${runId}_1before`, 'before_repair', now, job);
      await this.duplicates.repair(gameDate, key, columns, now, fence(), found);
      await this.target.snapshotDate(
        gameDate,
        `${runId}_2after`,
        'after_repair',
        this.after(now),
        job,
      );
      return figures;
    });
  }

  /** The after-state starts just after the before-state, so restoring as of `now` undoes the repair. */
  private after(now: string): string {
    return new Date(Math.max(this.clock.now().getTime(), Date.parse(now) + 1)).toISOString();
  }
}
