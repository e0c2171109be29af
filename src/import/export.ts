import { derivedCommandId } from '../decider/command-handler.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.js';
import { IMPORTED_DECISION_KINDS } from './import-kinds.js';
import { frenchDate } from './import-plan.js';
import { parisDateOf, type CalendarDate } from '../shared/calendar-date.js';
import { TerritoryService } from '../territory/territory.service.js';
import { workbookOf, type OutCell, type SheetData, type TemplateLanguage } from './template.js';
import type { ServiceRef } from './importer.js';

/**
 * A region's current record written back in the import format (same sheets, same headers), so a
 * region can move its record to another instance, or see what an import of it would bring. Read
 * from the log (not the read models) because the import wants the day of every act, which only
 * the events keep. What the import cannot express is not written; it is counted in `excluded`
 * by event type with the reason (docs/import.md, "Export").
 */
export interface RegionExport {
  region: string;
  data: SheetData;
  /** Acts of the region left out, by event type: how many, and why. */
  excluded: Record<string, { count: number; why: string }>;
}

type Row = Record<string, OutCell>;
type Territory = { kind: string; code: string };
type Member = { actorId: string; representatives: string[] };
interface Data {
  [key: string]: unknown;
}

/** Why an act is not in the workbook: the import has no sheet for it (yet), or it cannot by design. */
export const EXCLUDED_ACTS: Record<string, string> = {
  PersonRegistered: 'personal data (names, e-mails) stay in the people registry, encrypted per person: never written to a spreadsheet',
  CommitmentRevised: 'a commitment revised on its own (not by an amendment of an operator’s set): the import has no sheet for revisions',
  VoteOpened: 'a vote on a decision the import cannot record (an escalation, a change of rules)',
  VoteCast: 'a vote on a decision the import cannot record (an escalation, a change of rules)',
  DecisionRecorded:
    'escalations of a convention default and changes of rules are not importable (defaults and rules have no sheet): their text would lose what they decide',
  NetworkProjectContractChosen: 'one choice of contract per project is importable: the earlier ones are left out (the latest is kept)',
  NetworkIndicatorsReported: 'figures from an operator or the regulator are imported per commune (deployment sheet); only declared figures are exported',
  MilestonePlanned: 'a milestone planned again (without rescheduling) keeps its first planned date',
  MilestoneRescheduled: 'one rescheduling per milestone is importable: the earlier ones are left out (the latest date and reason are kept)',
};

/** Events that the rows express in full, or that follow from another act (no loss). */
const EXPRESSED = new Set([
  'ActorRegistered',
  'ConventionDrafted',
  'ConventionAmendmentProposed',
  'ConventionSigned',
  'ConventionEnteredIntoForce',
  'CommitmentMade',
  'CommitmentProgressReported',
  'CommitmentFulfilled',
  'NetworkProjectRegistered',
  'NetworkFinancingRevised',
  'MilestoneAdded',
  'MilestonePlanned',
  'MilestoneRescheduled',
  'MilestoneAchieved',
  'MilestoneDropped',
  'NetworkIndicatorsReported',
  'UsageProjectRegistered',
  'WhiteZoneRecorded',
  'WhiteZoneResolutionPlanned',
  'WhiteZoneResolved',
  'MeetingConvened',
  'AttendanceRecorded',
  'MeetingHeld',
  'DecisionRecorded',
  'MeetingClosed',
  'MinutesPublished',
  'MinutesApproved',
  'MemberAdmitted',
  'MemberRemoved',
  'CommitmentBreached',
  'CommitmentWithdrawn',
  'CommuneZoneSet',
  'OperatorCommitmentsRecorded',
  'OperatorCommuneCommitmentEnded',
  'RegulatorQuarterRecorded',
]);

/** Events that are not acts of a region's record (reports, seals, national exchanges, zones of the national map). */
const NOT_A_REGION_ACT = /^(Report|Log|Regional|Import|Restated)/;

const dayOf = (event: RecordedEvent) => parisDateOf(event.metadata?.occurredAt ?? event.recordedAt);
const asDay = (date: CalendarDate) => new Date(`${date}T00:00:00.000Z`);
const list = (values: readonly string[]) => values.join('; ');
type CalendarEntry = { communeCode: string; plannedPremises: number; plannedDate: string };
/** "44109 : 74200 : 31/12/2020 ; …", as the conventions sheet reads it; undefined without a calendar. */
const calendarText = (entries: readonly CalendarEntry[] | undefined) =>
  entries?.length ? entries.map((e) => `${e.communeCode} : ${e.plannedPremises} : ${frenchDate(e.plannedDate)}`).join(' ; ') : undefined;
const territoriesText = (refs: readonly Territory[]) => refs.map((ref) => `${ref.kind} ${ref.code}`).join('; ');

export async function exportRegion(app: ServiceRef, region: string): Promise<RegionExport> {
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const territories = app.get(TerritoryService, { strict: false });
  const inRegion = (ref: Territory) => (ref.kind === 'region' ? ref.code === region : territories.regionsOf(ref).some((r) => r.code === region));
  const events = await allEvents(store);

  const actorRows = new Map<string, Row & { territories: string }>();
  const actorTerritories = new Map<string, Territory[]>();
  const conventions = new Map<string, { row: Row; parties: string[]; scope: string[] }>();
  const signatures = new Map<string, Row[]>();
  const amendments = new Map<string, Row[]>();
  const commitments = new Map<string, { row: Row; actorId: string; territories: Territory[] }>();
  const progress = new Map<string, Row[]>();
  const projects = new Map<string, { row: Row; departements: string[] }>();
  const usageProjects = new Map<string, { row: Row; territories: Territory[] }>();
  const milestones = new Map<string, Row>();
  // Each milestone row at the place of its latest act: achievements in their order (out of order and skipped keys follow from it).
  const milestoneAt = new Map<string, bigint>();
  const indicators = new Map<string, Row[]>();
  const financingRows = new Map<string, Row[]>();
  const zones = new Map<string, { row: Row; communes: string[] }>();
  const meetings = new Map<string, Row & { region: string }>();
  const commissions = new Map<string, { row: Row; members: Member[] }>();
  const attendance = new Map<string, Row[]>();
  const decisions = new Map<string, Row[]>();
  const votes = new Map<string, Row>();
  // Versions of the minutes after the first (which is on the meeting's row), by meeting.
  const laterMinutes = new Map<string, Row[]>();
  const votesCast = new Map<string, Row[]>();
  const communeZones: Row[] = [];
  const operatorSets = new Map<string, Row[]>();
  // Commitments of an operator's set: the set's rows make them again (their regulator progress and zone-change ends follow).
  const setCommitments = new Set<string>();
  const regulatorRows: Row[] = [];
  const operatorSetChanges = operatorSetChangesOf();
  const excluded: RegionExport['excluded'] = {};
  // Events left out, by the record they belong to: counted once the region's records are known.
  const left: { record: string; type: string }[] = [];
  const leave = (record: string, type: string) => left.push({ record, type });

  // Who recorded the regulator's figures, when it was a national body or a region's secretariat (not the service's admin).
  const recorderOf = (event: RecordedEvent) => {
    const id = event.metadata.actingActorId;
    const kind = id === undefined ? undefined : actorRows.get(id)?.kind;
    return kind === 'state_in_region' || kind === 'national_body' ? id : undefined;
  };

  for (const event of events) {
    const d = event.data as Data;
    const on = dayOf(event);
    switch (event.type) {
      case 'ActorRegistered': {
        const refs = d.territories as Territory[];
        actorTerritories.set(d.actorId as string, refs);
        actorRows.set(d.actorId as string, {
          id: d.actorId as string,
          kind: d.kind as string,
          name: d.name as string,
          siren: (d.siren as string | null) ?? undefined,
          territories: territoriesText(refs),
          registeredOn: asDay(on),
        });
        break;
      }
      case 'ConventionDrafted': {
        const parties = (d.parties as { actorId: string }[]).map((p) => p.actorId);
        const scope = (d.scope as string[] | undefined) ?? [];
        conventions.set(d.conventionId as string, {
          row: {
            id: d.conventionId as string,
            kind: d.kind as string,
            title: d.title as string,
            parties: list(parties),
            documentHash: d.documentHash as string,
            scope: scope.length ? list(scope) : undefined,
            endsOn: d.endsOn ? asDay(d.endsOn as string) : undefined,
            draftedOn: asDay(d.draftedOn as string),
            calendar: calendarText(d.calendar as CalendarEntry[]),
          },
          parties,
          scope,
        });
        break;
      }
      case 'ConventionAmendmentProposed': {
        const rows = amendments.get(d.conventionId as string) ?? [];
        rows.push({
          conventionId: d.conventionId as string,
          documentHash: d.documentHash as string,
          summary: d.summary as string,
          proposedBy: d.proposedBy as string,
          proposedOn: asDay(d.proposedOn as string),
        });
        amendments.set(d.conventionId as string, rows);
        break;
      }
      case 'ConventionSigned': {
        const resolution = d.councilResolution as { number: string; date: string } | null;
        const signatory = d.signatory as { personId: string; title: string };
        const rows = signatures.get(d.conventionId as string) ?? [];
        rows.push({
          conventionId: d.conventionId as string,
          partyId: d.partyId as string,
          signatoryId: signatory.personId,
          signatoryTitle: signatory.title,
          place: d.place as string,
          signedOn: asDay(d.signedOn as string),
          documentHash: d.documentHash as string,
          resolutionNumber: resolution?.number,
          resolutionDate: resolution ? asDay(resolution.date) : undefined,
        });
        signatures.set(d.conventionId as string, rows);
        break;
      }
      case 'CommitmentMade': {
        const target = d.target as { quantity: number; unit: string };
        commitments.set(d.commitmentId as string, {
          row: {
            id: d.commitmentId as string,
            actorId: d.committingActorId as string,
            subject: d.subject as string,
            title: d.title as string,
            quantity: target.quantity,
            unit: target.unit,
            territories: territoriesText(d.territories as Territory[]),
            dueDate: asDay(d.dueDate as string),
            madeOn: asDay(d.madeOn as string),
          },
          actorId: d.committingActorId as string,
          territories: d.territories as Territory[],
        });
        break;
      }
      case 'CommuneZoneSet':
        communeZones.push({
          communeCode: d.communeCode as string,
          zone: d.zone as string,
          operatorId: (d.operatorId as string | null) ?? undefined,
          networkProjectId: (d.networkProjectId as string | null) ?? undefined,
          effectiveFrom: asDay(d.effectiveFrom as string),
          reason: (d.reason as string | null) ?? undefined,
          recordedOn: asDay(on),
        });
        break;
      case 'OperatorCommitmentsRecorded': {
        const communes = d.communes as { communeCode: string; commitmentId: string; premises: number; dueDate: string }[];
        communes.forEach((c) => setCommitments.add(c.commitmentId));
        operatorSets.set(
          d.setId as string,
          communes.map((c) => ({
            setId: d.setId as string,
            reference: d.reference as string,
            operatorId: d.operatorId as string,
            legalBasis: d.legalBasis as string,
            communeCode: c.communeCode,
            premises: c.premises,
            dueDate: asDay(c.dueDate),
            commitmentId: c.commitmentId,
            recordedOn: asDay(d.madeOn as string),
          })),
        );
        break;
      }
      case 'OperatorCommitmentsAmended':
        operatorSetChanges.amended(event, asDay(on));
        break;
      case 'CommitmentRevised':
        if (!operatorSetChanges.followsAmendment(event)) leave(recordOfStream(event), event.type);
        break;
      case 'RegulatorQuarterRecorded':
        for (const figure of d.rows as { communeCode: string; connectable: number; premisesEstimate: number }[])
          regulatorRows.push({ quarter: d.quarter as string, ...figure, source: d.source as string, publishedOn: asDay(on), recordedBy: recorderOf(event) });
        break;
      case 'CommitmentProgressReported': {
        if (setCommitments.has(d.commitmentId as string)) {
          if (d.source !== 'regulator_data') operatorSetChanges.progress(d, asDay(on));
          break;
        }
        const rows = progress.get(d.commitmentId as string) ?? [];
        rows.push({
          commitmentId: d.commitmentId as string,
          value: d.value as number,
          asOf: asDay(d.asOf as string),
          source: d.source as string,
          note: (d.note as string | null) ?? undefined,
          reportedOn: asDay(on),
        });
        progress.set(d.commitmentId as string, rows);
        break;
      }
      case 'CommitmentBreached': {
        const commitment = commitments.get(d.commitmentId as string);
        if (commitment) Object.assign(commitment.row, { breachedOn: asDay(on), breachReason: d.reason as string });
        break;
      }
      case 'CommitmentWithdrawn': {
        const commitment = commitments.get(d.commitmentId as string);
        if (commitment) Object.assign(commitment.row, { withdrawnOn: asDay(on), withdrawalReason: d.reason as string });
        break;
      }
      case 'CommitmentFulfilled': {
        const commitment = commitments.get(d.commitmentId as string);
        if (commitment) commitment.row.fulfilledOn = asDay(on);
        break;
      }
      case 'NetworkProjectRegistered':
        projects.set(d.projectId as string, {
          row: {
            id: d.projectId as string,
            name: d.name as string,
            leadActorId: d.leadActorId as string,
            departements: list(d.departementCodes as string[]),
            technologies: list(d.technologies as string[]),
            registeredOn: asDay(d.registeredOn as string),
          },
          departements: d.departementCodes as string[],
        });
        break;
      case 'NetworkProjectContractChosen': {
        const project = projects.get(d.projectId as string);
        if (project?.row.contractChosenOn !== undefined) leave(`network:${String(d.projectId)}`, event.type);
        if (project)
          Object.assign(project.row, {
            procurementModel: (d.procurementModel as string | null) ?? undefined,
            delegateOperatorId: (d.delegateOperatorId as string | null) ?? undefined,
            contractChosenOn: asDay(on),
          });
        break;
      }
      case 'NetworkFinancingRevised': {
        const financing = d.financing as { totalCost: number; split: Record<string, number>; stateAidCommitted: number; stateAidPaid: number };
        const rows = financingRows.get(d.projectId as string) ?? [];
        rows.push({
          projectId: d.projectId as string,
          asOf: asDay(d.asOf as string),
          totalCost: financing.totalCost,
          ...financing.split,
          stateAidCommitted: financing.stateAidCommitted,
          stateAidPaid: financing.stateAidPaid,
          reason: (d.reason as string | null) ?? undefined,
          reportedOn: asDay(on),
        });
        financingRows.set(d.projectId as string, rows);
        break;
      }
      case 'UsageProjectRegistered':
        usageProjects.set(d.projectId as string, {
          row: {
            id: d.projectId as string,
            title: d.title as string,
            domain: d.domain as string,
            priorityLevel: d.priorityLevel as string,
            innovativeTerritory: d.innovativeTerritory ? 'oui' : 'non',
            nationalCallReference: (d.nationalCallReference as string | null) ?? undefined,
            carryingActorId: d.carryingActorId as string,
            partnerIds: (d.partnerIds as string[]).length ? list(d.partnerIds as string[]) : undefined,
            territories: territoriesText(d.territories as Territory[]),
            registeredOn: asDay(d.registeredOn as string),
          },
          territories: d.territories as Territory[],
        });
        break;
      case 'MilestonePlanned':
      case 'MilestoneRescheduled':
      case 'MilestoneAchieved':
      case 'MilestoneDropped': {
        const projectKind = event.streamId.startsWith('usageProject-') ? 'usage' : 'network';
        const key = `${projectKind}:${String(d.projectId)}:${String(d.key)}`;
        const row = milestones.get(key) ?? { projectKind, projectId: d.projectId as string, key: d.key as string };
        if (event.type === 'MilestonePlanned') {
          if (row.plannedOn === undefined) row.plannedOn = asDay(d.date as string);
          else leave(`${projectKind}:${String(d.projectId)}`, event.type);
        } else if (event.type === 'MilestoneRescheduled') {
          if (row.rescheduledTo !== undefined) leave(`${projectKind}:${String(d.projectId)}`, event.type);
          row.rescheduledTo = asDay(d.date as string);
          row.rescheduleReason = d.reason as string;
          row.rescheduledOn = asDay(on);
        } else if (event.type === 'MilestoneAchieved') {
          row.achievedOn = asDay(d.achievedOn as string);
          row.evidenceHash = d.evidenceHash as string;
        } else row.droppedReason = d.reason as string;
        milestones.set(key, row);
        milestoneAt.set(key, BigInt(event.position));
        break;
      }
      case 'NetworkIndicatorsReported': {
        if (d.source !== 'declared') {
          leave(`network:${String(d.projectId)}`, event.type);
          break;
        }
        const figures = Object.fromEntries(Object.entries(d.figures as Record<string, number | null>).filter(([, value]) => value !== null));
        const rows = indicators.get(d.projectId as string) ?? [];
        rows.push({
          projectId: d.projectId as string,
          asOf: asDay(d.asOf as string),
          ...figures,
          reason: (d.reason as string | null) ?? undefined,
          reportedOn: asDay(on),
        });
        indicators.set(d.projectId as string, rows);
        break;
      }
      case 'WhiteZoneRecorded': {
        const sites = d.prioritySites as Record<string, number>;
        zones.set(d.zoneId as string, {
          row: {
            id: d.zoneId as string,
            kind: d.kind as string,
            communes: list(d.communeCodes as string[]),
            ...sites,
            estimatedCost: (d.estimatedCost as number | null) ?? undefined,
            identifiedOn: asDay(d.identifiedOn as string),
          },
          communes: d.communeCodes as string[],
        });
        break;
      }
      case 'WhiteZoneResolutionPlanned': {
        const zone = zones.get(d.zoneId as string);
        if (zone) Object.assign(zone.row, { networkProjectId: d.networkProjectId as string, plannedOn: asDay(d.plannedOn as string) });
        break;
      }
      case 'WhiteZoneResolved': {
        const zone = zones.get(d.zoneId as string);
        if (zone) zone.row.resolvedOn = asDay(d.resolvedOn as string);
        break;
      }
      case 'MeetingConvened': {
        const agenda = (d.agenda as { itemId: string; title: string }[]).map((item) => `${item.itemId} : ${item.title.replace(/;/g, ',')}`).join(' ; ');
        meetings.set(d.meetingId as string, {
          id: d.meetingId as string,
          region: d.regionCode as string,
          date: asDay(d.date as string),
          place: d.place as string,
          agenda,
          convenedOn: asDay(on),
        });
        break;
      }
      case 'AttendanceRecorded': {
        const rows = attendance.get(d.meetingId as string) ?? [];
        rows.push({
          meetingId: d.meetingId as string,
          memberActorId: d.memberActorId as string,
          status: d.status as string,
          representativeId: (d.representativeId as string | null) ?? undefined,
          proxyHolderActorId: (d.proxyHolderActorId as string | null) ?? undefined,
        });
        attendance.set(d.meetingId as string, rows);
        break;
      }
      case 'DecisionRecorded': {
        if (!(IMPORTED_DECISION_KINDS as readonly string[]).includes(d.kind as string)) {
          leave(`meeting:${String(d.meetingId)}`, event.type);
          break;
        }
        const vote = votes.get(`${String(d.meetingId)}|${String(d.itemId)}`);
        if (vote) vote.outcome = d.outcome as string;
        const rows = decisions.get(d.meetingId as string) ?? [];
        const approved = d.kind === 'minutes_approval' ? (d.subject as { meetingId: string; version: number }) : undefined;
        rows.push({
          meetingId: d.meetingId as string,
          itemId: d.itemId as string,
          kind: d.kind as string,
          text: d.text as string,
          approvedMeetingId: approved?.meetingId,
          approvedVersion: approved?.version,
          recordedBy: d.recordedBy as string,
          ...subjectColumns(d.subject as Data | null),
        });
        decisions.set(d.meetingId as string, rows);
        break;
      }
      case 'MinutesPublished': {
        const meeting = meetings.get(d.meetingId as string);
        if (meeting && meeting.minutesHash === undefined) Object.assign(meeting, { minutesHash: d.documentHash as string, minutesPublishedOn: asDay(on) });
        else if (meeting)
          laterMinutes.set(d.meetingId as string, [
            ...(laterMinutes.get(d.meetingId as string) ?? []),
            { meetingId: d.meetingId as string, minutesHash: d.documentHash as string, publishedOn: asDay(on) },
          ]);
        else leave(`meeting:${String(d.meetingId)}`, event.type);
        break;
      }
      case 'VoteOpened':
      case 'VoteCast': {
        const key = `${String(d.meetingId)}|${String(d.itemId)}`;
        if (event.type === 'VoteOpened' && (IMPORTED_DECISION_KINDS as readonly string[]).includes(d.kind as string))
          votes.set(key, { meetingId: d.meetingId as string, itemId: d.itemId as string, openedBy: d.openedBy as string });
        else if (event.type === 'VoteCast' && votes.has(key))
          votesCast.set(key, [
            ...(votesCast.get(key) ?? []),
            { meetingId: d.meetingId as string, itemId: d.itemId as string, memberActorId: d.memberActorId as string, choice: d.choice as string },
          ]);
        else leave(`meeting:${String(d.meetingId)}`, event.type);
        break;
      }
      case 'CommissionConstituted': {
        const rules = d.rules as { mode: string; quorumShare?: number; majority?: string };
        commissions.set(d.regionCode as string, {
          row: {
            region: d.regionCode as string,
            prefectActorId: d.prefectActorId as string,
            regionActorId: d.regionActorId as string,
            secretariatActorId: d.secretariatActorId as string,
            mode: rules.mode,
            quorumShare: rules.quorumShare,
            majority: rules.majority,
            constitutedOn: asDay(on),
          },
          members: [...(d.members as Member[])],
        });
        break;
      }
      case 'PersonRegistered':
        leave('person', event.type);
        break;
      default:
        if (EXPRESSED.has(event.type) || NOT_A_REGION_ACT.test(event.type)) break;
        leave(recordOfStream(event), event.type);
    }
  }

  // The region's records: by their territories; then the actors they name, the national bodies, and those of the region.
  const regionConventions = [...conventions].filter(
    ([, c]) => c.scope.some((code) => inRegion({ kind: 'commune', code })) || c.parties.some((p) => (actorTerritories.get(p) ?? []).some(inRegion)),
  );
  const regionCommitments = [...commitments].filter(([id, c]) => !setCommitments.has(id) && c.territories.some(inRegion));
  const inRegionCommune = (row: Row) => inRegion({ kind: 'commune', code: String(row.communeCode) });
  const regionSets = [...operatorSets].filter(([, rows]) => rows.some(inRegionCommune));
  const regionProjects = [...projects].filter(([, p]) => p.departements.some((code) => inRegion({ kind: 'departement', code })));
  const regionUsage = [...usageProjects].filter(([, p]) => p.territories.some(inRegion));
  const regionZones = [...zones].filter(([, z]) => z.communes.some((code) => inRegion({ kind: 'commune', code })));
  const regionMeetings = [...meetings].filter(([, m]) => m.region === region);
  const regionRegulatorRows = regulatorRows.filter(inRegionCommune);
  const named = new Set<string>();
  for (const row of regionRegulatorRows) if (row.recordedBy !== undefined) named.add(String(row.recordedBy));
  for (const [, c] of regionConventions) c.parties.forEach((p) => named.add(p));
  for (const [, c] of regionCommitments) named.add(c.actorId);
  for (const [, p] of regionProjects) named.add(String(p.row.leadActorId));
  for (const [, p] of regionUsage) [p.row.carryingActorId, ...String(p.row.partnerIds ?? '').split('; ')].forEach((id) => id && named.add(String(id)));
  for (const [, rows] of regionSets) named.add(String(rows[0].operatorId));
  const commission = commissions.get(region);
  commission?.members.forEach((m) => named.add(m.actorId));
  for (const [id] of regionMeetings)
    for (const a of attendance.get(id) ?? []) [a.memberActorId, a.proxyHolderActorId].forEach((actor) => actor && named.add(String(actor)));
  for (const [id] of regionMeetings) for (const d of decisions.get(id) ?? []) if (d.actorId !== undefined) named.add(String(d.actorId));
  const regionActors = [...actorRows].filter(
    ([id]) => named.has(id) || (actorTerritories.get(id) ?? []).some(inRegion) || (actorTerritories.get(id) ?? []).length === 0,
  );

  const records = new Set<string>([
    'person',
    `region:${region}`,
    ...regionConventions.map(([id]) => `convention:${id}`),
    ...regionProjects.map(([id]) => `network:${id}`),
    ...regionUsage.map(([id]) => `usage:${id}`),
    ...regionMeetings.map(([id]) => `meeting:${id}`),
    ...regionCommitments.map(([id]) => `commitment:${id}`),
    ...regionZones.map(([id]) => `whiteZone:${id}`),
    ...regionSets.map(([id]) => `operatorCommitments:${id}`),
    ...regionSets.flatMap(([, rows]) => rows.map((row) => `commitment:${String(row.commitmentId)}`)),
  ]);
  for (const { record, type } of left) {
    if (!records.has(record)) continue;
    const entry = (excluded[type] ??= {
      count: 0,
      why: EXCLUDED_ACTS[type] ?? 'the import has no sheet for this act',
    });
    entry.count += 1;
  }

  const projectIds = new Set(regionProjects.map(([id]) => id));
  const usageIds = new Set(regionUsage.map(([id]) => id));
  const commitmentIds = regionCommitments.map(([id]) => id);
  const data: SheetData = {
    actors: regionActors.map(([, row]) => row),
    commissions: commission
      ? [{ ...commission.row, members: commission.members.map((m) => `${m.actorId} : ${m.representatives.join(', ')}`).join(' ; ') }]
      : [],
    conventions: regionConventions.map(([, c]) => c.row),
    amendments: regionConventions.flatMap(([id]) => amendments.get(id) ?? []),
    signatures: regionConventions.flatMap(([id]) => signatures.get(id) ?? []),
    commitments: regionCommitments.map(([, c]) => c.row),
    progress: commitmentIds.flatMap((id) => progress.get(id) ?? []),
    network_projects: regionProjects.map(([, p]) => p.row),
    financing: [...projectIds].flatMap((id) => financingRows.get(id) ?? []),
    usage_projects: regionUsage.map(([, p]) => p.row),
    milestones: [...milestones]
      .sort(([a], [b]) => (milestoneAt.get(a)! < milestoneAt.get(b)! ? -1 : 1))
      .map(([, row]) => row)
      .filter((m) => (m.projectKind === 'usage' ? usageIds : projectIds).has(String(m.projectId))),
    indicators: [...projectIds].flatMap((id) => indicators.get(id) ?? []),
    white_zones: regionZones.map(([, z]) => z.row),
    commune_zones: communeZones.filter(inRegionCommune),
    operator_commitments: regionSets.flatMap(([, rows]) => rows),
    ...operatorSetChanges.rows(regionSets),
    regulator_figures: regionRegulatorRows,
    meetings: regionMeetings.map(([, m]) => m),
    attendance: regionMeetings.flatMap(([id]) => attendance.get(id) ?? []),
    decisions: regionMeetings.flatMap(([id]) => decisions.get(id) ?? []),
    minutes: regionMeetings.flatMap(([id]) => laterMinutes.get(id) ?? []),
    ...voteSheets(
      regionMeetings.map(([id]) => id),
      votes,
      votesCast,
    ),
  };
  return { region, data, excluded };
}

/** The export as a workbook of the import format (French headers by default). */
export async function exportWorkbook(app: ServiceRef, region: string, language: TemplateLanguage = 'fr'): Promise<{ bytes: Buffer; export: RegionExport }> {
  const result = await exportRegion(app, region);
  return { bytes: await workbookOf(result.data, language), export: result };
}

/** "whiteZone-zb-44-1" → "whiteZone:zb-44-1": the record an event belongs to, as the export names it. */
function recordOfStream(event: RecordedEvent): string {
  const dash = event.streamId.indexOf('-');
  const prefix = event.streamId.slice(0, dash);
  const id = event.streamId.slice(dash + 1);
  const kinds: Record<string, string> = { networkProject: 'network', usageProject: 'usage' };
  return `${kinds[prefix] ?? prefix}:${id}`;
}

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    events.push(...page.events);
    after = page.lastPosition;
    if (page.isEnd) return events;
  }
}

/** The subject of an action request or an admission, in the columns of the sheet Décisions. */
function subjectColumns(subject: Data | null): Row {
  if (subject?.kind === 'action_request') {
    const target = subject.target as { quantity: number; unit: string };
    return {
      actorId: subject.actorId as string,
      requestSubject: subject.commitmentSubject as string,
      requestTitle: subject.title as string,
      quantity: target.quantity,
      unit: target.unit,
      territories: territoriesText(subject.territories as Territory[]),
      dueDate: asDay(subject.dueDate as string),
    };
  }
  if (subject?.kind === 'member_admission') return { actorId: subject.actorId as string, representatives: (subject.representatives as string[]).join(', ') };
  if (subject?.kind === 'member_departure') return { actorId: subject.actorId as string };
  return {};
}

/** The votes of the region's meetings (by "meeting|item"), in the order of their meetings, and each member's vote. */
function voteSheets(meetingIds: string[], votes: Map<string, Row>, votesCast: Map<string, Row[]>): SheetData {
  const ofMeetings = [...votes].filter(([, vote]) => meetingIds.includes(String(vote.meetingId)));
  return {
    votes: ofMeetings.map(([, vote]) => vote),
    votes_cast: ofMeetings.flatMap(([key]) => votesCast.get(key) ?? []),
  };
}

/**
 * Amendments of operators' commitment sets (one row per commune, the set's day and reason on each)
 * and progress on their communes that is not the regulator's (the regulator's comes with its
 * quarters). The commitments' revisions and withdrawals that an amendment sets off follow from it.
 */
function operatorSetChangesOf() {
  const amendments = new Map<string, Row[]>();
  const progressOf = new Map<string, Row[]>();
  const followUps = new Set<string>();
  return {
    amended(event: RecordedEvent, on: Date): void {
      const d = event.data as {
        setId: string;
        revised: { communeCode: string; commitmentId: string; premises: number; dueDate: string; previousPremises: number; previousDueDate: string }[];
        withdrawn: { communeCode: string; commitmentId: string }[];
        reason: string;
      };
      const rows = amendments.get(d.setId) ?? [];
      for (const r of d.revised) {
        followUps.add(derivedCommandId(event.metadata.commandId, `revise:${r.commitmentId}`));
        const premises = r.premises !== r.previousPremises ? r.premises : undefined;
        const dueDate = r.dueDate !== r.previousDueDate ? asDay(r.dueDate) : undefined;
        rows.push({
          setId: d.setId,
          communeCode: r.communeCode,
          premises: premises ?? (dueDate ? undefined : r.premises),
          dueDate,
          reason: d.reason,
          amendedOn: on,
        });
      }
      for (const w of d.withdrawn) rows.push({ setId: d.setId, communeCode: w.communeCode, withdrawn: 'yes', reason: d.reason, amendedOn: on });
      amendments.set(d.setId, rows);
    },
    followsAmendment: (event: RecordedEvent) => followUps.has(event.metadata.commandId),
    progress(d: Record<string, unknown>, reportedOn: Date): void {
      const rows = progressOf.get(d.commitmentId as string) ?? [];
      rows.push({
        value: d.value as number,
        asOf: asDay(d.asOf as string),
        source: d.source as string,
        note: (d.note as string | null) ?? undefined,
        reportedOn,
      });
      progressOf.set(d.commitmentId as string, rows);
    },
    /** The two sheets, for the region's sets. */
    rows(sets: [string, Row[]][]): Pick<SheetData, 'operator_amendments' | 'operator_progress'> {
      return {
        operator_amendments: sets.flatMap(([id]) => amendments.get(id) ?? []),
        operator_progress: sets.flatMap(([id, communes]) =>
          communes.flatMap((c) => (progressOf.get(String(c.commitmentId)) ?? []).map((row) => ({ setId: id, communeCode: c.communeCode, ...row }))),
        ),
      };
    },
  };
}
