import { isEventOf } from '../event-store/event-store.js';
import type { Role } from '../shared/principal.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid, notFound } from '../decider/errors.js';
import { refusal } from '../decider/refusals.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { checkCalendarDate, tidyText } from '../decider/checks.js';

/** White zones (zones blanches), docs/domain.md "White zones": an inventory entry per place without decent service. */

export const WHITE_ZONE_KINDS = ['fixed_below_threshold', 'mobile_2g_3g', 'mobile_4g_demand'] as const;
export type WhiteZoneKind = (typeof WHITE_ZONE_KINDS)[number];
export const PRIORITY_SITES = ['schools', 'publicServices', 'businesses', 'health'] as const;
export type PrioritySites = Record<(typeof PRIORITY_SITES)[number], number>;
export type WhiteZoneStatus = 'identified' | 'planned' | 'resolved';

/** The inventory is kept by the commission secretariat, national bodies and admins. */
const KEEPERS: readonly Role[] = ['commission_secretariat', 'national_body', 'admin'];
export const REASON_MAX_LENGTH = 2000;
const MAX_COUNT = 1e6;
const MAX_COST = 1e12;

interface Sent {
  principal: { actorId: string; role: Role };
}

export type WhiteZoneCommand =
  | (Sent & {
      type: 'RecordWhiteZone';
      zoneId: string;
      kind: WhiteZoneKind;
      /** Official commune codes (checked at the edge). */
      communeCodes: string[];
      prioritySites: PrioritySites;
      /** Whole euros; null when not estimated yet. */
      estimatedCost: number | null;
      identifiedOn: CalendarDate;
      today: CalendarDate;
    })
  | (Sent & { type: 'ReviseWhiteZoneEstimate'; prioritySites?: PrioritySites; estimatedCost?: number; reason: string })
  /** `project`: the network project as known now (undefined: no such project). */
  | (Sent & {
      type: 'PlanWhiteZoneResolution';
      networkProjectId: string;
      project: { status: string } | undefined;
      plannedOn: CalendarDate;
      today: CalendarDate;
    })
  | (Sent & { type: 'ResolveWhiteZone'; resolvedOn: CalendarDate; today: CalendarDate });

export type WhiteZoneEvent =
  | {
      type: 'WhiteZoneRecorded';
      data: {
        zoneId: string;
        kind: WhiteZoneKind;
        communeCodes: string[];
        prioritySites: PrioritySites;
        estimatedCost: number | null;
        identifiedOn: CalendarDate;
      };
    }
  | { type: 'WhiteZoneEstimateRevised'; data: { zoneId: string; prioritySites: PrioritySites; estimatedCost: number | null; reason: string } }
  | { type: 'WhiteZoneResolutionPlanned'; data: { zoneId: string; networkProjectId: string; plannedOn: CalendarDate } }
  | { type: 'WhiteZoneResolved'; data: { zoneId: string; resolvedOn: CalendarDate; networkProjectId: string | null } };

export type WhiteZoneState =
  | { status: 'none' }
  | {
      status: WhiteZoneStatus;
      zoneId: string;
      identifiedOn: CalendarDate;
      plannedOn: CalendarDate | null;
      networkProjectId: string | null;
      prioritySites: PrioritySites;
      estimatedCost: number | null;
    };

export const whiteZoneStreamId = (zoneId: string) => `whiteZone-${zoneId}`;

/** Narrows a recorded event of the log to this decider's events. */
export const isWhiteZoneEvent = isEventOf<WhiteZoneEvent>({
  WhiteZoneRecorded: true,
  WhiteZoneEstimateRevised: true,
  WhiteZoneResolutionPlanned: true,
  WhiteZoneResolved: true,
});

export const whiteZoneDecider: Decider<WhiteZoneCommand, WhiteZoneEvent, WhiteZoneState> = {
  events: isWhiteZoneEvent,
  initialState: () => ({ status: 'none' }),
  evolve(state, event) {
    if (event.type === 'WhiteZoneRecorded') {
      const { zoneId, identifiedOn, prioritySites, estimatedCost } = event.data;
      return { status: 'identified', zoneId, identifiedOn, plannedOn: null, networkProjectId: null, prioritySites, estimatedCost };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'WhiteZoneEstimateRevised':
        return { ...state, prioritySites: event.data.prioritySites, estimatedCost: event.data.estimatedCost };
      case 'WhiteZoneResolutionPlanned':
        return { ...state, status: 'planned', networkProjectId: event.data.networkProjectId, plannedOn: event.data.plannedOn };
      case 'WhiteZoneResolved':
        return { ...state, status: 'resolved' };
      default:
        return assertNever(event, 'white zone event');
    }
  },
  decide(command, state) {
    if (!KEEPERS.includes(command.principal.role)) throw forbidden(refusal('whiteZone.keptBySecretariat'));
    if (command.type === 'RecordWhiteZone') {
      if (state.status !== 'none') throw conflict(refusal('whiteZone.exists', { zoneId: command.zoneId }));
      if (command.communeCodes.length === 0) throw invalid(refusal('whiteZone.communeRequired'), 'communeCodes');
      if (new Set(command.communeCodes).size !== command.communeCodes.length) throw invalid(refusal('whiteZone.communeTwice'), 'communeCodes');
      checkCalendarDate(command.identifiedOn, 'identifiedOn');
      if (command.identifiedOn > command.today) throw invalid(refusal('whiteZone.identifiedInFuture'), 'identifiedOn');
      const { zoneId, kind, identifiedOn } = command;
      const prioritySites = checkSites(command.prioritySites);
      const estimatedCost = command.estimatedCost === null ? null : checkCost(command.estimatedCost);
      return [
        { type: 'WhiteZoneRecorded', data: { zoneId, kind, communeCodes: [...command.communeCodes].sort(), prioritySites, estimatedCost, identifiedOn } },
      ];
    }
    if (state.status === 'none') throw notFound(refusal('whiteZone.unknown'));
    if (state.status === 'resolved') throw conflict(refusal('whiteZone.resolved'));
    switch (command.type) {
      case 'ReviseWhiteZoneEstimate': {
        const reason = tidyText(command.reason, 'reason', REASON_MAX_LENGTH);
        if (command.prioritySites === undefined && command.estimatedCost === undefined)
          throw invalid(refusal('whiteZone.sitesOrCost'), 'prioritySites', 'estimatedCost');
        const prioritySites = command.prioritySites ? checkSites(command.prioritySites) : state.prioritySites;
        const estimatedCost = command.estimatedCost === undefined ? state.estimatedCost : checkCost(command.estimatedCost);
        return [{ type: 'WhiteZoneEstimateRevised', data: { zoneId: state.zoneId, prioritySites, estimatedCost, reason } }];
      }
      case 'PlanWhiteZoneResolution': {
        if (!command.project) throw notFound(refusal('whiteZone.unknownProject', { projectId: command.networkProjectId }));
        if (command.project.status === 'abandoned') throw conflict(refusal('whiteZone.projectAbandoned', { projectId: command.networkProjectId }));
        checkCalendarDate(command.plannedOn, 'plannedOn');
        if (command.plannedOn < state.identifiedOn) throw invalid(refusal('whiteZone.plannedBeforeIdentified'), 'plannedOn');
        if (command.plannedOn > command.today) throw invalid(refusal('whiteZone.plannedInFuture'), 'plannedOn');
        if (state.networkProjectId === command.networkProjectId) return [];
        return [
          { type: 'WhiteZoneResolutionPlanned', data: { zoneId: state.zoneId, networkProjectId: command.networkProjectId, plannedOn: command.plannedOn } },
        ];
      }
      case 'ResolveWhiteZone': {
        checkCalendarDate(command.resolvedOn, 'resolvedOn');
        if (command.resolvedOn > command.today) throw invalid(refusal('whiteZone.resolvedInFuture'), 'resolvedOn');
        const since = state.plannedOn ?? state.identifiedOn;
        if (command.resolvedOn < since) throw invalid(refusal('whiteZone.resolvedBefore', { since }), 'resolvedOn');
        return [{ type: 'WhiteZoneResolved', data: { zoneId: state.zoneId, resolvedOn: command.resolvedOn, networkProjectId: state.networkProjectId } }];
      }
      default:
        return assertNever(command, 'white zone command');
    }
  },
};

function checkSites(sites: PrioritySites): PrioritySites {
  return Object.fromEntries(
    PRIORITY_SITES.map((site) => {
      const value = sites[site] ?? 0;
      if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT) throw invalid(refusal('whiteZone.siteCount', { site }), `prioritySites.${site}`);
      return [site, value];
    }),
  ) as PrioritySites;
}

function checkCost(cost: number): number {
  if (!Number.isInteger(cost) || cost < 0 || cost > MAX_COST) throw invalid(refusal('whiteZone.cost'), 'estimatedCost');
  return cost;
}
