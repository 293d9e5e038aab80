import { Module } from '@nestjs/common';
import { BatchEventsRepository } from './batch-events.repository';
import { BatchLifecycle } from './batch-lifecycle';
import { BatchResolver } from './batch.resolver';
import { BatchService } from './batch.service';

@Module({
  providers: [BatchEventsRepository, BatchLifecycle, BatchService, BatchResolver],
  exports: [BatchService, BatchLifecycle],
})
export class BatchModule {}
