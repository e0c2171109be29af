import { isEventOf } from '../event-store/event-store.js';
import type { Role } from '../shared/principal.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid, notFound } from '../decider/errors.js';
import { refusal } from '../decider/refusals.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { checkCalendarDate, tidyText } from '../decider/checks.js';
import { isPrivateZone, type DeploymentZone } from './commune-zone.decider.js';

/**
 * An operator's commitment over a list of communes, recorded in one act under a common reference
 * (one stream per set). Each commune becomes a commitment of the commitments feature, whose id the
 * set keeps; the standing rules are that feature's.
 */
export const LEGAL_BASES = ['amii_intention', 'amel', 'l33_13_binding'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

const RECORDERS: readonly Role[] = ['admin', 'national_body', 'commission_secretariat'];
export const REFERENCE_MAX_LENGTH = 200;
export const REASON_MAX_LENGTH = 2000;
const MAX_PREMISES = 1e7;

export interface CommuneCommitment {
  communeCode: string;
  commitmentId: string;
  premises: number;
  dueDate: CalendarDate;
}

/** The zone of a commune as known when the command is decided; undefined: none recorded. */
export interface CommuneZoneFacts {
  zone: DeploymentZone;
  operatorId: string | null;
}

interface Sent {
  principal: { actorId: string; role: Role };
}

export type OperatorCommitmentsCommand =
  | (Sent & {
      type: 'RecordOperatorCommitments';
      setId: string;
      reference: string;
      operatorId: string;
      /** undefined: no such actor. */
      operator: { status: 'active' | 'retired' } | undefined;
      legalBasis: LegalBasis;
      madeOn: CalendarDate;
      communes: (CommuneCommitment & { zone: CommuneZoneFacts | undefined })[];
    })
  | (Sent & {
      type: 'AmendOperatorCommitments';
      revised: { communeCode: string; dueDate?: CalendarDate; premises?: number }[];
      withdrawn: string[];
      reason: string;
      today: CalendarDate;
    })
  /** Sent by the service when the commune's zone changes so that the operator no longer answers for it. */
  | (Sent & {
      type: 'EndCommuneCommitmentForZoneChange';
      communeCode: string;
      why: 'moved_out_of_private_zone' | 'operator_changed';
      fromZone: DeploymentZone;
      toZone: DeploymentZone;
      effectiveFrom: CalendarDate;
    });

export type CommuneCommitmentEnd = 'withdrawn_by_amendment' | 'moved_out_of_private_zone' | 'operator_changed';

export type OperatorCommitmentsEvent =
  | {
      type: 'OperatorCommitmentsRecorded';
      data: { setId: string; reference: string; operatorId: string; legalBasis: LegalBasis; madeOn: CalendarDate; communes: CommuneCommitment[] };
    }
  | {
      type: 'OperatorCommitmentsAmended';
      data: {
        setId: string;
        revised: {
          communeCode: string;
          commitmentId: string;
          premises: number;
          dueDate: CalendarDate;
          previousPremises: number;
          previousDueDate: CalendarDate;
        }[];
        withdrawn: { communeCode: string; commitmentId: string }[];
        reason: string;
      };
    }
  | {
      type: 'OperatorCommuneCommitmentEnded';
      data: {
        setId: string;
        communeCode: string;
        commitmentId: string;
        why: CommuneCommitmentEnd;
        fromZone: DeploymentZone;
        toZone: DeploymentZone;
        effectiveFrom: CalendarDate;
      };
    };

export type OperatorCommitmentsState =
  | { status: 'none' }
  | { status: 'recorded'; setId: string; operatorId: string; communes: Record<string, CommuneCommitment & { ended: CommuneCommitmentEnd | null }> };

export const operatorCommitmentsStreamId = (setId: string) => `operatorCommitments-${setId}`;

/** Narrows a recorded event of the log to this decider's events. */
export const isOperatorCommitmentsEvent = isEventOf<OperatorCommitmentsEvent>({
  OperatorCommitmentsRecorded: true,
  OperatorCommitmentsAmended: true,
  OperatorCommuneCommitmentEnded: true,
});

export const operatorCommitmentsDecider: Decider<OperatorCommitmentsCommand, OperatorCommitmentsEvent, OperatorCommitmentsState> = {
  events: isOperatorCommitmentsEvent,
  initialState: () => ({ status: 'none' }),
  evolve(state, event) {
    if (event.type === 'OperatorCommitmentsRecorded') {
      const { setId, operatorId, communes } = event.data;
      return { status: 'recorded', setId, operatorId, communes: Object.fromEntries(communes.map((c) => [c.communeCode, { ...c, ended: null }])) };
    }
    if (state.status === 'none') return state;
    const communes = { ...state.communes };
    switch (event.type) {
      case 'OperatorCommitmentsAmended':
        for (const r of event.data.revised) communes[r.communeCode] = { ...communes[r.communeCode], premises: r.premises, dueDate: r.dueDate };
        for (const w of event.data.withdrawn) communes[w.communeCode] = { ...communes[w.communeCode], ended: 'withdrawn_by_amendment' };
        break;
      case 'OperatorCommuneCommitmentEnded':
        communes[event.data.communeCode] = { ...communes[event.data.communeCode], ended: event.data.why };
        break;
      default:
        return assertNever(event, 'operator commitments event');
    }
    return { ...state, communes };
  },
  decide(command, state) {
    switch (command.type) {
      case 'RecordOperatorCommitments': {
        if (state.status !== 'none') throw conflict(refusal('zones.setExists', { setId: command.setId }));
        requireRecorder(command.principal, command.operatorId);
        if (!command.operator) throw notFound(refusal('zones.unknownOperator', { operatorId: command.operatorId }));
        if (command.operator.status === 'retired') throw conflict(refusal('zones.operatorRetired', { operatorId: command.operatorId }));
        const reference = tidyText(command.reference, 'reference', REFERENCE_MAX_LENGTH);
        checkCalendarDate(command.madeOn, 'madeOn');
        if (command.communes.length === 0) throw invalid(refusal('zones.communeRequired'), 'communes');
        const seen = new Set<string>();
        const communes = command.communes.map((c, index) => {
          const field = `communes.${index}`;
          if (seen.has(c.communeCode)) throw invalid(refusal('zones.communeTwice', { communeCode: c.communeCode }), `${field}.communeCode`);
          seen.add(c.communeCode);
          if (!c.zone) throw conflict(refusal('zones.noZone', { communeCode: c.communeCode }));
          if (!isPrivateZone(c.zone.zone)) throw conflict(refusal('zones.ripCommune', { communeCode: c.communeCode }));
          if (c.zone.operatorId !== command.operatorId)
            throw conflict(refusal('zones.otherOperator', { communeCode: c.communeCode, inCharge: String(c.zone.operatorId), operatorId: command.operatorId }));
          checkPremises(c.premises, `${field}.premises`);
          checkCalendarDate(c.dueDate, `${field}.dueDate`);
          if (c.dueDate <= command.madeOn) throw invalid(refusal('zones.dueAfterMade', { communeCode: c.communeCode }), `${field}.dueDate`);
          return { communeCode: c.communeCode, commitmentId: c.commitmentId, premises: c.premises, dueDate: c.dueDate };
        });
        const { setId, operatorId, legalBasis, madeOn } = command;
        return [{ type: 'OperatorCommitmentsRecorded', data: { setId, reference, operatorId, legalBasis, madeOn, communes } }];
      }
      case 'AmendOperatorCommitments': {
        if (state.status === 'none') throw notFound(refusal('zones.unknownSet'));
        requireRecorder(command.principal, state.operatorId);
        const reason = tidyText(command.reason, 'reason', REASON_MAX_LENGTH);
        if (command.revised.length === 0 && command.withdrawn.length === 0) throw invalid(refusal('zones.amendmentEmpty'), 'revised', 'withdrawn');
        const touched = new Set<string>();
        const open = (code: string, field: string) => {
          const commune = state.communes[code];
          if (!commune) throw notFound(refusal('zones.communeNotInSet', { communeCode: code }));
          if (commune.ended) throw conflict(refusal('zones.commitmentEnded', { communeCode: code, ended: commune.ended }));
          if (touched.has(code)) throw invalid(refusal('zones.amendedTwice', { communeCode: code }), field);
          touched.add(code);
          return commune;
        };
        const revised = command.revised.map((r, index) => {
          const field = `revised.${index}`;
          const commune = open(r.communeCode, `${field}.communeCode`);
          if (r.dueDate === undefined && r.premises === undefined) throw invalid(refusal('zones.revisionEmpty'), `${field}.dueDate`);
          if (r.premises !== undefined) checkPremises(r.premises, `${field}.premises`);
          if (r.dueDate !== undefined) {
            checkCalendarDate(r.dueDate, `${field}.dueDate`);
            if (r.dueDate < command.today) throw invalid(refusal('zones.duePast'), `${field}.dueDate`);
          }
          return {
            communeCode: r.communeCode,
            commitmentId: commune.commitmentId,
            premises: r.premises ?? commune.premises,
            dueDate: r.dueDate ?? commune.dueDate,
            previousPremises: commune.premises,
            previousDueDate: commune.dueDate,
          };
        });
        const withdrawn = command.withdrawn.map((code, index) => ({ communeCode: code, commitmentId: open(code, `withdrawn.${index}`).commitmentId }));
        return [{ type: 'OperatorCommitmentsAmended', data: { setId: state.setId, revised, withdrawn, reason } }];
      }
      case 'EndCommuneCommitmentForZoneChange': {
        if (command.principal.role !== 'admin') throw forbidden(refusal('zones.endOnlyService'));
        if (state.status === 'none') throw notFound(refusal('zones.unknownSet'));
        const commune = state.communes[command.communeCode];
        if (!commune || commune.ended) return [];
        const { communeCode, why, fromZone, toZone, effectiveFrom } = command;
        return [
          {
            type: 'OperatorCommuneCommitmentEnded',
            data: { setId: state.setId, communeCode, commitmentId: commune.commitmentId, why, fromZone, toZone, effectiveFrom },
          },
        ];
      }
      default:
        return assertNever(command, 'operator commitments command');
    }
  },
};

/** Operators' representatives record their own commitments; admins, national bodies and the secretariat record published ones. */
function requireRecorder(principal: { actorId: string; role: Role }, operatorId: string) {
  if (RECORDERS.includes(principal.role)) return;
  if (principal.role === 'representative' && principal.actorId === operatorId) return;
  throw forbidden(refusal('zones.recordersOnly', { operatorId }));
}

function checkPremises(premises: number, field: string) {
  if (!Number.isInteger(premises) || premises <= 0 || premises > MAX_PREMISES) throw invalid(refusal('zones.premises'), field);
}

/** The reason written on the commitment itself when a change of zone ends it. */
export function zoneChangeReason(
  communeCode: string,
  why: 'moved_out_of_private_zone' | 'operator_changed',
  fromZone: DeploymentZone,
  toZone: DeploymentZone,
  effectiveFrom: CalendarDate,
): string {
  const move = `${fromZone.toUpperCase()} → ${toZone.toUpperCase()}`;
  return why === 'moved_out_of_private_zone'
    ? `Commune ${communeCode} moved out of the private-investment zone (${move}) on ${effectiveFrom}`
    : `Commune ${communeCode} passed to another operator (${move}) on ${effectiveFrom}`;
}
