import { Module } from '@nestjs/common';
import { BatchEventsRepository } from './batch-events.repository';
import { BatchEventsResolver } from './batch-events.resolver';
import { BatchLifecycle } from './batch-lifecycle';
import { BatchResolver } from './batch.resolver';
import { BatchService } from './batch.service';

@Module({
  providers: [
    BatchEventsRepository,
    BatchLifecycle,
    BatchService,
    BatchResolver,
    BatchEventsResolver,
  ],
  exports: [BatchService, BatchLifecycle],
})
export class BatchModule {}
