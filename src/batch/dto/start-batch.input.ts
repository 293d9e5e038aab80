import { Field, InputType } from '@nestjs/graphql';
import { DateScalar } from '../../common/scalars';

@InputType()
export class StartBatchInput {
  @Field(() => DateScalar)
  gameDate!: string;

  @Field(() => [String], { description: 'Expected player_lookups; duplicates collapse.' })
  players!: string[];

  @Field(() => String, { nullable: true })
  correlationId?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'Start a new batch even though one is open for the date; the open one is superseded.',
  })
  force?: boolean;
}
