import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../actors/actor.model.js';
import { ActorsReadModel } from '../actors/actors.read-model.js';
import type { ActorRow } from '../actors/actor.projection.js';
import { PageLoader } from '../shared/page-batch.js';
import { ExecuteCommand } from '../runtime/execute-command.js';
import { CurrentPrincipal, PublicRead } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { Convention } from '../conventions/convention.model.js';
import { ConventionsReadModel, type ConventionRow } from '../conventions/conventions.read-model.js';
import { derivedCommandId, eventIdFor } from '../decider/command-handler.js';
import { commandContext, type CommandInput, type WithoutPrincipal } from '../graphql/command-input.js';
import { apiError, badUserInput } from '../graphql/errors.js';
import { pageSize, type Connection } from '../graphql/pagination.js';
import { ListSize } from '../graphql/query-limits.js';
import { isCalendarDate, parisDateOf, parisToday } from '../shared/calendar-date.js';
import { Territory } from '../territory/territory.model.js';
import { TerritoryService } from '../territory/territory.service.js';
import { checkTerritoryRefs } from '../territory/territory-input.js';
import { commitmentDecider, commitmentStreamId, type CommitmentCommand, type CommitmentOrigin } from './commitment.decider.js';
import {
  AttachCommitmentToConventionInput,
  CommitmentOriginInput,
  CommitmentsArgs,
  CommitmentsFromConventionCalendarInput,
  EndCommitmentInput,
  FulfilCommitmentInput,
  MakeCommitmentInput,
  ReportCommitmentProgressInput,
  ReviseCommitmentInput,
} from './commitment.input.js';
import {
  CalendarCommitmentsPayload,
  Commitment,
  CommitmentConnection,
  CommitmentPayload,
  CommitmentProgressReport,
  CommitmentVersion,
} from './commitment.model.js';
import { CommitmentsReadModel, type CommitmentRow } from './commitments.read-model.js';
import { CommandGateway } from '../graphql/command-gateway.js';

@Resolver(() => Commitment)
export class CommitmentsResolver {
  /** The committing actors of a whole page of commitments, in one query. */
  private readonly committingActors = new PageLoader<CommitmentRow, ActorRow | undefined>((rows) =>
    this.actors.byIds(rows.map((row) => row.committingActorId)),
  );

  constructor(
    private readonly commandBus: CommandBus,
    private readonly commands: CommandGateway,
    private readonly readModel: CommitmentsReadModel,
    private readonly conventions: ConventionsReadModel,
    private readonly actors: ActorsReadModel,
    private readonly territories: TerritoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @PublicRead()
  @Query(() => CommitmentConnection, {
    description: 'Commitments by due date; filter by committing actor, subject, territory, status, health, due-date range or convention.',
  })
  commitments(@Args() args: CommitmentsArgs): Connection<CommitmentRow> {
    const { territory, dueFrom, dueTo, ...filter } = args.filter ?? {};
    for (const [field, date] of [
      ['dueFrom', dueFrom],
      ['dueTo', dueTo],
    ] as const) {
      if (date !== undefined && !isCalendarDate(date)) throw badUserInput(`${field} is not a calendar date`, [`filter.${field}`]);
    }
    const territoryRef = territory && checkTerritoryRefs(this.territories, [territory], 'filter.territory', true)[0];
    return this.readModel.list({ ...filter, territory: territoryRef, dueFrom, dueTo }, pageSize(args, this.config.graphql.maxPageSize), args.after);
  }

  @PublicRead()
  @Query(() => Commitment, { nullable: true, description: 'A commitment with its full revision and progress history.' })
  commitment(@Args('id', { type: () => ID }) id: string): CommitmentRow | undefined {
    return this.readModel.byId(id);
  }

  @ListSize(5)
  @ResolveField('territories', () => [Territory])
  territoriesOf(commitment: CommitmentRow) {
    return commitment.territories.map((ref) => this.territories.resolve(ref)).filter((t) => t !== undefined);
  }

  @ResolveField('committingActor', () => Actor, { nullable: true })
  committingActor(commitment: CommitmentRow) {
    return this.committingActors.load(commitment);
  }

  @ListSize(10)
  @ResolveField('versions', () => [CommitmentVersion], { description: 'Every version of the target and due date, oldest first.' })
  versions(commitment: CommitmentRow) {
    return this.readModel.versions(commitment.id);
  }

  @ListSize(20)
  @ResolveField('progress', () => [CommitmentProgressReport], { description: 'Every progress report, in the order recorded.' })
  progress(commitment: CommitmentRow) {
    return this.readModel.progressOfPage.load(commitment);
  }

  @ListSize(5)
  @ResolveField('conventions', () => [Convention], { description: 'The conventions it stems from or is attached to.' })
  conventionsOf(commitment: CommitmentRow): ConventionRow[] {
    return this.readModel.conventionIdsOf(commitment.id).flatMap((id) => this.conventions.byId(id) ?? []);
  }

  @Mutation(() => CommitmentPayload, {
    description:
      'A representative of the committing actor (or admin; the secretariat for a commission decision) commits it to a measurable target by a due date.',
  })
  makeCommitment(@Args('input') input: MakeCommitmentInput, @CurrentPrincipal() principal: Principal) {
    const commitmentId = input.commitmentId ?? eventIdFor(input.commandId, -1);
    const stemsFrom = input.stemsFrom && originOf(input.stemsFrom);
    const context = commandContext(input, principal);
    return this.run(
      commitmentId,
      {
        type: 'MakeCommitment',
        commitmentId,
        committingActorId: input.committingActorId,
        committingActor: this.actorFacts(input.committingActorId),
        subject: input.subject,
        title: input.title,
        target: { quantity: input.target.quantity, unit: input.target.unit },
        territories: checkTerritoryRefs(this.territories, input.territories, 'territories'),
        dueDate: input.dueDate,
        madeOn: parisDateOf(context.occurredAt),
        stemsFrom,
        originConvention: stemsFrom?.kind === 'convention' ? this.conventions.factsOf(stemsFrom.conventionId) : undefined,
      },
      input,
      principal,
    );
  }

  @Mutation(() => CommitmentPayload, { description: 'New target and/or due date, with the reason; every version stays in the history.' })
  reviseCommitment(@Args('input') input: ReviseCommitmentInput, @CurrentPrincipal() principal: Principal) {
    const { target, dueDate, reason } = input;
    return this.run(input.commitmentId, { type: 'ReviseCommitment', target: target && { ...target }, dueDate, reason, today: parisToday() }, input, principal);
  }

  @Mutation(() => CommitmentPayload, {
    description:
      'A value as of a date. The committing actor may declare it; the secretariat and national bodies report operator data, regulator data or an audit.',
  })
  reportCommitmentProgress(@Args('input') input: ReportCommitmentProgressInput, @CurrentPrincipal() principal: Principal) {
    const { value, asOf, source, note } = input;
    return this.run(input.commitmentId, { type: 'ReportCommitmentProgress', value, asOf, source, note, today: parisToday() }, input, principal);
  }

  @Mutation(() => CommitmentPayload, { description: 'The committing actor declares the commitment fulfilled.' })
  fulfilCommitment(@Args('input') input: FulfilCommitmentInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.commitmentId, { type: 'FulfilCommitment', note: input.note }, input, principal);
  }

  @Mutation(() => CommitmentPayload, { description: 'The committing actor withdraws it, with the reason.' })
  withdrawCommitment(@Args('input') input: EndCommitmentInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.commitmentId, { type: 'WithdrawCommitment', reason: input.reason }, input, principal);
  }

  @Mutation(() => CommitmentPayload, {
    description: 'Any actor declares an active commitment breached, with the reason. (Commitments past their due date are breached by the service itself.)',
  })
  declareCommitmentBreached(@Args('input') input: EndCommitmentInput, @CurrentPrincipal() principal: Principal) {
    return this.run(input.commitmentId, { type: 'DeclareCommitmentBreached', reason: input.reason }, input, principal);
  }

  @Mutation(() => CommitmentPayload, { description: 'Links the commitment to a convention in force that its actor is party to; it then shows on both.' })
  attachCommitmentToConvention(@Args('input') input: AttachCommitmentToConventionInput, @CurrentPrincipal() principal: Principal) {
    const { conventionId } = input;
    return this.run(
      input.commitmentId,
      { type: 'AttachCommitmentToConvention', conventionId, convention: this.conventions.factsOf(conventionId) },
      input,
      principal,
    );
  }

  @Mutation(() => CalendarCommitmentsPayload, {
    description:
      'Turns a convention’s deployment calendar into commitments of one party: one per commune, FttH premises by the planned date, linked to the convention. All are checked before any is recorded; a retry with the same commandId completes what a failure interrupted and duplicates nothing.',
  })
  async makeCommitmentsFromConventionCalendar(
    @Args('input') input: CommitmentsFromConventionCalendarInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CalendarCommitmentsPayload> {
    const convention = this.conventions.byId(input.conventionId);
    if (!convention) throw apiError('NOT_FOUND', `No convention ${input.conventionId}`);
    if (convention.calendar.length === 0) throw apiError('CONFLICT', `Convention ${convention.id} has no deployment calendar`);
    const context = commandContext(input, principal);
    const madeOn = parisDateOf(context.occurredAt);
    const origin = this.conventions.factsOf(convention.id);
    const committingActor = this.actorFacts(input.committingActorId);
    const commands = convention.calendar.map((entry) => {
      const commitmentId = derivedCommandId(input.commandId, `calendar:${entry.communeCode}`);
      const commune = this.territories.commune(entry.communeCode);
      const command: CommitmentCommand = {
        type: 'MakeCommitment',
        principal: { actorId: principal.actorId, role: principal.role },
        commitmentId,
        committingActorId: input.committingActorId,
        committingActor,
        subject: 'fixed_coverage',
        title: `Locaux FttH programmés à ${commune?.name ?? entry.communeCode} (${entry.communeCode}) au titre de la convention ${convention.title}`.slice(
          0,
          300,
        ),
        target: { quantity: entry.plannedPremises, unit: 'ftth_premises' },
        territories: [{ kind: 'commune', code: entry.communeCode }],
        dueDate: entry.plannedDate,
        madeOn,
        stemsFrom: { kind: 'convention', conventionId: convention.id },
        originConvention: origin,
      };
      return { commitmentId, command };
    });
    // Decide is pure: checking every entry first means one bad entry writes nothing.
    for (const { commitmentId, command } of commands) {
      if (this.readModel.byId(commitmentId)) continue; // recorded by an earlier, interrupted attempt
      commitmentDecider.decide(command, commitmentDecider.initialState());
    }
    let created = 0;
    for (const { commitmentId, command } of commands) {
      const result = await this.commandBus.execute(
        new ExecuteCommand(commitmentDecider, commitmentStreamId(commitmentId), command, {
          ...context,
          commandId: commitmentId,
          correlationId: input.commandId,
          causationId: input.commandId,
          expectedRevision: undefined,
        }),
      );
      if (!result.replayed) created++;
    }
    return { commitments: commands.flatMap(({ commitmentId }) => this.readModel.byId(commitmentId) ?? []), created };
  }

  private actorFacts(actorId: string) {
    const actor = this.actors.byId(actorId);
    return actor && { kind: actor.kind, status: actor.status };
  }

  private async run(commitmentId: string, command: WithoutPrincipal<CommitmentCommand>, input: CommandInput, principal: Principal): Promise<CommitmentPayload> {
    const result = await this.commands.send(commitmentDecider, commitmentStreamId(commitmentId), command, input, principal);
    const commitment = this.readModel.byId(commitmentId);
    if (!commitment) throw apiError('NOT_FOUND', `No commitment ${commitmentId}`);
    return { commitment: commitment, revision: result.revision, replayed: result.replayed };
  }
}

function originOf(input: CommitmentOriginInput): CommitmentOrigin {
  if (input.kind === 'convention') {
    if (!input.conventionId) throw badUserInput('A commitment stemming from a convention names it', ['stemsFrom.conventionId']);
    return { kind: 'convention', conventionId: input.conventionId };
  }
  const missing = (['decisionId', 'meetingId'] as const).filter((field) => !input[field]);
  if (missing.length > 0)
    throw badUserInput(
      'A commitment stemming from a commission decision names the decision and its meeting',
      missing.map((f) => `stemsFrom.${f}`),
    );
  return { kind: 'commission_decision', decisionId: input.decisionId!, meetingId: input.meetingId! };
}
