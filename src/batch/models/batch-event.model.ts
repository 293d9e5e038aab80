import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar, JsonScalar } from '../../common/scalars';
import { BatchEventType, type BatchEvent } from '../batch-events';

/** The GraphQL enum names each type as it is stored (BATCH_STARTED, PLAYER_COMPLETED...). */
const BatchEventTypes: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(BatchEventType).map((type) => [type, type]),
);
registerEnumType(BatchEventTypes, { name: 'BatchEventType' });

/** One entry of a batch's audit trail: what happened, when, and who caused it. */
@ObjectType('BatchEvent')
export class BatchEventEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  batchId!: string;

  @Field(() => DateScalar)
  gameDate!: string;

  @Field(() => BatchEventTypes)
  type!: BatchEventType;

  @Field(() => DateTimeScalar)
  occurredAt!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Who caused it: api-key:<first 12 hex digits of the key SHA-256>, an ID token email, anonymous (auth off) or system:cron. Null on events recorded before the audit trail.',
  })
  principal!: string | null;

  @Field(() => String, { nullable: true })
  playerLookup!: string | null;

  @Field(() => Int, { nullable: true })
  predictionsCount!: number | null;

  @Field(() => ID, { nullable: true, description: 'The consolidation run of run events.' })
  runId!: string | null;

  @Field(() => JsonScalar, {
    nullable: true,
    description: "The event's details (players, trigger, figures, error...).",
  })
  payload!: Record<string, unknown> | null;

  static from(event: BatchEvent): BatchEventEntry {
    return Object.assign(new BatchEventEntry(), {
      id: event.eventId,
      batchId: event.batchId,
      gameDate: event.gameDate,
      type: event.type,
      occurredAt: event.occurredAt,
      principal: event.principal ?? null,
      playerLookup: event.playerLookup ?? null,
      predictionsCount: event.predictionsCount ?? null,
      runId: event.runId ?? null,
      payload: event.payload ? { ...event.payload } : null,
    });
  }
}
