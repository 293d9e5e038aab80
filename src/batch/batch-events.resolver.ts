import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { BatchService } from './batch.service';
import { BatchEventEntry } from './models/batch-event.model';

@Resolver(() => BatchEventEntry)
export class BatchEventsResolver {
  constructor(private readonly batchService: BatchService) {}

  @Query(() => [BatchEventEntry], {
    description:
      'What happened to a batch and who did it, oldest first: every event once (each completion a player reported, every run). NOT_FOUND for an unknown batch.',
  })
  async batchEvents(
    @Args('batchId', { type: () => ID }) batchId: string,
  ): Promise<BatchEventEntry[]> {
    return (await this.batchService.history(batchId)).map((e) => BatchEventEntry.from(e));
  }
}
