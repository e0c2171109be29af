import { daysBetween, type CalendarDate } from '../shared/calendar-date.js';
import type { CommitmentHealth } from './commitments.read-model.js';

/**
 * Health of an active commitment on a day: late once the due date has passed; at risk when the
 * current value is behind the linear path from the day made to the due date by more than the
 * threshold (a share of the target); on track otherwise. The read model computes the same rule in
 * SQL so that it can filter on it; a spec keeps the two in agreement.
 */
export function commitmentHealth(
  commitment: { madeOn: CalendarDate; dueDate: CalendarDate; target: number; value: number | null },
  today: CalendarDate,
  threshold: number,
): CommitmentHealth {
  if (commitment.dueDate < today) return 'late';
  const elapsed = Math.min(1, Math.max(0, daysBetween(commitment.madeOn, today) / Math.max(1, daysBetween(commitment.madeOn, commitment.dueDate))));
  return (commitment.value ?? 0) < commitment.target * (elapsed - threshold) ? 'at_risk' : 'on_track';
}
