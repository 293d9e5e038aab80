import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { StagePredictionsInput, StagePredictionsPayload } from './dto/stage-predictions.input';
import { StagingService } from './staging.service';

@Resolver()
export class PredictionsResolver {
  constructor(private readonly staging: StagingService) {}

  @Mutation(() => StagePredictionsPayload)
  async stagePredictions(@Args('input') input: StagePredictionsInput): Promise<StagePredictionsPayload> {
    return this.staging.stage(input);
  }
}
