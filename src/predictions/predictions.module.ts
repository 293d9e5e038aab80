import { Module } from '@nestjs/common';
import { BatchModule } from '../batch/batch.module';
import { PredictionsResolver } from './predictions.resolver';
import { StagingRepository } from './staging.repository';
import { StagingService } from './staging.service';

@Module({
  imports: [BatchModule],
  providers: [StagingRepository, StagingService, PredictionsResolver],
})
export class PredictionsModule {}
