import type { CalendarItem, Row } from '../reports/report-section.js';
import { daysBetween } from '../shared/calendar-date.js';
import type { Milestone, MilestonesState } from './milestones.js';

/** Where a project stands on its milestones: the last achieved, the next one and how far it slipped. */
export function milestoneStanding(milestones: MilestonesState): { current: Milestone | null; next: Milestone | null; slippageDays: number | null } {
  const ordered = [...milestones].sort((a, b) => a.order - b.order);
  const achieved = ordered.filter((m) => m.status === 'achieved');
  const next = ordered.find((m) => m.status === 'planned' || m.status === 'pending') ?? null;
  const first = next?.previousDates[0]?.date ?? next?.plannedDate ?? null;
  return {
    current: achieved[achieved.length - 1] ?? null,
    next,
    slippageDays: next?.plannedDate && first ? daysBetween(first, next.plannedDate) : null,
  };
}

/** The columns every project table shares: current milestone, next one, its date and slippage, and the change since the previous report. */
export function milestoneColumns(milestones: MilestonesState, previous: MilestonesState | undefined): Row {
  const now = milestoneStanding(milestones);
  const before = previous ? milestoneStanding(previous) : null;
  const sameNext = before?.next?.key === now.next?.key;
  return {
    current_milestone: now.current?.label ?? null,
    next_milestone: now.next?.label ?? null,
    next_planned: now.next?.plannedDate ?? null,
    slippage_days: now.slippageDays,
    slippage_since_previous_report:
      sameNext && before?.next?.plannedDate && now.next?.plannedDate ? daysBetween(before.next.plannedDate, now.next.plannedDate) : null,
  };
}

export const MILESTONE_COLUMNS = ['current_milestone', 'next_milestone', 'next_planned', 'slippage_days', 'slippage_since_previous_report'];

/** Planned milestones as forward-calendar items. */
export function plannedMilestones(kind: 'network_milestone' | 'usage_milestone', milestones: MilestonesState, record: string, name: string): CalendarItem[] {
  return milestones
    .filter((m) => m.status === 'planned' && m.plannedDate)
    .map((m) => ({ date: m.plannedDate!, record, kind, label: name, milestone: m.label }));
}

/** Milestones dated (planned or achieved) within a period: a phasing plan. */
export function milestonesWithin(milestones: MilestonesState, from: string, to: string): Milestone[] {
  return milestones.filter((m) => {
    const date = m.achievedOn ?? m.plannedDate;
    return date !== null && date >= from && date <= to && m.status !== 'dropped';
  });
}
