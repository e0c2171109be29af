import { createHash } from 'node:crypto';
import { LOCAL_AUTHORITY_KINDS } from '../conventions/convention.decider.js';
import { derivedCommandId } from '../decider/command-handler.js';
import { FUNDERS, INDICATORS, LEAD_ACTOR_KINDS, STANDARD_RIP_MILESTONES } from '../network-projects/network-project.decider.js';
import { STANDARD_USAGE_MILESTONES } from '../usage-projects/usage-project.decider.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import type { Role } from '../shared/principal.js';
import type { DecisionRules, MajorityKind } from '../commission/commission.decider.js';
import { quarterEnd as lastDayOfQuarter } from '../zones/regulator-quarter.decider.js';
import { quarterOf } from '../zones/zone-files.js';
import { asDate, asEnum, asId, asInteger, asList, asNumber, asTerritories, asText, type Parsed } from './cell-values.js';
import { followUpCommitmentId } from '../commission/commission-follow-ups.js';
import { decisionIdFor, voteOutcome, type VoteChoice } from '../commission/meeting.decider.js';
import type { FileProblem, ImportFile, RawRow, RawSheet } from './import-file.js';
import { IMPORT_KINDS, kindByKey, type Column, type KindKey } from './import-kinds.js';
import { scalarText } from '../shared/scalar-text.js';

/** What validation needs to know beyond the file: official geography, existing records, today. */
export interface ImportLookups {
  /** The Paris day of the import: dates after it are refused. */
  today: CalendarDate;
  /** Messages for invalid official codes (empty when all are known). */
  invalidTerritories(refs: readonly { kind: string; code: string }[]): string[];
  actor(id: string): { kind: string; status: string } | undefined;
  /** A record already in the log (not from this file). */
  exists(kind: 'convention' | 'commitment' | 'network_project' | 'usage_project' | 'white_zone' | 'meeting', id: string): boolean;
  /** The commission constituted for a region: its members and how it decides. */
  commission(regionCode: string): { memberIds: string[]; mode: 'consensus' | 'vote'; rules?: DecisionRules } | undefined;
  /** The hash of the version of an existing convention awaiting signatures, and its parties. */
  convention(id: string): { awaitingHash?: string; partyIds: string[] } | undefined;
  /** An operator's commitment set already in the registry: its operator, day and communes. */
  operatorSet(id: string): RecordedOperatorSet | undefined;
  /** What an amendment of a convention already in the registry needs to know of it. */
  recordedConvention(id: string): RecordedConvention | undefined;
  commitment(id: string): { committingActorId: string } | undefined;
  /** Whether a command of an earlier run of this file is already in the log. */
  recorded(commandId: string): boolean;
  /** The département of a commune (official geography). */
  departementOf(communeCode: string): string | undefined;
  /** The network project of the RIP zone the commune is in on that day, if its zone names one. */
  zoneProject(communeCode: string, asOf: CalendarDate): string | undefined;
  /** Registered network projects covering a département. */
  projectsCovering(departementCode: string): string[];
}

export interface RecordedOperatorSet {
  operatorId: string;
  madeOn: string;
  communes: { communeCode: string; commitmentId: string }[];
}

export interface RecordedConvention {
  status: string;
  draftedOn: string;
  partyIds: string[];
  /** The document hash of each of its versions. */
  hashes: string[];
}

/** One mutation of the API, as the import will send it. */
export interface ImportStep {
  kind: KindKey;
  sheet: string;
  row: number;
  commandId: string;
  mutation: string;
  /** `importer`: with the importer's own role; otherwise on behalf of this actor (its representatives, or the role given). */
  as: 'importer' | { actorId: string; role?: Role };
  occurredAt: string;
  input: Record<string, unknown>;
  /** Already in the log from an earlier run of the same file: skipped. */
  done: boolean;
  /** The record it acts on: steps on one record run in order, steps on different records may overlap. */
  record: string;
}

export type ImportProblem = FileProblem;

/** A row read but not recorded, and why (deployment figures outside the region's projects): reported, not an error. */
export type ImportNotice = FileProblem;

export interface ImportPlan {
  batchId: string;
  fileName: string;
  fileHash: string;
  steps: ImportStep[];
  problems: ImportProblem[];
  notices: ImportNotice[];
  /** Rows read per sheet kind. */
  rows: Record<string, number>;
}

export const batchIdOf = (fileHash: string) => `import-${fileHash.slice(0, 16)}`;

/** The command id of the n-th mutation of a row: from the file's hash, so re-importing it is a no-op. */
export function importCommandId(fileHash: string, kind: KindKey, row: number, index: number): string {
  return derivedCommandId(`import:${fileHash}`, `${kind}:${row}:${index}`);
}

type Values = Record<string, unknown>;

interface Context {
  file: ImportFile;
  lookups: ImportLookups;
  problems: ImportProblem[];
  /** Records the file defines, by kind, with what later sheets need of them. */
  actors: Map<string, { kind: string }>;
  /** signed: "hash|party" of each signature row (a party signs each version once). */
  conventions: Map<string, { hash: string; parties: string[]; draftedOn: string; signed: Set<string>; amendments: Map<string, { proposedOn: string }> }>;
  /** Each amendment's step, placed before the first signature of its version. */
  amendments: ImportStep[];
  /** Amendments of operators' commitment sets (rows of one set, day and reason together) and progress on their communes, for the zones chain. */
  operatorSetChanges: { amendments: Map<string, OperatorSetAmendment>; progress: { on: string; step: ImportStep }[] };
  /** Conventions of the registry the file amends: the hash of each amendment, in the file's order. */
  amendedRecorded: Map<string, string[]>;
  /** Zones of communes, operator commitment sets and regulator quarters: one chain in the order of their days (a zone change ends a commitment made before it). */
  zoneActs: { on: string; step: ImportStep }[];
  operatorSets: Map<string, OperatorSet>;
  regulatorQuarters: Map<string, RegulatorQuarter>;
  commitments: Map<
    string,
    {
      committingActorId: string;
      madeOn: string;
      fulfilledOn?: string;
      breach?: { on: string; reason: string };
      withdrawal?: { on: string; reason: string };
      row: number;
      sheet: string;
    }
  >;
  projects: Map<string, { registeredOn: string; leadActorId: string; departements: string[] }>;
  /** Deployment figures by project, day and source, summed over communes: one indicator report each. */
  deployment: Map<string, DeploymentGroup>;
  meetings: Map<string, ImportedMeeting>;
  /** Decisions with a subject and votes: see the commission block below. */
  commissionActs: CommissionActs;
  /** Commissions the file constitutes, by region code. */
  commissions: Map<string, { memberIds: string[]; mode: 'consensus' | 'vote'; rules?: DecisionRules }>;
  notices: ImportNotice[];
  usageProjects: Map<string, { registeredOn: string }>;
  zones: Set<string>;
  /** Ids written in each sheet's id column, valid rows or not: a reference to a broken row says so. */
  declared: Map<KindKey, Set<string>>;
}

/**
 * Validates every row of the file and turns it into the API's mutations, in dependency order
 * (actors before the conventions they sign, projects before their milestones). Pure: lookups
 * answer what lies outside the file.
 */
export function planImport(file: ImportFile, lookups: ImportLookups): ImportPlan {
  const context: Context = {
    file,
    lookups,
    problems: [...file.problems],
    actors: new Map(),
    conventions: new Map(),
    amendments: [],
    amendedRecorded: new Map(),
    operatorSetChanges: { amendments: new Map(), progress: [] },
    zoneActs: [],
    operatorSets: new Map(),
    regulatorQuarters: new Map(),
    commitments: new Map(),
    projects: new Map(),
    usageProjects: new Map(),
    zones: new Set(),
    declared: new Map(),
    deployment: new Map(),
    meetings: new Map(),
    commissionActs: firstLookAtDecisions(file),
    commissions: new Map(),
    notices: [],
  };
  for (const sheet of file.sheets) {
    const ids = context.declared.get(sheet.kind.key) ?? new Set<string>();
    for (const row of sheet.rows) if (row.cells.get('id') !== undefined) ids.add(String(row.cells.get('id')).trim());
    context.declared.set(sheet.kind.key, ids);
  }
  const steps: ImportStep[] = [];
  const rows: Record<string, number> = {};
  for (const kind of IMPORT_KINDS) {
    for (const sheet of file.sheets.filter((s) => s.kind.key === kind.key)) {
      rows[kind.key] = (rows[kind.key] ?? 0) + sheet.rows.length;
      const sheetSteps: ImportStep[] = [];
      for (const row of sheet.rows) {
        const values = readRow(context, sheet, row);
        if (!values) continue;
        const add = (mutation: string, as: ImportStep['as'], occurredOn: string, input: Record<string, unknown>) => {
          const commandId = importCommandId(file.hash, kind.key, row.row, sheetSteps.filter((s) => s.row === row.row).length);
          sheetSteps.push({
            kind: kind.key,
            sheet: sheet.name,
            row: row.row,
            commandId,
            mutation,
            as,
            occurredAt: `${occurredOn}T12:00:00.000Z`,
            input: { ...input, commandId },
            done: lookups.recorded(commandId),
            record: recordOf(input),
          });
        };
        RULES[kind.key](context, sheet, row, values, add);
      }
      if (kind.key === 'deployment') sheetSteps.push(...deploymentReports(context));
      if (kind.key === 'signatures') withAmendments(context, sheetSteps);
      if (kind.key === 'indicators')
        sheetSteps.sort(
          (a, b) =>
            String(a.input.projectId).localeCompare(String(b.input.projectId)) || String(a.input.asOf).localeCompare(String(b.input.asOf)) || a.row - b.row,
        );
      steps.push(...sheetSteps);
    }
    if (kind.key === 'progress') steps.push(...fulfilments(context));
    if (kind.key === 'regulator_figures') steps.push(...zoneChain(context));
    if (kind.key === 'votes_cast') steps.push(...meetingSteps(context));
  }
  waitForFollowUps(context, steps);
  return { batchId: batchIdOf(file.hash), fileName: file.fileName, fileHash: file.hash, steps, problems: context.problems, notices: context.notices, rows };
}

interface ImportedMeeting {
  sheet: string;
  row: number;
  date: CalendarDate;
  convenedOn: CalendarDate;
  input: Record<string, unknown>;
  memberIds: string[];
  itemIds: Set<string>;
  minutesHash?: string;
  minutesPublishedOn?: CalendarDate;
  attendance: { sheet: string; row: number; status: string; memberActorId: string; input: Record<string, unknown> }[];
  decisions: { sheet: string; row: number; itemId: string; input: Record<string, unknown>; recordedBy?: string }[];
}

const ATTENDANCE_ORDER = ['present', 'proxy', 'excused'];

/**
 * Each meeting's acts in the order the commission's deciders need them: convened, attendance
 * (members present before the proxies they hold), held, decisions, closed, minutes published. All
 * on the meeting's day (convened on its convocation day), by the importer as the service's admin.
 */
function meetingSteps(context: Context): ImportStep[] {
  const steps: ImportStep[] = [];
  checkVotes(context);
  for (const [meetingId, meeting] of context.meetings) {
    // One phase for every act of the meetings, one chain per commission: a meeting approves the minutes of an earlier one.
    const step = (
      kind: KindKey,
      sheet: string,
      row: number,
      index: number,
      mutation: string,
      on: CalendarDate,
      input: Record<string, unknown>,
      as: ImportStep['as'] = 'importer',
    ) =>
      steps.push(
        rowStep(context, {
          kind,
          sheet,
          row,
          index,
          mutation,
          on,
          input: { ...input, meetingId },
          as,
          record: `commission-${String(meeting.input.regionCode)}`,
          phase: 'meetings',
        }),
      );
    step('meetings', meeting.sheet, meeting.row, 0, 'conveneMeeting', meeting.convenedOn, meeting.input);
    const attendance = [...meeting.attendance].sort((a, b) => ATTENDANCE_ORDER.indexOf(a.status) - ATTENDANCE_ORDER.indexOf(b.status) || a.row - b.row);
    for (const a of attendance) step('attendance', a.sheet, a.row, 0, 'recordAttendance', meeting.date, a.input);
    step('meetings', meeting.sheet, meeting.row, 1, 'holdMeeting', meeting.date, {});
    for (const d of meeting.decisions) decisionSteps(context, meetingId, meeting, d, step);
    step('meetings', meeting.sheet, meeting.row, 2, 'closeMeeting', meeting.date, {});
    if (meeting.minutesHash !== undefined)
      step('meetings', meeting.sheet, meeting.row, 3, 'publishMinutes', meeting.minutesPublishedOn ?? meeting.date, { documentHash: meeting.minutesHash });
    for (const m of context.commissionActs.minutes.get(meetingId) ?? []) step('minutes', m.sheet, m.row, 0, 'publishMinutes', m.on, { documentHash: m.hash });
  }
  return steps;
}

/** "prefet-52 : p-prefet-52 ; cd-44 : p-cd-44, p-cd-44-bis" → members and the people who sit for them; a message when one does not read. */
function membersOf(text: string): { actorId: string; representatives: string[] }[] | string {
  const members: { actorId: string; representatives: string[] }[] = [];
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [actor = '', people = ''] = part.split(':').map((p) => p.trim());
    const representatives = people
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (!/^[a-z0-9][a-z0-9_.-]{0,62}$/.test(actor) || representatives.some((p) => !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(p))) {
      return `Membre « ${part} » : écrivez « acteur : personne, personne » (identifiants), les membres séparés par « ; ».`;
    }
    members.push({ actorId: actor, representatives });
  }
  if (members.length < 2) return 'Une commission a au moins deux membres (les deux co-présidents).';
  if (new Set(members.map((m) => m.actorId)).size !== members.length) return 'Un membre apparaît deux fois.';
  return members;
}

/** "44109 : 74200 : 31/12/2020 ; …" → the convention's calendar entries; a message when one does not read. */
function calendarOf(text: string, scope: readonly string[]): { communeCode: string; plannedPremises: number; plannedDate: string }[] | string {
  const entries: { communeCode: string; plannedPremises: number; plannedDate: string }[] = [];
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [code = '', premises = '', date = ''] = part.split(':').map((p) => p.trim());
    const plannedPremises = asInteger(premises);
    const plannedDate = asDate(date);
    if (!plannedPremises.ok || plannedPremises.value <= 0 || !plannedDate.ok)
      return `Entrée « ${part} » : écrivez « code INSEE : locaux prévus : date prévue » (par ex. 44109 : 74200 : 31/12/2020), les entrées séparées par « ; ».`;
    if (!scope.includes(code)) return `La commune ${code} du calendrier n’est pas dans les communes de la convention.`;
    if (entries.some((e) => e.communeCode === code)) return `La commune ${code} a deux entrées au calendrier.`;
    entries.push({ communeCode: code, plannedPremises: plannedPremises.value, plannedDate: plannedDate.value });
  }
  return entries;
}

/** "p1 : Bilan ; p2 : Programme" → agenda items; a message when an item does not read. */
function agendaOf(text: string): { itemId: string; title: string }[] | string {
  const items: { itemId: string; title: string }[] = [];
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const match = /^([a-z0-9][a-z0-9_.-]{0,62})\s*:\s*(\S.*)$/.exec(part);
    if (!match) return `Point « ${part} » : écrivez « clé : intitulé » (clé en minuscules, chiffres, - _ .), les points séparés par « ; ».`;
    items.push({ itemId: match[1], title: match[2] });
  }
  if (items.length === 0) return 'L’ordre du jour a au moins un point.';
  if (new Set(items.map((i) => i.itemId)).size !== items.length) return 'Une clé de point apparaît deux fois dans l’ordre du jour.';
  return items;
}

/** The meeting of an attendance or decision row: one of the file's (meetings already recorded are not reopened). */
function meetingOf(context: Context, sheet: RawSheet, row: RawRow, meetingId: string): ImportedMeeting | undefined {
  const meeting = context.meetings.get(meetingId);
  if (meeting) return meeting;
  const message = context.lookups.exists('meeting', meetingId)
    ? `La réunion « ${meetingId} » est déjà enregistrée et close : ses présences et décisions s’enregistrent avec elle, dans le même fichier que sa ligne de la feuille Réunions.`
    : unknown(context, 'meetings', meetingId, `La réunion « ${meetingId} » n’est pas dans la feuille Réunions.`);
  problem(context, sheet, row, 'meetingId', 'UNKNOWN_REFERENCE', message);
  return undefined;
}

interface DeploymentGroup {
  projectId: string;
  asOf: CalendarDate;
  source: string;
  sheet: string;
  rows: number[];
  communes: Map<string, number>;
  sums: Partial<Record<DeploymentFigure, number>>;
  /** How many rows gave each figure: a figure missing on some communes is not summed (it would understate). */
  given: Partial<Record<DeploymentFigure, number>>;
}

const DEPLOYMENT_FIGURES = ['ftthPremisesPlanned', 'ftthPremisesConnectable', 'ftthPremisesConnected'] as const;
type DeploymentFigure = (typeof DEPLOYMENT_FIGURES)[number];
const SOURCE_FR: Record<string, string> = { operator_data: 'données opérateur', regulator_data: 'données du régulateur' };

/** One indicator report per project, day and source: the sum over its communes of each figure every commune gave. */
function deploymentReports(context: Context): ImportStep[] {
  const groups = [...context.deployment.values()].sort(
    (a, b) => a.projectId.localeCompare(b.projectId) || a.asOf.localeCompare(b.asOf) || a.source.localeCompare(b.source),
  );
  const steps: ImportStep[] = [];
  for (const group of groups) {
    const complete = DEPLOYMENT_FIGURES.filter((figure) => group.given[figure] === group.rows.length);
    for (const figure of DEPLOYMENT_FIGURES.filter((f) => (group.given[f] ?? 0) > 0 && !complete.includes(f))) {
      context.notices.push({
        sheet: group.sheet,
        row: group.rows[0],
        code: 'PARTIAL_FIGURE',
        message: `${figure} du projet « ${group.projectId} » au ${frenchDate(group.asOf)} n’est pas enregistré : ${group.given[figure]} commune(s) sur ${group.rows.length} le donnent, la somme le sous-estimerait.`,
      });
    }
    if (complete.length === 0) continue;
    const commandId = derivedCommandId(`import:${context.file.hash}`, `deployment:${group.projectId}:${group.asOf}:${group.source}`);
    const figures = Object.fromEntries(complete.map((figure) => [figure, group.sums[figure]]));
    // Figures from another's file may be lower than the lead's declaration: the reason says where they come from.
    const reason = `Somme par commune des ${SOURCE_FR[group.source]} (${group.communes.size} commune(s)), fichier « ${context.file.fileName} ».`;
    steps.push({
      kind: 'deployment',
      sheet: group.sheet,
      row: group.rows[0],
      commandId,
      mutation: 'reportNetworkIndicators',
      as: 'importer',
      occurredAt: `${group.asOf}T12:00:00.000Z`,
      input: { projectId: group.projectId, asOf: group.asOf, figures, source: upper(group.source), reason, commandId },
      done: context.lookups.recorded(commandId),
      record: group.projectId,
    });
  }
  return steps;
}

/** The project a commune's figures count to: named in the row, else its RIP zone's, else the one project covering its département. */
function deploymentProject(context: Context, communeCode: string, asOf: CalendarDate, named: string | undefined): { projectId: string } | { notice: string } {
  if (named !== undefined) return { projectId: named };
  const byZone = context.lookups.zoneProject(communeCode, asOf);
  if (byZone !== undefined) return { projectId: byZone };
  const departement = context.lookups.departementOf(communeCode);
  const covering =
    departement === undefined
      ? []
      : [
          ...new Set([
            ...context.lookups.projectsCovering(departement),
            ...[...context.projects].filter(([, p]) => p.departements.includes(departement)).map(([id]) => id),
          ]),
        ].sort();
  if (covering.length === 1) return { projectId: covering[0] };
  if (covering.length === 0)
    return {
      notice: `La commune ${communeCode} n’est dans aucun projet réseau de la région (département ${departement ?? 'inconnu'}) : ses chiffres ne sont pas enregistrés.`,
    };
  return {
    notice: `La commune ${communeCode} est dans le département de plusieurs projets (${covering.join(', ')}) : indiquez le projet dans la colonne Projet, ou enregistrez la zone RIP de la commune. Ses chiffres ne sont pas enregistrés.`,
  };
}

interface OperatorSet {
  sheet: string;
  row: number;
  reference: string;
  operatorId: string;
  legalBasis: string;
  recordedOn: string;
  communes: { communeCode: string; premises: number; dueDate: string; commitmentId?: string }[];
}

interface RegulatorQuarter {
  sheet: string;
  row: number;
  quarter: string;
  source: string;
  publishedOn: string;
  recordedBy?: string;
  rows: { communeCode: string; connectable: number; premisesEstimate: number }[];
}

/** The zones chain is one record, so its steps run in order. */
const ZONES_CHAIN = 'commune-zones';

/** The index-th command of a row (its id from the file's hash, the row's kind and the row), at noon of its day; `phase`: the sheet it runs with, when not its own. */
function rowStep(
  context: Context,
  s: {
    kind: KindKey;
    sheet: string;
    row: number;
    index: number;
    mutation: string;
    on: string;
    input: Record<string, unknown>;
    as: ImportStep['as'];
    record: string;
    phase?: KindKey;
  },
): ImportStep {
  const commandId = importCommandId(context.file.hash, s.kind, s.row, s.index);
  return {
    kind: s.phase ?? s.kind,
    sheet: s.sheet,
    row: s.row,
    commandId,
    mutation: s.mutation,
    as: s.as,
    occurredAt: `${s.on}T12:00:00.000Z`,
    input: { ...s.input, commandId },
    done: context.lookups.recorded(commandId),
    record: s.record,
  };
}

/** Who records the regulator's figures: a national body, or the secretariat of a commission (SGAR). */
const recorderRole = (context: Context, actorId: string): Role =>
  actorKind(context, actorId) === 'national_body' ? 'national_body' : 'commission_secretariat';

/** The zones, commitment sets and quarters in the order of their days (stable: zones, then sets, then quarters on one day). */
function zoneChain(context: Context): ImportStep[] {
  for (const [setId, set] of context.operatorSets)
    context.zoneActs.push({
      on: set.recordedOn,
      step: rowStep(context, {
        kind: 'operator_commitments',
        sheet: set.sheet,
        row: set.row,
        index: 0,
        mutation: 'recordOperatorCommitments',
        on: set.recordedOn,
        input: { setId, reference: set.reference, operatorId: set.operatorId, legalBasis: upper(set.legalBasis), communes: set.communes },
        as: 'importer',
        record: ZONES_CHAIN,
      }),
    });
  for (const quarter of context.regulatorQuarters.values()) {
    const content = [
      'code_commune;locaux_raccordables;meilleure_estimation_des_locaux',
      ...quarter.rows.map((r) => `${r.communeCode};${r.connectable};${r.premisesEstimate}`),
    ].join('\n');
    context.zoneActs.push({
      on: quarter.publishedOn,
      step: rowStep(context, {
        kind: 'regulator_figures',
        sheet: quarter.sheet,
        row: quarter.row,
        index: 0,
        mutation: 'importRegulatorFigures',
        on: quarter.publishedOn,
        input: { fileName: quarter.source, content, quarter: quarter.quarter, commit: true },
        as: quarter.recordedBy === undefined ? 'importer' : { actorId: quarter.recordedBy, role: recorderRole(context, quarter.recordedBy) },
        record: ZONES_CHAIN,
      }),
    });
  }
  context.zoneActs.push(...operatorSetChangeActs(context));
  return context.zoneActs
    .map((act, index) => ({ act, index }))
    .sort((a, b) => a.act.on.localeCompare(b.act.on) || a.index - b.index)
    .map(({ act }) => act.step);
}

/** Amendments go before the first signature of their version (after the signatures that put the previous one in force). */
function withAmendments(context: Context, signatures: ImportStep[]): void {
  for (const amendment of context.amendments) {
    const first = signatures.findIndex((s) => s.input.documentHash === amendment.input.documentHash);
    signatures.splice(first === -1 ? signatures.length : first, 0, amendment);
  }
}

/** Fulfilments, breaches and withdrawals come after the progress reports (the second command of the commitment's row). */
function fulfilments(context: Context): ImportStep[] {
  return [...context.commitments].flatMap(([commitmentId, c]) => {
    const end =
      c.fulfilledOn !== undefined
        ? { mutation: 'fulfilCommitment', on: c.fulfilledOn, as: { actorId: c.committingActorId }, input: {} }
        : c.breach
          ? { mutation: 'declareCommitmentBreached', on: c.breach.on, as: 'importer' as const, input: { reason: c.breach.reason } }
          : c.withdrawal && {
              mutation: 'withdrawCommitment',
              on: c.withdrawal.on,
              as: { actorId: c.committingActorId },
              input: { reason: c.withdrawal.reason },
            };
    if (!end) return [];
    const commandId = importCommandId(context.file.hash, 'commitments', c.row, 1);
    return [
      {
        kind: 'commitments' as const,
        sheet: c.sheet,
        row: c.row,
        commandId,
        mutation: end.mutation,
        as: end.as,
        occurredAt: `${end.on}T12:00:00.000Z`,
        input: { ...end.input, commitmentId, commandId },
        done: context.lookups.recorded(commandId),
        record: commitmentId,
      },
    ];
  });
}

function recordOf(input: Record<string, unknown>): string {
  const id = [input.zoneId, input.projectId, input.commitmentId, input.conventionId, input.actorId].find((value) => typeof value === 'string');
  return typeof id === 'string' ? id : `commission-${scalarText(input.regionCode)}`;
}

type Add = (mutation: string, as: ImportStep['as'], occurredOn: string, input: Record<string, unknown>) => void;
type Rule = (context: Context, sheet: RawSheet, row: RawRow, values: Values, add: Add) => void;

function problem(context: Context, sheet: RawSheet, row: RawRow, key: string, code: string, message: string): void {
  const column = sheet.kind.columns.find((c) => c.key === key);
  const letter = sheet.letters.get(key);
  context.problems.push({
    sheet: sheet.name,
    row: row.row,
    column: sheet.headers.get(key) ?? column?.fr ?? key,
    cell: letter ? `${letter}${row.row}` : undefined,
    code,
    message,
  });
}

/** Every cell parsed by its column's type; undefined when one of them is wrong (each reported). */
function readRow(context: Context, sheet: RawSheet, row: RawRow): Values | undefined {
  const values: Values = {};
  let valid = true;
  for (const column of sheet.kind.columns) {
    const raw = row.cells.get(column.key);
    if (raw === undefined) {
      if (column.required) {
        problem(context, sheet, row, column.key, 'REQUIRED', `La colonne « ${column.fr} » est obligatoire.`);
        valid = false;
      }
      continue;
    }
    const parsed = parseCell(context, column, raw);
    if (!parsed.ok) {
      problem(context, sheet, row, column.key, codeOf(column), parsed.message);
      valid = false;
    } else values[column.key] = parsed.value;
  }
  return valid ? values : undefined;
}

function codeOf(column: Column): string {
  switch (column.type.kind) {
    case 'date':
      return 'INVALID_DATE';
    case 'number':
    case 'integer':
      return 'INVALID_NUMBER';
    case 'enum':
    case 'enums':
      return 'INVALID_VALUE';
    case 'commune':
    case 'communes':
    case 'departements':
    case 'territories':
      return 'UNKNOWN_CODE';
    case 'quarter':
      return 'INVALID_DATE';
    default:
      return 'INVALID_TEXT';
  }
}

function parseCell(context: Context, column: Column, raw: Parameters<typeof asText>[0]): Parsed<unknown> {
  const type = column.type;
  switch (type.kind) {
    case 'id':
      return asId(raw);
    case 'text':
      return asText(raw, type.max);
    case 'hash': {
      const text = String(raw).trim().toLowerCase();
      return /^[0-9a-f]{64}$/.test(text)
        ? { ok: true, value: text }
        : { ok: false, message: 'Une empreinte SHA-256 s’écrit avec 64 caractères hexadécimaux (0-9, a-f).' };
    }
    case 'date': {
      const date = asDate(raw);
      if (date.ok && !column.future && date.value > context.lookups.today)
        return { ok: false, message: `Le ${frenchDate(date.value)} est dans le futur : l’import ne reprend que des actes passés.` };
      return date;
    }
    case 'number':
      return asNumber(raw);
    case 'integer':
      return asInteger(raw);
    case 'enum':
      return asEnum(raw, type.values, type.labels);
    case 'enums': {
      const out: string[] = [];
      for (const item of asList(raw)) {
        const value = asEnum(item, type.values, type.labels);
        if (!value.ok) return value;
        out.push(value.value);
      }
      return { ok: true, value: out };
    }
    case 'ids': {
      const out: string[] = [];
      for (const item of asList(raw)) {
        const id = asId(item);
        if (!id.ok) return id;
        out.push(id.value);
      }
      return { ok: true, value: out };
    }
    case 'commune': {
      // Excel drops the leading zero of 01001 when the column is numeric.
      const code = String(raw).trim().toUpperCase().padStart(5, '0');
      const messages = context.lookups.invalidTerritories([{ kind: 'commune', code }]);
      return messages.length > 0 ? { ok: false, message: frenchCodeMessage(messages) } : { ok: true, value: code };
    }
    case 'quarter': {
      const quarter = quarterOf(String(raw));
      return quarter
        ? { ok: true, value: quarter }
        : { ok: false, message: `« ${String(raw).trim()} » n’est pas un trimestre : écrivez 2024-T3, T3 2024 ou 2024-Q3.` };
    }
    case 'communes':
    case 'departements': {
      const territoryKind = type.kind === 'communes' ? 'commune' : 'departement';
      const codes = asList(raw).map((code) => code.toUpperCase());
      const messages = context.lookups.invalidTerritories(codes.map((code) => ({ kind: territoryKind, code })));
      return messages.length > 0 ? { ok: false, message: frenchCodeMessage(messages) } : { ok: true, value: codes };
    }
    case 'territories': {
      const refs = asTerritories(raw);
      if (!refs.ok) return refs;
      const messages = context.lookups.invalidTerritories(refs.value);
      return messages.length > 0 ? { ok: false, message: frenchCodeMessage(messages) } : refs;
    }
  }
}

function frenchCodeMessage(messages: string[]): string {
  return `Code officiel inconnu (COG INSEE) : ${messages.join(' ; ')}.`;
}

export function frenchDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

const upper = (value: unknown) => String(value).toUpperCase();
const territoryInput = (refs: unknown) => (refs as { kind: string; code: string }[]).map((ref) => ({ kind: upper(ref.kind), code: ref.code }));

/** A row's first command already recorded: it was imported by an earlier run of this same file. */
function importedBefore(context: Context, kind: KindKey, row: RawRow): boolean {
  return context.lookups.recorded(importCommandId(context.file.hash, kind, row.row, 0));
}

function checkNewId(context: Context, sheet: RawSheet, row: RawRow, id: string, inFile: boolean, existsInLog: boolean, what: string): boolean {
  if (inFile) {
    problem(context, sheet, row, 'id', 'DUPLICATE_ID', `L’identifiant « ${id} » est déjà utilisé par une autre ligne de cette feuille.`);
    return false;
  }
  if (existsInLog && !importedBefore(context, sheet.kind.key, row)) {
    problem(
      context,
      sheet,
      row,
      'id',
      'DUPLICATE_ID',
      `${what} « ${id} » existe déjà dans le registre : choisissez un autre identifiant, ou retirez la ligne.`,
    );
    return false;
  }
  return true;
}

/** The message for a reference to nothing, unless the id is in the file on a row that has a problem. */
function unknown(context: Context, kind: KindKey, id: string, message: string): string {
  if (!context.declared.get(kind)?.has(id)) return message;
  const sheet = IMPORT_KINDS.find((k) => k.key === kind)!.fr;
  return `« ${id} » est dans la feuille ${sheet}, mais sa ligne a un problème (signalé plus haut) : corrigez-la d’abord.`;
}

function actorKind(context: Context, id: string): string | undefined {
  return context.actors.get(id)?.kind ?? context.lookups.actor(id)?.kind;
}

function checkActor(context: Context, sheet: RawSheet, row: RawRow, key: string, id: string): boolean {
  if (actorKind(context, id) !== undefined) return true;
  problem(
    context,
    sheet,
    row,
    key,
    'UNKNOWN_REFERENCE',
    unknown(context, 'actors', id, `L’acteur « ${id} » n’existe ni dans la feuille Acteurs ni dans le registre.`),
  );
  return false;
}

/** A network project of the file or of the registry; reported at the cell otherwise. */
function checkNetworkProject(context: Context, sheet: RawSheet, row: RawRow, key: string, projectId: string): boolean {
  if (context.projects.has(projectId) || context.lookups.exists('network_project', projectId)) return true;
  problem(
    context,
    sheet,
    row,
    key,
    'UNKNOWN_REFERENCE',
    unknown(context, 'network_projects', projectId, `Le projet « ${projectId} » n’existe ni dans la feuille Projets réseau ni dans le registre.`),
  );
  return false;
}

/** The amendment of a row, placed by withAmendments before the first signature of its version. */
function amendmentStep(context: Context, sheet: RawSheet, row: RawRow, v: Values): void {
  const conventionId = v.conventionId as string;
  context.amendments.push(
    rowStep(context, {
      kind: 'amendments',
      sheet: sheet.name,
      row: row.row,
      index: 0,
      mutation: 'amendConvention',
      on: v.proposedOn as string,
      input: { conventionId, documentHash: v.documentHash, summary: v.summary, proposedOn: v.proposedOn },
      as: { actorId: v.proposedBy as string },
      record: conventionId,
    }),
  );
}

function unknownConvention(context: Context, sheet: RawSheet, row: RawRow, conventionId: string): void {
  const message = `La convention « ${conventionId} » n’existe ni dans la feuille Conventions ni dans le registre.`;
  problem(context, sheet, row, 'conventionId', 'UNKNOWN_REFERENCE', unknown(context, 'conventions', conventionId, message));
}

/** What any amendment must be: a new document, proposed by a party, not before the convention was drafted. */
function checkAmendment(
  context: Context,
  sheet: RawSheet,
  row: RawRow,
  v: Values,
  convention: { versions: readonly string[]; parties: readonly string[]; draftedOn: string },
): boolean {
  const by = v.proposedBy as string;
  if (convention.versions.includes(v.documentHash as string))
    problem(context, sheet, row, 'documentHash', 'DUPLICATE_ID', 'Cette empreinte est déjà celle d’une version de la convention.');
  else if (!convention.parties.includes(by))
    problem(context, sheet, row, 'proposedBy', 'UNKNOWN_REFERENCE', `« ${by} » n’est pas partie à la convention (parties : ${convention.parties.join(', ')}).`);
  else if ((v.proposedOn as string) < convention.draftedOn)
    problem(context, sheet, row, 'proposedOn', 'INVALID_DATE', `Avenant antérieur à la rédaction de la convention (le ${frenchDate(convention.draftedOn)}).`);
  else return true;
  return false;
}

/**
 * An amendment of a convention already in the registry (not in the file's Conventions sheet): it
 * must be in force, the proposer one of its parties, the document a new one. A row an earlier run
 * of this same file recorded passes again (the re-run skips it).
 */
function amendRecorded(context: Context, sheet: RawSheet, row: RawRow, v: Values): void {
  const conventionId = v.conventionId as string;
  const recorded = context.lookups.recordedConvention(conventionId);
  if (!recorded) return unknownConvention(context, sheet, row, conventionId);
  const again = importedBefore(context, 'amendments', row);
  const amended = context.amendedRecorded.get(conventionId) ?? [];
  if (amended.length > 0)
    return problem(
      context,
      sheet,
      row,
      'conventionId',
      'INVALID_VALUE',
      `La convention « ${conventionId} » a déjà un avenant dans ce fichier : un avenant attend d’être signé avant le suivant (importez le suivant ensuite).`,
    );
  if (!again && recorded.status !== 'in_force')
    return problem(
      context,
      sheet,
      row,
      'conventionId',
      'INVALID_VALUE',
      recorded.status === 'amendment_pending'
        ? `Un avenant de la convention « ${conventionId} » attend déjà ses signatures dans le registre.`
        : `Seule une convention en vigueur peut être modifiée par avenant ; « ${conventionId} » ne l’est pas.`,
    );
  // A re-run finds its own amendment among the versions: it passes again (and is skipped).
  const versions = again ? [] : recorded.hashes;
  if (!checkAmendment(context, sheet, row, v, { versions, parties: recorded.partyIds, draftedOn: recorded.draftedOn })) return;
  context.amendedRecorded.set(conventionId, [v.documentHash as string]);
  amendmentStep(context, sheet, row, v);
}

const RULES: Record<KindKey, Rule> = {
  actors(context, sheet, row, v, add) {
    const id = v.id as string;
    if (!checkNewId(context, sheet, row, id, context.actors.has(id), context.lookups.actor(id) !== undefined, 'L’acteur')) return;
    const kind = v.kind as string;
    if ((kind === 'epci' || kind === 'commune') && v.siren === undefined)
      return problem(context, sheet, row, 'siren', 'REQUIRED', 'Le SIREN est obligatoire pour un EPCI ou une commune.');
    context.actors.set(id, { kind });
    add('registerActor', 'importer', v.registeredOn as string, {
      actorId: id,
      kind: upper(kind),
      name: v.name,
      territories: territoryInput(v.territories ?? []),
      ...(v.siren !== undefined ? { siren: scalarText(v.siren) } : {}),
    });
  },

  commissions(context, sheet, row, v, add) {
    const regionCode = String(v.region).padStart(2, '0');
    if (context.lookups.invalidTerritories([{ kind: 'region', code: regionCode }]).length > 0)
      return problem(context, sheet, row, 'region', 'UNKNOWN_CODE', `Région « ${String(v.region)} » inconnue (code COG, par ex. 52).`);
    if (context.commissions.has(regionCode))
      return problem(context, sheet, row, 'region', 'DUPLICATE_ID', `La commission de la région ${regionCode} est déjà sur une autre ligne.`);
    if (context.lookups.commission(regionCode) && !importedBefore(context, 'commissions', row))
      return problem(
        context,
        sheet,
        row,
        'region',
        'DUPLICATE_ID',
        `La commission de la région ${regionCode} est déjà constituée dans le registre : retirez la ligne.`,
      );
    const members = membersOf(v.members as string);
    if (typeof members === 'string') return problem(context, sheet, row, 'members', 'INVALID_VALUE', members);
    const memberIds = members.map((m) => m.actorId);
    for (const key of ['prefectActorId', 'regionActorId', 'secretariatActorId'] as const) if (!checkActor(context, sheet, row, key, v[key] as string)) return;
    for (const id of memberIds) if (!checkActor(context, sheet, row, 'members', id)) return;
    for (const key of ['prefectActorId', 'regionActorId'] as const) {
      if (!memberIds.includes(v[key] as string))
        return problem(context, sheet, row, 'members', 'INVALID_VALUE', `Le co-président « ${String(v[key])} » siège aussi : ajoutez-le aux membres.`);
    }
    const vote = v.mode === 'vote';
    const quorumShare = v.quorumShare as number | undefined;
    if (vote && (quorumShare === undefined || quorumShare <= 0 || quorumShare > 1))
      return problem(
        context,
        sheet,
        row,
        'quorumShare',
        quorumShare === undefined ? 'REQUIRED' : 'INVALID_NUMBER',
        'Une commission qui vote a un quorum : une part entre 0 et 1 (0,5 pour la moitié).',
      );
    if (!vote && (quorumShare !== undefined || v.majority !== undefined))
      return problem(
        context,
        sheet,
        row,
        quorumShare !== undefined ? 'quorumShare' : 'majority',
        'INVALID_VALUE',
        'Quorum et majorité ne valent que pour une commission qui vote.',
      );
    context.commissions.set(regionCode, {
      memberIds,
      mode: vote ? 'vote' : 'consensus',
      rules: vote ? { mode: 'vote', quorumShare: quorumShare!, majority: (v.majority ?? 'simple') as MajorityKind } : { mode: 'consensus' },
    });
    add('constituteCommission', 'importer', v.constitutedOn as string, {
      regionCode,
      prefectActorId: v.prefectActorId,
      regionActorId: v.regionActorId,
      secretariatActorId: v.secretariatActorId,
      members,
      rules: vote ? { mode: 'VOTE', quorumShare, majority: upper(v.majority ?? 'simple') } : { mode: 'CONSENSUS' },
    });
  },

  conventions(context, sheet, row, v, add) {
    const id = v.id as string;
    if (!checkNewId(context, sheet, row, id, context.conventions.has(id), context.lookups.exists('convention', id), 'La convention')) return;
    const parties = v.parties as string[];
    if (parties.length < 2) return problem(context, sheet, row, 'parties', 'INVALID_VALUE', 'Une convention a au moins deux parties.');
    if (new Set(parties).size !== parties.length) return problem(context, sheet, row, 'parties', 'INVALID_VALUE', 'Une partie est citée deux fois.');
    const missing = parties.filter((party) => actorKind(context, party) === undefined);
    if (missing.length > 0)
      return problem(
        context,
        sheet,
        row,
        'parties',
        'UNKNOWN_REFERENCE',
        missing.map((party) => unknown(context, 'actors', party, `Partie inconnue : ${party} (ni dans la feuille Acteurs ni dans le registre).`)).join(' '),
      );
    if (v.endsOn !== undefined && (v.endsOn as string) <= (v.draftedOn as string))
      return problem(context, sheet, row, 'endsOn', 'INVALID_DATE', 'La date de fin doit suivre la date de rédaction.');
    const calendar = v.calendar === undefined ? [] : calendarOf(v.calendar as string, (v.scope as string[] | undefined) ?? []);
    if (typeof calendar === 'string') return problem(context, sheet, row, 'calendar', 'INVALID_VALUE', calendar);
    context.conventions.set(id, { hash: v.documentHash as string, parties, draftedOn: v.draftedOn as string, signed: new Set(), amendments: new Map() });
    add('draftConvention', { actorId: parties[0] }, v.draftedOn as string, {
      conventionId: id,
      kind: upper(v.kind),
      title: v.title,
      parties: parties.map((actorId) => ({ actorId, signaturesRequired: 1 })),
      documentHash: v.documentHash,
      scope: v.scope ?? [],
      ...(calendar.length > 0 ? { calendar } : {}),
      ...(v.endsOn !== undefined ? { endsOn: v.endsOn } : {}),
    });
  },

  amendments(context, sheet, row, v) {
    const conventionId = v.conventionId as string;
    const convention = context.conventions.get(conventionId);
    if (!convention) return amendRecorded(context, sheet, row, v);
    const versions = [convention.hash, ...convention.amendments.keys()];
    if (!checkAmendment(context, sheet, row, v, { versions, parties: convention.parties, draftedOn: convention.draftedOn })) return;
    convention.amendments.set(v.documentHash as string, { proposedOn: v.proposedOn as string });
    amendmentStep(context, sheet, row, v);
  },

  signatures(context, sheet, row, v, add) {
    const conventionId = v.conventionId as string;
    const partyId = v.partyId as string;
    const inFile = context.conventions.get(conventionId);
    const existing = inFile ? undefined : context.lookups.convention(conventionId);
    if (!inFile && !existing) return unknownConvention(context, sheet, row, conventionId);
    const parties = inFile?.parties ?? existing!.partyIds;
    if (!parties.includes(partyId))
      return problem(
        context,
        sheet,
        row,
        'partyId',
        'UNKNOWN_REFERENCE',
        `« ${partyId} » n’est pas partie à la convention « ${conventionId} » (parties : ${parties.join(', ')}).`,
      );
    const documentHash = (v.documentHash as string | undefined) ?? inFile?.hash ?? context.amendedRecorded.get(conventionId)?.at(-1) ?? existing!.awaitingHash;
    if (!documentHash)
      return problem(context, sheet, row, 'documentHash', 'REQUIRED', 'Donnez l’empreinte de la version signée : la convention n’attend pas de signature.');
    if (inFile) {
      const amendment = inFile.amendments.get(documentHash);
      if (documentHash !== inFile.hash && !amendment)
        return problem(
          context,
          sheet,
          row,
          'documentHash',
          'UNKNOWN_REFERENCE',
          'Cette empreinte n’est ni celle de la convention (feuille Conventions) ni celle d’un de ses avenants (feuille Avenants).',
        );
      if (inFile.signed.has(`${documentHash}|${partyId}`))
        return problem(context, sheet, row, 'partyId', 'DUPLICATE_ID', `« ${partyId} » a déjà signé cette version de la convention sur une autre ligne.`);
      const from = amendment?.proposedOn ?? inFile.draftedOn;
      if ((v.signedOn as string) < from)
        return problem(
          context,
          sheet,
          row,
          'signedOn',
          'INVALID_DATE',
          `Signée avant d’être ${amendment ? 'proposée (avenant du' : 'rédigée (le'} ${frenchDate(from)}).`,
        );
      inFile.signed.add(`${documentHash}|${partyId}`);
    }
    const local = LOCAL_AUTHORITY_KINDS.includes(actorKind(context, partyId) ?? '');
    if (local && (v.resolutionNumber === undefined || v.resolutionDate === undefined)) {
      return problem(
        context,
        sheet,
        row,
        v.resolutionNumber === undefined ? 'resolutionNumber' : 'resolutionDate',
        'REQUIRED',
        'Une collectivité signe en vertu d’une délibération : donnez son numéro et sa date.',
      );
    }
    if (v.resolutionDate !== undefined && (v.resolutionDate as string) > (v.signedOn as string))
      return problem(context, sheet, row, 'resolutionDate', 'INVALID_DATE', 'La délibération doit précéder la signature.');
    add('signConvention', { actorId: partyId }, v.signedOn as string, {
      conventionId,
      documentHash,
      signatory: { personId: v.signatoryId, title: v.signatoryTitle },
      place: v.place,
      signedOn: v.signedOn,
      ...(v.resolutionNumber !== undefined ? { councilResolution: { number: v.resolutionNumber, date: v.resolutionDate } } : {}),
    });
  },

  commitments(context, sheet, row, v, add) {
    const id = v.id as string;
    const existsInLog = context.lookups.exists('commitment', id) && !requestedBefore(context, id);
    if (!checkNewId(context, sheet, row, id, context.commitments.has(id), existsInLog, 'L’engagement')) return;
    const actorId = v.actorId as string;
    if (!checkActor(context, sheet, row, 'actorId', actorId)) return;
    const quantity = v.quantity as number;
    if (quantity <= 0 || (v.unit === 'percent' && quantity > 100))
      return problem(context, sheet, row, 'quantity', 'INVALID_NUMBER', 'La cible doit être positive (et au plus 100 pour un pourcentage).');
    if ((v.dueDate as string) <= (v.madeOn as string))
      return problem(context, sheet, row, 'dueDate', 'INVALID_DATE', 'L’échéance doit suivre la date de l’engagement.');
    if (v.fulfilledOn !== undefined && (v.fulfilledOn as string) < (v.madeOn as string))
      return problem(context, sheet, row, 'fulfilledOn', 'INVALID_DATE', 'Tenu avant d’avoir été pris ?');
    if ((v.breachedOn === undefined) !== (v.breachReason === undefined))
      return problem(
        context,
        sheet,
        row,
        v.breachedOn === undefined ? 'breachedOn' : 'breachReason',
        'REQUIRED',
        'La date du constat de non-respect et son motif vont ensemble.',
      );
    if (v.breachedOn !== undefined && v.fulfilledOn !== undefined)
      return problem(context, sheet, row, 'breachedOn', 'INVALID_VALUE', 'Un engagement est tenu ou non respecté, pas les deux.');
    if (v.breachedOn !== undefined && (v.breachedOn as string) < (v.madeOn as string))
      return problem(context, sheet, row, 'breachedOn', 'INVALID_DATE', 'Non-respect constaté avant que l’engagement soit pris.');
    if ((v.withdrawnOn === undefined) !== (v.withdrawalReason === undefined))
      return problem(
        context,
        sheet,
        row,
        v.withdrawnOn === undefined ? 'withdrawnOn' : 'withdrawalReason',
        'REQUIRED',
        'La date du retrait et son motif vont ensemble.',
      );
    if (v.withdrawnOn !== undefined && (v.breachedOn !== undefined || v.fulfilledOn !== undefined))
      return problem(context, sheet, row, 'withdrawnOn', 'INVALID_VALUE', 'Un engagement retiré n’est ni tenu ni non respecté.');
    if (v.withdrawnOn !== undefined && (v.withdrawnOn as string) < (v.madeOn as string))
      return problem(context, sheet, row, 'withdrawnOn', 'INVALID_DATE', 'Retiré avant d’avoir été pris ?');
    const breach = v.breachedOn === undefined ? undefined : { on: v.breachedOn as string, reason: v.breachReason as string };
    const withdrawal = v.withdrawnOn === undefined ? undefined : { on: v.withdrawnOn as string, reason: v.withdrawalReason as string };
    context.commitments.set(id, {
      committingActorId: actorId,
      madeOn: v.madeOn as string,
      fulfilledOn: v.fulfilledOn as string | undefined,
      breach,
      withdrawal,
      row: row.row,
      sheet: sheet.name,
    });
    // A commitment an action request of the file creates: the commission's follow-up makes it.
    if (isRequested(context, sheet, row, id, v)) return;
    add('makeCommitment', 'importer', v.madeOn as string, {
      commitmentId: id,
      committingActorId: actorId,
      subject: upper(v.subject),
      title: v.title,
      target: { quantity, unit: upper(v.unit) },
      territories: territoryInput(v.territories),
      dueDate: v.dueDate,
    });
  },

  progress(context, sheet, row, v, add) {
    const commitmentId = v.commitmentId as string;
    const commitment = context.commitments.get(commitmentId) ?? context.lookups.commitment(commitmentId) ?? requestedCommitment(context, commitmentId);
    if (!commitment)
      return problem(
        context,
        sheet,
        row,
        'commitmentId',
        'UNKNOWN_REFERENCE',
        unknown(context, 'commitments', commitmentId, `L’engagement « ${commitmentId} » n’existe ni dans la feuille Engagements ni dans le registre.`),
      );
    if ((v.value as number) < 0) return problem(context, sheet, row, 'value', 'INVALID_NUMBER', 'La valeur ne peut pas être négative.');
    const madeOn = 'madeOn' in commitment ? (commitment.madeOn as string) : undefined;
    if (madeOn && (v.asOf as string) < madeOn)
      return problem(context, sheet, row, 'asOf', 'INVALID_DATE', `Mesure antérieure à l’engagement (pris le ${frenchDate(madeOn)}).`);
    const declared = v.source === 'declared';
    if (v.reportedOn !== undefined && (v.reportedOn as string) < (v.asOf as string))
      return problem(context, sheet, row, 'reportedOn', 'INVALID_DATE', 'Déclaré avant la date de la mesure ?');
    add(
      'reportCommitmentProgress',
      declared ? { actorId: commitment.committingActorId } : 'importer',
      (v.reportedOn as string | undefined) ?? (v.asOf as string),
      {
        commitmentId,
        value: v.value,
        asOf: v.asOf,
        source: upper(v.source),
        ...(v.note !== undefined ? { note: v.note } : {}),
      },
    );
  },

  network_projects(context, sheet, row, v, add) {
    const id = v.id as string;
    if (!checkNewId(context, sheet, row, id, context.projects.has(id), context.lookups.exists('network_project', id), 'Le projet')) return;
    const lead = v.leadActorId as string;
    if (!checkActor(context, sheet, row, 'leadActorId', lead)) return;
    if (!(LEAD_ACTOR_KINDS as readonly string[]).includes(actorKind(context, lead)!))
      return problem(
        context,
        sheet,
        row,
        'leadActorId',
        'INVALID_VALUE',
        `« ${lead} » ne peut pas porter un réseau d’initiative publique : il faut un département, un syndicat mixte ou la région.`,
      );
    const contract = v.procurementModel !== undefined || v.delegateOperatorId !== undefined;
    if (contract !== (v.contractChosenOn !== undefined))
      return problem(
        context,
        sheet,
        row,
        contract ? 'contractChosenOn' : 'procurementModel',
        'REQUIRED',
        'Le choix du contrat (mode de gestion ou délégataire) et sa date vont ensemble.',
      );
    if (v.delegateOperatorId !== undefined && !checkActor(context, sheet, row, 'delegateOperatorId', v.delegateOperatorId as string)) return;
    if (contract && (v.contractChosenOn as string) < (v.registeredOn as string))
      return problem(context, sheet, row, 'contractChosenOn', 'INVALID_DATE', 'Contrat choisi avant l’enregistrement du projet.');
    context.projects.set(id, { registeredOn: v.registeredOn as string, leadActorId: lead, departements: v.departements as string[] });
    add('registerNetworkProject', 'importer', v.registeredOn as string, {
      projectId: id,
      name: v.name,
      leadActorId: lead,
      departementCodes: v.departements,
      technologies: (v.technologies as string[]).map(upper),
    });
    if (contract) {
      add('chooseNetworkProjectContract', 'importer', v.contractChosenOn as string, {
        projectId: id,
        ...(v.procurementModel !== undefined ? { procurementModel: upper(v.procurementModel) } : {}),
        ...(v.delegateOperatorId !== undefined ? { delegateOperatorId: v.delegateOperatorId } : {}),
      });
    }
  },

  financing(context, sheet, row, v, add) {
    const projectId = v.projectId as string;
    if (!checkNetworkProject(context, sheet, row, 'projectId', projectId)) return;
    const split = Object.fromEntries(FUNDERS.map((funder) => [funder, (v[funder] as number | undefined) ?? 0]));
    const sum = Object.values(split).reduce((a, b) => a + b, 0);
    if (sum !== v.totalCost)
      return problem(context, sheet, row, 'totalCost', 'INVALID_NUMBER', `La somme des financeurs (${sum}) n’est pas le coût total (${String(v.totalCost)}).`);
    const committed = (v.stateAidCommitted as number | undefined) ?? 0;
    const paid = (v.stateAidPaid as number | undefined) ?? 0;
    if (paid > committed) return problem(context, sheet, row, 'stateAidPaid', 'INVALID_NUMBER', 'Aide versée supérieure à l’aide engagée.');
    if (v.reportedOn !== undefined && (v.reportedOn as string) < (v.asOf as string))
      return problem(context, sheet, row, 'reportedOn', 'INVALID_DATE', 'Déclarée avant la date de l’estimation ?');
    add('reviseNetworkFinancing', 'importer', (v.reportedOn as string | undefined) ?? (v.asOf as string), {
      projectId,
      asOf: v.asOf,
      totalCost: v.totalCost,
      split,
      stateAidCommitted: committed,
      stateAidPaid: paid,
      ...(v.reason !== undefined ? { reason: v.reason } : {}),
    });
  },

  usage_projects(context, sheet, row, v, add) {
    const id = v.id as string;
    if (!checkNewId(context, sheet, row, id, context.usageProjects.has(id), context.lookups.exists('usage_project', id), 'Le projet d’usage')) return;
    const carrying = v.carryingActorId as string;
    if (!checkActor(context, sheet, row, 'carryingActorId', carrying)) return;
    const partners = (v.partnerIds as string[] | undefined) ?? [];
    for (const partner of partners) if (!checkActor(context, sheet, row, 'partnerIds', partner)) return;
    if (partners.includes(carrying)) return problem(context, sheet, row, 'partnerIds', 'INVALID_VALUE', 'Le porteur n’est pas son propre partenaire.');
    context.usageProjects.set(id, { registeredOn: v.registeredOn as string });
    add('registerUsageProject', { actorId: carrying }, v.registeredOn as string, {
      projectId: id,
      title: v.title,
      domain: upper(v.domain),
      priorityLevel: upper(v.priorityLevel),
      innovativeTerritory: v.innovativeTerritory === 'yes',
      ...(v.nationalCallReference !== undefined ? { nationalCallReference: v.nationalCallReference } : {}),
      carryingActorId: carrying,
      partnerIds: partners,
      territories: territoryInput(v.territories),
    });
  },

  milestones(context, sheet, row, v, add) {
    const projectId = v.projectId as string;
    const usage = v.projectKind === 'usage';
    const project = usage ? context.usageProjects.get(projectId) : context.projects.get(projectId);
    if (!project && !context.lookups.exists(usage ? 'usage_project' : 'network_project', projectId)) {
      return problem(
        context,
        sheet,
        row,
        'projectId',
        'UNKNOWN_REFERENCE',
        usage
          ? unknown(context, 'usage_projects', projectId, `Le projet d’usage « ${projectId} » n’existe ni dans la feuille Projets d’usage ni dans le registre.`)
          : unknown(
              context,
              'network_projects',
              projectId,
              `Le projet « ${projectId} » n’existe ni dans la feuille Projets réseau ni dans le registre (pour un projet d’usage, indiquez Usage dans la colonne Type de projet).`,
            ),
      );
    }
    const key = v.key as string;
    const sequence = usage ? STANDARD_USAGE_MILESTONES : STANDARD_RIP_MILESTONES;
    if (!sequence.some((m) => m.key === key))
      return problem(context, sheet, row, 'key', 'INVALID_VALUE', `Jalon « ${key} » inconnu ; jalons possibles : ${sequence.map((m) => m.key).join(', ')}.`);
    const known = project?.registeredOn;
    const base = { projectKind: usage ? 'USAGE' : 'NETWORK', projectId, key };
    if (v.droppedReason !== undefined) {
      if (v.plannedOn !== undefined || v.achievedOn !== undefined)
        return problem(context, sheet, row, 'droppedReason', 'INVALID_VALUE', 'Un jalon abandonné n’a ni date prévue ni date de réalisation.');
      return add('dropMilestone', 'importer', known ?? context.lookups.today, { ...base, reason: v.droppedReason });
    }
    if (v.plannedOn === undefined && v.achievedOn === undefined)
      return problem(context, sheet, row, 'plannedOn', 'REQUIRED', 'Donnez une date prévue, une date de réalisation ou un motif d’abandon.');
    if (v.rescheduledOn !== undefined && v.rescheduledTo === undefined)
      return problem(context, sheet, row, 'rescheduledOn', 'INVALID_VALUE', 'Une date de replanification va avec la date replanifiée.');
    if (v.rescheduledOn !== undefined && known && (v.rescheduledOn as string) < known)
      return problem(context, sheet, row, 'rescheduledOn', 'INVALID_DATE', `Replanifié avant l’enregistrement du projet (le ${frenchDate(known)}).`);
    if (v.rescheduledTo !== undefined && (v.plannedOn === undefined || v.rescheduleReason === undefined)) {
      return problem(
        context,
        sheet,
        row,
        v.plannedOn === undefined ? 'plannedOn' : 'rescheduleReason',
        'REQUIRED',
        'Une replanification demande la date prévue d’origine et le motif.',
      );
    }
    if (v.achievedOn !== undefined) {
      if (v.evidenceHash === undefined)
        return problem(context, sheet, row, 'evidenceHash', 'REQUIRED', 'Une réalisation est prouvée par une pièce : donnez son empreinte SHA-256.');
      if (known && (v.achievedOn as string) < known)
        return problem(context, sheet, row, 'achievedOn', 'INVALID_DATE', `Réalisé avant l’enregistrement du projet (le ${frenchDate(known)}).`);
    }
    if (v.plannedOn !== undefined)
      add('planMilestone', 'importer', known ?? minDate(v.plannedOn as string, context.lookups.today), { ...base, date: v.plannedOn });
    if (v.rescheduledTo !== undefined) {
      // Known to slip at the latest on the day first planned (or today, when that is still ahead).
      add('rescheduleMilestone', 'importer', (v.rescheduledOn as string | undefined) ?? minDate(v.plannedOn as string, context.lookups.today), {
        ...base,
        date: v.rescheduledTo,
        reason: v.rescheduleReason,
      });
    }
    if (v.achievedOn !== undefined)
      add('achieveMilestone', 'importer', v.achievedOn as string, { ...base, achievedOn: v.achievedOn, evidenceHash: v.evidenceHash });
  },

  indicators(context, sheet, row, v, add) {
    const projectId = v.projectId as string;
    const project = context.projects.get(projectId);
    if (!checkNetworkProject(context, sheet, row, 'projectId', projectId)) return;
    if (project && (v.asOf as string) < project.registeredOn)
      return problem(context, sheet, row, 'asOf', 'INVALID_DATE', `Chiffres antérieurs à l’enregistrement du projet (le ${frenchDate(project.registeredOn)}).`);
    const figures = Object.fromEntries(INDICATORS.filter((key) => v[key] !== undefined).map((key) => [key, v[key]]));
    if (Object.keys(figures).length === 0) return problem(context, sheet, row, 'ftthPremisesPlanned', 'REQUIRED', 'Aucun chiffre sur cette ligne.');
    if (v.reportedOn !== undefined && (v.reportedOn as string) < (v.asOf as string))
      return problem(context, sheet, row, 'reportedOn', 'INVALID_DATE', 'Déclaré avant la date des chiffres ?');
    add('reportNetworkIndicators', 'importer', (v.reportedOn as string | undefined) ?? (v.asOf as string), {
      projectId,
      asOf: v.asOf,
      figures,
      ...(v.reason !== undefined ? { reason: v.reason } : {}),
    });
  },

  deployment(context, sheet, row, v) {
    const communeCode = v.communeCode as string;
    const quarterEnd = v.quarter === undefined ? undefined : lastDayOfQuarter(v.quarter as string);
    if (v.asOf !== undefined && quarterEnd !== undefined && v.asOf !== quarterEnd)
      return problem(
        context,
        sheet,
        row,
        'asOf',
        'INVALID_DATE',
        `La date des chiffres (${frenchDate(v.asOf as string)}) n’est pas le dernier jour du trimestre ${String(v.quarter)} : donnez l’un ou l’autre.`,
      );
    const asOf = (v.asOf as CalendarDate | undefined) ?? quarterEnd;
    if (asOf === undefined) return problem(context, sheet, row, 'asOf', 'REQUIRED', 'Donnez la date des chiffres ou leur trimestre.');
    if (asOf > context.lookups.today)
      return problem(
        context,
        sheet,
        row,
        v.quarter === undefined ? 'asOf' : 'quarter',
        'INVALID_DATE',
        `Le trimestre ${String(v.quarter)} n’est pas terminé (il finit le ${frenchDate(asOf)}) : l’import ne reprend que des chiffres passés.`,
      );
    const given = DEPLOYMENT_FIGURES.filter((figure) => v[figure] !== undefined);
    if (given.length === 0)
      return problem(context, sheet, row, 'ftthPremisesConnectable', 'REQUIRED', 'Aucun chiffre sur cette ligne (locaux prévus, raccordables ou raccordés).');
    if (
      v.ftthPremisesConnected !== undefined &&
      v.ftthPremisesConnectable !== undefined &&
      (v.ftthPremisesConnected as number) > (v.ftthPremisesConnectable as number)
    ) {
      return problem(
        context,
        sheet,
        row,
        'ftthPremisesConnected',
        'INVALID_NUMBER',
        `Plus de locaux raccordés (${scalarText(v.ftthPremisesConnected)}) que de raccordables (${scalarText(v.ftthPremisesConnectable)}).`,
      );
    }
    const named = v.projectId as string | undefined;
    const registered = named !== undefined ? context.projects.get(named) : undefined;
    if (named !== undefined && !registered && !context.lookups.exists('network_project', named)) {
      return problem(
        context,
        sheet,
        row,
        'projectId',
        'UNKNOWN_REFERENCE',
        unknown(context, 'network_projects', named, `Le projet « ${named} » n’existe ni dans la feuille Projets réseau ni dans le registre.`),
      );
    }
    if (registered && asOf < registered.registeredOn)
      return problem(
        context,
        sheet,
        row,
        'asOf',
        'INVALID_DATE',
        `Chiffres antérieurs à l’enregistrement du projet (le ${frenchDate(registered.registeredOn)}).`,
      );
    const target = deploymentProject(context, communeCode, asOf, named);
    if ('notice' in target) {
      context.notices.push({
        sheet: sheet.name,
        row: row.row,
        column: sheet.headers.get('communeCode') ?? 'Code commune',
        cell: sheet.letters.has('communeCode') ? `${sheet.letters.get('communeCode')}${row.row}` : undefined,
        code: 'OUTSIDE_PROJECTS',
        message: target.notice,
      });
      return;
    }
    const source = v.source as string;
    const key = `${target.projectId}|${asOf}|${source}`;
    const group: DeploymentGroup = context.deployment.get(key) ?? {
      projectId: target.projectId,
      asOf,
      source,
      sheet: sheet.name,
      rows: [],
      communes: new Map(),
      sums: {},
      given: {},
    };
    const earlier = group.communes.get(communeCode);
    if (earlier !== undefined)
      return problem(
        context,
        sheet,
        row,
        'communeCode',
        'DUPLICATE_ID',
        `La commune ${communeCode} a déjà des chiffres à la ligne ${earlier} pour le même projet, la même date et la même source.`,
      );
    group.communes.set(communeCode, row.row);
    group.rows.push(row.row);
    for (const figure of given) {
      group.sums[figure] = (group.sums[figure] ?? 0) + (v[figure] as number);
      group.given[figure] = (group.given[figure] ?? 0) + 1;
    }
    context.deployment.set(key, group);
  },

  meetings(context, sheet, row, v) {
    const id = v.id as string;
    if (!checkNewId(context, sheet, row, id, context.meetings.has(id), context.lookups.exists('meeting', id), 'La réunion')) return;
    const regionCode = String(v.region).padStart(2, '0');
    if (context.lookups.invalidTerritories([{ kind: 'region', code: regionCode }]).length > 0)
      return problem(context, sheet, row, 'region', 'UNKNOWN_CODE', `Région « ${String(v.region)} » inconnue (code COG, par ex. 52).`);
    const commission = context.commissions.get(regionCode) ?? context.lookups.commission(regionCode);
    if (!commission)
      return problem(
        context,
        sheet,
        row,
        'region',
        'UNKNOWN_REFERENCE',
        `Aucune commission n’est constituée pour la région ${regionCode} : ajoutez-la à la feuille Commissions (ou constituez-la par l’API), puis importez ses réunions.`,
      );
    const agenda = agendaOf(v.agenda as string);
    if (typeof agenda === 'string') return problem(context, sheet, row, 'agenda', 'INVALID_VALUE', agenda);
    const date = v.date as CalendarDate;
    const convenedOn = (v.convenedOn as CalendarDate | undefined) ?? date;
    if (convenedOn > date) return problem(context, sheet, row, 'convenedOn', 'INVALID_DATE', `Convoquée après la réunion (le ${frenchDate(date)}).`);
    const minutesPublishedOn = v.minutesPublishedOn as CalendarDate | undefined;
    if (minutesPublishedOn !== undefined && v.minutesText === undefined && v.minutesHash === undefined)
      return problem(context, sheet, row, 'minutesPublishedOn', 'INVALID_VALUE', 'Une date de publication va avec le compte rendu (texte ou empreinte).');
    if (minutesPublishedOn !== undefined && minutesPublishedOn < date)
      return problem(context, sheet, row, 'minutesPublishedOn', 'INVALID_DATE', `Compte rendu publié avant la réunion (le ${frenchDate(date)}).`);
    if (v.minutesText !== undefined && v.minutesHash !== undefined)
      return problem(context, sheet, row, 'minutesHash', 'INVALID_VALUE', 'Donnez le texte du compte rendu ou l’empreinte de son document, pas les deux.');
    // The text as written (line breaks kept), not as read for a one-line cell: its hash is what is recorded.
    const minutesText = v.minutesText === undefined ? undefined : String(row.cells.get('minutesText')).replace(/\r\n?/g, '\n').trim();
    const minutesHash = minutesText === undefined ? (v.minutesHash as string | undefined) : createHash('sha256').update(minutesText).digest('hex');
    context.meetings.set(id, {
      sheet: sheet.name,
      row: row.row,
      date,
      convenedOn,
      input: { regionCode, date, place: v.place, agenda },
      memberIds: membersAt(context, regionCode, commission.memberIds),
      itemIds: new Set(agenda.map((i) => i.itemId)),
      minutesHash,
      minutesPublishedOn,
      attendance: [],
      decisions: [],
    });
  },

  attendance(context, sheet, row, v) {
    const meeting = meetingOf(context, sheet, row, v.meetingId as string);
    if (!meeting) return;
    const member = v.memberActorId as string;
    if (!meeting.memberIds.includes(member))
      return problem(context, sheet, row, 'memberActorId', 'UNKNOWN_REFERENCE', `« ${member} » n’est pas membre de la commission.`);
    if (meeting.attendance.some((a) => a.memberActorId === member))
      return problem(context, sheet, row, 'memberActorId', 'DUPLICATE_ID', `La présence de « ${member} » à cette réunion est déjà donnée.`);
    const status = v.status as string;
    if (status === 'present' && v.representativeId === undefined)
      return problem(context, sheet, row, 'representativeId', 'REQUIRED', 'Un membre présent : nommez la personne qui siège.');
    if (status !== 'present' && v.representativeId !== undefined)
      return problem(context, sheet, row, 'representativeId', 'INVALID_VALUE', 'Seul un membre présent a un représentant qui siège.');
    if ((status === 'proxy') !== (v.proxyHolderActorId !== undefined))
      return problem(
        context,
        sheet,
        row,
        'proxyHolderActorId',
        status === 'proxy' ? 'REQUIRED' : 'INVALID_VALUE',
        status === 'proxy' ? 'Un pouvoir : nommez le membre présent qui le détient.' : 'Seul un pouvoir nomme qui le détient.',
      );
    meeting.attendance.push({
      sheet: sheet.name,
      row: row.row,
      status,
      memberActorId: member,
      input: {
        memberActorId: member,
        status: upper(status),
        ...(v.representativeId !== undefined ? { representativeId: v.representativeId } : {}),
        ...(v.proxyHolderActorId !== undefined ? { proxyHolderActorId: v.proxyHolderActorId } : {}),
      },
    });
  },

  decisions(context, sheet, row, v) {
    const meeting = meetingOf(context, sheet, row, v.meetingId as string);
    if (!meeting) return;
    const itemId = v.itemId as string;
    if (!meeting.itemIds.has(itemId))
      return problem(
        context,
        sheet,
        row,
        'itemId',
        'UNKNOWN_REFERENCE',
        `Le point « ${itemId} » n’est pas à l’ordre du jour de la réunion ; points : ${[...meeting.itemIds].join(', ')}.`,
      );
    if (meeting.decisions.some((d) => d.itemId === itemId))
      return problem(context, sheet, row, 'itemId', 'DUPLICATE_ID', `Le point « ${itemId} » a déjà sa décision (une décision par point).`);
    const approved = v.approvedMeetingId as string | undefined;
    if ((v.kind === 'minutes_approval') !== (approved !== undefined)) {
      return problem(
        context,
        sheet,
        row,
        'approvedMeetingId',
        approved === undefined ? 'REQUIRED' : 'INVALID_VALUE',
        approved === undefined
          ? 'Une approbation du compte rendu nomme la réunion dont le compte rendu est approuvé.'
          : 'Seule une approbation du compte rendu nomme une réunion approuvée.',
      );
    }
    if (approved !== undefined) {
      const earlier = context.meetings.get(approved);
      if (!earlier || earlier.minutesHash === undefined)
        return problem(
          context,
          sheet,
          row,
          'approvedMeetingId',
          'UNKNOWN_REFERENCE',
          `La réunion « ${approved} » n’est pas plus haut dans la feuille Réunions avec un compte rendu.`,
        );
      if (earlier.date >= meeting.date)
        return problem(context, sheet, row, 'approvedMeetingId', 'INVALID_VALUE', 'Un compte rendu est approuvé à une réunion ultérieure.');
    }
    const minutes = approved === undefined ? {} : { minutes: { meetingId: approved, version: (v.approvedVersion as number | undefined) ?? 1 } };
    const recordedBy = v.recordedBy as string | undefined;
    if (recordedBy !== undefined && !meeting.memberIds.includes(recordedBy))
      return problem(
        context,
        sheet,
        row,
        'recordedBy',
        'UNKNOWN_REFERENCE',
        `« ${recordedBy} » n’est pas membre de la commission : nommez un co-président (préfet de région ou Région).`,
      );
    const subject = decisionSubject(context, sheet, row, v, meeting);
    if (!subject) return;
    meeting.decisions.push({
      sheet: sheet.name,
      row: row.row,
      itemId,
      input: { itemId, kind: upper(v.kind), text: v.text, ...minutes, ...subject },
      recordedBy,
    });
  },

  commune_zones(context, sheet, row, v) {
    const zone = v.zone as string;
    const operatorId = v.operatorId as string | undefined;
    const projectId = v.networkProjectId as string | undefined;
    if (zone !== 'rip' && operatorId === undefined)
      return problem(context, sheet, row, 'operatorId', 'REQUIRED', `Une commune en zone ${zone.toUpperCase()} a un opérateur en charge.`);
    if (zone === 'rip' && operatorId !== undefined)
      return problem(context, sheet, row, 'operatorId', 'INVALID_VALUE', 'Une zone RIP a un projet réseau en charge, pas un opérateur.');
    if (zone !== 'rip' && projectId !== undefined)
      return problem(context, sheet, row, 'networkProjectId', 'INVALID_VALUE', 'Seule une zone RIP a un projet réseau en charge.');
    if (operatorId !== undefined && !checkActor(context, sheet, row, 'operatorId', operatorId)) return;
    if (projectId !== undefined && !checkNetworkProject(context, sheet, row, 'networkProjectId', projectId)) return;
    const recordedOn = (v.recordedOn as string | undefined) ?? (v.effectiveFrom as string);
    context.zoneActs.push({
      on: recordedOn,
      step: rowStep(context, {
        kind: 'commune_zones',
        sheet: sheet.name,
        row: row.row,
        index: 0,
        mutation: 'setCommuneZone',
        on: recordedOn,
        input: {
          communeCode: v.communeCode,
          zone: upper(zone),
          ...(operatorId !== undefined ? { operatorId } : {}),
          ...(projectId !== undefined ? { networkProjectId: projectId } : {}),
          effectiveFrom: v.effectiveFrom,
          ...(v.reason !== undefined ? { reason: v.reason } : {}),
        },
        as: 'importer',
        record: ZONES_CHAIN,
      }),
    });
  },

  operator_commitments(context, sheet, row, v) {
    const setId = v.setId as string;
    const operatorId = v.operatorId as string;
    if (!checkActor(context, sheet, row, 'operatorId', operatorId)) return;
    const set = context.operatorSets.get(setId) ?? {
      sheet: sheet.name,
      row: row.row,
      reference: v.reference as string,
      operatorId,
      legalBasis: v.legalBasis as string,
      recordedOn: v.recordedOn as string,
      communes: [],
    };
    for (const key of ['reference', 'operatorId', 'legalBasis', 'recordedOn'] as const)
      if (set[key] !== v[key])
        return problem(context, sheet, row, key, 'INVALID_VALUE', `Les lignes du lot « ${setId} » ont la même valeur ici (ligne ${set.row}).`);
    const communeCode = v.communeCode as string;
    if (set.communes.some((c) => c.communeCode === communeCode))
      return problem(context, sheet, row, 'communeCode', 'DUPLICATE_ID', `La commune ${communeCode} est déjà dans le lot « ${setId} ».`);
    if ((v.premises as number) <= 0) return problem(context, sheet, row, 'premises', 'INVALID_NUMBER', 'Le nombre de locaux doit être positif.');
    if ((v.dueDate as string) <= set.recordedOn)
      return problem(context, sheet, row, 'dueDate', 'INVALID_DATE', 'L’échéance doit suivre la date de l’engagement.');
    const commitmentId = v.commitmentId as string | undefined;
    if (commitmentId !== undefined && context.lookups.exists('commitment', commitmentId) && !importedBefore(context, 'operator_commitments', row))
      return problem(context, sheet, row, 'commitmentId', 'DUPLICATE_ID', `L’engagement « ${commitmentId} » existe déjà dans le registre.`);
    set.communes.push({ communeCode, premises: v.premises as number, dueDate: v.dueDate as string, ...(commitmentId !== undefined ? { commitmentId } : {}) });
    context.operatorSets.set(setId, set);
  },

  operator_amendments: operatorAmendmentRow,
  operator_progress: operatorProgressRow,

  regulator_figures(context, sheet, row, v) {
    const quarter = v.quarter as string;
    if (lastDayOfQuarter(quarter) > (v.publishedOn as string))
      return problem(context, sheet, row, 'publishedOn', 'INVALID_DATE', `Publié avant la fin du trimestre ${quarter}.`);
    const source = (v.source as string | undefined) ?? context.file.fileName;
    const recordedBy = v.recordedBy as string | undefined;
    if (recordedBy !== undefined && !checkActor(context, sheet, row, 'recordedBy', recordedBy)) return;
    if (recordedBy !== undefined && !['national_body', 'state_in_region'].includes(actorKind(context, recordedBy)!))
      return problem(
        context,
        sheet,
        row,
        'recordedBy',
        'INVALID_VALUE',
        'Les chiffres du régulateur sont enregistrés par un organisme national ou le secrétariat de la commission (SGAR).',
      );
    const key = `${quarter}|${source}|${String(v.publishedOn)}|${recordedBy ?? ''}`;
    const group = context.regulatorQuarters.get(key) ?? {
      sheet: sheet.name,
      row: row.row,
      quarter,
      source,
      publishedOn: v.publishedOn as string,
      recordedBy,
      rows: [],
    };
    const communeCode = v.communeCode as string;
    if (group.rows.some((r) => r.communeCode === communeCode))
      return problem(
        context,
        sheet,
        row,
        'communeCode',
        'DUPLICATE_ID',
        `La commune ${communeCode} a déjà ses chiffres du trimestre ${quarter} dans ce fichier.`,
      );
    if ((v.connectable as number) > (v.premisesEstimate as number))
      return problem(context, sheet, row, 'connectable', 'INVALID_NUMBER', 'Plus de locaux raccordables que de locaux estimés.');
    group.rows.push({ communeCode, connectable: v.connectable as number, premisesEstimate: v.premisesEstimate as number });
    context.regulatorQuarters.set(key, group);
  },

  minutes: minutesRow,
  votes: voteRow,
  votes_cast: voteCastRow,

  white_zones(context, sheet, row, v, add) {
    const id = v.id as string;
    if (!checkNewId(context, sheet, row, id, context.zones.has(id), context.lookups.exists('white_zone', id), 'La zone blanche')) return;
    const projectId = v.networkProjectId as string | undefined;
    if (projectId !== undefined && !checkNetworkProject(context, sheet, row, 'networkProjectId', projectId)) return;
    if ((projectId === undefined) !== (v.plannedOn === undefined))
      return problem(
        context,
        sheet,
        row,
        projectId === undefined ? 'networkProjectId' : 'plannedOn',
        'REQUIRED',
        'Le projet réseau et la date de planification vont ensemble.',
      );
    const identifiedOn = v.identifiedOn as string;
    for (const key of ['plannedOn', 'resolvedOn'] as const) {
      if (v[key] !== undefined && (v[key] as string) < identifiedOn)
        return problem(context, sheet, row, key, 'INVALID_DATE', `Date antérieure à l’identification de la zone (le ${frenchDate(identifiedOn)}).`);
    }
    context.zones.add(id);
    const sites = Object.fromEntries(
      (['schools', 'publicServices', 'businesses', 'health'] as const).filter((key) => v[key] !== undefined).map((key) => [key, v[key]]),
    );
    add('recordWhiteZone', 'importer', identifiedOn, {
      zoneId: id,
      kind: upper(v.kind),
      communeCodes: v.communes,
      prioritySites: sites,
      ...(v.estimatedCost !== undefined ? { estimatedCost: Math.round(v.estimatedCost as number) } : {}),
      identifiedOn,
    });
    if (projectId !== undefined)
      add('planWhiteZoneResolution', 'importer', v.plannedOn as string, { zoneId: id, networkProjectId: projectId, plannedOn: v.plannedOn });
    if (v.resolvedOn !== undefined) add('resolveWhiteZone', 'importer', v.resolvedOn as string, { zoneId: id, resolvedOn: v.resolvedOn });
  },
};

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/*
 * Decisions with a subject (action requests, admissions), votes member by member, and what the
 * commission's follow-ups create: an admitted member sits from the next meeting on, a requested
 * commitment exists once its decision is adopted (its progress and end wait for the meetings).
 */

interface ImportedVote {
  sheet: RawSheet;
  row: RawRow;
  openedBy?: string;
  outcome?: string;
  casts: { sheet: string; row: number; memberActorId: string; choice: string }[];
}

interface CommissionActs {
  /** Commitments the file's action requests create (`<meeting>.<item>.commitment`), from a first look at the sheet Décisions. */
  requested: Map<string, { meetingId: string; itemId: string; row: number; committingActorId?: string }>;
  /** Actors the file's admissions bring in, by the meeting deciding it (same first look). */
  /** The file's admissions (`joins`) and departures, in the order of its rows, with the region of their meeting (same first look). */
  membership: { meetingId: string; itemId: string; actorId: string; joins: boolean; regionCode?: string }[];
  /** Rows of the sheet Engagements for requested commitments: no makeCommitment, checked against their request. */
  requestedRows: Map<string, { sheet: RawSheet; row: RawRow; values: Values }>;
  /** Votes of the sheet Votes, by "meeting|item". */
  votes: Map<string, ImportedVote>;
  /** Later versions of minutes (sheet Comptes rendus), by meeting, in order. */
  minutes: Map<string, { sheet: string; row: number; hash: string; on: CalendarDate }[]>;
}

const REQUEST_COLUMNS = ['requestSubject', 'requestTitle', 'quantity', 'unit', 'territories', 'dueDate'] as const;
const voteKey = (meetingId: string, itemId: string) => `${meetingId}|${itemId}`;

/**
 * Which rows of the sheet Décisions request an action or admit a member, read before the sheets
 * that come first need it (Engagements, Réunions); the rows are validated in their turn.
 */
function firstLookAtDecisions(file: ImportFile): CommissionActs {
  const acts: CommissionActs = { requested: new Map(), membership: [], requestedRows: new Map(), votes: new Map(), minutes: new Map() };
  const regionOf = new Map<string, string>();
  for (const sheet of file.sheets.filter((s) => s.kind.key === 'meetings'))
    for (const row of sheet.rows) regionOf.set(String(row.cells.get('id')).trim(), String(row.cells.get('region')).trim().padStart(2, '0'));
  const kindType = kindByKey('decisions').columns.find((c) => c.key === 'kind')!.type;
  if (kindType.kind !== 'enum') return acts;
  for (const sheet of file.sheets.filter((s) => s.kind.key === 'decisions')) {
    for (const row of sheet.rows) {
      const [meetingId, itemId, actorId] = ['meetingId', 'itemId', 'actorId'].map((key) => {
        const raw = row.cells.get(key);
        const id = raw === undefined ? undefined : asId(raw);
        return id?.ok ? id.value : undefined;
      });
      const raw = row.cells.get('kind');
      const kind = raw === undefined ? undefined : asEnum(raw, kindType.values, kindType.labels);
      if (!kind?.ok || meetingId === undefined || itemId === undefined) continue;
      if (kind.value === 'action_request')
        acts.requested.set(followUpCommitmentId(decisionIdFor(meetingId, itemId)), { meetingId, itemId, row: row.row, committingActorId: actorId });
      if ((kind.value === 'member_admission' || kind.value === 'member_departure') && actorId !== undefined)
        acts.membership.push({ meetingId, itemId, actorId, joins: kind.value === 'member_admission', regionCode: regionOf.get(meetingId) });
    }
  }
  return acts;
}

/** A requested commitment already made by an earlier run of this file (its decision's command is in the log). */
function requestedBefore(context: Context, commitmentId: string): boolean {
  const request = context.commissionActs.requested.get(commitmentId);
  return request !== undefined && context.lookups.recorded(importCommandId(context.file.hash, 'decisions', request.row, 0));
}

/** A commitment an action request of the file creates, without its row in the sheet Engagements: its progress rows name it. */
function requestedCommitment(context: Context, commitmentId: string): { committingActorId: string } | undefined {
  const request = context.commissionActs.requested.get(commitmentId);
  return request?.committingActorId === undefined ? undefined : { committingActorId: request.committingActorId };
}

/** Whether the row of the sheet Engagements is the commitment an action request of the file creates (kept to check it against the request). */
function isRequested(context: Context, sheet: RawSheet, row: RawRow, commitmentId: string, values: Values): boolean {
  if (!context.commissionActs.requested.has(commitmentId)) return false;
  context.commissionActs.requestedRows.set(commitmentId, { sheet, row, values });
  return true;
}

/**
 * The members of a meeting about to be read: the commission as it was before the file's admissions
 * and departures (undone, last first: the registry has them when the same file is imported again),
 * then those decided at its earlier meetings (earlier rows of the sheet Réunions, recorded before it).
 */
function membersAt(context: Context, regionCode: string, members: readonly string[]): string[] {
  const acts = context.commissionActs.membership.filter((a) => a.regionCode === regionCode);
  const current = new Set(members);
  for (const act of [...acts].reverse()) act.joins ? current.delete(act.actorId) : current.add(act.actorId);
  for (const act of acts.filter((a) => context.meetings.has(a.meetingId))) act.joins ? current.add(act.actorId) : current.delete(act.actorId);
  return [...current];
}

function rulesOf(context: Context, regionCode: string): DecisionRules | undefined {
  return (context.commissions.get(regionCode) ?? context.lookups.commission(regionCode))?.rules;
}

/** The subject of a decision row, as the proposal's input (`actionRequest`, `newMember`); undefined when a cell is wrong (reported). */
function decisionSubject(context: Context, sheet: RawSheet, row: RawRow, v: Values, meeting: ImportedMeeting): Record<string, unknown> | undefined {
  const kind = v.kind as string;
  const actorId = v.actorId as string | undefined;
  const given = (keys: readonly string[]) => keys.filter((key) => v[key] !== undefined);
  const refuse = (key: string, code: string, message: string) => {
    problem(context, sheet, row, key, code, message);
    return undefined;
  };
  if (kind === 'action_request') {
    const missing = ['actorId', ...REQUEST_COLUMNS].find((key) => v[key] === undefined);
    if (missing)
      return refuse(
        missing,
        'REQUIRED',
        'Une demande d’action nomme l’acteur sollicité et l’engagement demandé : objet, action, cible, unité, territoires et échéance.',
      );
    if (v.representatives !== undefined) return refuse('representatives', 'INVALID_VALUE', 'Seule une admission nomme les personnes qui siègent.');
    if (!checkActor(context, sheet, row, 'actorId', actorId!)) return undefined;
    const quantity = v.quantity as number;
    if (quantity <= 0 || (v.unit === 'percent' && quantity > 100))
      return refuse('quantity', 'INVALID_NUMBER', 'La cible doit être positive (et au plus 100 pour un pourcentage).');
    if ((v.dueDate as string) <= meeting.date)
      return refuse('dueDate', 'INVALID_DATE', `L’échéance demandée suit la réunion (le ${frenchDate(meeting.date)}).`);
    checkRequestedRow(context, decisionIdFor(v.meetingId as string, v.itemId as string), v, meeting);
    return {
      actionRequest: {
        actorId,
        commitmentSubject: upper(v.requestSubject),
        title: v.requestTitle,
        target: { quantity, unit: upper(v.unit) },
        territories: territoryInput(v.territories),
        dueDate: v.dueDate,
      },
    };
  }
  if (kind === 'member_admission') {
    if (actorId === undefined) return refuse('actorId', 'REQUIRED', 'Une admission nomme l’acteur qui entre dans la commission.');
    const people = ((v.representatives as string | undefined) ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (people.length === 0) return refuse('representatives', 'REQUIRED', 'Une admission nomme les personnes qui siègent pour le nouveau membre.');
    if (people.some((p) => !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(p)))
      return refuse('representatives', 'INVALID_VALUE', 'Écrivez les identifiants des personnes (registre des personnes), séparés par « , ».');
    const extra = given(REQUEST_COLUMNS)[0];
    if (extra) return refuse(extra, 'INVALID_VALUE', 'Seule une demande d’action a un engagement demandé.');
    if (!checkActor(context, sheet, row, 'actorId', actorId)) return undefined;
    if (meeting.memberIds.includes(actorId)) return refuse('actorId', 'INVALID_VALUE', `« ${actorId} » est déjà membre de la commission à cette réunion.`);
    return { newMember: { actorId, representatives: people } };
  }
  if (kind === 'member_departure') {
    if (actorId === undefined) return refuse('actorId', 'REQUIRED', 'Un départ nomme le membre qui quitte la commission.');
    const extra = given(['representatives', ...REQUEST_COLUMNS])[0];
    if (extra) return refuse(extra, 'INVALID_VALUE', 'Un départ ne nomme que le membre qui quitte la commission.');
    if (!meeting.memberIds.includes(actorId))
      return refuse('actorId', 'UNKNOWN_REFERENCE', `« ${actorId} » n’est pas membre de la commission à cette réunion.`);
    return { departingActorId: actorId };
  }
  const extra = given(['actorId', 'representatives', ...REQUEST_COLUMNS])[0];
  if (extra) return refuse(extra, 'INVALID_VALUE', 'Seuls une demande d’action, une admission et un départ ont un acteur concerné et un objet.');
  return {};
}

/** The row of the sheet Engagements of a requested commitment says what the request says (it is the request's commitment). */
function checkRequestedRow(context: Context, decisionId: string, v: Values, meeting: ImportedMeeting): void {
  const entry = context.commissionActs.requestedRows.get(followUpCommitmentId(decisionId));
  if (!entry) return;
  const refs = (value: unknown) => JSON.stringify(territoryInput(value ?? []).sort((a, b) => `${a.kind}${a.code}`.localeCompare(`${b.kind}${b.code}`)));
  const expected: [string, unknown, string][] = [
    ['actorId', v.actorId, String(v.actorId)],
    ['subject', v.requestSubject, String(v.requestSubject)],
    ['title', v.requestTitle, String(v.requestTitle)],
    ['quantity', v.quantity, String(v.quantity)],
    ['unit', v.unit, String(v.unit)],
    ['territories', refs(v.territories), 'les territoires concernés'],
    ['dueDate', v.dueDate, frenchDate(String(v.dueDate))],
    ['madeOn', meeting.date, frenchDate(meeting.date)],
  ];
  const own = (key: string) => (key === 'territories' ? refs(entry.values.territories) : entry.values[key]);
  const differs = expected.find(([key, value]) => own(key) !== value);
  if (differs)
    problem(
      context,
      entry.sheet,
      entry.row,
      differs[0],
      'INVALID_VALUE',
      `Cet engagement est celui que demande la décision « ${decisionId} » (feuille Décisions) : il a sa valeur (${differs[2]}).`,
    );
}

function voteRow(context: Context, sheet: RawSheet, row: RawRow, v: Values): void {
  const meetingId = v.meetingId as string;
  const meeting = meetingOf(context, sheet, row, meetingId);
  if (!meeting) return;
  const itemId = v.itemId as string;
  const regionCode = String(meeting.input.regionCode);
  if (rulesOf(context, regionCode)?.mode !== 'vote')
    return problem(context, sheet, row, 'itemId', 'INVALID_VALUE', `La commission de la région ${regionCode} décide par consensus : elle ne vote pas.`);
  if (!meeting.decisions.some((d) => d.itemId === itemId))
    return problem(
      context,
      sheet,
      row,
      'itemId',
      'UNKNOWN_REFERENCE',
      `Le point « ${itemId} » de cette réunion n’a pas de décision valide dans la feuille Décisions : le vote porte sur sa proposition (type, texte, objet).`,
    );
  const earlier = context.commissionActs.votes.get(voteKey(meetingId, itemId));
  if (earlier) return problem(context, sheet, row, 'itemId', 'DUPLICATE_ID', `Le point « ${itemId} » a déjà son vote (ligne ${earlier.row.row}).`);
  const openedBy = v.openedBy as string | undefined;
  if (openedBy !== undefined && !meeting.memberIds.includes(openedBy))
    return problem(context, sheet, row, 'openedBy', 'UNKNOWN_REFERENCE', `« ${openedBy} » n’est pas membre de la commission : nommez un co-président.`);
  context.commissionActs.votes.set(voteKey(meetingId, itemId), { sheet, row, openedBy, outcome: v.outcome as string | undefined, casts: [] });
}

function voteCastRow(context: Context, sheet: RawSheet, row: RawRow, v: Values): void {
  const meetingId = v.meetingId as string;
  const meeting = meetingOf(context, sheet, row, meetingId);
  if (!meeting) return;
  const itemId = v.itemId as string;
  const vote = context.commissionActs.votes.get(voteKey(meetingId, itemId));
  if (!vote)
    return problem(context, sheet, row, 'itemId', 'UNKNOWN_REFERENCE', `Aucun vote sur le point « ${itemId} » de cette réunion dans la feuille Votes.`);
  const member = v.memberActorId as string;
  if (!meeting.memberIds.includes(member))
    return problem(context, sheet, row, 'memberActorId', 'UNKNOWN_REFERENCE', `« ${member} » n’est pas membre de la commission : il ne vote pas.`);
  const attendance = meeting.attendance.find((a) => a.memberActorId === member);
  if (!attendance || attendance.status === 'excused')
    return problem(
      context,
      sheet,
      row,
      'memberActorId',
      'INVALID_VALUE',
      `« ${member} » n’est ni présent ni représenté à cette réunion (feuille Présences) : il ne vote pas.`,
    );
  const earlier = vote.casts.find((c) => c.memberActorId === member);
  if (earlier) return problem(context, sheet, row, 'memberActorId', 'DUPLICATE_ID', `« ${member} » a déjà voté sur ce point (ligne ${earlier.row}).`);
  vote.casts.push({ sheet: sheet.name, row: row.row, memberActorId: member, choice: v.choice as string });
}

/** A later version of a meeting's minutes: after the first (on the meeting's row) and the versions above it. */
function minutesRow(context: Context, sheet: RawSheet, row: RawRow, v: Values): void {
  const meetingId = v.meetingId as string;
  const meeting = meetingOf(context, sheet, row, meetingId);
  if (!meeting) return;
  if ((v.minutesText === undefined) === (v.minutesHash === undefined))
    return problem(context, sheet, row, 'minutesHash', 'REQUIRED', 'Donnez le texte du compte rendu ou l’empreinte de son document (l’un des deux).');
  if (meeting.minutesHash === undefined)
    return problem(
      context,
      sheet,
      row,
      'meetingId',
      'INVALID_VALUE',
      'La première version du compte rendu est sur la ligne de la réunion (feuille Réunions) ; cette feuille donne les suivantes.',
    );
  // The text as written (line breaks kept), as for the meeting's row: its hash is what is recorded.
  const text = v.minutesText === undefined ? undefined : String(row.cells.get('minutesText')).replace(/\r\n?/g, '\n').trim();
  const hash = text === undefined ? (v.minutesHash as string) : createHash('sha256').update(text).digest('hex');
  const versions = context.commissionActs.minutes.get(meetingId) ?? [];
  if (hash === meeting.minutesHash || versions.some((m) => m.hash === hash))
    return problem(context, sheet, row, 'minutesHash', 'DUPLICATE_ID', 'Ce compte rendu est déjà une version de celui de la réunion.');
  const previous = versions.at(-1)?.on ?? meeting.minutesPublishedOn ?? meeting.date;
  const on = v.publishedOn as CalendarDate;
  if (on < previous) return problem(context, sheet, row, 'publishedOn', 'INVALID_DATE', `Publiée avant la version précédente (le ${frenchDate(previous)}).`);
  context.commissionActs.minutes.set(meetingId, [...versions, { sheet: sheet.name, row: row.row, hash, on }]);
}

/** A problem found once every row is read, at a row kept by its sheet's name and number. */
function problemAtRow(context: Context, at: { sheet: string; row: number }, key: string, code: string, message: string): void {
  const sheet = context.file.sheets.find((s) => s.name === at.sheet)!;
  problem(
    context,
    sheet,
    sheet.rows.find((r) => r.row === at.row)!,
    key,
    code,
    message,
  );
}

const OUTCOME_FR: Record<string, string> = { adopted: 'Adoptée', rejected: 'Rejetée' };

/**
 * Once every row is read: each vote's outcome as the decider will compute it (tally, quorum,
 * majority) against the one the file states; a requested commitment needs its request adopted;
 * decisions of a commission that votes, recorded without a vote, are noticed.
 */
function checkVotes(context: Context): void {
  const outcomes = new Map<string, string>();
  for (const [meetingId, meeting] of context.meetings) {
    const rules = rulesOf(context, String(meeting.input.regionCode));
    if (rules?.mode !== 'vote') continue;
    const present = meeting.attendance.filter((a) => a.status !== 'excused').length;
    let consensus = 0;
    for (const d of meeting.decisions) {
      const vote = context.commissionActs.votes.get(voteKey(meetingId, d.itemId));
      if (!vote) {
        consensus++;
        continue;
      }
      const result = voteOutcome(
        vote.casts.map((c) => c.choice as VoteChoice),
        present,
        meeting.memberIds.length,
        rules,
      );
      outcomes.set(voteKey(meetingId, d.itemId), result.outcome);
      if (vote.outcome !== undefined && vote.outcome !== result.outcome) {
        const { tally, quorum } = result;
        problem(
          context,
          vote.sheet,
          vote.row,
          'outcome',
          'INVALID_VALUE',
          `Les votes exprimés donnent « ${OUTCOME_FR[result.outcome]} » : pour ${tally.for}, contre ${tally.against}, abstention ${tally.abstain} ; quorum ${quorum.reached ? 'atteint' : 'non atteint'} (${quorum.presentOrRepresented} membres présents ou représentés sur ${quorum.members}).`,
        );
      }
    }
    if (consensus > 0)
      context.notices.push({
        sheet: meeting.sheet,
        row: meeting.row,
        code: 'RECORDED_AS_CONSENSUS',
        message: `La commission de la région ${String(meeting.input.regionCode)} décide par vote : ${consensus} décision(s) de cette réunion sans ligne dans la feuille Votes sont enregistrées comme prises par consensus.`,
      });
  }
  for (const a of context.commissionActs.membership.filter((a) => a.joins && outcomes.get(voteKey(a.meetingId, a.itemId)) === 'rejected')) {
    // Read as a member of the meetings after it: its attendance there is refused.
    const later = [...context.meetings.keys()].slice([...context.meetings.keys()].indexOf(a.meetingId) + 1);
    for (const meeting of later.map((id) => context.meetings.get(id)!)) {
      const attendance = meeting.attendance.find((row) => row.memberActorId === a.actorId);
      if (!attendance) continue;
      problemAtRow(
        context,
        attendance,
        'memberActorId',
        'UNKNOWN_REFERENCE',
        `« ${a.actorId} » n’est pas membre de la commission : son admission (décision « ${decisionIdFor(a.meetingId, a.itemId)} ») est rejetée par son vote.`,
      );
    }
  }
  for (const meeting of context.meetings.values()) {
    for (const d of meeting.decisions) {
      const approved = d.input.minutes as { meetingId: string; version: number } | undefined;
      const versions = approved && 1 + (context.commissionActs.minutes.get(approved.meetingId)?.length ?? 0);
      if (approved && versions! < approved.version) {
        problemAtRow(
          context,
          d,
          'approvedVersion',
          'UNKNOWN_REFERENCE',
          `Le compte rendu de « ${approved.meetingId} » a ${versions} version(s) (feuille Réunions, puis feuille Comptes rendus).`,
        );
      }
    }
  }
  for (const [commitmentId, entry] of context.commissionActs.requestedRows) {
    const request = context.commissionActs.requested.get(commitmentId)!;
    if (outcomes.get(voteKey(request.meetingId, request.itemId)) === 'rejected')
      problem(
        context,
        entry.sheet,
        entry.row,
        'id',
        'INVALID_VALUE',
        `La demande d’action « ${decisionIdFor(request.meetingId, request.itemId)} » est rejetée par son vote : l’engagement n’est pas pris, retirez sa ligne.`,
      );
  }
}

/** What meetingSteps' `step` takes: kind, sheet, row, index, mutation, day, input and who acts. */
type MeetingStepArgs = [KindKey, string, number, number, string, CalendarDate, Record<string, unknown>, ImportStep['as']?];

/** A voted decision: its proposal opened to the vote, each member's vote, the vote closed (by who recorded the decision); otherwise a consensus. */
function decisionSteps(
  context: Context,
  meetingId: string,
  meeting: ImportedMeeting,
  d: ImportedMeeting['decisions'][number],
  step: (...args: MeetingStepArgs) => void,
): void {
  const recordedBy: ImportStep['as'] = d.recordedBy === undefined ? 'importer' : { actorId: d.recordedBy };
  const vote = context.commissionActs.votes.get(voteKey(meetingId, d.itemId));
  if (!vote) return step('decisions', d.sheet, d.row, 0, 'recordConsensusDecision', meeting.date, d.input, recordedBy);
  step('decisions', d.sheet, d.row, 0, 'openVote', meeting.date, d.input, vote.openedBy === undefined ? 'importer' : { actorId: vote.openedBy });
  for (const c of vote.casts)
    step('votes_cast', c.sheet, c.row, 0, 'castVote', meeting.date, { itemId: d.itemId, memberActorId: c.memberActorId, choice: upper(c.choice) });
  step('votes', vote.sheet.name, vote.row.row, 0, 'closeVote', meeting.date, { itemId: d.itemId }, recordedBy);
}

/** The progress and end of requested commitments moved after the meetings: the commission's follow-up makes them when their decision is recorded. */
function waitForFollowUps(context: Context, steps: ImportStep[]): void {
  const requested = context.commissionActs.requested;
  const waits = (s: ImportStep) => requested.has(s.record) && (s.kind === 'progress' || s.kind === 'commitments');
  if (!steps.some(waits)) return;
  const waiting = steps.filter(waits);
  const rest = steps.filter((s) => !waits(s));
  const at = rest.findLastIndex((s) => s.kind === 'meetings') + 1;
  steps.splice(0, steps.length, ...rest.slice(0, at), ...waiting, ...rest.slice(at));
}

interface OperatorSetAmendment {
  sheet: string;
  row: number;
  setId: string;
  on: string;
  reason: string;
  revised: { communeCode: string; premises?: number; dueDate?: string }[];
  withdrawn: string[];
}

/**
 * The set a row names, from the file or the registry, with the commitment of the row's commune
 * (its id as the set's command will make it, for a set of the file); reported at the cell otherwise.
 */
function operatorSetCommune(
  context: Context,
  sheet: RawSheet,
  row: RawRow,
  setId: string,
  communeCode: string,
): { operatorId: string; madeOn: string; commitmentId: string } | undefined {
  const inFile = context.operatorSets.get(setId);
  const recorded = inFile ? undefined : context.lookups.operatorSet(setId);
  if (!inFile && !recorded) {
    const message = `Le lot « ${setId} » n’existe ni dans la feuille Engagements d’opérateurs ni dans le registre.`;
    problem(context, sheet, row, 'setId', 'UNKNOWN_REFERENCE', unknownSet(context, setId, message));
    return undefined;
  }
  const setCommand = inFile && importCommandId(context.file.hash, 'operator_commitments', inFile.row, 0);
  const commitmentId = inFile
    ? inFile.communes
        .filter((c) => c.communeCode === communeCode)
        .map((c) => c.commitmentId ?? derivedCommandId(setCommand!, `operator-commitment:${communeCode}`))[0]
    : recorded!.communes.find((c) => c.communeCode === communeCode)?.commitmentId;
  if (commitmentId === undefined) {
    problem(context, sheet, row, 'communeCode', 'UNKNOWN_REFERENCE', `La commune ${communeCode} n’est pas dans le lot « ${setId} ».`);
    return undefined;
  }
  return { operatorId: inFile?.operatorId ?? recorded!.operatorId, madeOn: inFile?.recordedOn ?? recorded!.madeOn, commitmentId };
}

/** A set written in the Operator commitments sheet whose rows have a problem: say so rather than "unknown". */
function unknownSet(context: Context, setId: string, message: string): string {
  const declared = context.file.sheets.some(
    (s) => s.kind.key === 'operator_commitments' && s.rows.some((r) => String(r.cells.get('setId') ?? '').trim() === setId),
  );
  return declared ? `Le lot « ${setId} » est dans la feuille Engagements d’opérateurs, mais une de ses lignes a un problème (signalé plus haut).` : message;
}

/** A commune of a set amended: new premises or due date, or withdrawn; the rows of one set, day and reason are one amendment. */
function operatorAmendmentRow(context: Context, sheet: RawSheet, row: RawRow, v: Values): void {
  const setId = v.setId as string;
  const communeCode = v.communeCode as string;
  const withdrawn = v.withdrawn === 'yes';
  const revised = v.premises !== undefined || v.dueDate !== undefined;
  if (withdrawn && revised)
    return problem(context, sheet, row, 'withdrawn', 'INVALID_VALUE', 'Une commune retirée n’a ni nouveaux locaux ni nouvelle échéance.');
  if (!withdrawn && !revised)
    return problem(
      context,
      sheet,
      row,
      'premises',
      'REQUIRED',
      'Donnez de nouveaux locaux, une nouvelle échéance, ou retirez la commune (Commune retirée : oui).',
    );
  if (v.premises !== undefined && (v.premises as number) <= 0)
    return problem(context, sheet, row, 'premises', 'INVALID_NUMBER', 'Le nombre de locaux doit être positif.');
  const amendedOn = v.amendedOn as string;
  if (v.dueDate !== undefined && (v.dueDate as string) < amendedOn)
    return problem(context, sheet, row, 'dueDate', 'INVALID_DATE', `La nouvelle échéance précède l’avenant (du ${frenchDate(amendedOn)}).`);
  const set = operatorSetCommune(context, sheet, row, setId, communeCode);
  if (!set) return;
  if (amendedOn < set.madeOn)
    return problem(context, sheet, row, 'amendedOn', 'INVALID_DATE', `Avenant antérieur aux engagements du lot (du ${frenchDate(set.madeOn)}).`);
  const key = `${setId}|${amendedOn}|${String(v.reason)}`;
  const amendment = context.operatorSetChanges.amendments.get(key) ?? {
    sheet: sheet.name,
    row: row.row,
    setId,
    on: amendedOn,
    reason: v.reason as string,
    revised: [],
    withdrawn: [],
  };
  if (amendment.withdrawn.includes(communeCode) || amendment.revised.some((r) => r.communeCode === communeCode))
    return problem(context, sheet, row, 'communeCode', 'DUPLICATE_ID', `La commune ${communeCode} est déjà dans cet avenant du lot « ${setId} ».`);
  if (withdrawn) amendment.withdrawn.push(communeCode);
  else
    amendment.revised.push({
      communeCode,
      ...(v.premises !== undefined ? { premises: v.premises as number } : {}),
      ...(v.dueDate !== undefined ? { dueDate: v.dueDate as string } : {}),
    });
  context.operatorSetChanges.amendments.set(key, amendment);
}

/** Progress on the commitment of a set's commune, declared by the operator or from its data (the regulator's comes with its quarters). */
function operatorProgressRow(context: Context, sheet: RawSheet, row: RawRow, v: Values): void {
  if ((v.value as number) < 0) return problem(context, sheet, row, 'value', 'INVALID_NUMBER', 'La valeur ne peut pas être négative.');
  if (v.reportedOn !== undefined && (v.reportedOn as string) < (v.asOf as string))
    return problem(context, sheet, row, 'reportedOn', 'INVALID_DATE', 'Déclaré avant la date de la mesure ?');
  const set = operatorSetCommune(context, sheet, row, v.setId as string, v.communeCode as string);
  if (!set) return;
  if ((v.asOf as string) < set.madeOn)
    return problem(context, sheet, row, 'asOf', 'INVALID_DATE', `Mesure antérieure aux engagements du lot (du ${frenchDate(set.madeOn)}).`);
  const on = (v.reportedOn as string | undefined) ?? (v.asOf as string);
  context.operatorSetChanges.progress.push({
    on,
    step: rowStep(context, {
      kind: 'operator_progress',
      sheet: sheet.name,
      row: row.row,
      index: 0,
      mutation: 'reportCommitmentProgress',
      on,
      input: {
        commitmentId: set.commitmentId,
        value: v.value,
        asOf: v.asOf,
        source: upper(v.source),
        ...(v.note !== undefined ? { note: v.note } : {}),
      },
      as: v.source === 'declared' ? { actorId: set.operatorId } : 'importer',
      record: ZONES_CHAIN,
    }),
  });
}

/** The amendments and progress of operators' sets, for the zones chain (after the zones, sets and quarters of the same day). */
function operatorSetChangeActs(context: Context): { on: string; step: ImportStep }[] {
  const amendments = [...context.operatorSetChanges.amendments.values()].map((a) => ({
    on: a.on,
    step: rowStep(context, {
      kind: 'operator_amendments',
      sheet: a.sheet,
      row: a.row,
      index: 0,
      mutation: 'amendOperatorCommitments',
      on: a.on,
      input: { setId: a.setId, revised: a.revised, withdrawn: a.withdrawn, reason: a.reason },
      as: 'importer',
      record: ZONES_CHAIN,
    }),
  }));
  return [...amendments, ...context.operatorSetChanges.progress];
}
