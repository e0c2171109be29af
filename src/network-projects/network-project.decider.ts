import { isEventOf } from '../event-store/event-store.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid, notFound } from '../decider/errors.js';
import { refusal, type ProjectAction } from '../decider/refusals.js';
import {
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
import type { ActingActor } from '../shared/principal.js';

/** Public-initiative network project (RIP), docs/domain.md "Public-initiative network project". */

export const TECHNOLOGIES = ['ftth', 'copper_upgrade', 'radio', 'satellite'] as const;
export type Technology = (typeof TECHNOLOGIES)[number];
export const PROCUREMENT_MODELS = ['concession_dsp', 'leasing', 'design_build', 'ppp', 'direct_management'] as const;
export type ProcurementModel = (typeof PROCUREMENT_MODELS)[number];
/** Who may lead a RIP: at least departmental scale. */
export const LEAD_ACTOR_KINDS = ['departement', 'joint_syndicate', 'region'] as const;
export const FUNDERS = ['state', 'region', 'departement', 'epci', 'euErdf', 'operatorPrivate', 'other'] as const;
export type Funder = (typeof FUNDERS)[number];
export const INDICATORS = [
  'ftthPremisesPlanned',
  'ftthPremisesBuilt',
  'ftthPremisesConnectable',
  'ftthPremisesConnected',
  'copperUpgradeLines',
  'businessSites',
  'cabinetsAndNodes',
] as const;
export type Indicator = (typeof INDICATORS)[number];
/**
 * Where a report's figures come from: the reporter's own declaration, or a file published by an
 * operator or by the regulator (Arcep), recorded as such so readers weigh them accordingly.
 */
export const INDICATOR_SOURCES = ['declared', 'operator_data', 'regulator_data'] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];
/** A figure per indicator; null: not known (yet). */
export type Indicators = Record<Indicator, number | null>;

/** The standard sequence of docs/domain.md, proposed on registration. */
export const STANDARD_RIP_MILESTONES: readonly MilestoneTemplate[] = [
  { key: 'sdtan_adopted', label: 'SDTAN adopted' },
  { key: 'structure_created', label: 'Project structure created' },
  { key: 'operators_consulted', label: 'Operators consulted' },
  { key: 'funding_file_filed', label: 'Funding file filed' },
  { key: 'state_approval_in_principle', label: 'In-principle approval by the State' },
  { key: 'procurement_model_chosen', label: 'Procurement model chosen' },
  { key: 'contract_awarded', label: 'Contract awarded' },
  { key: 'state_funding_decision', label: 'State funding decision' },
  { key: 'financing_convention_signed', label: 'Financing convention signed' },
  { key: 'works_started', label: 'Works started' },
  { key: 'first_cabinets_accepted', label: 'First cabinets accepted' },
  { key: 'commercial_opening', label: 'Commercial opening' },
  { key: 'completed', label: 'Completed' },
];
/** Achieving it completes the project. */
export const COMPLETION_MILESTONE = 'completed';

export const NAME_MAX_LENGTH = 300;
export const REASON_MAX_LENGTH = 2000;
const MAX_FIGURE = 1e9;
/** Euros; larger is a typing mistake (10^12 € is a thousand billion). */
const MAX_AMOUNT = 1e12;

/** Facts about an actor that decide needs and must not look up itself (undefined: no such actor). */
export interface ActorFacts {
  kind: string;
  status: 'active' | 'retired';
}

export interface Financing {
  totalCost: number;
  split: Record<Funder, number>;
  stateAidCommitted: number;
  stateAidPaid: number;
}

interface Sent {
  principal: ActingActor;
}

export type NetworkProjectCommand =
  | (Sent & {
      type: 'RegisterNetworkProject';
      projectId: string;
      name: string;
      leadActorId: string;
      leadActor: ActorFacts | undefined;
      /** Official département codes (checked at the edge). */
      departementCodes: string[];
      technologies: Technology[];
      procurementModel?: ProcurementModel;
      delegateOperatorId?: string;
      delegateOperator?: ActorFacts;
      /** The day it is registered (Paris), from occurredAt. */
      registeredOn: CalendarDate;
    })
  | (Sent & { type: 'ChooseNetworkProjectContract'; procurementModel?: ProcurementModel; delegateOperatorId?: string; delegateOperator?: ActorFacts })
  | (Sent & MilestoneCommand)
  | (Sent & {
      type: 'ReportNetworkIndicators';
      asOf: CalendarDate;
      figures: Partial<Indicators>;
      source?: IndicatorSource;
      reason?: string;
      today: CalendarDate;
    })
  | (Sent & { type: 'ReviseNetworkFinancing'; asOf: CalendarDate; financing: Financing; reason?: string; today: CalendarDate })
  | (Sent & { type: 'AbandonNetworkProject'; reason: string });

export type NetworkProjectStatus = ProjectStatus;

/** What registration records about a project (the read model shows the same). */
export interface NetworkProjectDetails {
  name: string;
  leadActorId: string;
  departementCodes: string[];
  multiDepartemental: boolean;
  technologies: Technology[];
  procurementModel: ProcurementModel | null;
  delegateOperatorId: string | null;
  registeredOn: CalendarDate;
}

export type NetworkProjectEvent =
  | {
      type: 'NetworkProjectRegistered';
      data: { projectId: string } & NetworkProjectDetails;
    }
  | { type: 'NetworkProjectContractChosen'; data: { projectId: string; procurementModel: ProcurementModel | null; delegateOperatorId: string | null } }
  | MilestoneEvent
  | {
      type: 'NetworkIndicatorsReported';
      data: {
        projectId: string;
        asOf: CalendarDate;
        /** Every figure after this report (those not given carry over from the previous one). */
        figures: Indicators;
        /** Figures lower than in the previous report: a correction, with its reason. */
        lowered: Indicator[];
        reason: string | null;
        /** Absent from reports recorded before sources were kept: those were declarations. */
        source?: IndicatorSource;
      };
    }
  | { type: 'NetworkFinancingRevised'; data: { projectId: string; asOf: CalendarDate; financing: Financing; reason: string | null } }
  | { type: 'NetworkProjectCompleted'; data: { projectId: string; completedOn: CalendarDate } }
  | { type: 'NetworkProjectAbandoned'; data: { projectId: string; reason: string } };

export type NetworkProjectState =
  | { status: 'none' }
  | {
      status: NetworkProjectStatus;
      projectId: string;
      leadActorId: string;
      delegateOperatorId: string | null;
      registeredOn: CalendarDate;
      milestones: MilestonesState;
      indicators: { asOf: CalendarDate; figures: Indicators } | null;
      financingAsOf: CalendarDate | null;
    };

export const networkProjectStreamId = (projectId: string) => `networkProject-${projectId}`;

export const EMPTY_INDICATORS: Indicators = Object.fromEntries(INDICATORS.map((i) => [i, null])) as Indicators;

/** Narrows a recorded event of the log to this decider's events. */
export const isNetworkProjectEvent = isEventOf<NetworkProjectEvent>({
  NetworkProjectRegistered: true,
  NetworkProjectContractChosen: true,
  NetworkIndicatorsReported: true,
  NetworkFinancingRevised: true,
  NetworkProjectCompleted: true,
  NetworkProjectAbandoned: true,
  MilestoneAdded: true,
  MilestonePlanned: true,
  MilestoneRescheduled: true,
  MilestoneAchieved: true,
  MilestoneDropped: true,
});

export const networkProjectDecider: Decider<NetworkProjectCommand, NetworkProjectEvent, NetworkProjectState> = {
  events: isNetworkProjectEvent,
  initialState: () => ({ status: 'none' }),
  evolve(state, event) {
    if (event.type === 'NetworkProjectRegistered') {
      const { projectId, leadActorId, delegateOperatorId, registeredOn } = event.data;
      return { status: 'active', projectId, leadActorId, delegateOperatorId, registeredOn, milestones: [], indicators: null, financingAsOf: null };
    }
    if (state.status === 'none') return state;
    if (isMilestoneEvent(event)) return { ...state, milestones: evolveMilestones(state.milestones, event) };
    switch (event.type) {
      case 'NetworkProjectContractChosen':
        return { ...state, delegateOperatorId: event.data.delegateOperatorId };
      case 'NetworkIndicatorsReported':
        return { ...state, indicators: { asOf: event.data.asOf, figures: event.data.figures } };
      case 'NetworkFinancingRevised':
        return { ...state, financingAsOf: event.data.asOf };
      case 'NetworkProjectCompleted':
        return { ...state, status: 'completed' };
      case 'NetworkProjectAbandoned':
        return { ...state, status: 'abandoned' };
      default:
        return assertNever(event, 'network project event');
    }
  },
  decide(command, state) {
    if (command.type === 'RegisterNetworkProject') return register(command, state);
    const project = requireActive(state);
    if (isMilestoneCommand(command)) {
      requireLead(command.principal, project, 'manage the milestones of');
      const events: NetworkProjectEvent[] = decideMilestone(command, project.milestones, project.projectId, project.registeredOn);
      const achieved = events.find((e) => e.type === 'MilestoneAchieved');
      if (achieved?.type === 'MilestoneAchieved' && achieved.data.key === COMPLETION_MILESTONE) {
        events.push({ type: 'NetworkProjectCompleted', data: { projectId: project.projectId, completedOn: achieved.data.achievedOn } });
      }
      return events;
    }
    switch (command.type) {
      case 'ChooseNetworkProjectContract': {
        requireLead(command.principal, project, 'choose the contract of');
        if (command.procurementModel === undefined && command.delegateOperatorId === undefined) {
          throw invalid(refusal('networkProject.contractEmpty'), 'procurementModel', 'delegateOperatorId');
        }
        if (command.delegateOperatorId !== undefined) requireOperator(command.delegateOperatorId, command.delegateOperator);
        return [
          {
            type: 'NetworkProjectContractChosen',
            data: {
              projectId: project.projectId,
              procurementModel: command.procurementModel ?? null,
              delegateOperatorId: command.delegateOperatorId ?? project.delegateOperatorId,
            },
          },
        ];
      }
      case 'ReportNetworkIndicators': {
        const { principal } = command;
        const isOperator = principal.role === 'representative' && principal.actorId === project.delegateOperatorId;
        if (!isOperator) requireLead(principal, project, 'report the indicators of');
        const source = command.source ?? 'declared';
        if (!(INDICATOR_SOURCES as readonly string[]).includes(source)) throw invalid(refusal('networkProject.unknownSource', { source }), 'source');
        if (isOperator && source === 'regulator_data') throw forbidden(refusal('networkProject.operatorNotRegulator'));
        checkCalendarDate(command.asOf, 'asOf');
        if (command.asOf > command.today) throw invalid(refusal('networkProject.indicatorsInFuture'), 'asOf');
        const previous = project.indicators;
        if (previous && command.asOf < previous.asOf) throw invalid(refusal('networkProject.reportEarlier', { asOf: previous.asOf }), 'asOf');
        const given = Object.entries(command.figures).filter(([, v]) => v !== undefined && v !== null) as [Indicator, number][];
        if (given.length === 0) throw invalid(refusal('networkProject.noFigure'), 'figures');
        for (const [indicator, value] of given) {
          if (!(INDICATORS as readonly string[]).includes(indicator))
            throw invalid(refusal('networkProject.unknownIndicator', { indicator }), `figures.${indicator}`);
          if (!Number.isInteger(value) || value < 0 || value > MAX_FIGURE)
            throw invalid(refusal('networkProject.figureRange', { indicator }), `figures.${indicator}`);
        }
        const figures: Indicators = { ...(previous?.figures ?? EMPTY_INDICATORS), ...Object.fromEntries(given) };
        checkIndicatorInvariants(figures);
        const lowered = INDICATORS.filter((i) => previous && previous.figures[i] !== null && figures[i] !== null && figures[i] < previous.figures[i]);
        const reason = command.reason === undefined ? null : tidyText(command.reason, 'reason', REASON_MAX_LENGTH);
        if (lowered.length > 0 && reason === null) throw invalid(refusal('networkProject.loweringReason', { lowered: lowered.join(', ') }), 'reason');
        return [{ type: 'NetworkIndicatorsReported', data: { projectId: project.projectId, asOf: command.asOf, figures, lowered, reason, source } }];
      }
      case 'ReviseNetworkFinancing': {
        const { principal } = command;
        if (principal.role !== 'national_body') requireLead(principal, project, 'revise the financing of');
        checkCalendarDate(command.asOf, 'asOf');
        if (command.asOf > command.today) throw invalid(refusal('networkProject.estimateInFuture'), 'asOf');
        if (project.financingAsOf && command.asOf < project.financingAsOf)
          throw invalid(refusal('networkProject.estimateEarlier', { asOf: project.financingAsOf }), 'asOf');
        const financing = checkFinancing(command.financing);
        const reason = command.reason === undefined ? null : tidyText(command.reason, 'reason', REASON_MAX_LENGTH);
        return [{ type: 'NetworkFinancingRevised', data: { projectId: project.projectId, asOf: command.asOf, financing, reason } }];
      }
      case 'AbandonNetworkProject': {
        requireLead(command.principal, project, 'abandon');
        const reason = tidyText(command.reason, 'reason', REASON_MAX_LENGTH);
        return [{ type: 'NetworkProjectAbandoned', data: { projectId: project.projectId, reason } }];
      }
      default:
        return assertNever(command, 'network project command');
    }
  },
};

type ActiveProject = Exclude<NetworkProjectState, { status: 'none' }>;

function register(command: Extract<NetworkProjectCommand, { type: 'RegisterNetworkProject' }>, state: NetworkProjectState): NetworkProjectEvent[] {
  if (state.status !== 'none') throw conflict(refusal('networkProject.exists', { projectId: command.projectId }));
  const { principal } = command;
  if (principal.role !== 'admin' && !(principal.role === 'representative' && principal.actorId === command.leadActorId)) {
    throw forbidden(refusal('networkProject.registerLeadOnly', { leadActorId: command.leadActorId }));
  }
  if (!command.leadActor) throw notFound(refusal('networkProject.unknownActor', { actorId: command.leadActorId }));
  if (command.leadActor.status === 'retired') throw conflict(refusal('networkProject.actorRetired', { actorId: command.leadActorId }));
  if (!(LEAD_ACTOR_KINDS as readonly string[]).includes(command.leadActor.kind)) {
    throw invalid(refusal('networkProject.leadKind'), 'leadActorId');
  }
  const name = tidyText(command.name, 'name', NAME_MAX_LENGTH);
  if (command.departementCodes.length === 0) throw invalid(refusal('networkProject.departementRequired'), 'departementCodes');
  if (new Set(command.departementCodes).size !== command.departementCodes.length) throw invalid(refusal('networkProject.departementTwice'), 'departementCodes');
  if (command.technologies.length === 0) throw invalid(refusal('networkProject.technologyRequired'), 'technologies');
  if (new Set(command.technologies).size !== command.technologies.length) throw invalid(refusal('networkProject.technologyTwice'), 'technologies');
  if (command.delegateOperatorId !== undefined) requireOperator(command.delegateOperatorId, command.delegateOperator);
  checkCalendarDate(command.registeredOn, 'registeredOn');
  return [
    {
      type: 'NetworkProjectRegistered',
      data: {
        projectId: command.projectId,
        name,
        leadActorId: command.leadActorId,
        departementCodes: [...command.departementCodes].sort(),
        multiDepartemental: command.departementCodes.length > 1,
        technologies: command.technologies,
        procurementModel: command.procurementModel ?? null,
        delegateOperatorId: command.delegateOperatorId ?? null,
        registeredOn: command.registeredOn,
      },
    },
    ...proposedMilestones(command.projectId, STANDARD_RIP_MILESTONES),
  ];
}

const requireActive = (state: NetworkProjectState): ActiveProject => requireActiveProject(state, 'network project');
const requireLead = (principal: ActingActor, project: ActiveProject, action: ProjectAction) =>
  requireProjectLead(principal, project.leadActorId, action, 'network project');

function requireOperator(actorId: string, facts: ActorFacts | undefined) {
  if (!facts) throw notFound(refusal('networkProject.unknownActor', { actorId }));
  if (facts.kind !== 'private_operator') throw invalid(refusal('networkProject.operatorKind'), 'delegateOperatorId');
}

/** Built ≤ planned and connected ≤ connectable, whenever both figures are known. */
export function checkIndicatorInvariants(figures: Indicators): void {
  const { ftthPremisesPlanned: planned, ftthPremisesBuilt: built, ftthPremisesConnectable: connectable, ftthPremisesConnected: connected } = figures;
  if (planned !== null && built !== null && built > planned)
    throw invalid(refusal('networkProject.builtOverPlanned', { built, planned }), 'figures.ftthPremisesBuilt');
  if (connectable !== null && connected !== null && connected > connectable) {
    throw invalid(refusal('networkProject.connectedOverConnectable', { connected, connectable }), 'figures.ftthPremisesConnected');
  }
}

/** Whole euros; the split by funder adds up to the total; State aid paid ≤ committed. */
export function checkFinancing(financing: Financing): Financing {
  const amount = (value: number, field: string) => {
    if (!Number.isInteger(value) || value < 0 || value > MAX_AMOUNT) throw invalid(refusal('networkProject.amount', { field }), field);
    return value;
  };
  const totalCost = amount(financing.totalCost, 'financing.totalCost');
  if (totalCost === 0) throw invalid(refusal('networkProject.totalCostZero'), 'financing.totalCost');
  const split = Object.fromEntries(FUNDERS.map((f) => [f, amount(financing.split[f] ?? 0, `financing.split.${f}`)])) as Record<Funder, number>;
  const sum = FUNDERS.reduce((s, f) => s + split[f], 0);
  if (sum !== totalCost) throw invalid(refusal('networkProject.splitSum', { sum, totalCost }), 'financing.split');
  const stateAidCommitted = amount(financing.stateAidCommitted, 'financing.stateAidCommitted');
  const stateAidPaid = amount(financing.stateAidPaid, 'financing.stateAidPaid');
  if (stateAidPaid > stateAidCommitted) throw invalid(refusal('networkProject.stateAidPaid'), 'financing.stateAidPaid');
  return { totalCost, split, stateAidCommitted, stateAidPaid };
}
