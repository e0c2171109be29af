import { Args, ArgsType, Field, ID, Int, ObjectType, Subscription, Resolver } from '@nestjs/graphql';
import type { RecordedEvent } from '../event-store/event-store.js';
import { LiveUpdates } from '../graphql/live-updates.js';
import { IsTerritoryRef, TerritoryRefInput } from '../territory/territory.model.js';
import { TerritoryService } from '../territory/territory.service.js';
import { checkTerritoryRefs } from '../territory/territory-input.js';
import { Convention } from './convention.model.js';
import { ConventionsReadModel, type ConventionRow } from './conventions.read-model.js';
import { IsEntityId } from '../graphql/field-kinds.js';

@ObjectType({ description: 'A recorded change to a convention, sent once the read model includes it.' })
export class ConventionChange {
  @Field({ description: 'The event recorded, e.g. ConventionSigned, ConventionEnteredIntoForce.' })
  eventType!: string;
  @Field(() => Int, { description: 'Revision of the convention stream the event has.' })
  revision!: number;
  @Field({ description: 'Global log position of the event (a decimal string).' })
  position!: string;
  @Field(() => Convention, { description: 'The convention as it stands once the change is applied.' })
  convention!: ConventionRow;
}

@ArgsType()
export class ConventionChangeArgs {
  @Field(() => ID, { nullable: true, description: 'Only conventions this actor is party to.' })
  @IsEntityId({ optional: true })
  partyId?: string;

  @Field(() => TerritoryRefInput, { nullable: true, description: 'Only conventions covering a commune in this territory.' })
  @IsTerritoryRef({ optional: true })
  territory?: TerritoryRefInput;
}

@Resolver()
export class ConventionChangesResolver {
  constructor(
    private readonly live: LiveUpdates,
    private readonly readModel: ConventionsReadModel,
    private readonly territories: TerritoryService,
  ) {}

  @Subscription(() => ConventionChange, {
    description: 'Every change to a convention (drafted, signed, in force, amended, ended, defaults), over graphql-ws with a token given at connection.',
    resolve: (change: ConventionChange) => change,
  })
  conventionChanged(@Args() args: ConventionChangeArgs): AsyncIterableIterator<ConventionChange> {
    const territory = args.territory && checkTerritoryRefs(this.territories, [args.territory], 'territory', true)[0];
    const filter = { partyId: args.partyId, territory };
    return this.live.follow('conventions', (event: RecordedEvent) => {
      const conventionId = (event.data as { conventionId?: string }).conventionId;
      if (!conventionId || !this.readModel.matches(conventionId, filter)) return undefined;
      const convention = this.readModel.byId(conventionId);
      return convention && { eventType: event.type, revision: event.revision, position: event.position.toString(), convention };
    });
  }
}
