import { Args, Mutation, Query, ResolveField, Resolver, ID } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { CurrentPrincipal, PublicRead } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { eventIdFor } from '../decider/command-handler.js';
import { type WithoutPrincipal } from '../graphql/command-input.js';
import { apiError } from '../graphql/errors.js';
import { pageSize, type Connection } from '../graphql/pagination.js';
import { ListSize } from '../graphql/query-limits.js';
import { Territory } from '../territory/territory.model.js';
import { TerritoryService } from '../territory/territory.service.js';
import { checkTerritoryRefs, toTerritoryRef } from '../territory/territory-input.js';
import { actorDecider, actorStreamId, type ActorCommand, type TerritoryRef } from './actor.decider.js';
import { Actor, ActorConnection, ActorPayload } from './actor.model.js';
import type { ActorRow } from './actor.projection.js';
import { ActorsArgs, ChangeActorTerritoriesInput, RegisterActorInput, RenameActorInput, RetireActorInput } from './actor.input.js';
import { ActorsReadModel } from './actors.read-model.js';
import { CommandGateway } from '../graphql/command-gateway.js';

@Resolver(() => Actor)
export class ActorsResolver {
  constructor(
    private readonly commands: CommandGateway,
    private readonly readModel: ActorsReadModel,
    private readonly territories: TerritoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @PublicRead()
  @Query(() => ActorConnection, { description: 'Actors, by name; filter by kind, status, territory or part of the name.' })
  actors(@Args() args: ActorsArgs): Connection<ActorRow> {
    const filter = args.filter ?? {};
    if (filter.territory) this.checkTerritories([filter.territory], 'filter.territory', true);
    return this.readModel.list(
      { ...filter, territory: filter.territory && toTerritoryRef(filter.territory) },
      pageSize(args, this.config.graphql.maxPageSize),
      args.after,
    );
  }

  @PublicRead()
  @Query(() => Actor, { nullable: true })
  actor(@Args('id', { type: () => ID }) id: string): ActorRow | undefined {
    return this.readModel.byId(id);
  }

  @ListSize(5)
  @ResolveField('territories', () => [Territory])
  territoriesOf(actor: ActorRow) {
    return actor.territories.map((ref) => this.territories.resolve(ref)).filter((t) => t !== undefined);
  }

  @Mutation(() => ActorPayload, { description: 'Admin only.' })
  async registerActor(@Args('input') input: RegisterActorInput, @CurrentPrincipal() principal: Principal) {
    const territories = this.checkTerritories(input.territories, 'territories');
    const actorId = input.actorId ?? eventIdFor(input.commandId, -1);
    const { kind, name, siren } = input;
    return this.run(actorId, { type: 'RegisterActor', actorId, kind, name, territories, siren }, input, principal);
  }

  @Mutation(() => ActorPayload, { description: 'Admin, or a representative of the actor.' })
  renameActor(@Args('input') input: RenameActorInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.actorId, { type: 'RenameActor', name: input.name }, input, principal);
  }

  @Mutation(() => ActorPayload, { description: 'Admin, or a representative of the actor.' })
  changeActorTerritories(@Args('input') input: ChangeActorTerritoriesInput, @CurrentPrincipal() principal: Principal) {
    const territories = this.checkTerritories(input.territories, 'territories');
    return this.run(input.actorId, { type: 'ChangeActorTerritories', territories }, input, principal);
  }

  @Mutation(() => ActorPayload, { description: 'Admin only. A retired actor can no longer act.' })
  retireActor(@Args('input') input: RetireActorInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.actorId, { type: 'RetireActor', reason: input.reason }, input, principal);
  }

  private async run(
    actorId: string,
    command: WithoutPrincipal<ActorCommand>,
    input: RegisterActorInput | RenameActorInput | ChangeActorTerritoriesInput | RetireActorInput,
    principal: Principal,
  ): Promise<ActorPayload> {
    const result = await this.commands.send(actorDecider, actorStreamId(actorId), command, input, principal);
    const actor = this.readModel.byId(actorId);
    if (!actor) throw apiError('NOT_FOUND', `No actor ${actorId}`);
    return { actor: actor as Actor, revision: result.revision, replayed: result.replayed };
  }

  private checkTerritories(refs: { kind: string; code: string }[], field: string, single = false): TerritoryRef[] {
    return checkTerritoryRefs(this.territories, refs, field, single);
  }
}
