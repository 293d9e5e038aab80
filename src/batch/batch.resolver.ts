import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Clock } from '../common/clock';
import { assertCount } from '../common/validation';
import { BatchService } from './batch.service';
import { isStalled } from './batch-state';
import { BatchesArgs } from './dto/batches.args';
import { RecordCompletionInput } from './dto/record-completion.input';
import { StartBatchInput } from './dto/start-batch.input';
import { Batch, RecordCompletionPayload, StartBatchPayload } from './models/batch.model';

@Resolver(() => Batch)
export class BatchResolver {
  constructor(
    private readonly batchService: BatchService,
    private readonly clock: Clock,
  ) {}

  @Query(() => Batch, { nullable: true })
  async batch(@Args('id', { type: () => ID }) id: string): Promise<Batch | null> {
    const state = await this.batchService.findBatch(id);
    return state ? Batch.from(state) : null;
  }

  @Query(() => [Batch])
  async batches(@Args() args: BatchesArgs): Promise<Batch[]> {
    assertCount('first', args.first, 500);
    return (await this.batchService.listBatches(args)).map((b) => Batch.from(b));
  }

  @Mutation(() => StartBatchPayload)
  async startBatch(@Args('input') input: StartBatchInput): Promise<StartBatchPayload> {
    const { batch, created } = await this.batchService.startBatch(input);
    return { batch: Batch.from(batch), created };
  }

  @Mutation(() => RecordCompletionPayload)
  async recordCompletion(
    @Args('input') input: RecordCompletionInput,
  ): Promise<RecordCompletionPayload> {
    const result = await this.batchService.recordCompletion(input);
    return { ...result, batch: Batch.from(result.batch) };
  }

  @Mutation(() => Batch)
  async cancelBatch(@Args('id', { type: () => ID }) id: string): Promise<Batch> {
    return Batch.from(await this.batchService.cancelBatch(id));
  }

  @ResolveField(() => Boolean)
  isStalled(
    @Parent() batch: Batch,
    @Args('thresholdMinutes', { type: () => Int, defaultValue: 10 }) thresholdMinutes: number,
  ): boolean {
    assertCount('thresholdMinutes', thresholdMinutes, 10_080);
    return isStalled(batch, thresholdMinutes, this.clock.now());
  }
}
