import { Module } from '@nestjs/common';
import { BatchModule } from '../batch/batch.module';
import { ConsolidationModule } from '../consolidation/consolidation.module';
import { BatchGauges } from './batch-gauges';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

@Module({
  imports: [BatchModule, ConsolidationModule],
  providers: [BatchGauges, Metrics],
  controllers: [MetricsController],
  exports: [Metrics],
})
export class MetricsModule {}
