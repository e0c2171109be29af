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
import { apiError, badUserInput } from '../graphql/errors.js';
import { pageSize, type Connection } from '../graphql/pagination.js';
import { ListSize } from '../graphql/query-limits.js';
import { Milestone } from '../milestones/milestone.model.js';
import { parisDateOf, parisToday } from '../shared/calendar-date.js';
import { TerritoryService } from '../territory/territory.service.js';
import { FUNDERS, networkProjectDecider, networkProjectStreamId, type Funder, type NetworkProjectCommand } from './network-project.decider.js';
import {
  AbandonNetworkProjectInput,
  ChooseNetworkProjectContractInput,
  NetworkProjectsArgs,
  RegisterNetworkProjectInput,
  ReportNetworkIndicatorsInput,
  ReviseNetworkFinancingInput,
} from './network-project.input.js';
import { FinancingEstimate, NetworkIndicatorReport, NetworkProject, NetworkProjectConnection, NetworkProjectPayload } from './network-project.model.js';
import { NetworkProjectsReadModel, type NetworkProjectRow } from './network-projects.read-model.js';
import { CommandGateway } from '../graphql/command-gateway.js';

@Resolver(() => NetworkProject)
export class NetworkProjectsResolver {
  constructor(
    private readonly commands: CommandGateway,
    private readonly readModel: NetworkProjectsReadModel,
    private readonly actors: ActorsReadModel,
    private readonly territories: TerritoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @PublicRead()
  @Query(() => NetworkProjectConnection, { description: 'Network projects (RIP) by id; filter by département covered, lead actor, status, late milestones.' })
  networkProjects(@Args() args: NetworkProjectsArgs): Connection<NetworkProjectRow> {
    const filter = args.filter ?? {};
    if (filter.departementCode) this.checkDepartements([filter.departementCode], 'filter.departementCode');
    return this.readModel.list(filter, pageSize(args, this.config.graphql.maxPageSize), args.after);
  }

  @PublicRead()
  @Query(() => NetworkProject, { nullable: true, description: 'A network project with its milestone timeline, indicators and financing history.' })
  networkProject(@Args('id', { type: () => ID }) id: string): NetworkProjectRow | undefined {
    return this.readModel.byId(id);
  }

  @ResolveField('leadActor', () => Actor, { nullable: true })
  leadActor(project: NetworkProjectRow, _args: unknown, request: object) {
    return this.actors.inRequest.load(request, project.leadActorId);
  }

  @ListSize(13)
  @ResolveField('milestones', () => [Milestone], { description: 'The milestone timeline in the expected sequence: planned vs actual, slippage in days.' })
  milestones(project: NetworkProjectRow) {
    return this.readModel.milestones(project.id);
  }

  @ResolveField('latestIndicators', () => NetworkIndicatorReport, { nullable: true, description: 'The latest indicator report (every figure as of its date).' })
  latestIndicators(project: NetworkProjectRow) {
    return this.readModel.indicatorHistory(project.id).at(-1) ?? null;
  }

  @ListSize(12)
  @ResolveField('indicatorHistory', () => [NetworkIndicatorReport], {
    description: 'Every indicator report, oldest first; corrections show with their reason.',
  })
  indicatorHistory(project: NetworkProjectRow) {
    return this.readModel.indicatorHistory(project.id);
  }

  @ResolveField('financing', () => FinancingEstimate, { nullable: true, description: 'The current cost and financing estimate.' })
  financing(project: NetworkProjectRow) {
    return this.readModel.financingHistory(project.id).at(-1) ?? null;
  }

  @ListSize(12)
  @ResolveField('financingHistory', () => [FinancingEstimate], { description: 'Every cost and financing estimate, oldest first.' })
  financingHistory(project: NetworkProjectRow) {
    return this.readModel.financingHistory(project.id);
  }

  @Mutation(() => NetworkProjectPayload, {
    description:
      'A representative of the lead actor (a département, syndicat mixte or the Région), or an admin, registers a RIP; the standard milestone sequence is proposed.',
  })
  registerNetworkProject(@Args('input') input: RegisterNetworkProjectInput, @CurrentPrincipal() principal: Principal) {
    const projectId = input.projectId ?? eventIdFor(input.commandId, -1);
    const context = commandContext(input, principal);
    this.checkDepartements(input.departementCodes, 'departementCodes');
    return this.run(
      projectId,
      {
        type: 'RegisterNetworkProject',
        projectId,
        name: input.name,
        leadActorId: input.leadActorId,
        leadActor: this.actorFacts(input.leadActorId),
        departementCodes: input.departementCodes,
        technologies: input.technologies,
        procurementModel: input.procurementModel,
        delegateOperatorId: input.delegateOperatorId,
        delegateOperator: input.delegateOperatorId === undefined ? undefined : this.actorFacts(input.delegateOperatorId),
        registeredOn: parisDateOf(context.occurredAt),
      },
      input,
      principal,
    );
  }

  @Mutation(() => NetworkProjectPayload, { description: 'Records the procurement model and/or the delegate operator once chosen.' })
  chooseNetworkProjectContract(@Args('input') input: ChooseNetworkProjectContractInput, @CurrentPrincipal() principal: Principal) {
    const { procurementModel, delegateOperatorId } = input;
    const delegateOperator = delegateOperatorId === undefined ? undefined : this.actorFacts(delegateOperatorId);
    return this.run(input.projectId, { type: 'ChooseNetworkProjectContract', procurementModel, delegateOperatorId, delegateOperator }, input, principal);
  }

  @Mutation(() => NetworkProjectPayload, {
    description:
      'Indicators as of a date, by the lead actor or the delegate operator. Built ≤ planned and connected ≤ connectable; lowering a figure needs a reason.',
  })
  reportNetworkIndicators(@Args('input') input: ReportNetworkIndicatorsInput, @CurrentPrincipal() principal: Principal) {
    const figures = Object.fromEntries(Object.entries(input.figures).filter(([, v]) => v !== undefined && v !== null));
    return this.run(
      input.projectId,
      { type: 'ReportNetworkIndicators', asOf: input.asOf, figures, source: input.source, reason: input.reason, today: parisToday() },
      input,
      principal,
    );
  }

  @Mutation(() => NetworkProjectPayload, {
    description:
      'A cost and financing estimate (lead actor, national body or admin): the split by funder must add up to the total cost; State aid paid ≤ committed.',
  })
  reviseNetworkFinancing(@Args('input') input: ReviseNetworkFinancingInput, @CurrentPrincipal() principal: Principal) {
    const split = Object.fromEntries(FUNDERS.map((f) => [f, input.split[f] ?? 0])) as Record<Funder, number>;
    const financing = { totalCost: input.totalCost, split, stateAidCommitted: input.stateAidCommitted, stateAidPaid: input.stateAidPaid };
    return this.run(
      input.projectId,
      { type: 'ReviseNetworkFinancing', asOf: input.asOf, financing, reason: input.reason, today: parisToday() },
      input,
      principal,
    );
  }

  @Mutation(() => NetworkProjectPayload, { description: 'The lead actor abandons the project, with the reason.' })
  abandonNetworkProject(@Args('input') input: AbandonNetworkProjectInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.projectId, { type: 'AbandonNetworkProject', reason: input.reason }, input, principal);
  }

  private checkDepartements(codes: readonly string[], field: string) {
    const problems = this.territories.validate(codes.map((code) => ({ kind: 'departement', code })));
    if (problems.length > 0) {
      throw badUserInput(
        problems.map((p) => p.message).join('; '),
        problems.map((p) => (field.startsWith('filter') ? field : `${field}.${p.index}`)),
      );
    }
  }

  private actorFacts(actorId: string) {
    const actor = this.actors.byId(actorId);
    return actor && { kind: actor.kind, status: actor.status };
  }

  private async run(
    projectId: string,
    command: WithoutPrincipal<NetworkProjectCommand>,
    input: CommandInput,
    principal: Principal,
  ): Promise<NetworkProjectPayload> {
    const result = await this.commands.send(networkProjectDecider, networkProjectStreamId(projectId), command, input, principal);
    const networkProject = this.readModel.byId(projectId);
    if (!networkProject) throw apiError('NOT_FOUND', `No network project ${projectId}`);
    return { networkProject: networkProject, revision: result.revision, replayed: result.replayed };
  }
}
