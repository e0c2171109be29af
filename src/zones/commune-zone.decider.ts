import { isEventOf } from '../event-store/event-store.js';
import type { Role } from '../shared/principal.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid } from '../decider/errors.js';
import { refusal } from '../decider/refusals.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { checkCalendarDate, tidyText } from '../decider/checks.js';

/**
 * The deployment zone of a commune (docs/domain.md, "Deployment zones…"), one stream per commune: its
 * history of zones with their effective dates, so the map can be read as of any day.
 */
export const DEPLOYMENT_ZONES = ['ztd', 'amii', 'amel', 'rip'] as const;
export type DeploymentZone = (typeof DEPLOYMENT_ZONES)[number];

/** Zones where an operator builds with its own money and answers for it. */
export const PRIVATE_ZONES: readonly DeploymentZone[] = ['ztd', 'amii', 'amel'];
export const isPrivateZone = (zone: DeploymentZone | null | undefined) => zone !== null && zone !== undefined && PRIVATE_ZONES.includes(zone);

/** Zones are official facts: admins, national bodies and the region's commission secretariat record them. */
export const ZONE_KEEPERS: readonly Role[] = ['admin', 'national_body', 'commission_secretariat'];
export const REASON_MAX_LENGTH = 2000;

export interface ZoneAssignment {
  zone: DeploymentZone;
  /** The operator in charge (private zones). */
  operatorId: string | null;
  /** The public-initiative network project in charge (RIP zones), when known. */
  networkProjectId: string | null;
  effectiveFrom: CalendarDate;
}

export type CommuneZoneCommand = {
  type: 'SetCommuneZone';
  principal: { actorId: string; role: Role };
  communeCode: string;
  zone: DeploymentZone;
  operatorId: string | null;
  networkProjectId: string | null;
  effectiveFrom: CalendarDate;
  /** Required for a change; optional for the first record. */
  reason: string | null;
};

export type CommuneZoneEvent = {
  type: 'CommuneZoneSet';
  data: ZoneAssignment & { communeCode: string; previous: ZoneAssignment | null; reason: string | null };
};

export type CommuneZoneState = { communeCode: string | null; current: ZoneAssignment | null };

export const communeZoneStreamId = (communeCode: string) => `communeZone-${communeCode}`;

/** Narrows a recorded event of the log to this decider's events. */
export const isCommuneZoneEvent = isEventOf<CommuneZoneEvent>({ CommuneZoneSet: true });

export const communeZoneDecider: Decider<CommuneZoneCommand, CommuneZoneEvent, CommuneZoneState> = {
  events: isCommuneZoneEvent,
  initialState: () => ({ communeCode: null, current: null }),
  evolve(_state, event) {
    const { communeCode, zone, operatorId, networkProjectId, effectiveFrom } = event.data;
    return { communeCode, current: { zone, operatorId, networkProjectId, effectiveFrom } };
  },
  decide(command, state) {
    switch (command.type) {
      case 'SetCommuneZone': {
        if (!ZONE_KEEPERS.includes(command.principal.role)) throw forbidden(refusal('zones.keepers'));
        checkCalendarDate(command.effectiveFrom, 'effectiveFrom');
        const { communeCode, zone, effectiveFrom } = command;
        const operatorId = command.operatorId ?? null;
        const networkProjectId = command.networkProjectId ?? null;
        if (isPrivateZone(zone) && !operatorId) throw invalid(refusal('zones.operatorRequired', { zone }), 'operatorId');
        if (zone === 'rip' && operatorId) throw invalid(refusal('zones.ripNoOperator'), 'operatorId');
        if (zone !== 'rip' && networkProjectId) throw invalid(refusal('zones.projectOnlyRip'), 'networkProjectId');
        const current = state.current;
        // The zone in force, stated again (a zone file imported anew): nothing changes.
        if (current && current.zone === zone && current.operatorId === operatorId && current.networkProjectId === networkProjectId) return [];
        if (current && effectiveFrom <= current.effectiveFrom) {
          throw conflict(refusal('zones.changedAlready', { communeCode, effectiveFrom: current.effectiveFrom }));
        }
        const reason = command.reason === null ? null : tidyText(command.reason, 'reason', REASON_MAX_LENGTH);
        if (current && reason === null) throw invalid(refusal('zones.changeReason'), 'reason');
        return [{ type: 'CommuneZoneSet', data: { communeCode, zone, operatorId, networkProjectId, effectiveFrom, previous: current, reason } }];
      }
      default:
        return assertNever(command.type, 'commune zone command');
    }
  },
};

/** Why a commune's operator commitment ends when its zone changes; null when it does not. */
export function zoneChangeEndsCommitment(previous: ZoneAssignment | null, next: ZoneAssignment): 'moved_out_of_private_zone' | 'operator_changed' | null {
  if (!previous || !isPrivateZone(previous.zone)) return null;
  if (!isPrivateZone(next.zone)) return 'moved_out_of_private_zone';
  if (previous.operatorId !== next.operatorId) return 'operator_changed';
  return null;
}
