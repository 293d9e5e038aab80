import { Module } from '@nestjs/common';
import { BatchModule } from '../batch/batch.module';
import { ConsolidationCron } from './consolidation-cron.service';
import { ConsolidationEvents } from './consolidation-events';
import { ConsolidationRepository } from './consolidation.repository';
import { ConsolidationResolver } from './consolidation.resolver';
import { ConsolidationService } from './consolidation.service';
import { ConsolidationTriggers } from './consolidation-triggers.service';
import { LockRepository } from './lock.repository';
import { StagingCatalogRepository } from './staging-catalog.repository';

@Module({
  imports: [BatchModule],
  providers: [
    ConsolidationEvents,
    LockRepository,
    StagingCatalogRepository,
    ConsolidationRepository,
    ConsolidationService,
    ConsolidationTriggers,
    ConsolidationCron,
    ConsolidationResolver,
  ],
  exports: [
    ConsolidationEvents,
    ConsolidationService,
    ConsolidationTriggers,
    ConsolidationCron,
    ConsolidationRepository,
    LockRepository,
  ],
})
export class ConsolidationModule {}
