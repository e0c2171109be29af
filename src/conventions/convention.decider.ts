import { isEventOf } from '../event-store/event-store.js';
import type { ActingActor } from '../shared/principal.js';
import { assertNever, type Decider } from '../decider/decider.js';
import { conflict, forbidden, invalid, notFound } from '../decider/errors.js';
import { refusal } from '../decider/refusals.js';
import type { ConventionPartyAction } from '../decider/refusal-phrases.conventions.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { checkCalendarDate, checkDocumentHash, tidyText } from '../decider/checks.js';

/** docs/domain.md, "Convention and its signatures". */
export const CONVENTION_KINDS = ['cpsd', 'financing', 'public_service_delegation', 'partnership_protocol', 'other'] as const;
export type ConventionKind = (typeof CONVENTION_KINDS)[number];

/** Actor kinds whose signature needs the council resolution that authorised it. */
export const LOCAL_AUTHORITY_KINDS: readonly string[] = ['region', 'departement', 'epci', 'commune', 'joint_syndicate'];

export const DEFAULT_DECISION_OUTCOMES = ['referred_to_national_committee', 'formal_default'] as const;
export type DefaultDecisionOutcome = (typeof DEFAULT_DECISION_OUTCOMES)[number];

export interface PartyInput {
  actorId: string;
  signaturesRequired: number;
  /** Looked up by the caller; undefined: no such actor. */
  actor: { kind: string; status: 'active' | 'retired' } | undefined;
}

export interface Party {
  actorId: string;
  signaturesRequired: number;
  localAuthority: boolean;
}

export interface CalendarEntry {
  communeCode: string;
  plannedPremises: number;
  plannedDate: CalendarDate;
}

/** A signatory is a person id and the title they signed under; names live in the people registry. */
export interface Signatory {
  personId: string;
  title: string;
}

export interface CouncilResolution {
  number: string;
  date: CalendarDate;
}

interface Sent {
  principal: ActingActor;
}

export type ConventionCommand =
  | (Sent & {
      type: 'DraftConvention';
      conventionId: string;
      kind: ConventionKind;
      title: string;
      parties: PartyInput[];
      documentHash: string;
      scope: string[];
      calendar: CalendarEntry[];
      endsOn?: CalendarDate;
      today: CalendarDate;
    })
  | (Sent & {
      type: 'SignConvention';
      documentHash: string;
      signatory: Signatory;
      place: string;
      signedOn: CalendarDate;
      councilResolution?: CouncilResolution;
      today: CalendarDate;
    })
  /** proposedOn: the day the amendment was put to the parties (an import, a late recording); by default today. */
  | (Sent & { type: 'AmendConvention'; documentHash: string; summary: string; proposedOn?: CalendarDate; today: CalendarDate })
  | (Sent & { type: 'TerminateConvention'; reason: string; on: CalendarDate; today: CalendarDate })
  | (Sent & { type: 'ExpireConvention'; today: CalendarDate })
  | (Sent & { type: 'NotifyConventionDefault'; defaultId: string; defaultingPartyId: string; description: string; today: CalendarDate })
  | (Sent & { type: 'ReferConventionDefault'; defaultId: string })
  | (Sent & { type: 'RecordDefaultDecision'; defaultId: string; decisionId: string; meetingId: string; outcome: DefaultDecisionOutcome })
  | (Sent & { type: 'ResolveConventionDefault'; defaultId: string; resolution: string });

export type SignatureData = {
  conventionId: string;
  version: number;
  documentHash: string;
  partyId: string;
  signatory: Signatory;
  place: string;
  signedOn: CalendarDate;
  councilResolution: CouncilResolution | null;
};

export type ConventionEvent =
  | {
      type: 'ConventionDrafted';
      data: {
        conventionId: string;
        kind: ConventionKind;
        title: string;
        parties: Party[];
        documentHash: string;
        scope: string[];
        calendar: CalendarEntry[];
        endsOn: CalendarDate | null;
        draftedOn: CalendarDate;
      };
    }
  | { type: 'ConventionSigned'; data: SignatureData }
  | { type: 'ConventionEnteredIntoForce'; data: { conventionId: string; version: number; documentHash: string; on: CalendarDate; amendment: boolean } }
  | {
      type: 'ConventionAmendmentProposed';
      data: { conventionId: string; version: number; documentHash: string; summary: string; proposedBy: string; proposedOn: CalendarDate };
    }
  | { type: 'ConventionTerminated'; data: { conventionId: string; reason: string; on: CalendarDate } }
  | { type: 'ConventionExpired'; data: { conventionId: string; on: CalendarDate } }
  | {
      type: 'ConventionDefaultNotified';
      data: { conventionId: string; defaultId: string; defaultingPartyId: string; description: string; notifiedBy: string; notifiedOn: CalendarDate };
    }
  | { type: 'ConventionDefaultReferred'; data: { conventionId: string; defaultId: string; referredBy: string } }
  | {
      type: 'ConventionDefaultDecided';
      data: { conventionId: string; defaultId: string; decisionId: string; meetingId: string; outcome: DefaultDecisionOutcome };
    }
  | { type: 'ConventionDefaultResolved'; data: { conventionId: string; defaultId: string; resolution: string } };

export type ConventionStatus = 'draft' | 'partially_signed' | 'in_force' | 'amendment_pending' | 'terminated' | 'expired';
export type DefaultStage = 'notified' | 'referred_to_commission' | DefaultDecisionOutcome | 'resolved';

export interface Version {
  version: number;
  documentHash: string;
  signatures: { partyId: string; personId: string }[];
}

export type ConventionState =
  | { status: 'none' }
  | {
      status: ConventionStatus;
      conventionId: string;
      kind: ConventionKind;
      parties: Party[];
      draftedOn: CalendarDate;
      endsOn: CalendarDate | null;
      versions: Version[];
      /** The version in force (null before the first one is fully signed). */
      inForceVersion: number | null;
      defaults: Record<string, DefaultStage>;
    };

export const conventionStreamId = (conventionId: string) => `convention-${conventionId}`;

export const TITLE_MAX_LENGTH = 300;
export const TEXT_MAX_LENGTH = 2000;
export const MAX_PARTIES = 100;

/** Narrows a recorded event of the log to this decider's events. */
export const isConventionEvent = isEventOf<ConventionEvent>({
  ConventionDrafted: true,
  ConventionSigned: true,
  ConventionEnteredIntoForce: true,
  ConventionAmendmentProposed: true,
  ConventionTerminated: true,
  ConventionExpired: true,
  ConventionDefaultNotified: true,
  ConventionDefaultReferred: true,
  ConventionDefaultDecided: true,
  ConventionDefaultResolved: true,
});

export const conventionDecider: Decider<ConventionCommand, ConventionEvent, ConventionState> = {
  events: isConventionEvent,
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    if (event.type === 'ConventionDrafted') {
      const { conventionId, kind, parties, documentHash, draftedOn, endsOn } = event.data;
      return {
        status: 'draft',
        conventionId,
        kind,
        parties,
        draftedOn,
        endsOn,
        versions: [{ version: 1, documentHash, signatures: [] }],
        inForceVersion: null,
        defaults: {},
      };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'ConventionSigned': {
        const versions = state.versions.map((v) =>
          v.version === event.data.version
            ? { ...v, signatures: [...v.signatures, { partyId: event.data.partyId, personId: event.data.signatory.personId }] }
            : v,
        );
        return { ...state, versions, status: state.status === 'draft' ? 'partially_signed' : state.status };
      }
      case 'ConventionEnteredIntoForce':
        return { ...state, inForceVersion: event.data.version, status: 'in_force' };
      case 'ConventionAmendmentProposed':
        return {
          ...state,
          status: 'amendment_pending',
          versions: [...state.versions, { version: event.data.version, documentHash: event.data.documentHash, signatures: [] }],
        };
      case 'ConventionTerminated':
        return { ...state, status: 'terminated' };
      case 'ConventionExpired':
        return { ...state, status: 'expired' };
      case 'ConventionDefaultNotified':
        return { ...state, defaults: { ...state.defaults, [event.data.defaultId]: 'notified' } };
      case 'ConventionDefaultReferred':
        return { ...state, defaults: { ...state.defaults, [event.data.defaultId]: 'referred_to_commission' } };
      case 'ConventionDefaultDecided':
        return { ...state, defaults: { ...state.defaults, [event.data.defaultId]: event.data.outcome } };
      case 'ConventionDefaultResolved':
        return { ...state, defaults: { ...state.defaults, [event.data.defaultId]: 'resolved' } };
      default:
        return assertNever(event, 'convention event');
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'DraftConvention':
        return draft(command, state);
      case 'SignConvention':
        return sign(command, requireOpen(state));
      case 'AmendConvention': {
        const convention = requireOpen(state);
        const party = requireParty(command.principal, convention, 'amend');
        if (convention.status === 'amendment_pending') throw conflict(refusal('convention.amendmentPending'));
        if (convention.status !== 'in_force') throw conflict(refusal('convention.amendOnlyInForce'));
        checkDocumentHash(command.documentHash);
        if (convention.versions.some((v) => v.documentHash === command.documentHash)) throw conflict(refusal('convention.versionExists'));
        const summary = tidyText(command.summary, 'summary', TEXT_MAX_LENGTH);
        const proposedOn = command.proposedOn ?? command.today;
        checkCalendarDate(proposedOn, 'proposedOn');
        if (proposedOn > command.today) throw invalid(refusal('convention.amendmentInFuture'), 'proposedOn');
        if (proposedOn < convention.draftedOn) throw invalid(refusal('convention.amendmentBeforeDrafted'), 'proposedOn');
        return [
          {
            type: 'ConventionAmendmentProposed',
            data: {
              conventionId: convention.conventionId,
              version: convention.versions.length + 1,
              documentHash: command.documentHash,
              summary,
              proposedBy: party,
              proposedOn,
            },
          },
        ];
      }
      case 'TerminateConvention': {
        const convention = requireOpen(state);
        requireParty(command.principal, convention, 'terminate');
        const reason = tidyText(command.reason, 'reason', TEXT_MAX_LENGTH);
        checkCalendarDate(command.on, 'on');
        if (command.on > command.today) throw invalid(refusal('convention.terminationInFuture'), 'on');
        if (command.on < convention.draftedOn) throw invalid(refusal('convention.endBeforeDrafted'), 'on');
        return [{ type: 'ConventionTerminated', data: { conventionId: convention.conventionId, reason, on: command.on } }];
      }
      case 'ExpireConvention': {
        const convention = requireOpen(state);
        if (command.principal.role !== 'admin') requireParty(command.principal, convention, 'record the expiry of');
        if (convention.endsOn === null) throw conflict(refusal('convention.noEndDate'));
        if (command.today <= convention.endsOn) throw conflict(refusal('convention.runsUntil', { endsOn: convention.endsOn }));
        return [{ type: 'ConventionExpired', data: { conventionId: convention.conventionId, on: convention.endsOn } }];
      }
      case 'NotifyConventionDefault': {
        const convention = requireOpen(state);
        const party = requireParty(command.principal, convention, 'notify a default on');
        if (convention.kind !== 'cpsd') throw conflict(refusal('convention.defaultCpsdOnly'));
        if (convention.inForceVersion === null) throw conflict(refusal('convention.defaultNotInForce'));
        if (!convention.parties.some((p) => p.actorId === command.defaultingPartyId))
          throw invalid(refusal('convention.notAParty', { actorId: command.defaultingPartyId }), 'defaultingPartyId');
        if (command.defaultId in convention.defaults) throw conflict(refusal('convention.defaultExists', { defaultId: command.defaultId }));
        const description = tidyText(command.description, 'description', TEXT_MAX_LENGTH);
        return [
          {
            type: 'ConventionDefaultNotified',
            data: {
              conventionId: convention.conventionId,
              defaultId: command.defaultId,
              defaultingPartyId: command.defaultingPartyId,
              description,
              notifiedBy: party,
              notifiedOn: command.today,
            },
          },
        ];
      }
      case 'ReferConventionDefault': {
        const convention = requireExisting(state);
        const stage = requireDefault(convention, command.defaultId);
        const isSecretariat = command.principal.role === 'commission_secretariat' || command.principal.role === 'admin';
        if (!isSecretariat) requireParty(command.principal, convention, 'refer a default of');
        if (stage === 'referred_to_commission') return [];
        if (stage !== 'notified') throw conflict(refusal('convention.defaultAlready', { stage }));
        return [
          {
            type: 'ConventionDefaultReferred',
            data: { conventionId: convention.conventionId, defaultId: command.defaultId, referredBy: command.principal.actorId },
          },
        ];
      }
      case 'RecordDefaultDecision': {
        const convention = requireExisting(state);
        const { role } = command.principal;
        if (role !== 'commission_secretariat' && role !== 'national_body' && role !== 'admin') {
          throw forbidden(refusal('convention.defaultDecisionRole'));
        }
        const stage = requireDefault(convention, command.defaultId);
        if (stage === command.outcome) return [];
        if (stage === 'resolved' || stage === 'formal_default') throw conflict(refusal('convention.defaultAlready', { stage }));
        return [
          {
            type: 'ConventionDefaultDecided',
            data: {
              conventionId: convention.conventionId,
              defaultId: command.defaultId,
              decisionId: command.decisionId,
              meetingId: command.meetingId,
              outcome: command.outcome,
            },
          },
        ];
      }
      case 'ResolveConventionDefault': {
        const convention = requireExisting(state);
        const isSecretariat = command.principal.role === 'commission_secretariat' || command.principal.role === 'admin';
        if (!isSecretariat) requireParty(command.principal, convention, 'resolve a default of');
        const stage = requireDefault(convention, command.defaultId);
        if (stage === 'resolved' || stage === 'formal_default') throw conflict(refusal('convention.defaultAlready', { stage }));
        const resolution = tidyText(command.resolution, 'resolution', TEXT_MAX_LENGTH);
        return [{ type: 'ConventionDefaultResolved', data: { conventionId: convention.conventionId, defaultId: command.defaultId, resolution } }];
      }
      default:
        return assertNever(command, 'convention command');
    }
  },
};

type ExistingConvention = Exclude<ConventionState, { status: 'none' }>;

function draft(command: Extract<ConventionCommand, { type: 'DraftConvention' }>, state: ConventionState): ConventionEvent[] {
  if (state.status !== 'none') throw conflict(refusal('convention.exists', { conventionId: command.conventionId }));
  const { principal } = command;
  if (principal.role !== 'admin' && !(principal.role === 'representative' && command.parties.some((p) => p.actorId === principal.actorId))) {
    throw forbidden(refusal('convention.draftByParty'));
  }
  const title = tidyText(command.title, 'title', TITLE_MAX_LENGTH);
  if (command.parties.length < 2) throw invalid(refusal('convention.twoParties'), 'parties');
  if (command.parties.length > MAX_PARTIES) throw invalid(refusal('convention.maxParties', { max: MAX_PARTIES }), 'parties');
  const parties = command.parties.map((party, index): Party => {
    if (!party.actor) throw invalid(refusal('convention.unknownActor', { actorId: party.actorId }), `parties.${index}.actorId`);
    if (party.actor.status === 'retired') throw conflict(refusal('convention.retiredParty', { actorId: party.actorId }));
    if (!Number.isInteger(party.signaturesRequired) || party.signaturesRequired < 1 || party.signaturesRequired > 10) {
      throw invalid(refusal('convention.signaturesRequired'), `parties.${index}.signaturesRequired`);
    }
    return { actorId: party.actorId, signaturesRequired: party.signaturesRequired, localAuthority: LOCAL_AUTHORITY_KINDS.includes(party.actor.kind) };
  });
  if (new Set(parties.map((p) => p.actorId)).size !== parties.length) throw invalid(refusal('convention.partyTwice'), 'parties');
  checkDocumentHash(command.documentHash);
  if (new Set(command.scope).size !== command.scope.length) throw invalid(refusal('convention.communeTwice'), 'scope');
  const seen = new Set<string>();
  command.calendar.forEach((entry, index) => {
    if (!command.scope.includes(entry.communeCode))
      throw invalid(refusal('convention.communeOutOfScope', { communeCode: entry.communeCode }), `calendar.${index}.communeCode`);
    if (seen.has(entry.communeCode))
      throw invalid(refusal('convention.communeTwoEntries', { communeCode: entry.communeCode }), `calendar.${index}.communeCode`);
    seen.add(entry.communeCode);
    if (!Number.isInteger(entry.plannedPremises) || entry.plannedPremises < 1)
      throw invalid(refusal('convention.plannedPremises'), `calendar.${index}.plannedPremises`);
    checkCalendarDate(entry.plannedDate, `calendar.${index}.plannedDate`);
  });
  if (command.endsOn !== undefined) {
    checkCalendarDate(command.endsOn, 'endsOn');
    if (command.endsOn <= command.today) throw invalid(refusal('convention.endsAfterDrafting'), 'endsOn');
  }
  return [
    {
      type: 'ConventionDrafted',
      data: {
        conventionId: command.conventionId,
        kind: command.kind,
        title,
        parties,
        documentHash: command.documentHash,
        scope: command.scope,
        calendar: command.calendar,
        endsOn: command.endsOn ?? null,
        draftedOn: command.today,
      },
    },
  ];
}

function sign(command: Extract<ConventionCommand, { type: 'SignConvention' }>, convention: ExistingConvention): ConventionEvent[] {
  const { principal } = command;
  if (principal.role !== 'representative') throw forbidden(refusal('convention.signByRepresentative'));
  const party = convention.parties.find((p) => p.actorId === principal.actorId);
  if (!party) throw forbidden(refusal('convention.signerNotParty', { actorId: principal.actorId }));
  const open = convention.versions[convention.versions.length - 1];
  if (open.version === convention.inForceVersion) throw conflict(refusal('convention.nothingToSign'));
  if (command.documentHash !== open.documentHash) {
    const known = convention.versions.some((v) => v.documentHash === command.documentHash);
    throw conflict(known ? 'This is an earlier version of the convention; sign the current one' : 'This document is not the version awaiting signature');
  }
  const mine = open.signatures.filter((s) => s.partyId === party.actorId);
  if (mine.length >= party.signaturesRequired) throw conflict(refusal('convention.partySigned', { actorId: party.actorId, version: open.version }));
  if (mine.some((s) => s.personId === command.signatory.personId))
    throw conflict(refusal('convention.signatorySigned', { personId: command.signatory.personId, version: open.version, actorId: party.actorId }));
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/.test(command.signatory.personId)) throw invalid(refusal('convention.personId'), 'signatory.personId');
  const title = tidyText(command.signatory.title, 'signatory.title', TITLE_MAX_LENGTH);
  const place = tidyText(command.place, 'place', TITLE_MAX_LENGTH);
  checkCalendarDate(command.signedOn, 'signedOn');
  if (command.signedOn > command.today) throw invalid(refusal('convention.signedInFuture'), 'signedOn');
  if (command.signedOn < convention.draftedOn) throw invalid(refusal('convention.signedBeforeDrafted'), 'signedOn');
  let resolution: CouncilResolution | null = null;
  if (party.localAuthority) {
    if (!command.councilResolution) throw invalid(refusal('convention.councilResolution'), 'councilResolution');
    const number = tidyText(command.councilResolution.number, 'councilResolution.number', 100);
    checkCalendarDate(command.councilResolution.date, 'councilResolution.date');
    if (command.councilResolution.date > command.signedOn) throw invalid(refusal('convention.resolutionAfterSignature'), 'councilResolution.date');
    resolution = { number, date: command.councilResolution.date };
  }
  const signed: ConventionEvent = {
    type: 'ConventionSigned',
    data: {
      conventionId: convention.conventionId,
      version: open.version,
      documentHash: open.documentHash,
      partyId: party.actorId,
      signatory: { personId: command.signatory.personId, title },
      place,
      signedOn: command.signedOn,
      councilResolution: resolution,
    },
  };
  const signatures = [...open.signatures, { partyId: party.actorId, personId: command.signatory.personId }];
  if (!isFullySigned(convention.parties, signatures)) return [signed];
  return [
    signed,
    {
      type: 'ConventionEnteredIntoForce',
      data: {
        conventionId: convention.conventionId,
        version: open.version,
        documentHash: open.documentHash,
        on: command.signedOn,
        amendment: open.version > 1,
      },
    },
  ];
}

/** Every party has as many signatures as it needs. */
export function isFullySigned(parties: readonly Party[], signatures: readonly { partyId: string }[]): boolean {
  return parties.every((party) => signatures.filter((s) => s.partyId === party.actorId).length >= party.signaturesRequired);
}

function requireExisting(state: ConventionState): ExistingConvention {
  if (state.status === 'none') throw notFound(refusal('convention.unknown'));
  return state;
}

function requireOpen(state: ConventionState): ExistingConvention {
  const convention = requireExisting(state);
  if (convention.status === 'terminated' || convention.status === 'expired') throw conflict(refusal('convention.closed', { status: convention.status }));
  return convention;
}

/** The acting party's id; admins act for the record. */
function requireParty(principal: ActingActor, convention: ExistingConvention, action: ConventionPartyAction): string {
  if (principal.role === 'admin') return principal.actorId;
  if (principal.role === 'representative' && convention.parties.some((p) => p.actorId === principal.actorId)) return principal.actorId;
  throw forbidden(refusal('convention.partyOnly', { action }));
}

function requireDefault(convention: ExistingConvention, defaultId: string): DefaultStage {
  const stage = convention.defaults[defaultId];
  if (!stage) throw notFound(refusal('convention.unknownDefault', { defaultId }));
  return stage;
}
