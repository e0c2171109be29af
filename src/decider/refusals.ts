import {
  ACTOR_SELF_ACTION_FR,
  ADMIN_ACTION_FR,
  COMMISSION_CHANGE_FR,
  type ActorSelfAction,
  type AdminAction,
  type CommissionChange,
} from './refusal-phrases.commission.js';
import {
  COMMITMENT_STATUS_FR,
  COMMITTER_ACTION_FR,
  CONVENTION_PARTY_ACTION_FR,
  DEFAULT_STAGE_FR,
  UNIT_FR,
  type CommitmentStatus,
  type CommitmentUnit,
  type CommitterAction,
  type ConventionDefaultStage,
  type ConventionPartyAction,
} from './refusal-phrases.conventions.js';
import { DECISION_KIND_FR, MEETING_ACTION_FR, type MeetingAction, type MeetingDecisionKind } from './refusal-phrases.meetings.js';

/**
 * Refusals with a stable code and typed parameters. The API answers with the English text (clients
 * and tests rely on it); documents for users (the import's report) render the French one. One
 * `Record` per language: a code without its French text does not compile.
 */
export type RefusalLang = 'fr' | 'en';

interface RefusalParams {
  'actor.alreadyRegistered': { actorId: string };
  'actor.sirenInvalid': Record<string, never>;
  'actor.reasonRequired': Record<string, never>;
  'actor.unknown': Record<string, never>;
  'actor.retired': { actorId: string };
  'actor.nameEmpty': Record<string, never>;
  'actor.nameTooLong': { max: number };
  'territory.twice': Record<string, never>;
  'actor.oneOwnTerritory': { kind: string; own: string };
  'territory.required': Record<string, never>;
  'whiteZone.keptBySecretariat': Record<string, never>;
  'whiteZone.exists': { zoneId: string };
  'whiteZone.communeRequired': Record<string, never>;
  'whiteZone.communeTwice': Record<string, never>;
  'whiteZone.identifiedInFuture': Record<string, never>;
  'whiteZone.unknown': Record<string, never>;
  'whiteZone.resolved': Record<string, never>;
  'whiteZone.sitesOrCost': Record<string, never>;
  'whiteZone.unknownProject': { projectId: string };
  'whiteZone.projectAbandoned': { projectId: string };
  'whiteZone.plannedBeforeIdentified': Record<string, never>;
  'whiteZone.plannedInFuture': Record<string, never>;
  'whiteZone.resolvedInFuture': Record<string, never>;
  'whiteZone.resolvedBefore': { since: string };
  'whiteZone.siteCount': { site: string };
  'whiteZone.cost': Record<string, never>;
  'usageProject.completedInFuture': Record<string, never>;
  'usageProject.completedBeforeRegistered': Record<string, never>;
  'usageProject.exists': { projectId: string };
  'usageProject.unknownActor': { actorId: string };
  'usageProject.actorRetired': { actorId: string };
  'usageProject.partnerTwice': Record<string, never>;
  'usageProject.carrierAsPartner': Record<string, never>;
  'usageProject.callReference': Record<string, never>;
  // Conventions (src/conventions).
  'convention.amendmentPending': Record<string, never>;
  'convention.amendOnlyInForce': Record<string, never>;
  'convention.versionExists': Record<string, never>;
  'convention.amendmentInFuture': Record<string, never>;
  'convention.amendmentBeforeDrafted': Record<string, never>;
  'convention.terminationInFuture': Record<string, never>;
  'convention.endBeforeDrafted': Record<string, never>;
  'convention.noEndDate': Record<string, never>;
  'convention.runsUntil': { endsOn: string };
  'convention.defaultCpsdOnly': Record<string, never>;
  'convention.defaultNotInForce': Record<string, never>;
  'convention.notAParty': { actorId: string };
  'convention.defaultExists': { defaultId: string };
  'convention.defaultAlready': { stage: ConventionDefaultStage };
  'convention.defaultDecisionRole': Record<string, never>;
  'convention.exists': { conventionId: string };
  'convention.draftByParty': Record<string, never>;
  'convention.twoParties': Record<string, never>;
  'convention.maxParties': { max: number };
  'convention.unknownActor': { actorId: string };
  'convention.retiredParty': { actorId: string };
  'convention.signaturesRequired': Record<string, never>;
  'convention.partyTwice': Record<string, never>;
  'convention.communeTwice': Record<string, never>;
  'convention.communeOutOfScope': { communeCode: string };
  'convention.communeTwoEntries': { communeCode: string };
  'convention.plannedPremises': Record<string, never>;
  'convention.endsAfterDrafting': Record<string, never>;
  'convention.signByRepresentative': Record<string, never>;
  'convention.signerNotParty': { actorId: string };
  'convention.nothingToSign': Record<string, never>;
  'convention.partySigned': { actorId: string; version: number };
  'convention.signatorySigned': { personId: string; version: number; actorId: string };
  'convention.personId': Record<string, never>;
  'convention.signedInFuture': Record<string, never>;
  'convention.signedBeforeDrafted': Record<string, never>;
  'convention.councilResolution': Record<string, never>;
  'convention.resolutionAfterSignature': Record<string, never>;
  'convention.unknown': Record<string, never>;
  'convention.closed': { status: 'terminated' | 'expired' };
  'convention.partyOnly': { action: ConventionPartyAction };
  'convention.unknownDefault': { defaultId: string };

  // Commitments (src/commitments).
  'commitment.exists': { commitmentId: string };
  'commitment.unknownActor': { actorId: string };
  'commitment.actorRetired': { actorId: string };
  'commitment.dueAfterMade': Record<string, never>;
  'commitment.targetOrDueDate': Record<string, never>;
  'commitment.dueDatePast': Record<string, never>;
  'commitment.unitFixed': { unit: CommitmentUnit };
  'commitment.progressReporters': Record<string, never>;
  'commitment.declaredByCommitter': Record<string, never>;
  'commitment.progressValue': Record<string, never>;
  'commitment.progressInFuture': Record<string, never>;
  'commitment.auditorsRead': Record<string, never>;
  'commitment.lapsedByService': Record<string, never>;
  'commitment.unknown': Record<string, never>;
  'commitment.closed': { status: 'fulfilled' | 'withdrawn' | 'breached' };
  'commitment.makerOnly': { actorId: string };
  'commitment.committerOnly': { actorId: string; action: CommitterAction };
  'commitment.unknownConvention': { conventionId: string };
  'commitment.conventionNotInForce': Record<string, never>;
  'commitment.notAParty': { actorId: string; conventionId: string };
  'commitment.targetQuantity': Record<string, never>;
  'commitment.percentTarget': Record<string, never>;

  // Network projects and milestones (src/network-projects, src/milestones).
  'networkProject.contractEmpty': Record<string, never>;
  'networkProject.unknownSource': { source: string };
  'networkProject.operatorNotRegulator': Record<string, never>;
  'networkProject.indicatorsInFuture': Record<string, never>;
  'networkProject.reportEarlier': { asOf: string };
  'networkProject.noFigure': Record<string, never>;
  'networkProject.unknownIndicator': { indicator: string };
  'networkProject.figureRange': { indicator: string };
  'networkProject.loweringReason': { lowered: string };
  'networkProject.estimateInFuture': Record<string, never>;
  'networkProject.estimateEarlier': { asOf: string };
  'networkProject.exists': { projectId: string };
  'networkProject.registerLeadOnly': { leadActorId: string };
  'networkProject.unknownActor': { actorId: string };
  'networkProject.actorRetired': { actorId: string };
  'networkProject.leadKind': Record<string, never>;
  'networkProject.departementRequired': Record<string, never>;
  'networkProject.departementTwice': Record<string, never>;
  'networkProject.technologyRequired': Record<string, never>;
  'networkProject.technologyTwice': Record<string, never>;
  'networkProject.operatorKind': Record<string, never>;
  'networkProject.builtOverPlanned': { built: number; planned: number };
  'networkProject.connectedOverConnectable': { connected: number; connectable: number };
  'networkProject.amount': { field: string };
  'networkProject.totalCostZero': Record<string, never>;
  'networkProject.splitSum': { sum: number; totalCost: number };
  'networkProject.stateAidPaid': Record<string, never>;
  'milestone.keyFormat': Record<string, never>;
  'milestone.keyTwice': { key: string };
  'milestone.exists': { key: string };
  'milestone.unknown': { key: string };
  'milestone.alreadyPlanned': { key: string; plannedDate: string };
  'milestone.notPlanned': { key: string };
  'milestone.achievedInFuture': Record<string, never>;
  'milestone.achievedBeforeRegistered': { registeredOn: string };
  'milestone.closed': { key: string; status: 'achieved' | 'dropped' };
  'milestone.projectUnknown': { what: ProjectKind };
  'milestone.projectClosed': { what: ProjectKind; status: 'completed' | 'abandoned' };
  'milestone.projectLeadOnly': { leadActorId: string; action: ProjectAction; what: ProjectKind };

  // Zones, operator sets, regulator quarters (src/zones).
  'zones.quarterFormat': Record<string, never>;
  'zones.regulatorKeepers': Record<string, never>;
  'zones.quarterNotEnded': { quarter: string };
  'zones.noFigures': Record<string, never>;
  'zones.keepers': Record<string, never>;
  'zones.operatorRequired': { zone: string };
  'zones.ripNoOperator': Record<string, never>;
  'zones.projectOnlyRip': Record<string, never>;
  'zones.changedAlready': { communeCode: string; effectiveFrom: string };
  'zones.changeReason': Record<string, never>;
  'zones.setExists': { setId: string };
  'zones.unknownOperator': { operatorId: string };
  'zones.operatorRetired': { operatorId: string };
  'zones.communeRequired': Record<string, never>;
  'zones.communeTwice': { communeCode: string };
  'zones.noZone': { communeCode: string };
  'zones.ripCommune': { communeCode: string };
  'zones.otherOperator': { communeCode: string; inCharge: string; operatorId: string };
  'zones.dueAfterMade': { communeCode: string };
  'zones.unknownSet': Record<string, never>;
  'zones.amendmentEmpty': Record<string, never>;
  'zones.communeNotInSet': { communeCode: string };
  'zones.commitmentEnded': { communeCode: string; ended: CommitmentEnd };
  'zones.amendedTwice': { communeCode: string };
  'zones.revisionEmpty': Record<string, never>;
  'zones.duePast': Record<string, never>;
  'zones.endOnlyService': Record<string, never>;
  'zones.recordersOnly': { operatorId: string };
  'zones.premises': Record<string, never>;
  'zones.commitmentClosed': { communeCode: string; status: CommitmentStatus };

  // Meetings (src/commission/meeting.decider.ts).
  'meeting.exists': { meetingId: string };
  'meeting.noCommission': Record<string, never>;
  'meeting.convenedBy': Record<string, never>;
  'meeting.dateToCome': Record<string, never>;
  'meeting.agendaBeforeHeld': Record<string, never>;
  'meeting.closed': Record<string, never>;
  'meeting.notMember': { actorId: string };
  'meeting.votedNotExcused': { memberActorId: string };
  'meeting.convenedFor': { date: string };
  'meeting.notHeldClose': Record<string, never>;
  'meeting.closeVotesFirst': { itemIds: readonly string[] };
  'meeting.consensusOnly': Record<string, never>;
  'meeting.noOpenVote': { itemId: string };
  'meeting.notPresent': { memberActorId: string };
  'meeting.alreadyVoted': { memberActorId: string; itemId: string };
  'meeting.minutesOnceClosed': Record<string, never>;
  'meeting.minutesEarlierVersion': Record<string, never>;
  'meeting.noMinutesVersion': { version: number };
  'meeting.minutesApprovedLater': Record<string, never>;
  'meeting.unknown': Record<string, never>;
  'meeting.closedNoDecision': Record<string, never>;
  'meeting.notOpened': Record<string, never>;
  'meeting.coChairOrSecretariatOnly': { action: MeetingAction };
  'meeting.coChairOnly': { action: MeetingAction };
  'meeting.secretariatMinutes': Record<string, never>;
  'meeting.voterOnly': { memberActorId: string; proxy: boolean };
  'meeting.agendaEmpty': Record<string, never>;
  'meeting.agendaMax': { max: number };
  'meeting.agendaItemTwice': Record<string, never>;
  'meeting.representativeRequired': Record<string, never>;
  'meeting.proxyHolderRequired': Record<string, never>;
  'meeting.ownProxy': Record<string, never>;
  'meeting.proxyHolderPresent': { actorId: string };
  'meeting.proxyHolderOnlyForProxy': Record<string, never>;
  'meeting.excusedNobody': Record<string, never>;
  'meeting.noItem': { itemId: string };
  'meeting.itemDecided': { itemId: string };
  'meeting.voteOpen': { itemId: string };
  'meeting.subjectRequired': { kind: MeetingDecisionKind };
  'meeting.noSubject': { kind: MeetingDecisionKind };
  'meeting.actionDueAfter': Record<string, never>;
  'meeting.coChairStays': Record<string, never>;

  // Commission (src/commission/commission.decider.ts, commission.resolver.ts), shared checks (src/decider/checks.ts), actors.
  'commission.constituted': { regionCode: string };
  'commission.constituteBySecretariat': Record<string, never>;
  'commission.coChairsDistinct': Record<string, never>;
  'commission.prefectMember': Record<string, never>;
  'commission.regionMember': Record<string, never>;
  'commission.alreadyMember': { actorId: string };
  'commission.fullMembership': { max: number };
  'commission.notMember': { actorId: string };
  'commission.coChairStays': Record<string, never>;
  'commission.representativesNamedBy': { actorId: string };
  'commission.unknownMember': { actorId: string };
  'commission.notConstituted': Record<string, never>;
  'commission.secretariatRecords': Record<string, never>;
  'commission.noDecision': Record<string, never>;
  'commission.decisionOtherCommission': { decisionId: string };
  'commission.decisionKind': { decisionId: string; kind: CommissionChange };
  'commission.decisionNotAdopted': { decisionId: string };
  'commission.memberRequired': Record<string, never>;
  'commission.maxMembers': { max: number };
  'commission.memberTwice': Record<string, never>;
  'commission.representativeRequired': Record<string, never>;
  'commission.maxRepresentatives': { max: number };
  'commission.representativeTwice': Record<string, never>;
  'commission.quorumShare': Record<string, never>;
  'commission.unregisteredActor': { actorId: string };
  'commission.actorRetired': { actorId: string };
  'commission.voteQuorum': Record<string, never>;
  'commission.oneSubject': Record<string, never>;
  'check.empty': { field: string };
  'check.tooLong': { field: string; max: number };
  'check.calendarDate': { field: string };
  'check.documentHash': { field: string };
  'actor.adminOnly': { action: AdminAction };
  'actor.adminOrSelf': { action: ActorSelfAction };
}

export type RefusalCode = keyof RefusalParams;
type Templates = { readonly [C in RefusalCode]: (params: RefusalParams[C]) => string };

const en: Templates = {
  'actor.alreadyRegistered': ({ actorId }) => `Actor ${actorId} is already registered`,
  'actor.sirenInvalid': () => 'siren must be 9 digits with a valid checksum',
  'actor.reasonRequired': () => 'A reason is required to retire an actor',
  'actor.unknown': () => 'No such actor',
  'actor.retired': ({ actorId }) => `Actor ${actorId} is retired and can no longer act or change`,
  'actor.nameEmpty': () => 'The name must not be empty',
  'actor.nameTooLong': ({ max }) => `The name must be at most ${max} characters`,
  'territory.twice': () => 'A territory is listed twice',
  'actor.oneOwnTerritory': ({ kind, own }) => `An actor of kind ${kind} has exactly one territory, of kind ${own}`,
  'territory.required': () => 'At least one territory is required',
  'whiteZone.keptBySecretariat': () => 'The white-zone inventory is kept by the commission secretariat, national bodies and admins',
  'whiteZone.exists': ({ zoneId }) => `White zone ${zoneId} already exists`,
  'whiteZone.communeRequired': () => 'A white zone lies in at least one commune',
  'whiteZone.communeTwice': () => 'A commune is listed twice',
  'whiteZone.identifiedInFuture': () => 'A white zone cannot be identified in the future',
  'whiteZone.unknown': () => 'No such white zone',
  'whiteZone.resolved': () => 'The white zone is resolved; it no longer changes',
  'whiteZone.sitesOrCost': () => 'Give the priority sites, the estimated cost, or both',
  'whiteZone.unknownProject': ({ projectId }) => `No network project ${projectId}`,
  'whiteZone.projectAbandoned': ({ projectId }) => `Network project ${projectId} is abandoned`,
  'whiteZone.plannedBeforeIdentified': () => 'A resolution cannot be planned before the zone was identified',
  'whiteZone.plannedInFuture': () => 'The planning decision cannot be dated in the future',
  'whiteZone.resolvedInFuture': () => 'A white zone cannot be resolved in the future',
  'whiteZone.resolvedBefore': ({ since }) => `A white zone cannot be resolved before ${since}`,
  'whiteZone.siteCount': ({ site }) => `${site} must be a whole number between 0 and 10^6`,
  'whiteZone.cost': () => 'The estimated cost is whole euros between 0 and 10^12',
  'usageProject.completedInFuture': () => 'A project cannot be completed in the future',
  'usageProject.completedBeforeRegistered': () => 'A project cannot be completed before it was registered',
  'usageProject.exists': ({ projectId }) => `Usage project ${projectId} already exists`,
  'usageProject.unknownActor': ({ actorId }) => `No actor ${actorId}`,
  'usageProject.actorRetired': ({ actorId }) => `Actor ${actorId} is retired`,
  'usageProject.partnerTwice': () => 'A partner is listed twice',
  'usageProject.carrierAsPartner': () => 'The carrying actor is not its own partner',
  'usageProject.callReference': () => 'The national call reference is 1-100 letters, digits and _ . : / -',
  // Conventions (src/conventions).
  'convention.amendmentPending': () => 'An amendment is already awaiting signatures',
  'convention.amendOnlyInForce': () => 'Only a convention in force can be amended; a draft is replaced by drafting a new convention',
  'convention.versionExists': () => 'This document is already a version of the convention',
  'convention.amendmentInFuture': () => 'An amendment cannot be proposed in the future',
  'convention.amendmentBeforeDrafted': () => 'An amendment cannot be proposed before the convention was drafted',
  'convention.terminationInFuture': () => 'A termination is recorded once it takes effect, not before',
  'convention.endBeforeDrafted': () => 'A convention cannot end before it was drafted',
  'convention.noEndDate': () => 'This convention has no end date; terminate it instead',
  'convention.runsUntil': ({ endsOn }) => `The convention runs until ${endsOn}`,
  'convention.defaultCpsdOnly': () => 'The default procedure applies to CPSD conventions',
  'convention.defaultNotInForce': () => 'A convention not yet in force cannot be in default',
  'convention.notAParty': ({ actorId }) => `${actorId} is not a party`,
  'convention.defaultExists': ({ defaultId }) => `Default ${defaultId} is already notified`,
  'convention.defaultAlready': ({ stage }) => `The default is already ${stage.replaceAll('_', ' ')}`,
  'convention.defaultDecisionRole': () => 'Only the commission secretariat or a national body records a decision on a default',
  'convention.exists': ({ conventionId }) => `Convention ${conventionId} already exists`,
  'convention.draftByParty': () => 'Only a representative of one of the parties may draft a convention',
  'convention.twoParties': () => 'A convention has at least two parties',
  'convention.maxParties': ({ max }) => `A convention has at most ${max} parties`,
  'convention.unknownActor': ({ actorId }) => `No actor ${actorId}`,
  'convention.retiredParty': ({ actorId }) => `Actor ${actorId} is retired and cannot be a party`,
  'convention.signaturesRequired': () => 'Each party needs between 1 and 10 signatures',
  'convention.partyTwice': () => 'A party is listed twice',
  'convention.communeTwice': () => 'A commune is listed twice in the scope',
  'convention.communeOutOfScope': ({ communeCode }) => `Commune ${communeCode} is not in the convention's scope`,
  'convention.communeTwoEntries': ({ communeCode }) => `Commune ${communeCode} has two calendar entries`,
  'convention.plannedPremises': () => 'Planned premises must be a positive whole number',
  'convention.endsAfterDrafting': () => 'The end date must be after the drafting date',
  'convention.signByRepresentative': () => 'A party signs through one of its representatives',
  'convention.signerNotParty': ({ actorId }) => `${actorId} is not a party to this convention`,
  'convention.nothingToSign': () => 'This version is already in force; nothing awaits signature',
  'convention.partySigned': ({ actorId, version }) => `${actorId} has already signed version ${version}`,
  'convention.signatorySigned': ({ personId, version, actorId }) => `${personId} has already signed version ${version} for ${actorId}`,
  'convention.personId': () => 'A signatory is referenced by a person id',
  'convention.signedInFuture': () => 'A signature cannot be dated in the future',
  'convention.signedBeforeDrafted': () => 'A signature cannot precede the drafting of the convention',
  'convention.councilResolution': () => 'A local authority signs under the council resolution that authorised it',
  'convention.resolutionAfterSignature': () => 'The council resolution must precede the signature',
  'convention.unknown': () => 'No such convention',
  'convention.closed': ({ status }) => `The convention is ${status}`,
  'convention.partyOnly': ({ action }) => `Only a representative of a party may ${action} this convention`,
  'convention.unknownDefault': ({ defaultId }) => `No default ${defaultId} on this convention`,

  // Commitments (src/commitments).
  'commitment.exists': ({ commitmentId }) => `Commitment ${commitmentId} already exists`,
  'commitment.unknownActor': ({ actorId }) => `No actor ${actorId}`,
  'commitment.actorRetired': ({ actorId }) => `Actor ${actorId} is retired and can no longer commit`,
  'commitment.dueAfterMade': () => 'The due date must be after the day the commitment is made',
  'commitment.targetOrDueDate': () => 'Give a new target, a new due date, or both',
  'commitment.dueDatePast': () => 'The new due date is already past',
  'commitment.unitFixed': ({ unit }) => `Progress is already reported in ${unit}; the unit cannot change`,
  'commitment.progressReporters': () => 'Only a representative of the committing actor, the commission secretariat or a national body may report progress',
  'commitment.declaredByCommitter': () => 'Only the committing actor may declare progress; give the data source',
  'commitment.progressValue': () => 'The value must be a number between 0 and 10^13',
  'commitment.progressInFuture': () => 'A progress report cannot be dated in the future',
  'commitment.auditorsRead': () => 'Auditors read; they do not declare breaches',
  'commitment.lapsedByService': () => 'Only the service records lapsed commitments',
  'commitment.unknown': () => 'No such commitment',
  'commitment.closed': ({ status }) => `The commitment is ${status}; it can no longer change`,
  'commitment.makerOnly': ({ actorId }) => `Only a representative of ${actorId} may commit it`,
  'commitment.committerOnly': ({ actorId, action }) => `Only a representative of ${actorId} may ${action} this commitment`,
  'commitment.unknownConvention': ({ conventionId }) => `No convention ${conventionId}`,
  'commitment.conventionNotInForce': () => 'A commitment can only stem from, or be attached to, a convention in force',
  'commitment.notAParty': ({ actorId, conventionId }) => `Actor ${actorId} is not a party to convention ${conventionId}`,
  'commitment.targetQuantity': () => 'The target quantity must be a positive number up to 10^13',
  'commitment.percentTarget': () => 'A percentage target is at most 100',

  // Network projects and milestones (src/network-projects, src/milestones).
  'networkProject.contractEmpty': () => 'Give the procurement model, the delegate operator, or both',
  'networkProject.unknownSource': ({ source }) => `Unknown source ${source}`,
  'networkProject.operatorNotRegulator': () => 'The delegate operator reports its own figures (declared or operator data), not the regulator’s',
  'networkProject.indicatorsInFuture': () => 'Indicators cannot be reported as of a future date',
  'networkProject.reportEarlier': ({ asOf }) => `A report as of ${asOf} exists; a new report cannot be dated earlier`,
  'networkProject.noFigure': () => 'Report at least one figure',
  'networkProject.unknownIndicator': ({ indicator }) => `Unknown indicator ${indicator}`,
  'networkProject.figureRange': ({ indicator }) => `${indicator} must be a whole number between 0 and 10^9`,
  'networkProject.loweringReason': ({ lowered }) => `Lowering ${lowered} is a correction: give the reason`,
  'networkProject.estimateInFuture': () => 'An estimate cannot be dated in the future',
  'networkProject.estimateEarlier': ({ asOf }) => `An estimate as of ${asOf} exists; a revision cannot be dated earlier`,
  'networkProject.exists': ({ projectId }) => `Network project ${projectId} already exists`,
  'networkProject.registerLeadOnly': ({ leadActorId }) => `Only a representative of ${leadActorId} may register its network project`,
  'networkProject.unknownActor': ({ actorId }) => `No actor ${actorId}`,
  'networkProject.actorRetired': ({ actorId }) => `Actor ${actorId} is retired`,
  'networkProject.leadKind': () => 'A network project is led by a département, a syndicat mixte or the Région',
  'networkProject.departementRequired': () => 'A network project covers at least one département',
  'networkProject.departementTwice': () => 'A département is listed twice',
  'networkProject.technologyRequired': () => 'Give at least one technology',
  'networkProject.technologyTwice': () => 'A technology is listed twice',
  'networkProject.operatorKind': () => 'The delegate operator is a private operator',
  'networkProject.builtOverPlanned': ({ built, planned }) => `FttH premises built (${built}) exceed those planned (${planned})`,
  'networkProject.connectedOverConnectable': ({ connected, connectable }) => `FttH premises connected (${connected}) exceed those connectable (${connectable})`,
  'networkProject.amount': ({ field }) => `${field} must be whole euros between 0 and 10^12`,
  'networkProject.totalCostZero': () => 'The total cost must be positive',
  'networkProject.splitSum': ({ sum, totalCost }) => `The split by funder adds up to ${sum}, not the total cost ${totalCost}`,
  'networkProject.stateAidPaid': () => 'State aid paid cannot exceed State aid committed',
  'milestone.keyFormat': () => 'Milestone keys are lower-case letters, digits, - _ .',
  'milestone.keyTwice': ({ key }) => `Milestone ${key} is listed twice`,
  'milestone.exists': ({ key }) => `Milestone ${key} already exists`,
  'milestone.unknown': ({ key }) => `No milestone ${key}`,
  'milestone.alreadyPlanned': ({ key, plannedDate }) => `Milestone ${key} is already planned for ${plannedDate}; reschedule it with a reason`,
  'milestone.notPlanned': ({ key }) => `Milestone ${key} is not planned yet; plan it first`,
  'milestone.achievedInFuture': () => 'A milestone cannot be achieved in the future',
  'milestone.achievedBeforeRegistered': ({ registeredOn }) => `A milestone cannot be achieved before the project was registered (${registeredOn})`,
  'milestone.closed': ({ key, status }) => `Milestone ${key} is ${status}; it no longer changes`,
  'milestone.projectUnknown': ({ what }) => `No such ${what}`,
  'milestone.projectClosed': ({ what, status }) => `The ${what} is ${status}; it can no longer change`,
  'milestone.projectLeadOnly': ({ leadActorId, action, what }) => `Only a representative of ${leadActorId} may ${action} this ${what}`,

  // Zones, operator sets, regulator quarters (src/zones).
  'zones.quarterFormat': () => 'A quarter is written YYYY-Qn, e.g. 2024-Q3',
  'zones.regulatorKeepers': () => "The regulator's figures are recorded by admins, national bodies and the commission secretariat",
  'zones.quarterNotEnded': ({ quarter }) => `Quarter ${quarter} has not ended yet`,
  'zones.noFigures': () => 'The file has no figures',
  'zones.keepers': () => 'Zones are recorded by admins, national bodies and the commission secretariat',
  'zones.operatorRequired': ({ zone }) => `A commune in the ${zone.toUpperCase()} zone has an operator in charge`,
  'zones.ripNoOperator': () => 'A public-initiative (RIP) zone has a network project in charge, not an operator',
  'zones.projectOnlyRip': () => 'Only a public-initiative (RIP) zone has a network project in charge',
  'zones.changedAlready': ({ communeCode, effectiveFrom }) => `The zone of ${communeCode} already changed on ${effectiveFrom}; a change takes effect after it`,
  'zones.changeReason': () => 'A change of zone gives its reason (an AMEL call, a transfer to the public zone…)',
  'zones.setExists': ({ setId }) => `Operator commitments ${setId} already exist`,
  'zones.unknownOperator': ({ operatorId }) => `No actor ${operatorId}`,
  'zones.operatorRetired': ({ operatorId }) => `Actor ${operatorId} is retired and can no longer commit`,
  'zones.communeRequired': () => 'An operator commitment covers at least one commune',
  'zones.communeTwice': ({ communeCode }) => `Commune ${communeCode} is listed twice`,
  'zones.noZone': ({ communeCode }) => `Commune ${communeCode} has no deployment zone recorded; record its zone first`,
  'zones.ripCommune': ({ communeCode }) => `Commune ${communeCode} is in a public-initiative (RIP) zone: no operator commits there`,
  'zones.otherOperator': ({ communeCode, inCharge, operatorId }) => `Commune ${communeCode} is in charge of ${inCharge}, not ${operatorId}`,
  'zones.dueAfterMade': ({ communeCode }) => `The due date of ${communeCode} must be after the day the commitment is made`,
  'zones.unknownSet': () => 'No such operator commitments',
  'zones.amendmentEmpty': () => 'Give new dates or premises, communes withdrawn, or both',
  'zones.communeNotInSet': ({ communeCode }) => `Commune ${communeCode} is not part of these commitments`,
  'zones.commitmentEnded': ({ communeCode, ended }) => `The commitment on ${communeCode} has ended (${ended})`,
  'zones.amendedTwice': ({ communeCode }) => `Commune ${communeCode} is amended twice`,
  'zones.revisionEmpty': () => 'Give a new due date, new premises, or both',
  'zones.duePast': () => 'The new due date is already past',
  'zones.endOnlyService': () => 'Only the service ends a commitment on a change of zone',
  'zones.recordersOnly': ({ operatorId }) =>
    `Only a representative of ${operatorId}, the commission secretariat, a national body or an admin may record its commitments`,
  'zones.premises': () => 'Premises are a whole number between 1 and 10^7',
  'zones.commitmentClosed': ({ communeCode, status }) => `The commitment on ${communeCode} is ${status}; it can no longer change`,

  // Meetings (src/commission/meeting.decider.ts).
  'meeting.exists': ({ meetingId }) => `Meeting ${meetingId} already exists`,
  'meeting.noCommission': () => 'No commission is constituted for this region',
  'meeting.convenedBy': () => 'A meeting is convened by a co-chair or the secretariat',
  'meeting.dateToCome': () => 'A meeting is convened for a day to come',
  'meeting.agendaBeforeHeld': () => 'The agenda is amended before the meeting is held',
  'meeting.closed': () => 'The meeting is closed',
  'meeting.notMember': ({ actorId }) => `${actorId} is not a member of the commission`,
  'meeting.votedNotExcused': ({ memberActorId }) => `${memberActorId} has voted in an open vote and cannot be marked excused`,
  'meeting.convenedFor': ({ date }) => `The meeting is convened for ${date}`,
  'meeting.notHeldClose': () => 'A meeting that was not held cannot be closed',
  'meeting.closeVotesFirst': ({ itemIds }) => `Close the vote on ${itemIds.join(', ')} first`,
  'meeting.consensusOnly': () => 'This commission decides by consensus only',
  'meeting.noOpenVote': ({ itemId }) => `No vote is open on item ${itemId}`,
  'meeting.notPresent': ({ memberActorId }) => `${memberActorId} is not present or represented and cannot vote`,
  'meeting.alreadyVoted': ({ memberActorId, itemId }) => `${memberActorId} has already voted on item ${itemId}`,
  'meeting.minutesOnceClosed': () => 'Minutes are published once the meeting is closed',
  'meeting.minutesEarlierVersion': () => 'This document is an earlier version of the minutes',
  'meeting.noMinutesVersion': ({ version }) => `No version ${version} of the minutes`,
  'meeting.minutesApprovedLater': () => 'Minutes are approved at a later meeting',
  'meeting.unknown': () => 'No such meeting: it was not convened',
  'meeting.closedNoDecision': () => 'The meeting is closed; nothing more can be decided in it',
  'meeting.notOpened': () => 'The meeting has not opened yet; nothing can be decided before it is held',
  'meeting.coChairOrSecretariatOnly': ({ action }) => `Only a co-chair or the secretariat may ${action}`,
  'meeting.coChairOnly': ({ action }) => `Only a co-chair may ${action}`,
  'meeting.secretariatMinutes': () => 'Only the commission secretariat publishes and records the minutes',
  'meeting.voterOnly': ({ memberActorId, proxy }) => `Only ${memberActorId}'s representative${proxy ? ' (the proxy holder)' : ''} may cast its vote`,
  'meeting.agendaEmpty': () => 'The agenda has at least one item',
  'meeting.agendaMax': ({ max }) => `The agenda has at most ${max} items`,
  'meeting.agendaItemTwice': () => 'An agenda item id is listed twice',
  'meeting.representativeRequired': () => 'Name the representative who sits',
  'meeting.proxyHolderRequired': () => 'Name the member holding the proxy',
  'meeting.ownProxy': () => 'A member cannot hold its own proxy',
  'meeting.proxyHolderPresent': ({ actorId }) => `${actorId} must be present to hold a proxy`,
  'meeting.proxyHolderOnlyForProxy': () => 'Only a proxy names a proxy holder',
  'meeting.excusedNobody': () => 'An excused member has nobody sitting',
  'meeting.noItem': ({ itemId }) => `No item ${itemId} on the agenda`,
  'meeting.itemDecided': ({ itemId }) => `Item ${itemId} is already decided`,
  'meeting.voteOpen': ({ itemId }) => `A vote is open on item ${itemId}`,
  'meeting.subjectRequired': ({ kind }) => `A ${kind.replaceAll('_', ' ')} names what it is about`,
  'meeting.noSubject': ({ kind }) => `A ${kind.replaceAll('_', ' ')} has no subject`,
  'meeting.actionDueAfter': () => 'The requested action is due after the meeting',
  'meeting.coChairStays': () => 'A co-chair cannot leave the commission',

  // Commission (src/commission/commission.decider.ts, commission.resolver.ts), shared checks (src/decider/checks.ts), actors.
  'commission.constituted': ({ regionCode }) => `The commission of region ${regionCode} is already constituted`,
  'commission.constituteBySecretariat': () => 'Only the secretariat named for the commission constitutes it',
  'commission.coChairsDistinct': () => 'The two co-chairs are two different actors',
  'commission.prefectMember': () => 'The préfet de région co-chairs and sits as a member',
  'commission.regionMember': () => 'The Région co-chairs and sits as a member',
  'commission.alreadyMember': ({ actorId }) => `${actorId} is already a member`,
  'commission.fullMembership': ({ max }) => `A commission has at most ${max} members`,
  'commission.notMember': ({ actorId }) => `${actorId} is not a member`,
  'commission.coChairStays': () => 'A co-chair cannot leave the commission',
  'commission.representativesNamedBy': ({ actorId }) => `Only ${actorId} or the secretariat names its representatives`,
  'commission.unknownMember': ({ actorId }) => `${actorId} is not a member of the commission`,
  'commission.notConstituted': () => 'No commission is constituted for this region',
  'commission.secretariatRecords': () => 'Only the commission secretariat records what the commission decided',
  'commission.noDecision': () => 'No such decision: membership and rules change only by a decision of the commission',
  'commission.decisionOtherCommission': ({ decisionId }) => `Decision ${decisionId} was taken by another commission`,
  'commission.decisionKind': ({ decisionId, kind }) => `Decision ${decisionId} is not a ${kind.replaceAll('_', ' ')}`,
  'commission.decisionNotAdopted': ({ decisionId }) => `Decision ${decisionId} was not adopted`,
  'commission.memberRequired': () => 'At least one member is required',
  'commission.maxMembers': ({ max }) => `At most ${max} members`,
  'commission.memberTwice': () => 'A member is listed twice',
  'commission.representativeRequired': () => 'Name at least one representative',
  'commission.maxRepresentatives': ({ max }) => `At most ${max} representatives`,
  'commission.representativeTwice': () => 'A representative is listed twice',
  'commission.quorumShare': () => 'The quorum is a share of the members, above 0 and at most 1',
  'commission.unregisteredActor': ({ actorId }) => `No actor ${actorId} is registered: an action can only be requested of a registered actor`,
  'commission.actorRetired': ({ actorId }) => `Actor ${actorId} is retired`,
  'commission.voteQuorum': () => 'A commission that votes has a quorum share',
  'commission.oneSubject': () => 'Give at most one subject',
  'check.empty': ({ field }) => `${field} must not be empty`,
  'check.tooLong': ({ field, max }) => `${field} must be at most ${max} characters`,
  'check.calendarDate': ({ field }) => `${field} must be a calendar date YYYY-MM-DD`,
  'check.documentHash': ({ field }) => `${field} must be the SHA-256 of the document, 64 lower-case hex digits`,
  'actor.adminOnly': ({ action }) => `Only an admin may ${action}`,
  'actor.adminOrSelf': ({ action }) => `Only an admin or a representative of the actor may ${action} it`,
};

const fr: Templates = {
  'actor.alreadyRegistered': ({ actorId }) => `L’acteur ${actorId} est déjà enregistré`,
  'actor.sirenInvalid': () => 'Le SIREN doit compter 9 chiffres avec une clé de contrôle valide',
  'actor.reasonRequired': () => 'Un motif est requis pour retirer un acteur',
  'actor.unknown': () => 'Cet acteur n’existe pas',
  'actor.retired': ({ actorId }) => `L’acteur ${actorId} est retiré : il ne peut plus agir ni être modifié`,
  'actor.nameEmpty': () => 'Le nom ne doit pas être vide',
  'actor.nameTooLong': ({ max }) => `Le nom doit compter au plus ${max} caractères`,
  'territory.twice': () => 'Un territoire figure deux fois',
  'actor.oneOwnTerritory': ({ kind, own }) =>
    `Un acteur de type « ${ACTOR_KIND_FR[kind] ?? kind} » a exactement un territoire, de type « ${TERRITORY_KIND_FR[own] ?? own} »`,
  'territory.required': () => 'Au moins un territoire est requis',
  'whiteZone.keptBySecretariat': () =>
    'L’inventaire des zones blanches est tenu par le secrétariat de la commission, les organismes nationaux et les administrateurs',
  'whiteZone.exists': ({ zoneId }) => `La zone blanche ${zoneId} existe déjà`,
  'whiteZone.communeRequired': () => 'Une zone blanche s’étend sur au moins une commune',
  'whiteZone.communeTwice': () => 'Une commune figure deux fois',
  'whiteZone.identifiedInFuture': () => 'Une zone blanche ne peut pas être identifiée dans le futur',
  'whiteZone.unknown': () => 'Cette zone blanche n’existe pas',
  'whiteZone.resolved': () => 'La zone blanche est résorbée : elle ne change plus',
  'whiteZone.sitesOrCost': () => 'Indiquez les sites prioritaires, le coût estimé, ou les deux',
  'whiteZone.unknownProject': ({ projectId }) => `Le projet de réseau ${projectId} n’existe pas`,
  'whiteZone.projectAbandoned': ({ projectId }) => `Le projet de réseau ${projectId} est abandonné`,
  'whiteZone.plannedBeforeIdentified': () => 'Une résorption ne peut pas être planifiée avant l’identification de la zone',
  'whiteZone.plannedInFuture': () => 'La décision de planification ne peut pas être datée dans le futur',
  'whiteZone.resolvedInFuture': () => 'Une zone blanche ne peut pas être résorbée dans le futur',
  'whiteZone.resolvedBefore': ({ since }) => `Une zone blanche ne peut pas être résorbée avant le ${frenchDate(since)}`,
  'whiteZone.siteCount': ({ site }) => `« ${site} » doit être un nombre entier entre 0 et 1 000 000`,
  'whiteZone.cost': () => 'Le coût estimé s’exprime en euros entiers, entre 0 et 10^12',
  'usageProject.completedInFuture': () => 'Un projet ne peut pas être achevé dans le futur',
  'usageProject.completedBeforeRegistered': () => 'Un projet ne peut pas être achevé avant son enregistrement',
  'usageProject.exists': ({ projectId }) => `Le projet d’usages ${projectId} existe déjà`,
  'usageProject.unknownActor': ({ actorId }) => `L’acteur ${actorId} n’existe pas`,
  'usageProject.actorRetired': ({ actorId }) => `L’acteur ${actorId} est retiré`,
  'usageProject.partnerTwice': () => 'Un partenaire figure deux fois',
  'usageProject.carrierAsPartner': () => 'L’acteur porteur n’est pas son propre partenaire',
  'usageProject.callReference': () => 'La référence de l’appel national compte de 1 à 100 lettres, chiffres et _ . : / -',
  // Conventions (src/conventions).
  'convention.amendmentPending': () => 'Un avenant attend déjà ses signatures',
  'convention.amendOnlyInForce': () =>
    'Seule une convention en vigueur peut faire l’objet d’un avenant ; un projet de convention se remplace par la rédaction d’une nouvelle convention',
  'convention.versionExists': () => 'Ce document est déjà une version de la convention',
  'convention.amendmentInFuture': () => 'Un avenant ne peut pas être proposé à une date future',
  'convention.amendmentBeforeDrafted': () => 'Un avenant ne peut pas être proposé avant la rédaction de la convention',
  'convention.terminationInFuture': () => 'Une résiliation s’enregistre une fois qu’elle prend effet, pas avant',
  'convention.endBeforeDrafted': () => 'Une convention ne peut pas prendre fin avant sa rédaction',
  'convention.noEndDate': () => 'Cette convention n’a pas de date de fin : résiliez-la',
  'convention.runsUntil': ({ endsOn }) => `La convention court jusqu’au ${frenchDate(endsOn)}`,
  'convention.defaultCpsdOnly': () => 'La procédure de manquement s’applique aux conventions de programmation et de suivi des déploiements (CPSD)',
  'convention.defaultNotInForce': () => 'Une convention qui n’est pas encore en vigueur ne peut pas faire l’objet d’un manquement',
  'convention.notAParty': ({ actorId }) => `${actorId} n’est pas partie à la convention`,
  'convention.defaultExists': ({ defaultId }) => `Le manquement ${defaultId} est déjà notifié`,
  'convention.defaultAlready': ({ stage }) => `Le manquement est déjà ${DEFAULT_STAGE_FR[stage]}`,
  'convention.defaultDecisionRole': () => 'Seuls le secrétariat de la commission ou un organisme national enregistrent une décision sur un manquement',
  'convention.exists': ({ conventionId }) => `La convention ${conventionId} existe déjà`,
  'convention.draftByParty': () => 'Seul un représentant de l’une des parties peut rédiger une convention',
  'convention.twoParties': () => 'Une convention compte au moins deux parties',
  'convention.maxParties': ({ max }) => `Une convention compte au plus ${max} parties`,
  'convention.unknownActor': ({ actorId }) => `L’acteur ${actorId} n’existe pas`,
  'convention.retiredParty': ({ actorId }) => `L’acteur ${actorId} est retiré et ne peut pas être partie à une convention`,
  'convention.signaturesRequired': () => 'Chaque partie requiert entre 1 et 10 signatures',
  'convention.partyTwice': () => 'Une partie figure deux fois',
  'convention.communeTwice': () => 'Une commune figure deux fois dans le périmètre',
  'convention.communeOutOfScope': ({ communeCode }) => `La commune ${communeCode} n’est pas dans le périmètre de la convention`,
  'convention.communeTwoEntries': ({ communeCode }) => `La commune ${communeCode} figure deux fois au calendrier`,
  'convention.plannedPremises': () => 'Le nombre de locaux prévus doit être un entier positif',
  'convention.endsAfterDrafting': () => 'La date de fin doit être postérieure à la date de rédaction',
  'convention.signByRepresentative': () => 'Une partie signe par l’intermédiaire de l’un de ses représentants',
  'convention.signerNotParty': ({ actorId }) => `${actorId} n’est pas partie à cette convention`,
  'convention.nothingToSign': () => 'Cette version est déjà en vigueur : aucune signature n’est attendue',
  'convention.partySigned': ({ actorId, version }) => `${actorId} a déjà signé la version ${version}`,
  'convention.signatorySigned': ({ personId, version, actorId }) => `${personId} a déjà signé la version ${version} pour ${actorId}`,
  'convention.personId': () => 'Un signataire est désigné par un identifiant de personne',
  'convention.signedInFuture': () => 'Une signature ne peut pas être datée dans le futur',
  'convention.signedBeforeDrafted': () => 'Une signature ne peut pas précéder la rédaction de la convention',
  'convention.councilResolution': () => 'Une collectivité territoriale signe en vertu de la délibération qui l’y a autorisée',
  'convention.resolutionAfterSignature': () => 'La délibération doit précéder la signature',
  'convention.unknown': () => 'Cette convention n’existe pas',
  'convention.closed': ({ status }) => `La convention est ${status === 'terminated' ? 'résiliée' : 'expirée'}`,
  'convention.partyOnly': ({ action }) => `Seul un représentant d’une partie peut ${CONVENTION_PARTY_ACTION_FR[action]} cette convention`,
  'convention.unknownDefault': ({ defaultId }) => `Le manquement ${defaultId} n’existe pas sur cette convention`,

  // Commitments (src/commitments).
  'commitment.exists': ({ commitmentId }) => `L’engagement ${commitmentId} existe déjà`,
  'commitment.unknownActor': ({ actorId }) => `L’acteur ${actorId} n’existe pas`,
  'commitment.actorRetired': ({ actorId }) => `L’acteur ${actorId} est retiré et ne peut plus prendre d’engagement`,
  'commitment.dueAfterMade': () => 'L’échéance doit être postérieure au jour où l’engagement est pris',
  'commitment.targetOrDueDate': () => 'Indiquez une nouvelle cible, une nouvelle échéance, ou les deux',
  'commitment.dueDatePast': () => 'La nouvelle échéance est déjà passée',
  'commitment.unitFixed': ({ unit }) => `L’avancement est déjà déclaré en ${UNIT_FR[unit]} : l’unité ne peut plus changer`,
  'commitment.progressReporters': () =>
    'Seuls un représentant de l’acteur engagé, le secrétariat de la commission ou un organisme national peuvent déclarer un avancement',
  'commitment.declaredByCommitter': () => 'Seul l’acteur engagé peut déclarer son propre avancement : indiquez la source des données',
  'commitment.progressValue': () => 'La valeur doit être un nombre entre 0 et 10^13',
  'commitment.progressInFuture': () => 'Un avancement ne peut pas être daté dans le futur',
  'commitment.auditorsRead': () => 'Les auditeurs consultent : ils ne constatent pas le non-respect d’un engagement',
  'commitment.lapsedByService': () => 'Seul le service enregistre les engagements caducs',
  'commitment.unknown': () => 'Cet engagement n’existe pas',
  'commitment.closed': ({ status }) => `L’engagement est ${COMMITMENT_STATUS_FR[status]} : il ne peut plus changer`,
  'commitment.makerOnly': ({ actorId }) => `Seul un représentant de ${actorId} peut prendre cet engagement`,
  'commitment.committerOnly': ({ actorId, action }) => `Seul un représentant de ${actorId} peut ${COMMITTER_ACTION_FR[action]}`,
  'commitment.unknownConvention': ({ conventionId }) => `La convention ${conventionId} n’existe pas`,
  'commitment.conventionNotInForce': () => 'Un engagement ne peut découler d’une convention, ou y être rattaché, que si elle est en vigueur',
  'commitment.notAParty': ({ actorId, conventionId }) => `L’acteur ${actorId} n’est pas partie à la convention ${conventionId}`,
  'commitment.targetQuantity': () => 'La quantité cible doit être un nombre positif d’au plus 10^13',
  'commitment.percentTarget': () => 'Une cible en pourcentage vaut au plus 100',

  // Network projects and milestones (src/network-projects, src/milestones).
  'networkProject.contractEmpty': () => 'Indiquez le mode de passation, l’opérateur délégataire, ou les deux',
  'networkProject.unknownSource': ({ source }) => `Source inconnue : « ${source} »`,
  'networkProject.operatorNotRegulator': () => 'L’opérateur délégataire déclare ses propres chiffres (déclarés ou données d’opérateur), pas ceux du régulateur',
  'networkProject.indicatorsInFuture': () => 'Les indicateurs ne peuvent pas être déclarés à une date future',
  'networkProject.reportEarlier': ({ asOf }) => `Une déclaration au ${frenchDate(asOf)} existe : une nouvelle déclaration ne peut pas être datée d’avant`,
  'networkProject.noFigure': () => 'Déclarez au moins un chiffre',
  'networkProject.unknownIndicator': ({ indicator }) => `Indicateur inconnu : « ${indicator} »`,
  'networkProject.figureRange': ({ indicator }) => `« ${indicator} » doit être un nombre entier entre 0 et 1 000 000 000`,
  'networkProject.loweringReason': ({ lowered }) => `Baisser « ${lowered} » est une correction : indiquez-en le motif`,
  'networkProject.estimateInFuture': () => 'Une estimation ne peut pas être datée dans le futur',
  'networkProject.estimateEarlier': ({ asOf }) => `Une estimation au ${frenchDate(asOf)} existe : une révision ne peut pas être datée d’avant`,
  'networkProject.exists': ({ projectId }) => `Le projet de réseau d’initiative publique ${projectId} existe déjà`,
  'networkProject.registerLeadOnly': ({ leadActorId }) => `Seul un représentant de ${leadActorId} peut enregistrer son projet de réseau`,
  'networkProject.unknownActor': ({ actorId }) => `L’acteur ${actorId} n’existe pas`,
  'networkProject.actorRetired': ({ actorId }) => `L’acteur ${actorId} est retiré`,
  'networkProject.leadKind': () => 'Un projet de réseau est porté par un département, un syndicat mixte ou la Région',
  'networkProject.departementRequired': () => 'Un projet de réseau couvre au moins un département',
  'networkProject.departementTwice': () => 'Un département figure deux fois',
  'networkProject.technologyRequired': () => 'Indiquez au moins une technologie',
  'networkProject.technologyTwice': () => 'Une technologie figure deux fois',
  'networkProject.operatorKind': () => 'L’opérateur délégataire est un opérateur privé',
  'networkProject.builtOverPlanned': ({ built, planned }) => `Les locaux FttH construits (${built}) dépassent les locaux prévus (${planned})`,
  'networkProject.connectedOverConnectable': ({ connected, connectable }) =>
    `Les locaux FttH raccordés (${connected}) dépassent les locaux raccordables (${connectable})`,
  'networkProject.amount': ({ field }) => `« ${field} » s’exprime en euros entiers, entre 0 et 10^12`,
  'networkProject.totalCostZero': () => 'Le coût total doit être positif',
  'networkProject.splitSum': ({ sum, totalCost }) => `La répartition du financement par financeur totalise ${sum}, et non le coût total de ${totalCost}`,
  'networkProject.stateAidPaid': () => 'L’aide de l’État versée ne peut pas dépasser l’aide de l’État engagée',
  'milestone.keyFormat': () => 'La clé d’un jalon s’écrit en lettres minuscules, chiffres et - _ .',
  'milestone.keyTwice': ({ key }) => `Le jalon « ${key} » figure deux fois`,
  'milestone.exists': ({ key }) => `Le jalon « ${key} » existe déjà`,
  'milestone.unknown': ({ key }) => `Le jalon « ${key} » n’existe pas`,
  'milestone.alreadyPlanned': ({ key, plannedDate }) =>
    `Le jalon « ${key} » est déjà prévu pour le ${frenchDate(plannedDate)} : demandez sa replanification, motif à l’appui`,
  'milestone.notPlanned': ({ key }) => `Le jalon « ${key} » n’est pas encore planifié : planifiez-le d’abord`,
  'milestone.achievedInFuture': () => 'Un jalon ne peut pas être atteint dans le futur',
  'milestone.achievedBeforeRegistered': ({ registeredOn }) =>
    `Un jalon ne peut pas être atteint avant l’enregistrement du projet (le ${frenchDate(registeredOn)})`,
  'milestone.closed': ({ key, status }) => `Le jalon « ${key} » est ${MILESTONE_STATUS_FR[status]} : il ne change plus`,
  'milestone.projectUnknown': ({ what }) => `Ce ${PROJECT_KIND_FR[what]} n’existe pas`,
  'milestone.projectClosed': ({ what, status }) => `Le ${PROJECT_KIND_FR[what]} est ${PROJECT_STATUS_FR[status]} : il ne peut plus changer`,
  'milestone.projectLeadOnly': ({ leadActorId, action, what }) =>
    `Seul un représentant de ${leadActorId} peut ${PROJECT_ACTION_FR[action]} ce ${PROJECT_KIND_FR[what]}`,

  // Zones, operator sets, regulator quarters (src/zones).
  'zones.quarterFormat': () => 'Un trimestre s’écrit « année-Qn », par exemple « 2024-Q3 »',
  'zones.regulatorKeepers': () =>
    'Les chiffres du régulateur sont enregistrés par les administrateurs, les organismes nationaux et le secrétariat de la commission',
  'zones.quarterNotEnded': ({ quarter }) => `Le trimestre ${quarter} n’est pas encore achevé`,
  'zones.noFigures': () => 'Le fichier ne contient aucun chiffre',
  'zones.keepers': () => 'Le zonage est enregistré par les administrateurs, les organismes nationaux et le secrétariat de la commission',
  'zones.operatorRequired': ({ zone }) => `Une commune en zone ${zone.toUpperCase()} a un opérateur responsable`,
  'zones.ripNoOperator': () => 'Une zone d’initiative publique (RIP) relève d’un projet de réseau d’initiative publique, pas d’un opérateur',
  'zones.projectOnlyRip': () => 'Seule une zone d’initiative publique (RIP) relève d’un projet de réseau',
  'zones.changedAlready': ({ communeCode, effectiveFrom }) =>
    `Le zonage de la commune ${communeCode} a déjà changé le ${frenchDate(effectiveFrom)} : un nouveau changement prend effet après cette date`,
  'zones.changeReason': () => 'Un changement de zone indique son motif (un appel AMEL, un transfert en zone publique…)',
  'zones.setExists': ({ setId }) => `Les engagements d’opérateur ${setId} existent déjà`,
  'zones.unknownOperator': ({ operatorId }) => `L’acteur ${operatorId} n’existe pas`,
  'zones.operatorRetired': ({ operatorId }) => `L’acteur ${operatorId} est retiré : il ne peut plus s’engager`,
  'zones.communeRequired': () => 'Un engagement d’opérateur couvre au moins une commune',
  'zones.communeTwice': ({ communeCode }) => `La commune ${communeCode} figure deux fois`,
  'zones.noZone': ({ communeCode }) => `Aucune zone de déploiement n’est enregistrée pour la commune ${communeCode} : enregistrez d’abord son zonage`,
  'zones.ripCommune': ({ communeCode }) => `La commune ${communeCode} est en zone d’initiative publique (RIP) : aucun opérateur ne s’y engage`,
  'zones.otherOperator': ({ communeCode, inCharge, operatorId }) => `La commune ${communeCode} relève de ${inCharge}, et non de ${operatorId}`,
  'zones.dueAfterMade': ({ communeCode }) => `L’échéance de la commune ${communeCode} doit être postérieure au jour de l’engagement`,
  'zones.unknownSet': () => 'Ces engagements d’opérateur n’existent pas',
  'zones.amendmentEmpty': () => 'Indiquez de nouvelles échéances ou de nouveaux nombres de locaux, des communes retirées, ou les deux',
  'zones.communeNotInSet': ({ communeCode }) => `La commune ${communeCode} ne fait pas partie de ces engagements`,
  'zones.commitmentEnded': ({ communeCode, ended }) => `L’engagement sur la commune ${communeCode} a pris fin (${COMMITMENT_END_FR[ended]})`,
  'zones.amendedTwice': ({ communeCode }) => `La commune ${communeCode} est modifiée deux fois`,
  'zones.revisionEmpty': () => 'Indiquez une nouvelle échéance, un nouveau nombre de locaux, ou les deux',
  'zones.duePast': () => 'La nouvelle échéance est déjà passée',
  'zones.endOnlyService': () => 'Seul le service met fin à un engagement lors d’un changement de zone',
  'zones.recordersOnly': ({ operatorId }) =>
    `Seuls un représentant de ${operatorId}, le secrétariat de la commission, un organisme national ou un administrateur peuvent enregistrer ses engagements`,
  'zones.premises': () => 'Le nombre de locaux est un nombre entier entre 1 et 10 000 000',
  'zones.commitmentClosed': ({ communeCode, status }) =>
    `L’engagement sur la commune ${communeCode} est ${COMMITMENT_STATUS_FR[status]} : il ne peut plus changer`,

  // Meetings (src/commission/meeting.decider.ts).
  'meeting.exists': ({ meetingId }) => `La séance ${meetingId} existe déjà`,
  'meeting.noCommission': () => 'Aucune commission n’est constituée pour cette région',
  'meeting.convenedBy': () => 'Une séance est convoquée par l’un des coprésidents ou par le secrétariat',
  'meeting.dateToCome': () => 'Une séance est convoquée pour une date à venir',
  'meeting.agendaBeforeHeld': () => 'L’ordre du jour ne peut être modifié qu’avant la tenue de la séance',
  'meeting.closed': () => 'La séance est close',
  'meeting.notMember': ({ actorId }) => `${actorId} n’est pas membre de la commission`,
  'meeting.votedNotExcused': ({ memberActorId }) => `Le membre ${memberActorId} a voté dans un scrutin en cours : il ne peut pas être déclaré excusé`,
  'meeting.convenedFor': ({ date }) => `La séance est convoquée pour le ${frenchDate(date)}`,
  'meeting.notHeldClose': () => 'Une séance qui ne s’est pas tenue ne peut pas être close',
  'meeting.closeVotesFirst': ({ itemIds }) =>
    itemIds.length === 1
      ? `Clôturez d’abord le scrutin ouvert sur le point ${itemIds[0]}`
      : `Clôturez d’abord les scrutins ouverts sur les points ${itemIds.join(', ')}`,
  'meeting.consensusOnly': () => 'Cette commission décide uniquement par consensus',
  'meeting.noOpenVote': ({ itemId }) => `Aucun scrutin n’est ouvert sur le point ${itemId}`,
  'meeting.notPresent': ({ memberActorId }) => `Le membre ${memberActorId} n’est ni présent ni représenté par procuration : il ne peut pas voter`,
  'meeting.alreadyVoted': ({ memberActorId, itemId }) => `Le membre ${memberActorId} a déjà voté sur le point ${itemId}`,
  'meeting.minutesOnceClosed': () => 'Le compte rendu est publié une fois la séance close',
  'meeting.minutesEarlierVersion': () => 'Ce document est une version antérieure du compte rendu',
  'meeting.noMinutesVersion': ({ version }) => `Le compte rendu n’a pas de version ${version}`,
  'meeting.minutesApprovedLater': () => 'Le compte rendu est approuvé lors d’une séance ultérieure',
  'meeting.unknown': () => 'Cette séance n’existe pas : elle n’a pas été convoquée',
  'meeting.closedNoDecision': () => 'La séance est close : plus aucune décision ne peut y être prise',
  'meeting.notOpened': () => 'La séance n’est pas encore ouverte : aucune décision ne peut être prise avant sa tenue',
  'meeting.coChairOrSecretariatOnly': ({ action }) => `Seuls les coprésidents ou le secrétariat peuvent ${MEETING_ACTION_FR[action]}`,
  'meeting.coChairOnly': ({ action }) => `Seuls les coprésidents peuvent ${MEETING_ACTION_FR[action]}`,
  'meeting.secretariatMinutes': () => 'Seul le secrétariat de la commission publie et enregistre le compte rendu',
  'meeting.voterOnly': ({ memberActorId, proxy }) =>
    proxy
      ? `Seul le membre détenant la procuration de ${memberActorId} peut exprimer son vote`
      : `Seul le représentant de ${memberActorId} peut exprimer son vote`,
  'meeting.agendaEmpty': () => 'L’ordre du jour comporte au moins un point',
  'meeting.agendaMax': ({ max }) => `L’ordre du jour comporte au plus ${max} points`,
  'meeting.agendaItemTwice': () => 'Un identifiant de point de l’ordre du jour figure deux fois',
  'meeting.representativeRequired': () => 'Indiquez le représentant qui siège',
  'meeting.proxyHolderRequired': () => 'Indiquez le membre qui détient la procuration',
  'meeting.ownProxy': () => 'Un membre ne peut pas détenir sa propre procuration',
  'meeting.proxyHolderPresent': ({ actorId }) => `${actorId} doit être présent pour détenir une procuration`,
  'meeting.proxyHolderOnlyForProxy': () => 'Le détenteur d’une procuration n’est indiqué que pour un membre représenté par procuration',
  'meeting.excusedNobody': () => 'Personne ne siège pour un membre excusé',
  'meeting.noItem': ({ itemId }) => `Le point ${itemId} ne figure pas à l’ordre du jour`,
  'meeting.itemDecided': ({ itemId }) => `Le point ${itemId} a déjà fait l’objet d’une décision`,
  'meeting.voteOpen': ({ itemId }) => `Un scrutin est ouvert sur le point ${itemId}`,
  'meeting.subjectRequired': ({ kind }) => `Une décision de type « ${DECISION_KIND_FR[kind]} » précise son objet`,
  'meeting.noSubject': ({ kind }) => `Une décision de type « ${DECISION_KIND_FR[kind]} » n’a pas d’objet`,
  'meeting.actionDueAfter': () => 'L’échéance de l’action demandée est postérieure à la séance',
  'meeting.coChairStays': () => 'Un coprésident ne peut pas quitter la commission',

  // Commission (src/commission/commission.decider.ts, commission.resolver.ts), shared checks (src/decider/checks.ts), actors.
  'commission.constituted': ({ regionCode }) => `La commission de la région ${regionCode} est déjà constituée`,
  'commission.constituteBySecretariat': () => 'Seul le secrétariat désigné pour la commission peut la constituer',
  'commission.coChairsDistinct': () => 'Les deux coprésidents sont deux acteurs distincts',
  'commission.prefectMember': () => 'Le préfet de région copréside la commission et y siège comme membre',
  'commission.regionMember': () => 'La Région copréside la commission et y siège comme membre',
  'commission.alreadyMember': ({ actorId }) => `${actorId} est déjà membre de la commission`,
  'commission.fullMembership': ({ max }) => `Une commission compte au plus ${max.toLocaleString('fr-FR')} membres`,
  'commission.notMember': ({ actorId }) => `${actorId} n’est pas membre de la commission`,
  'commission.coChairStays': () => 'Un coprésident ne peut pas quitter la commission',
  'commission.representativesNamedBy': ({ actorId }) => `Seuls ${actorId} ou le secrétariat de la commission peuvent désigner ses représentants`,
  'commission.unknownMember': ({ actorId }) => `${actorId} n’est pas membre de la commission`,
  'commission.notConstituted': () => 'Aucune commission n’est constituée pour cette région',
  'commission.secretariatRecords': () => 'Seul le secrétariat de la commission enregistre ce que la commission a décidé',
  'commission.noDecision': () =>
    'Cette décision n’existe pas : la composition de la commission et son mode de décision ne changent que sur décision de la commission',
  'commission.decisionOtherCommission': ({ decisionId }) => `La décision ${decisionId} a été prise par une autre commission`,
  'commission.decisionKind': ({ decisionId, kind }) => `La décision ${decisionId} n’est pas ${COMMISSION_CHANGE_FR[kind]}`,
  'commission.decisionNotAdopted': ({ decisionId }) => `La décision ${decisionId} n’a pas été adoptée`,
  'commission.memberRequired': () => 'Au moins un membre est requis',
  'commission.maxMembers': ({ max }) => `Au plus ${max.toLocaleString('fr-FR')} membres`,
  'commission.memberTwice': () => 'Un membre figure deux fois',
  'commission.representativeRequired': () => 'Désignez au moins un représentant',
  'commission.maxRepresentatives': ({ max }) => `Au plus ${max.toLocaleString('fr-FR')} représentants`,
  'commission.representativeTwice': () => 'Un représentant figure deux fois',
  'commission.quorumShare': () => 'Le quorum est une part des membres, supérieure à 0 et au plus égale à 1',
  'commission.unregisteredActor': ({ actorId }) => `Aucun acteur ${actorId} n’est enregistré : une action ne peut être demandée qu’à un acteur enregistré`,
  'commission.actorRetired': ({ actorId }) => `L’acteur ${actorId} est retiré`,
  'commission.voteQuorum': () => 'Une commission qui statue par vote fixe un quorum',
  'commission.oneSubject': () => 'Indiquez au plus un objet pour la proposition',
  'check.empty': ({ field }) => `« ${field} » ne doit pas être vide`,
  'check.tooLong': ({ field, max }) => `« ${field} » doit compter au plus ${max.toLocaleString('fr-FR')} caractères`,
  'check.calendarDate': ({ field }) => `« ${field} » doit être une date du calendrier au format AAAA-MM-JJ`,
  'check.documentHash': ({ field }) => `« ${field} » doit être l’empreinte SHA-256 du document : 64 chiffres hexadécimaux en minuscules`,
  'actor.adminOnly': ({ action }) => `Seul un administrateur peut ${ADMIN_ACTION_FR[action]}`,
  'actor.adminOrSelf': ({ action }) => `Seul un administrateur ou un représentant de l’acteur peut ${ACTOR_SELF_ACTION_FR[action]}`,
};

/** 2018-12-31 → 31/12/2018 (other text unchanged). */
function frenchDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** The kinds of project sharing the milestone rules, and what their lead alone may do (French below). */
export type ProjectKind = 'network project' | 'usage project';
export type ProjectAction =
  'register' | 'manage the milestones of' | 'choose the contract of' | 'report the indicators of' | 'revise the financing of' | 'complete' | 'abandon';
type CommitmentEnd = 'withdrawn_by_amendment' | 'moved_out_of_private_zone' | 'operator_changed';

const PROJECT_KIND_FR: Record<ProjectKind, string> = { 'network project': 'projet de réseau', 'usage project': 'projet d’usages' };
const PROJECT_ACTION_FR: Record<ProjectAction, string> = {
  register: 'enregistrer',
  'manage the milestones of': 'gérer les jalons de',
  'choose the contract of': 'choisir le contrat de',
  'report the indicators of': 'déclarer les indicateurs de',
  'revise the financing of': 'réviser le financement de',
  complete: 'achever',
  abandon: 'abandonner',
};
const PROJECT_STATUS_FR = { completed: 'achevé', abandoned: 'abandonné' } as const;
const MILESTONE_STATUS_FR = { achieved: 'atteint', dropped: 'abandonné' } as const;
const COMMITMENT_END_FR: Record<CommitmentEnd, string> = {
  withdrawn_by_amendment: 'commune retirée par avenant',
  moved_out_of_private_zone: 'commune sortie de la zone d’initiative privée',
  operator_changed: 'changement d’opérateur',
};

const TEMPLATES: Record<RefusalLang, Templates> = { fr, en };

/** A refusal named by its code, with what its sentence needs. */
export interface Refusal<C extends RefusalCode = RefusalCode> {
  readonly code: C;
  readonly params: RefusalParams[C];
}

export function refusal<C extends RefusalCode>(code: C, ...params: RefusalParams[C] extends Record<string, never> ? [] : [RefusalParams[C]]): Refusal<C> {
  return { code, params: (params[0] ?? {}) as RefusalParams[C] };
}

export function isRefusalCode(value: unknown): value is RefusalCode {
  return typeof value === 'string' && Object.hasOwn(en, value);
}

/** The refusal's sentence in `lang`. */
export function refusalText(refused: Refusal, lang: RefusalLang): string {
  return (TEMPLATES[lang][refused.code] as (params: Refusal['params']) => string)(refused.params);
}

// The API's kind values as the import's sheets write them (Acteurs, Territoires).
const ACTOR_KIND_FR: Partial<Record<string, string>> = {
  state_in_region: 'État en région',
  region: 'Région',
  departement: 'Département',
  epci: 'EPCI',
  commune: 'Commune',
  joint_syndicate: 'Syndicat mixte',
  private_operator: 'Opérateur privé',
  state_agency: 'Agence de l’État',
  national_body: 'Organisme national',
  consultative_body: 'Organe consultatif',
};
const TERRITORY_KIND_FR: Partial<Record<string, string>> = { region: 'région', departement: 'département', epci: 'EPCI', commune: 'commune' };
