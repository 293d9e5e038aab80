import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PredictionInput } from '../models/prediction-types';

@InputType()
export class StagePredictionsInput {
  @Field(() => ID)
  batchId!: string;

  @Field()
  playerLookup!: string;

  @Field(() => [PredictionInput])
  predictions!: PredictionInput[];
}

@ObjectType()
export class StagePredictionsPayload {
  @Field(() => ID, {
    description: 'The batch the rows were staged for (the canonical one of the date).',
  })
  batchId!: string;

  @Field()
  playerLookup!: string;

  @Field(() => Int)
  rowsStaged!: number;
}
