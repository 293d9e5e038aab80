import { ArgsType, Field, Int } from '@nestjs/graphql';
import { DateScalar } from '../../common/scalars';
import { BatchStatus } from '../batch-state';

@ArgsType()
export class BatchesArgs {
  @Field(() => DateScalar, { nullable: true })
  gameDate?: string | null;

  @Field(() => BatchStatus, { nullable: true })
  status?: BatchStatus | null;

  @Field(() => Int, { defaultValue: 20 })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The id of the last batch of the previous page.',
  })
  after?: string | null;
}
