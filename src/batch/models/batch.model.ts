import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar } from '../../common/scalars';
import { BatchStatus, completionPct, type BatchState } from '../batch-state';

registerEnumType(BatchStatus, { name: 'BatchStatus' });

@ObjectType()
export class PlayerCompletion {
  @Field()
  playerLookup!: string;

  @Field(() => Int)
  predictionsCount!: number;

  @Field(() => DateTimeScalar)
  completedAt!: string;
}

@ObjectType()
export class Batch {
  @Field(() => ID)
  id!: string;

  @Field(() => DateScalar)
  gameDate!: string;

  @Field(() => BatchStatus)
  status!: BatchStatus;

  @Field(() => Int)
  expectedPlayers!: number;

  @Field(() => Int, {
    description: 'Distinct expected players that completed; repeats never count twice.',
  })
  completedPlayers!: number;

  @Field(() => [String])
  pendingPlayers!: string[];

  @Field(() => [String], {
    description: 'Players that completed without being expected: recorded, reported.',
  })
  unexpectedPlayers!: string[];

  @Field(() => Float, { description: '0-100' })
  completionPct!: number;

  @Field(() => Int, { description: 'Sum over distinct players of their latest reported count.' })
  predictionsReported!: number;

  @Field(() => String, { nullable: true })
  correlationId!: string | null;

  @Field(() => ID, { nullable: true })
  supersededBy!: string | null;

  @Field(() => [ID], {
    description: 'Batches whose work this batch absorbed (force or fragment repair).',
  })
  mergedFrom!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field(() => DateTimeScalar)
  lastActivityAt!: string;

  @Field(() => [PlayerCompletion])
  completions!: PlayerCompletion[];

  static from(state: BatchState): Batch {
    return Object.assign(new Batch(), {
      id: state.id,
      gameDate: state.gameDate,
      status: state.status,
      expectedPlayers: state.expectedPlayers.length,
      completedPlayers: state.completedExpected,
      pendingPlayers: [...state.pendingPlayers],
      unexpectedPlayers: [...state.unexpectedPlayers],
      completionPct: completionPct(state),
      predictionsReported: state.predictionsReported,
      correlationId: state.correlationId ?? null,
      supersededBy: state.supersededBy ?? null,
      mergedFrom: [...state.mergedFrom],
      createdAt: state.createdAt,
      lastActivityAt: state.lastActivityAt,
      completions: state.completions.map((c) => Object.assign(new PlayerCompletion(), c)),
    });
  }
}

@ObjectType()
export class StartBatchPayload {
  @Field(() => Batch)
  batch!: Batch;

  @Field({ description: 'false: the open batch for the date was returned' })
  created!: boolean;
}

@ObjectType()
export class RecordCompletionPayload {
  @Field(() => Batch)
  batch!: Batch;

  @Field()
  batchComplete!: boolean;

  @Field()
  consolidationTriggered!: boolean;
}
