import { Args, ArgsType, Field, ID, Int, ObjectType, Resolver, Subscription } from '@nestjs/graphql';
import type { RecordedEvent } from '../event-store/event-store.js';
import { LiveUpdates } from '../graphql/live-updates.js';
import { IsTerritoryRef, TerritoryRefInput } from '../territory/territory.model.js';
import { TerritoryService } from '../territory/territory.service.js';
import { checkTerritoryRefs } from '../territory/territory-input.js';
import { Commitment } from './commitment.model.js';
import { CommitmentsReadModel, type CommitmentRow } from './commitments.read-model.js';
import { IsEntityId } from '../graphql/field-kinds.js';

@ObjectType({ description: 'A recorded change to a commitment, sent once the read model includes it.' })
export class CommitmentChange {
  @Field({ description: 'The event recorded, e.g. CommitmentProgressReported, CommitmentBreached.' })
  eventType!: string;
  @Field(() => Int)
  revision!: number;
  @Field({ description: 'Global log position of the event (a decimal string).' })
  position!: string;
  @Field(() => Commitment, { description: 'The commitment as it stands once the change is applied.' })
  commitment!: CommitmentRow;
}

@ArgsType()
export class CommitmentChangeArgs {
  @Field(() => ID, { nullable: true, description: 'Only this committing actor’s commitments.' })
  @IsEntityId({ optional: true })
  actorId?: string;

  @Field(() => TerritoryRefInput, { nullable: true, description: 'Only commitments in this territory (a département includes its communes).' })
  @IsTerritoryRef({ optional: true })
  territory?: TerritoryRefInput;
}

@Resolver()
export class CommitmentChangesResolver {
  constructor(
    private readonly live: LiveUpdates,
    private readonly readModel: CommitmentsReadModel,
    private readonly territories: TerritoryService,
  ) {}

  @Subscription(() => CommitmentChange, {
    description:
      'Every change to a commitment (made, revised, progress, fulfilled, withdrawn, breached, attached), over graphql-ws with a token given at connection.',
    resolve: (change: CommitmentChange) => change,
  })
  commitmentChanged(@Args() args: CommitmentChangeArgs): AsyncIterableIterator<CommitmentChange> {
    const territory = args.territory && checkTerritoryRefs(this.territories, [args.territory], 'territory', true)[0];
    const filter = { actorId: args.actorId, territory };
    return this.live.follow('commitments', (event: RecordedEvent) => {
      const commitmentId = (event.data as { commitmentId?: string }).commitmentId;
      if (!commitmentId || !this.readModel.matches(commitmentId, filter)) return undefined;
      const commitment = this.readModel.byId(commitmentId);
      return commitment && { eventType: event.type, revision: event.revision, position: event.position.toString(), commitment };
    });
  }
}
