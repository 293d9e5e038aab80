import { ArgsType, Field, Int } from '@nestjs/graphql';
import { DateScalar } from '../../common/scalars';

@ArgsType()
export class PredictionsArgs {
  @Field(() => DateScalar, { description: 'Required: every read is confined to one game date.' })
  gameDate!: string;

  @Field(() => String, { nullable: true })
  playerLookup?: string | null;

  @Field(() => String, { nullable: true })
  systemId?: string | null;

  @Field(() => Boolean, { defaultValue: true })
  activeOnly!: boolean;

  @Field(() => Int, { defaultValue: 100, description: 'Page size, at most 1000.' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string | null;
}
