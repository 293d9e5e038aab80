import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class RecordCompletionInput {
  @Field(() => ID)
  batchId!: string;

  @Field()
  playerLookup!: string;

  @Field(() => Int, { description: '0 is valid: a player the worker skipped still completes.' })
  predictionsCount!: number;
}
