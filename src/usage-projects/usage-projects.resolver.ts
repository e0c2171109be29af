import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../actors/actor.model.js';
import { ActorsReadModel } from '../actors/actors.read-model.js';
import { CurrentPrincipal, PublicRead } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { eventIdFor } from '../decider/command-handler.js';
import { commandContext, type CommandInput, type WithoutPrincipal } from '../graphql/command-input.js';
import { apiError } from '../graphql/errors.js';
import { pageSize, type Connection } from '../graphql/pagination.js';
import { ListSize } from '../graphql/query-limits.js';
import { Milestone } from '../milestones/milestone.model.js';
import { parisDateOf, parisToday } from '../shared/calendar-date.js';
import { Territory } from '../territory/territory.model.js';
import { TerritoryService } from '../territory/territory.service.js';
import { checkTerritoryRefs } from '../territory/territory-input.js';
import { usageProjectDecider, usageProjectStreamId, type UsageProjectCommand } from './usage-project.decider.js';
import { AbandonUsageProjectInput, CompleteUsageProjectInput, RegisterUsageProjectInput, UsageProjectsArgs } from './usage-project.input.js';
import { UsageProject, UsageProjectConnection, UsageProjectPayload } from './usage-project.model.js';
import { UsageProjectsReadModel, type UsageProjectRow } from './usage-projects.read-model.js';
import { CommandGateway } from '../graphql/command-gateway.js';

@Resolver(() => UsageProject)
export class UsageProjectsResolver {
  constructor(
    private readonly commands: CommandGateway,
    private readonly readModel: UsageProjectsReadModel,
    private readonly actors: ActorsReadModel,
    private readonly territories: TerritoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @PublicRead()
  @Query(() => UsageProjectConnection, {
    description: 'Usage and service projects by id; filter by domain, priority level, innovative territory, actor, territory, status, late milestones.',
  })
  usageProjects(@Args() args: UsageProjectsArgs): Connection<UsageProjectRow> {
    const { territory, ...filter } = args.filter ?? {};
    const territoryRef = territory && checkTerritoryRefs(this.territories, [territory], 'filter.territory', true)[0];
    return this.readModel.list({ ...filter, territory: territoryRef }, pageSize(args, this.config.graphql.maxPageSize), args.after);
  }

  @PublicRead()
  @Query(() => UsageProject, { nullable: true, description: 'A usage project with its milestone timeline.' })
  usageProject(@Args('id', { type: () => ID }) id: string): UsageProjectRow | undefined {
    return this.readModel.byId(id);
  }

  @ResolveField('carryingActor', () => Actor, { nullable: true })
  carryingActor(project: UsageProjectRow, _args: unknown, request: object) {
    return this.actors.inRequest.load(request, project.carryingActorId);
  }

  @ListSize(5)
  @ResolveField('territories', () => [Territory])
  territoriesOf(project: UsageProjectRow) {
    return project.territories.map((ref) => this.territories.resolve(ref)).filter((t) => t !== undefined);
  }

  @ListSize(6)
  @ResolveField('milestones', () => [Milestone], { description: 'The milestone timeline in the expected sequence: planned vs actual, slippage in days.' })
  milestones(project: UsageProjectRow) {
    return this.readModel.milestones(project.id);
  }

  @Mutation(() => UsageProjectPayload, {
    description: 'A representative of the carrying actor (or an admin) registers a usage project; a milestone sequence is proposed unless given.',
  })
  registerUsageProject(@Args('input') input: RegisterUsageProjectInput, @CurrentPrincipal() principal: Principal) {
    const projectId = input.projectId ?? eventIdFor(input.commandId, -1);
    const context = commandContext(input, principal);
    return this.run(
      projectId,
      {
        type: 'RegisterUsageProject',
        projectId,
        title: input.title,
        domain: input.domain,
        priorityLevel: input.priorityLevel,
        innovativeTerritory: input.innovativeTerritory,
        nationalCallReference: input.nationalCallReference,
        carryingActorId: input.carryingActorId,
        carryingActor: this.actorFacts(input.carryingActorId),
        partnerIds: input.partnerIds,
        partners: input.partnerIds.map((id) => this.actorFacts(id)),
        territories: checkTerritoryRefs(this.territories, input.territories, 'territories'),
        milestones: input.milestones?.map(({ key, label }) => ({ key, label })),
        registeredOn: parisDateOf(context.occurredAt),
      },
      input,
      principal,
    );
  }

  @Mutation(() => UsageProjectPayload, { description: 'The carrying actor declares the project completed on a date.' })
  completeUsageProject(@Args('input') input: CompleteUsageProjectInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.projectId, { type: 'CompleteUsageProject', completedOn: input.completedOn, today: parisToday() }, input, principal);
  }

  @Mutation(() => UsageProjectPayload, { description: 'The carrying actor abandons the project, with the reason.' })
  abandonUsageProject(@Args('input') input: AbandonUsageProjectInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.projectId, { type: 'AbandonUsageProject', reason: input.reason }, input, principal);
  }

  private actorFacts(actorId: string) {
    const actor = this.actors.byId(actorId);
    return actor && { kind: actor.kind, status: actor.status };
  }

  private async run(
    projectId: string,
    command: WithoutPrincipal<UsageProjectCommand>,
    input: CommandInput,
    principal: Principal,
  ): Promise<UsageProjectPayload> {
    const result = await this.commands.send(usageProjectDecider, usageProjectStreamId(projectId), command, input, principal);
    const usageProject = this.readModel.byId(projectId);
    if (!usageProject) throw apiError('NOT_FOUND', `No usage project ${projectId}`);
    return { usageProject: usageProject, revision: result.revision, replayed: result.replayed };
  }
}
