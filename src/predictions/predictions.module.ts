import { Module } from '@nestjs/common';
import { BatchModule } from '../batch/batch.module';
import { ConsolidationModule } from '../consolidation/consolidation.module';
import { PredictionQueriesService } from './prediction-queries.service';
import { PredictionsRepository } from './predictions.repository';
import { PredictionsResolver } from './predictions.resolver';
import { RestoreRepository } from './restore.repository';
import { StagingRepository } from './staging.repository';
import { StagingService } from './staging.service';

@Module({
  imports: [BatchModule, ConsolidationModule],
  providers: [
    StagingRepository,
    StagingService,
    PredictionsRepository,
    RestoreRepository,
    PredictionQueriesService,
    PredictionsResolver,
  ],
  exports: [StagingService],
})
export class PredictionsModule {}
