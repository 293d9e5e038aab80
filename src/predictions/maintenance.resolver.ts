import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DateScalar } from '../common/scalars';
import { assertCount } from '../common/validation';
import { MaintenanceKind } from './maintenance-run';
import { MaintenanceRunner } from './maintenance-runner';
import { DuplicateKey, MaintenanceRun, RepairDuplicatesPayload } from './models/maintenance.models';
import { RepairService } from './repair.service';

@Resolver()
export class MaintenanceResolver {
  constructor(
    private readonly repairs: RepairService,
    private readonly runner: MaintenanceRunner,
  ) {}

  @Query(() => [DuplicateKey], {
    description:
      'Business keys of the date with more than one active row, each with its rows (the one repairDuplicates keeps first); in key order.',
  })
  async duplicateKeys(
    @Args('gameDate', { type: () => DateScalar }) gameDate: string,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<DuplicateKey[]> {
    const groups = await this.repairs.duplicateKeys(gameDate, first);
    return groups.map((group) => DuplicateKey.from(group));
  }

  @Mutation(() => RepairDuplicatesPayload, {
    description:
      "Keeps the newest active row of each duplicated business key and deactivates the others, under the date's consolidation lock; dry run by default. Recorded (maintenanceRuns).",
  })
  async repairDuplicates(
    @Args('gameDate', { type: () => DateScalar }) gameDate: string,
    @Args('dryRun', { type: () => Boolean, defaultValue: true }) dryRun: boolean,
  ): Promise<RepairDuplicatesPayload> {
    const run = MaintenanceRun.from(await this.repairs.repair(gameDate, dryRun));
    return {
      gameDate,
      dryRun,
      duplicateKeys: run.duplicateKeys,
      rowsDeactivated: run.rowsDeactivated,
      rowsDeleted: run.rowsDeleted,
      run,
    };
  }

  @Query(() => [MaintenanceRun], {
    description:
      'Repairs and restores (dry or not), newest first: who asked, when, figures; next to consolidationRuns.',
  })
  async maintenanceRuns(
    @Args('gameDate', { type: () => DateScalar, nullable: true }) gameDate: string | null,
    @Args('kind', { type: () => MaintenanceKind, nullable: true }) kind: MaintenanceKind | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<MaintenanceRun[]> {
    assertCount('first', first, 500);
    const runs = await this.runner.list({ gameDate, kind, first });
    return runs.map((run) => MaintenanceRun.from(run));
  }
}
