import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { apiError } from '../graphql/errors.js';
import { parisToday } from '../shared/calendar-date.js';
import { AchieveMilestoneInput, AddMilestoneInput, DropMilestoneInput, PlanMilestoneInput, RescheduleMilestoneInput } from './milestone.input.js';
import { Milestone, MilestonePayload } from './milestone.model.js';
import type { MilestoneCommand } from './milestones.js';
import { ProjectMilestones } from './project-milestones.js';
import { CommandGateway } from '../graphql/command-gateway.js';

type Input = AddMilestoneInput | PlanMilestoneInput | AchieveMilestoneInput | DropMilestoneInput;

/** One set of milestone mutations for every kind of project (network, usage). */
@Resolver(() => Milestone)
export class MilestonesResolver {
  constructor(
    private readonly commands: CommandGateway,
    private readonly projects: ProjectMilestones,
  ) {}

  @Mutation(() => MilestonePayload, { description: 'Adds a milestone to a project’s sequence (after a given one, or at the end).' })
  addMilestone(@Args('input') input: AddMilestoneInput, @CurrentPrincipal() principal: Principal) {
    return this.run({ type: 'AddMilestone', key: input.key, label: input.label, afterKey: input.afterKey }, input, principal);
  }

  @Mutation(() => MilestonePayload, { description: 'Plans a date for a milestone not planned yet.' })
  planMilestone(@Args('input') input: PlanMilestoneInput, @CurrentPrincipal() principal: Principal) {
    return this.run({ type: 'PlanMilestone', key: input.key, date: input.date }, input, principal);
  }

  @Mutation(() => MilestonePayload, { description: 'Moves a planned milestone to a new date, with the reason; every previous date is kept.' })
  rescheduleMilestone(@Args('input') input: RescheduleMilestoneInput, @CurrentPrincipal() principal: Principal) {
    return this.run({ type: 'RescheduleMilestone', key: input.key, date: input.date, reason: input.reason }, input, principal);
  }

  @Mutation(() => MilestonePayload, {
    description:
      'Marks a milestone achieved on a date (not in the future, not before the project was registered) with the evidence document’s hash. Achieving it while earlier ones are open is allowed but flagged outOfOrder.',
  })
  achieveMilestone(@Args('input') input: AchieveMilestoneInput, @CurrentPrincipal() principal: Principal) {
    return this.run(
      { type: 'AchieveMilestone', key: input.key, achievedOn: input.achievedOn, evidenceHash: input.evidenceHash, today: parisToday() },
      input,
      principal,
    );
  }

  @Mutation(() => MilestonePayload, { description: 'Drops a milestone that will not happen, with the reason.' })
  dropMilestone(@Args('input') input: DropMilestoneInput, @CurrentPrincipal() principal: Principal) {
    return this.run({ type: 'DropMilestone', key: input.key, reason: input.reason }, input, principal);
  }

  private async run(command: MilestoneCommand, input: Input, principal: Principal): Promise<MilestonePayload> {
    const host = this.projects.host(input.projectKind);
    if (!host) throw apiError('NOT_FOUND', `No ${input.projectKind} projects in this service`);
    const result = await this.commands.send(host.decider, host.streamId(input.projectId), command, input, principal);
    const milestone = host.milestone(input.projectId, input.key);
    if (!milestone) throw apiError('NOT_FOUND', `No milestone ${input.key} in project ${input.projectId}`);
    return { projectKind: input.projectKind, projectId: input.projectId, milestone, revision: result.revision, replayed: result.replayed };
  }
}
