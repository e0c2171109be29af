import type { Role } from '../shared/principal.js';

/**
 * The authority model, one table: for each write (GraphQL mutation), which roles may attempt it
 * and how far their authority reaches. The guard enforces it before any resolver runs; the
 * deciders then apply the finer, record-level rules (a representative of *this* commitment's
 * actor, the secretariat *named* for this commission); docs/security.md prints this table and a
 * test checks that the printed table is this one.
 *
 * - `regional`: every region the write touches must be one of the regions of the caller's actor.
 *   The regions a write touches are derived from the record (the regions its events name, through
 *   the audit read model) and from the territories the input names; never from the caller's claims.
 * - `national`: any region.
 * - A role that is not listed may not attempt the write (auditors read only).
 * - A write that touches no region (a person in the people registry) is left to the decider's rule.
 */
export type Reach = 'regional' | 'national';

export interface AuthorityRule {
  operation: string;
  roles: Partial<Record<Role, Reach>>;
  /** Why these roles and no others (printed in docs/security.md). */
  reason: string;
}

const admin = { admin: 'national' } as const;
const representative = { representative: 'regional', ...admin } as const;
const secretariat = { commission_secretariat: 'regional', ...admin } as const;
const representativeOrSecretariat = { representative: 'regional', commission_secretariat: 'regional', ...admin } as const;

const ACTOR_ACTS = 'The actor acts through its representatives, in its own regions; the admin manages the registry.';
const PARTY = 'Parties act on their convention through their representatives, in their regions.';
const COMMITTER = 'Only the committing actor changes its commitment, in its regions.';
const LEAD = 'The project is run by its lead actor (its delegate operator for indicators), in its regions.';
const INVENTORY =
  'The white-zone inventory is kept by the region’s commission secretariat (in its region) and the national bodies (everywhere); operators report, they do not keep the inventory.';
const ZONE_MAP =
  'The zone map is kept by the region’s commission secretariat (in its region) and the national bodies (everywhere); operators do not set their own zones.';
const COMMISSION = 'The commission of a region acts through its secretariat and its co-chairs’ representatives, in that region.';

export const AUTHORITY: readonly AuthorityRule[] = [
  // Actors
  { operation: 'registerActor', roles: admin, reason: 'Who may act is the service operator’s registry.' },
  { operation: 'renameActor', roles: representative, reason: ACTOR_ACTS },
  {
    operation: 'changeActorTerritories',
    roles: representative,
    reason: `${ACTOR_ACTS} A representative cannot extend its actor to a region it is not in (that would widen its own authority): an admin does.`,
  },
  { operation: 'retireActor', roles: admin, reason: 'Retiring an actor ends its tokens’ authority at once: the operator’s decision.' },
  // Conventions
  { operation: 'draftConvention', roles: representative, reason: PARTY },
  {
    operation: 'signConvention',
    roles: { representative: 'regional' },
    reason: 'A party signs through one of its representatives; nobody signs for it, not even an admin.',
  },
  { operation: 'amendConvention', roles: representative, reason: PARTY },
  { operation: 'terminateConvention', roles: representative, reason: PARTY },
  { operation: 'expireConvention', roles: representative, reason: PARTY },
  { operation: 'notifyConventionDefault', roles: representative, reason: PARTY },
  {
    operation: 'referConventionDefault',
    roles: representativeOrSecretariat,
    reason: 'A party or the region’s commission secretariat refers a default to the commission.',
  },
  {
    operation: 'recordConventionDefaultDecision',
    roles: { commission_secretariat: 'regional', national_body: 'national', ...admin },
    reason: 'The decision on a default is the region’s commission’s (recorded by its secretariat) or the State’s.',
  },
  {
    operation: 'resolveConventionDefault',
    roles: representativeOrSecretariat,
    reason: 'A party or the region’s commission secretariat records that a default is resolved.',
  },
  // Commitments
  {
    operation: 'makeCommitment',
    roles: representativeOrSecretariat,
    reason:
      'An actor commits through its representatives (the secretariat records commitments a commission decision asks for), and only on territories of its own regions: a commitment appears in the report of every region it names, so a region’s report holds only what its own members committed.',
  },
  {
    operation: 'makeCommitmentsFromConventionCalendar',
    roles: representative,
    reason: 'A party turns its convention’s calendar into its own commitments, in its regions.',
  },
  { operation: 'reviseCommitment', roles: representative, reason: COMMITTER },
  { operation: 'fulfilCommitment', roles: representative, reason: COMMITTER },
  { operation: 'withdrawCommitment', roles: representative, reason: COMMITTER },
  { operation: 'attachCommitmentToConvention', roles: representative, reason: COMMITTER },
  {
    operation: 'reportCommitmentProgress',
    roles: { representative: 'regional', commission_secretariat: 'regional', national_body: 'national', ...admin },
    reason: 'The committing actor declares its progress; the region’s secretariat and the national bodies report measured figures.',
  },
  {
    operation: 'declareCommitmentBreached',
    roles: { commission_secretariat: 'regional', national_body: 'national', ...admin },
    reason:
      'A breach is a finding against an actor: the region’s commission makes it (its secretariat records it) or the State does, nationwide. Representatives do not declare other actors (or themselves) in breach.',
  },
  // Reports
  {
    operation: 'issueSemestrialReport',
    roles: secretariat,
    reason: 'A region’s report is issued by that region’s commission secretariat (national bodies receive it; they do not issue it).',
  },
  { operation: 'reissueSemestrialReport', roles: secretariat, reason: 'As for issuing: the region’s secretariat supersedes its own report.' },
  {
    operation: 'issueRestatedReport',
    roles: secretariat,
    reason: 'A report restated as known now is issued, like the original, by the region’s commission secretariat.',
  },
  {
    operation: 'importSpreadsheet',
    roles: admin,
    reason:
      'An import replays a region’s past acts in the name of the actors that made them (every row through the API’s own rules), and the regions it touches are only known once the file is read: the service operator runs it, for the region’s secretariat.',
  },
  { operation: 'startImport', roles: admin, reason: 'The same import as importSpreadsheet, answered at once and polled with importJob: the same authority.' },
  {
    operation: 'writeReportSummary',
    roles: secretariat,
    reason: 'The summary of the semester is the region’s commission secretariat’s text, written on its own region’s draft before issuing.',
  },
  { operation: 'commentReportChapter', roles: secretariat, reason: 'As for the summary: the secretariat comments the chapters of its own region’s draft.' },
  // National view
  {
    operation: 'issueNationalSynthesis',
    roles: { national_body: 'national', ...admin },
    reason:
      'The national synthesis of a semester is the State’s document (DATAR, Mission France Très Haut Débit): the national bodies issue it; regions do not issue it, they report.',
  },
  {
    operation: 'submitRegionalReport',
    roles: secretariat,
    reason:
      'A region running its own instance submits its issued report (as a bundle with its proofs) through its commission secretariat, and only for its own region.',
  },
  // Network and usage projects, milestones
  { operation: 'registerNetworkProject', roles: representative, reason: LEAD },
  { operation: 'chooseNetworkProjectContract', roles: representative, reason: LEAD },
  { operation: 'reportNetworkIndicators', roles: representative, reason: LEAD },
  {
    operation: 'reviseNetworkFinancing',
    roles: { representative: 'regional', national_body: 'national', ...admin },
    reason: 'The lead actor revises its financing plan; the national bodies record the State’s share.',
  },
  { operation: 'abandonNetworkProject', roles: representative, reason: LEAD },
  { operation: 'registerUsageProject', roles: representative, reason: LEAD },
  { operation: 'completeUsageProject', roles: representative, reason: LEAD },
  { operation: 'abandonUsageProject', roles: representative, reason: LEAD },
  { operation: 'addMilestone', roles: representative, reason: LEAD },
  { operation: 'planMilestone', roles: representative, reason: LEAD },
  { operation: 'rescheduleMilestone', roles: representative, reason: LEAD },
  { operation: 'achieveMilestone', roles: representative, reason: LEAD },
  { operation: 'dropMilestone', roles: representative, reason: LEAD },
  // White zones
  { operation: 'recordWhiteZone', roles: { commission_secretariat: 'regional', national_body: 'national', ...admin }, reason: INVENTORY },
  { operation: 'planWhiteZoneResolution', roles: { commission_secretariat: 'regional', national_body: 'national', ...admin }, reason: INVENTORY },
  { operation: 'resolveWhiteZone', roles: { commission_secretariat: 'regional', national_body: 'national', ...admin }, reason: INVENTORY },
  { operation: 'reviseWhiteZoneEstimate', roles: { commission_secretariat: 'regional', national_body: 'national', ...admin }, reason: INVENTORY },
  // Deployment zones and operator commitments
  { operation: 'setCommuneZone', roles: { commission_secretariat: 'regional', national_body: 'national', ...admin }, reason: ZONE_MAP },
  {
    operation: 'importZoneFile',
    roles: { commission_secretariat: 'regional', national_body: 'national', ...admin },
    reason: `${ZONE_MAP} The regions a file touches are those of its communes, checked once the file is read.`,
  },
  {
    operation: 'recordOperatorCommitments',
    roles: { representative: 'regional', commission_secretariat: 'regional', national_body: 'national', ...admin },
    reason:
      'An operator records its own commitments through its representatives (the decider checks it is that operator), the region’s secretariat or the State records them from the operator’s letter; only on communes of the caller’s regions.',
  },
  {
    operation: 'amendOperatorCommitments',
    roles: { representative: 'regional', commission_secretariat: 'regional', national_body: 'national', ...admin },
    reason: 'As for recording them: the operator, the region’s secretariat or the State amends a set, in the regions its communes lie in.',
  },
  {
    operation: 'importRegulatorFigures',
    roles: { commission_secretariat: 'regional', national_body: 'national', ...admin },
    reason:
      'The regulator’s quarterly figures are recorded by the national bodies (the national file) or by a region’s secretariat (its own communes: the regions a file touches are those of its communes, checked once the file is read).',
  },
  // Commission (CCRANT) and its meetings
  { operation: 'constituteCommission', roles: secretariat, reason: 'The secretariat named for the region’s commission constitutes it.' },
  {
    operation: 'nameCommissionRepresentatives',
    roles: representativeOrSecretariat,
    reason: 'A member names its own representatives, or the secretariat records them.',
  },
  { operation: 'conveneMeeting', roles: representativeOrSecretariat, reason: COMMISSION },
  { operation: 'amendMeetingAgenda', roles: representativeOrSecretariat, reason: COMMISSION },
  { operation: 'recordAttendance', roles: representativeOrSecretariat, reason: COMMISSION },
  { operation: 'holdMeeting', roles: representativeOrSecretariat, reason: COMMISSION },
  { operation: 'closeMeeting', roles: representative, reason: 'A co-chair closes the meeting.' },
  { operation: 'recordConsensusDecision', roles: representative, reason: 'A co-chair records a consensus.' },
  { operation: 'openVote', roles: representative, reason: 'A co-chair opens a vote.' },
  { operation: 'closeVote', roles: representative, reason: 'A co-chair closes a vote.' },
  {
    operation: 'castVote',
    roles: representativeOrSecretariat,
    reason: 'A member votes through its representative (or its proxy’s); the secretariat records votes cast in the room.',
  },
  { operation: 'publishMinutes', roles: secretariat, reason: 'The secretariat publishes the minutes.' },
  // People registry
  {
    operation: 'registerPerson',
    roles: representativeOrSecretariat,
    reason: 'People are registered by the actor or the secretariat that deals with them; a person names no region, so the decider’s rule decides.',
  },
  { operation: 'updatePerson', roles: representativeOrSecretariat, reason: 'The actor that registered the person, or the secretariat.' },
  {
    operation: 'erasePerson',
    roles: admin,
    reason: 'Erasure (RGPD art. 17) destroys the person’s key: the operator’s act, on a legal ground recorded in the log.',
  },
];

const BY_OPERATION = new Map(AUTHORITY.map((rule) => [rule.operation, rule]));

export function authorityFor(operation: string): AuthorityRule | undefined {
  return BY_OPERATION.get(operation);
}

/** Input fields that name a record, and the stream category of that record. */
const RECORD_FIELDS: Record<string, string> = {
  commitmentId: 'commitment',
  conventionId: 'convention',
  zoneId: 'whiteZone',
  meetingId: 'meeting',
  networkProjectId: 'networkProject',
  setId: 'operatorCommitments',
};

/** The streams a write's input names (the record it changes, and records it links to). */
export function recordsNamedIn(operation: string, input: Record<string, unknown>): string[] {
  const streams: string[] = [];
  const id = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined);
  for (const [field, category] of Object.entries(RECORD_FIELDS)) {
    const value = id(input[field]);
    if (value) streams.push(`${category}-${value}`);
  }
  const projectId = id(input.projectId);
  if (projectId) {
    // Milestones name the kind; network and usage project writes say it in their name.
    const kind = typeof input.projectKind === 'string' ? input.projectKind.toLowerCase() : undefined;
    if (kind === 'network' || (!kind && /Network/.test(operation))) streams.push(`networkProject-${projectId}`);
    if (kind === 'usage' || (!kind && /Usage/.test(operation))) streams.push(`usageProject-${projectId}`);
  }
  // The actor record itself, when the write is about that actor.
  const actorId = id(input.actorId);
  if (actorId && /^(renameActor|changeActorTerritories|retireActor)$/.test(operation)) streams.push(`actor-${actorId}`);
  return streams;
}

/** Whether a role's reach covers a write touching these regions, for an actor in these regions. */
export function reachCovers(reach: Reach, writeRegions: ReadonlySet<string>, actorRegions: ReadonlySet<string>): boolean {
  if (reach === 'national') return true;
  for (const region of writeRegions) if (!actorRegions.has(region)) return false;
  return true;
}

const ROLE_ORDER: readonly Role[] = ['representative', 'commission_secretariat', 'national_body', 'auditor', 'admin'];
const REACH_MARK: Record<Reach, string> = { regional: 'own regions', national: 'nationwide' };

/** The table as docs/security.md prints it (a test keeps the two equal). */
export function authorityTableMarkdown(): string {
  const header = `| operation | ${ROLE_ORDER.join(' | ')} | why |`;
  const rule = `|---|${ROLE_ORDER.map(() => '---').join('|')}|---|`;
  const rows = AUTHORITY.map(
    (entry) =>
      `| \`${entry.operation}\` | ${ROLE_ORDER.map((role) => (entry.roles[role] ? REACH_MARK[entry.roles[role]] : '—')).join(' | ')} | ${entry.reason} |`,
  );
  return [header, rule, ...rows].join('\n');
}
