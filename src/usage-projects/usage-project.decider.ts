import { isEventOf } from '../event-store/event-store.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, invalid, notFound } from '../decider/errors.js';
import { refusal, type ProjectAction } from '../decider/refusals.js';
import {
  checkTemplates,
  decideMilestone,
  evolveMilestones,
  isMilestoneCommand,
  isMilestoneEvent,
  proposedMilestones,
  type MilestoneCommand,
  type MilestoneEvent,
  type MilestonesState,
  type MilestoneTemplate,
} from '../milestones/milestones.js';
import { requireActiveProject, requireProjectLead, type ProjectStatus } from '../milestones/project-rules.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { checkCalendarDate, tidyText } from '../decider/checks.js';
import type { TerritoryRef } from '../territory/territory.types.js';
import type { ActingActor } from '../shared/principal.js';

/** Usage and service project, docs/domain.md "Usage and service project": same milestone machinery as network projects. */

export const USAGE_DOMAINS = [
  'health',
  'education',
  'higher_education_research',
  'e_administration',
  'economic_development',
  'culture',
  'inclusion',
  'other',
] as const;
export type UsageDomain = (typeof USAGE_DOMAINS)[number];
export const PRIORITY_LEVELS = ['national', 'regional'] as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];

/** Proposed on registration when the project brings no sequence of its own. */
export const STANDARD_USAGE_MILESTONES: readonly MilestoneTemplate[] = [
  { key: 'project_defined', label: 'Project defined' },
  { key: 'funding_secured', label: 'Funding secured' },
  { key: 'pilot_started', label: 'Pilot started' },
  { key: 'service_opened', label: 'Service opened' },
  { key: 'evaluated', label: 'Evaluated' },
];

export const TITLE_MAX_LENGTH = 300;
export const REASON_MAX_LENGTH = 2000;
export const CALL_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$/;

export interface ActorFacts {
  kind: string;
  status: 'active' | 'retired';
}

interface Sent {
  principal: ActingActor;
}

export type UsageProjectCommand =
  | (Sent & {
      type: 'RegisterUsageProject';
      projectId: string;
      title: string;
      domain: UsageDomain;
      priorityLevel: PriorityLevel;
      innovativeTerritory: boolean;
      /** Reference of the national investment call (PIA) it answers, if any. */
      nationalCallReference?: string;
      carryingActorId: string;
      carryingActor: ActorFacts | undefined;
      partnerIds: string[];
      /** undefined where a partner does not exist. */
      partners: (ActorFacts | undefined)[];
      territories: TerritoryRef[];
      /** Its own milestone sequence; default: STANDARD_USAGE_MILESTONES. */
      milestones?: MilestoneTemplate[];
      registeredOn: CalendarDate;
    })
  | (Sent & MilestoneCommand)
  | (Sent & { type: 'CompleteUsageProject'; completedOn: CalendarDate; today: CalendarDate })
  | (Sent & { type: 'AbandonUsageProject'; reason: string });

export type UsageProjectStatus = ProjectStatus;

export interface UsageProjectDetails {
  title: string;
  domain: UsageDomain;
  priorityLevel: PriorityLevel;
  innovativeTerritory: boolean;
  nationalCallReference: string | null;
  carryingActorId: string;
  partnerIds: string[];
  territories: TerritoryRef[];
  registeredOn: CalendarDate;
}

export type UsageProjectEvent =
  | { type: 'UsageProjectRegistered'; data: { projectId: string } & UsageProjectDetails }
  | MilestoneEvent
  | { type: 'UsageProjectCompleted'; data: { projectId: string; completedOn: CalendarDate } }
  | { type: 'UsageProjectAbandoned'; data: { projectId: string; reason: string } };

export type UsageProjectState =
  { status: 'none' } | { status: UsageProjectStatus; projectId: string; carryingActorId: string; registeredOn: CalendarDate; milestones: MilestonesState };

export const usageProjectStreamId = (projectId: string) => `usageProject-${projectId}`;

/** Narrows a recorded event of the log to this decider's events. */
export const isUsageProjectEvent = isEventOf<UsageProjectEvent>({
  UsageProjectRegistered: true,
  UsageProjectCompleted: true,
  UsageProjectAbandoned: true,
  MilestoneAdded: true,
  MilestonePlanned: true,
  MilestoneRescheduled: true,
  MilestoneAchieved: true,
  MilestoneDropped: true,
});

export const usageProjectDecider: Decider<UsageProjectCommand, UsageProjectEvent, UsageProjectState> = {
  events: isUsageProjectEvent,
  initialState: () => ({ status: 'none' }),
  evolve(state, event) {
    if (event.type === 'UsageProjectRegistered') {
      const { projectId, carryingActorId, registeredOn } = event.data;
      return { status: 'active', projectId, carryingActorId, registeredOn, milestones: [] };
    }
    if (state.status === 'none') return state;
    if (isMilestoneEvent(event)) return { ...state, milestones: evolveMilestones(state.milestones, event) };
    switch (event.type) {
      case 'UsageProjectCompleted':
        return { ...state, status: 'completed' };
      case 'UsageProjectAbandoned':
        return { ...state, status: 'abandoned' };
      default:
        return assertNever(event, 'usage project event');
    }
  },
  decide(command, state) {
    if (command.type === 'RegisterUsageProject') return register(command, state);
    const project = requireActiveProject(state, 'usage project');
    const requireCarrier = (action: ProjectAction) => requireProjectLead(command.principal, project.carryingActorId, action, 'usage project');
    if (isMilestoneCommand(command)) {
      requireCarrier('manage the milestones of');
      return decideMilestone(command, project.milestones, project.projectId, project.registeredOn);
    }
    switch (command.type) {
      case 'CompleteUsageProject':
        requireCarrier('complete');
        checkCalendarDate(command.completedOn, 'completedOn');
        if (command.completedOn > command.today) throw invalid(refusal('usageProject.completedInFuture'), 'completedOn');
        if (command.completedOn < project.registeredOn) throw invalid(refusal('usageProject.completedBeforeRegistered'), 'completedOn');
        return [{ type: 'UsageProjectCompleted', data: { projectId: project.projectId, completedOn: command.completedOn } }];
      case 'AbandonUsageProject':
        requireCarrier('abandon');
        return [{ type: 'UsageProjectAbandoned', data: { projectId: project.projectId, reason: tidyText(command.reason, 'reason', REASON_MAX_LENGTH) } }];
      default:
        return assertNever(command, 'usage project command');
    }
  },
};

function register(command: Extract<UsageProjectCommand, { type: 'RegisterUsageProject' }>, state: UsageProjectState): UsageProjectEvent[] {
  if (state.status !== 'none') throw conflict(refusal('usageProject.exists', { projectId: command.projectId }));
  requireProjectLead(command.principal, command.carryingActorId, 'register', 'usage project');
  if (!command.carryingActor) throw notFound(refusal('usageProject.unknownActor', { actorId: command.carryingActorId }));
  if (command.carryingActor.status === 'retired') throw conflict(refusal('usageProject.actorRetired', { actorId: command.carryingActorId }));
  const title = tidyText(command.title, 'title', TITLE_MAX_LENGTH);
  if (new Set(command.partnerIds).size !== command.partnerIds.length) throw invalid(refusal('usageProject.partnerTwice'), 'partnerIds');
  command.partnerIds.forEach((id, i) => {
    if (id === command.carryingActorId) throw invalid(refusal('usageProject.carrierAsPartner'), `partnerIds.${i}`);
    if (!command.partners[i]) throw notFound(refusal('usageProject.unknownActor', { actorId: id }));
  });
  if (command.territories.length === 0) throw invalid(refusal('territory.required'), 'territories');
  if (new Set(command.territories.map((t) => `${t.kind}:${t.code}`)).size !== command.territories.length)
    throw invalid(refusal('territory.twice'), 'territories');
  if (command.nationalCallReference !== undefined && !CALL_REFERENCE.test(command.nationalCallReference)) {
    throw invalid(refusal('usageProject.callReference'), 'nationalCallReference');
  }
  const milestones = command.milestones === undefined ? STANDARD_USAGE_MILESTONES : checkTemplates(command.milestones, 'milestones');
  return [
    {
      type: 'UsageProjectRegistered',
      data: {
        projectId: command.projectId,
        title,
        domain: command.domain,
        priorityLevel: command.priorityLevel,
        innovativeTerritory: command.innovativeTerritory,
        nationalCallReference: command.nationalCallReference ?? null,
        carryingActorId: command.carryingActorId,
        partnerIds: command.partnerIds,
        territories: command.territories,
        registeredOn: command.registeredOn,
      },
    },
    ...proposedMilestones(command.projectId, milestones),
  ];
}
