import { assertNever } from '../decider/decider.js';
import { conflict, invalid, notFound } from '../decider/errors.js';
import { refusal } from '../decider/refusals.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { checkCalendarDate, checkDocumentHash, tidyText } from '../decider/checks.js';

/**
 * The milestone-and-calendar machinery shared by every kind of project (network projects, usage
 * projects): commands, events, the fold and the rules. A project decider embeds it: it checks who
 * may act, then hands milestone commands to `decideMilestone` and milestone events to
 * `evolveMilestones`. The events carry `projectId` and are the same types in every project stream.
 */

export const MILESTONE_LABEL_MAX_LENGTH = 200;
export const MILESTONE_REASON_MAX_LENGTH = 2000;
/** Gap between the orders of proposed milestones: room to add others in between. */
const ORDER_STEP = 10;

export interface MilestoneTemplate {
  key: string;
  label: string;
}

export type MilestoneStatus = 'pending' | 'planned' | 'achieved' | 'dropped';

export interface Milestone {
  key: string;
  label: string;
  /** Sort key: the expected sequence. */
  order: number;
  status: MilestoneStatus;
  plannedDate: CalendarDate | null;
  /** Every date it was planned for before the current one, oldest first, with the reason it moved. */
  previousDates: { date: CalendarDate; reason: string }[];
  achievedOn: CalendarDate | null;
}

export type MilestonesState = Milestone[];

export type MilestoneCommand =
  | { type: 'AddMilestone'; key: string; label: string; /** Insert after this milestone; default: at the end. */ afterKey?: string }
  | { type: 'PlanMilestone'; key: string; date: CalendarDate }
  | { type: 'RescheduleMilestone'; key: string; date: CalendarDate; reason: string }
  | { type: 'AchieveMilestone'; key: string; achievedOn: CalendarDate; evidenceHash: string; today: CalendarDate }
  | { type: 'DropMilestone'; key: string; reason: string };

export const MILESTONE_COMMAND_TYPES = ['AddMilestone', 'PlanMilestone', 'RescheduleMilestone', 'AchieveMilestone', 'DropMilestone'] as const;

export type MilestoneEvent =
  | { type: 'MilestoneAdded'; data: { projectId: string; key: string; label: string; order: number } }
  | { type: 'MilestonePlanned'; data: { projectId: string; key: string; date: CalendarDate } }
  | { type: 'MilestoneRescheduled'; data: { projectId: string; key: string; date: CalendarDate; previousDate: CalendarDate; reason: string } }
  | {
      type: 'MilestoneAchieved';
      data: {
        projectId: string;
        key: string;
        achievedOn: CalendarDate;
        evidenceHash: string;
        /** Earlier milestones (in the expected sequence) neither achieved nor dropped yet: allowed, but flagged. */
        outOfOrder: boolean;
        skippedKeys: string[];
      };
    }
  | { type: 'MilestoneDropped'; data: { projectId: string; key: string; reason: string } };

export const MILESTONE_EVENT_TYPES = ['MilestoneAdded', 'MilestonePlanned', 'MilestoneRescheduled', 'MilestoneAchieved', 'MilestoneDropped'] as const;

export function isMilestoneCommand<C extends { type: string }>(command: C): command is C & MilestoneCommand {
  return (MILESTONE_COMMAND_TYPES as readonly string[]).includes(command.type);
}

export function isMilestoneEvent<E extends { type: string }>(event: E): event is E & MilestoneEvent {
  return (MILESTONE_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The events proposing a sequence of milestones on registration (each can later be dropped). */
export function proposedMilestones(projectId: string, templates: readonly MilestoneTemplate[]): MilestoneEvent[] {
  return templates.map((t, i) => ({ type: 'MilestoneAdded', data: { projectId, key: t.key, label: t.label, order: (i + 1) * ORDER_STEP } }));
}

const MILESTONE_KEY = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

/** Checks a list of milestones given on registration (usage projects bring their own). */
export function checkTemplates(templates: readonly MilestoneTemplate[], field: string): MilestoneTemplate[] {
  const seen = new Set<string>();
  return templates.map((t, i) => {
    if (!MILESTONE_KEY.test(t.key)) throw invalid(refusal('milestone.keyFormat'), `${field}.${i}.key`);
    if (seen.has(t.key)) throw invalid(refusal('milestone.keyTwice', { key: t.key }), `${field}.${i}.key`);
    seen.add(t.key);
    return { key: t.key, label: tidyText(t.label, `${field}.${i}.label`, MILESTONE_LABEL_MAX_LENGTH) };
  });
}

/**
 * Decides a milestone command on an existing project (registered on `registeredOn`). Rules:
 * a plan is made once, then rescheduled with a reason (the previous date stays in the history);
 * achieved or dropped milestones no longer move; achievement needs an evidence document hash and a
 * date neither in the future nor before the project existed; achieving out of sequence is allowed
 * but flagged.
 */
export function decideMilestone(command: MilestoneCommand, milestones: MilestonesState, projectId: string, registeredOn: CalendarDate): MilestoneEvent[] {
  switch (command.type) {
    case 'AddMilestone': {
      const [{ key, label }] = checkTemplates([{ key: command.key, label: command.label }], 'milestone');
      if (milestones.some((m) => m.key === key)) throw conflict(refusal('milestone.exists', { key }));
      const sorted = [...milestones].sort((a, b) => a.order - b.order);
      let order: number;
      if (command.afterKey === undefined) {
        order = (sorted.at(-1)?.order ?? 0) + ORDER_STEP;
      } else {
        const index = sorted.findIndex((m) => m.key === command.afterKey);
        if (index < 0) throw notFound(refusal('milestone.unknown', { key: command.afterKey }));
        const next = sorted[index + 1];
        order = next ? (sorted[index].order + next.order) / 2 : sorted[index].order + ORDER_STEP;
      }
      return [{ type: 'MilestoneAdded', data: { projectId, key, label, order } }];
    }
    case 'PlanMilestone': {
      const milestone = requireOpen(milestones, command.key);
      checkCalendarDate(command.date, 'date');
      if (milestone.plannedDate !== null) throw conflict(refusal('milestone.alreadyPlanned', { key: milestone.key, plannedDate: milestone.plannedDate }));
      return [{ type: 'MilestonePlanned', data: { projectId, key: milestone.key, date: command.date } }];
    }
    case 'RescheduleMilestone': {
      const milestone = requireOpen(milestones, command.key);
      checkCalendarDate(command.date, 'date');
      const reason = tidyText(command.reason, 'reason', MILESTONE_REASON_MAX_LENGTH);
      if (milestone.plannedDate === null) throw conflict(refusal('milestone.notPlanned', { key: milestone.key }));
      if (milestone.plannedDate === command.date) return [];
      return [{ type: 'MilestoneRescheduled', data: { projectId, key: milestone.key, date: command.date, previousDate: milestone.plannedDate, reason } }];
    }
    case 'AchieveMilestone': {
      const milestone = requireOpen(milestones, command.key);
      checkCalendarDate(command.achievedOn, 'achievedOn');
      checkDocumentHash(command.evidenceHash, 'evidenceHash');
      if (command.achievedOn > command.today) throw invalid(refusal('milestone.achievedInFuture'), 'achievedOn');
      if (command.achievedOn < registeredOn) throw invalid(refusal('milestone.achievedBeforeRegistered', { registeredOn }), 'achievedOn');
      const skippedKeys = milestones
        .filter((m) => m.order < milestone.order && (m.status === 'pending' || m.status === 'planned'))
        .sort((a, b) => a.order - b.order)
        .map((m) => m.key);
      return [
        {
          type: 'MilestoneAchieved',
          data: {
            projectId,
            key: milestone.key,
            achievedOn: command.achievedOn,
            evidenceHash: command.evidenceHash,
            outOfOrder: skippedKeys.length > 0,
            skippedKeys,
          },
        },
      ];
    }
    case 'DropMilestone': {
      const milestone = requireOpen(milestones, command.key);
      const reason = tidyText(command.reason, 'reason', MILESTONE_REASON_MAX_LENGTH);
      return [{ type: 'MilestoneDropped', data: { projectId, key: milestone.key, reason } }];
    }
    default:
      return assertNever(command, 'milestone command');
  }
}

export function evolveMilestones(milestones: MilestonesState, event: MilestoneEvent): MilestonesState {
  const update = (key: string, change: (m: Milestone) => Milestone) => milestones.map((m) => (m.key === key ? change(m) : m));
  switch (event.type) {
    case 'MilestoneAdded': {
      const { key, label, order } = event.data;
      return [...milestones, { key, label, order, status: 'pending', plannedDate: null, previousDates: [], achievedOn: null }];
    }
    case 'MilestonePlanned':
      return update(event.data.key, (m) => ({ ...m, status: 'planned', plannedDate: event.data.date }));
    case 'MilestoneRescheduled':
      return update(event.data.key, (m) => ({
        ...m,
        plannedDate: event.data.date,
        previousDates: [...m.previousDates, { date: event.data.previousDate, reason: event.data.reason }],
      }));
    case 'MilestoneAchieved':
      return update(event.data.key, (m) => ({ ...m, status: 'achieved', achievedOn: event.data.achievedOn }));
    case 'MilestoneDropped':
      return update(event.data.key, (m) => ({ ...m, status: 'dropped' }));
    default:
      return assertNever(event, 'milestone event');
  }
}

function requireOpen(milestones: MilestonesState, key: string): Milestone {
  const milestone = milestones.find((m) => m.key === key);
  if (!milestone) throw notFound(refusal('milestone.unknown', { key }));
  if (milestone.status === 'achieved' || milestone.status === 'dropped') throw conflict(refusal('milestone.closed', { key, status: milestone.status }));
  return milestone;
}
