import { Module } from '@nestjs/common';
import { BatchModule } from '../batch/batch.module';
import { ConsolidationModule } from '../consolidation/consolidation.module';
import { MetricsModule } from '../metrics/metrics.module';
import { DuplicateKeysWatch } from './duplicate-keys-watch';
import { DuplicatesRepository } from './duplicates.repository';
import { MaintenanceResolver } from './maintenance.resolver';
import { MaintenanceRunner } from './maintenance-runner';
import { MaintenanceRunsRepository } from './maintenance-runs.repository';
import { PredictionQueriesService } from './prediction-queries.service';
import { PredictionsRepository } from './predictions.repository';
import { PredictionsResolver } from './predictions.resolver';
import { RepairService } from './repair.service';
import { RestoreRepository } from './restore.repository';
import { RestoreService } from './restore.service';
import { StagingRepository } from './staging.repository';
import { StagingService } from './staging.service';

@Module({
  imports: [BatchModule, ConsolidationModule, MetricsModule],
  providers: [
    StagingRepository,
    StagingService,
    PredictionsRepository,
    RestoreRepository,
    PredictionQueriesService,
    PredictionsResolver,
    // Operators' repairs of the target: recorded runs under the date's lease.
    MaintenanceRunsRepository,
    MaintenanceRunner,
    DuplicatesRepository,
    DuplicateKeysWatch,
    RepairService,
    RestoreService,
    MaintenanceResolver,
  ],
  exports: [StagingService],
})
export class PredictionsModule {}
