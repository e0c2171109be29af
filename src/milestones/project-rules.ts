import type { ActingActor } from '../shared/principal.js';
import { conflict, forbidden, notFound } from '../decider/errors.js';
import { refusal, type ProjectAction, type ProjectKind } from '../decider/refusals.js';

/** Rules every kind of project (network, usage) shares around its milestones. */

/** Every kind of project: active until completed or abandoned. */
export const PROJECT_STATUSES = ['active', 'completed', 'abandoned'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Only an active project changes; `what` names the kind in messages ("network project"). */
export function requireActiveProject<S extends { status: string }>(state: S, what: ProjectKind): Exclude<S, { status: 'none' }> {
  if (state.status === 'none') throw notFound(refusal('milestone.projectUnknown', { what }));
  if (state.status !== 'active') throw conflict(refusal('milestone.projectClosed', { what, status: state.status as Exclude<ProjectStatus, 'active'> }));
  return state as Exclude<S, { status: 'none' }>;
}

/** The leading (carrying) actor's representatives, and admins, run the project. */
export function requireProjectLead(principal: ActingActor, leadActorId: string, action: ProjectAction, what: ProjectKind): void {
  if (principal.role === 'admin') return;
  if (principal.role === 'representative' && principal.actorId === leadActorId) return;
  throw forbidden(refusal('milestone.projectLeadOnly', { leadActorId, action, what }));
}
