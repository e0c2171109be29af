import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, PublicRead } from '../auth/access.decorators.js';
import type { Principal } from '../shared/principal.js';
import { assertWithinReach, WRITE_SCOPE, type WriteScopeLookup } from '../auth/auth.guard.js';
import { authorityFor } from '../auth/authority.js';
import { commandContext } from '../graphql/command-input.js';
import { apiError, badUserInput } from '../graphql/errors.js';
import { ListSize } from '../graphql/query-limits.js';
import { isCalendarDate, parisToday } from '../shared/calendar-date.js';
import { TerritoryService } from '../territory/territory.service.js';
import { checkTerritoryRefs } from '../territory/territory-input.js';
import { DEPLOYMENT_ZONES } from './commune-zone.decider.js';
import { LEGAL_BASES } from './operator-commitments.decider.js';
import { FIGURE_RECORDERS } from './regulator-quarter.decider.js';
import { readRegulatorFile, readZoneFile } from './zone-files.js';
import {
  AmendOperatorCommitmentsInput,
  ImportRegulatorFiguresInput,
  ImportZoneFileInput,
  OperatorCommitmentReviewArgs,
  RecordOperatorCommitmentsInput,
  SetCommuneZoneInput,
  ZoneMapArgs,
} from './zones.input.js';
import {
  CommuneCommitment,
  CommuneZone,
  CommuneZonePayload,
  CoverageFigures,
  OperatorCommitmentReview,
  OperatorCommitmentSet,
  OperatorCommitmentSetPayload,
  RegulatorQuarterImport,
  type StandingGroup,
  ZoneFileImport,
  ZoneMap,
} from './zones.model.js';
import { ZonesReadModel, type OperatorCommitmentSetRow, type OperatorCommitmentStandingRow, type ZoneArea } from './zones.read-model.js';
import { ZonesService } from './zones.service.js';

/** A region has about 1,250 communes; the whole country 35,000: ask for a territory beyond this. */
const MAX_MAP_COMMUNES = 5000;

@Resolver(() => OperatorCommitmentSet)
export class ZonesResolver {
  constructor(
    private readonly service: ZonesService,
    private readonly readModel: ZonesReadModel,
    private readonly territories: TerritoryService,
    @Inject(WRITE_SCOPE) private readonly scope: WriteScopeLookup,
  ) {}

  /** A regional role's file may only name communes of its actor's regions (known once the file is read). */
  private requireFileWithinReach(operation: string, principal: Principal, communeCodes: readonly string[]): void {
    const reach = authorityFor(operation)?.roles[principal.role];
    if (reach !== 'regional') return;
    const touched = new Set(communeCodes.flatMap((code) => this.territories.regionsOf({ kind: 'commune', code }).map((region) => region.code)));
    assertWithinReach(principal, operation, reach, touched, this.scope.regionsOfActor(principal.actorId));
  }

  @PublicRead()
  @Query(() => ZoneMap, { description: 'The deployment zone of each commune of a territory as of a day, with the regulator’s last figures by then.' })
  zoneMap(@Args() args: ZoneMapArgs): ZoneMap {
    const asOf = args.asOf ?? parisToday();
    if (!isCalendarDate(asOf)) throw badUserInput('asOf is not a calendar date', ['asOf']);
    const rows = this.readModel.zoneMap(this.areaOf(args.territory), asOf, args.zones);
    if (rows.length > MAX_MAP_COMMUNES)
      throw badUserInput(`The map holds ${rows.length} communes, more than ${MAX_MAP_COMMUNES}: give a région or a département`, ['territory']);
    const communes = rows.map((row) => ({ ...row, communeName: this.territories.commune(row.communeCode)?.name ?? null }));
    const totals = DEPLOYMENT_ZONES.map((zone) => {
      const ofZone = communes.filter((c) => c.zone === zone);
      return {
        zone,
        communes: ofZone.length,
        connectable: ofZone.reduce((n, c) => n + (c.coverage?.connectable ?? 0), 0),
        premisesEstimate: ofZone.reduce((n, c) => n + (c.coverage?.premisesEstimate ?? 0), 0),
      };
    });
    return { asOf, totals, communes };
  }

  @PublicRead()
  @ListSize(5)
  @Query(() => [CommuneZone], { description: 'Every zone a commune has been in, oldest first.' })
  communeZoneHistory(@Args('communeCode') communeCode: string): CommuneZone[] {
    const name = this.territories.commune(communeCode)?.name ?? null;
    return this.readModel.zoneHistory(communeCode).map((row) => ({ ...row, communeName: name, coverage: null }));
  }

  @PublicRead()
  @ListSize(12)
  @Query(() => [CoverageFigures], { description: 'The regulator’s figures of a commune, quarter by quarter (best-estimate changes included).' })
  regulatorFigures(@Args('communeCode') communeCode: string) {
    return this.readModel.figuresOf(communeCode);
  }

  @PublicRead()
  @Query(() => OperatorCommitmentSet, { nullable: true })
  operatorCommitmentSet(@Args('id', { type: () => ID }) id: string) {
    return this.readModel.set(id);
  }

  @PublicRead()
  @ListSize(20)
  @Query(() => [OperatorCommitmentSet], { description: 'Operator commitment sets by the day made; optionally of one operator.' })
  operatorCommitmentSets(@Args('operatorId', { type: () => ID, nullable: true }) operatorId?: string) {
    return this.readModel.sets(operatorId);
  }

  @ListSize(50)
  @ResolveField('communes', () => [CommuneCommitment])
  communes(set: OperatorCommitmentSetRow) {
    return this.readModel.communesOfSet(set.id);
  }

  @PublicRead()
  @Query(() => OperatorCommitmentReview, {
    description:
      'Operator commitments per commune with their standing today (default: the late, at-risk and breached ones), split by operator, zone, département and legal basis, with the trend by quarter of the regulator’s figures.',
  })
  operatorCommitmentReview(@Args() args: OperatorCommitmentReviewArgs): OperatorCommitmentReview {
    const today = parisToday();
    const filter = { ...this.areaOf(args.territory), operatorId: args.operatorId, zones: args.zones, legalBases: args.legalBases };
    const all = this.readModel.standings(filter, today);
    const standings = args.standings ?? ['late', 'at_risk', 'breached'];
    const name = (code: string) => this.territories.commune(code)?.name ?? null;
    return {
      today,
      commitments: all.filter((c) => standings.includes(c.standing)).map((c) => ({ ...c, communeName: name(c.communeCode) })),
      byOperator: groups(all, (c) => c.operatorId),
      byZone: groups(all, (c) => c.zone ?? 'none', DEPLOYMENT_ZONES),
      byDepartement: groups(all, (c) => c.departement ?? 'unknown'),
      byLegalBasis: groups(all, (c) => c.legalBasis, LEGAL_BASES),
      trend: this.readModel.trend(filter, today, all),
    };
  }

  @Mutation(() => CommuneZonePayload, {
    description:
      'Records the zone of a commune from a day (admin, national body or commission secretariat). A commune leaving a private zone, or passing to another operator, ends the operator’s commitment on it, with that reason.',
  })
  async setCommuneZone(@Args('input') input: SetCommuneZoneInput, @CurrentPrincipal() principal: Principal): Promise<CommuneZonePayload> {
    if (!this.territories.commune(input.communeCode)) throw badUserInput(`Unknown commune ${input.communeCode}`, ['communeCode']);
    const before = this.readModel.openCommitmentsOn(input.communeCode).map((c) => c.commitmentId);
    const { communeCode, zone, effectiveFrom } = input;
    const result = await this.service.setCommuneZone(
      {
        type: 'SetCommuneZone',
        communeCode,
        zone,
        operatorId: input.operatorId ?? null,
        networkProjectId: input.networkProjectId ?? null,
        effectiveFrom,
        reason: input.reason ?? null,
      },
      principal,
      commandContext(input, principal),
    );
    const still = new Set(this.readModel.openCommitmentsOn(communeCode).map((c) => c.commitmentId));
    const row = this.readModel.zoneHistory(communeCode).at(-1);
    if (!row) throw apiError('NOT_FOUND', `No zone recorded for ${communeCode}`);
    return {
      communeZone: { ...row, communeName: this.territories.commune(communeCode)?.name ?? null, coverage: null },
      revision: result.revision,
      replayed: result.replayed,
      endedCommitmentIds: before.filter((id) => !still.has(id)),
    };
  }

  @Mutation(() => OperatorCommitmentSetPayload, {
    description:
      'Records an operator’s commitment over a list of communes in one act, under a common reference: one commitment per commune (premises by a due date, standing by the commitments rules). Each commune must lie in a private zone in charge of that operator. All are checked before any is recorded; a retry with the same commandId completes an interrupted one.',
  })
  async recordOperatorCommitments(
    @Args('input') input: RecordOperatorCommitmentsInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OperatorCommitmentSetPayload> {
    const unknown = input.communes.findIndex((c) => !this.territories.commune(c.communeCode));
    if (unknown >= 0) throw badUserInput(`Unknown commune ${input.communes[unknown].communeCode}`, [`communes.${unknown}.communeCode`]);
    const { setId, result } = await this.service.recordOperatorCommitments(
      {
        setId: input.setId,
        reference: input.reference,
        operatorId: input.operatorId,
        legalBasis: input.legalBasis,
        communes: input.communes.map((c) => ({ ...c })),
      },
      principal,
      commandContext(input, principal),
    );
    return this.setPayload(setId, result);
  }

  @Mutation(() => OperatorCommitmentSetPayload, {
    description: 'New due dates or premises for some communes, communes withdrawn: each recorded as such on the set and on the commune’s commitment.',
  })
  async amendOperatorCommitments(
    @Args('input') input: AmendOperatorCommitmentsInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OperatorCommitmentSetPayload> {
    const result = await this.service.amendOperatorCommitments(
      input.setId,
      { revised: input.revised.map((r) => ({ ...r })), withdrawn: input.withdrawn, reason: input.reason },
      principal,
      commandContext(input, principal),
    );
    return this.setPayload(input.setId, result);
  }

  @Mutation(() => ZoneFileImport, {
    description:
      'Checks a zone file and, with commit: true and no issue, records each row as setCommuneZone would (same roles, same consequences on operator commitments). A file with any issue is refused whole (BAD_USER_INPUT with extensions.issues).',
  })
  async importZoneFile(@Args('input') input: ImportZoneFileInput, @CurrentPrincipal() principal: Principal): Promise<ZoneFileImport> {
    const context = commandContext(input, principal);
    const file = readZoneFile(input.content);
    this.requireFileWithinReach(
      'importZoneFile',
      principal,
      file.rows.map((row) => row.communeCode),
    );
    // Rows that could be read are checked against the rules too, so one pass shows every problem.
    const unreadable = new Set(file.issues.map((i) => i.line));
    const ruleIssues = this.service.checkZoneFile(
      file.rows.filter((r) => !unreadable.has(r.line)),
      principal,
    );
    const issues = [...file.issues, ...ruleIssues].sort((a, b) => a.line - b.line).map(({ line, column, message }) => ({ row: line, column, message }));
    if (!input.commit) return { rows: file.rows.length, issues, recorded: false, changed: 0, endedCommitments: 0 };
    if (issues.length > 0) throw fileRefused(input.fileName, issues);
    const result = await this.service.recordZoneFile(file.rows, principal, context);
    return { rows: file.rows.length, issues: [], recorded: true, ...result };
  }

  @Mutation(() => RegulatorQuarterImport, {
    description:
      'Checks a regulator quarterly file (per commune: premises connectable, best estimate of premises) and, with commit: true and no issue, records it and reports it as progress (source REGULATOR_DATA) on the operator commitments of its communes. A file with any issue is refused whole (BAD_USER_INPUT with extensions.issues); a dry run returns the issues.',
  })
  async importRegulatorFigures(@Args('input') input: ImportRegulatorFiguresInput, @CurrentPrincipal() principal: Principal): Promise<RegulatorQuarterImport> {
    const context = commandContext(input, principal);
    if (input.commit && !FIGURE_RECORDERS.includes(principal.role))
      throw apiError('FORBIDDEN', "The regulator's figures are recorded by admins, national bodies and the commission secretariat");
    const file = readRegulatorFile(input.content, input.quarter);
    this.requireFileWithinReach(
      'importRegulatorFigures',
      principal,
      file.rows.map((row) => row.communeCode),
    );
    const fileIssues = file.issues.map(({ line, column, message }) => ({ row: line, column, message }));
    const check = file.quarter && fileIssues.length === 0 ? this.service.checkQuarter(file.quarter, file.rows) : undefined;
    const issues = [...fileIssues, ...(check?.issues ?? [])];
    const summary = {
      quarter: file.quarter ?? '',
      asOf: check?.asOf ?? '',
      rows: file.rows.length,
      issues,
      commitmentsToMove: check?.commitmentsToMove ?? 0,
      estimateChanges: check?.estimateChanges ?? 0,
    };
    if (!input.commit) return { ...summary, recorded: false, commitmentsMoved: 0 };
    const retry = this.readModel.fileRecordedBy(context.commandId);
    if (issues.length > 0 && !retry) throw fileRefused(input.fileName, issues);
    const result = await this.service.recordQuarter(file.quarter!, input.fileName, file.rows, principal, context);
    return { ...summary, issues: [], recorded: result.recorded, commitmentsMoved: result.commitmentsMoved };
  }

  private setPayload(setId: string, result: { revision: number; replayed: boolean }): OperatorCommitmentSetPayload {
    const set = this.readModel.set(setId);
    if (!set) throw apiError('NOT_FOUND', `No operator commitments ${setId}`);
    return { set, revision: result.revision, replayed: result.replayed };
  }

  private areaOf(territory: { kind: string; code: string } | undefined): ZoneArea {
    if (!territory) return {};
    const ref = checkTerritoryRefs(this.territories, [territory], 'territory', true)[0];
    switch (ref.kind) {
      case 'commune':
        return { communeCodes: [ref.code] };
      case 'epci':
        return { communeCodes: this.territories.communesOfEpci(ref.code).map((c) => c.code) };
      case 'departement':
        return { departement: ref.code };
      default:
        return { region: ref.code };
    }
  }
}

function fileRefused(fileName: string, issues: { row: number; column: string; message: string }[]) {
  const first = issues[0];
  return apiError(
    'BAD_USER_INPUT',
    `${issues.length} issue(s) in ${fileName}; nothing was recorded. First: line ${first.row}, ${first.column || 'file'}: ${first.message}`,
    {
      fields: issues.map((i) => `content.${i.row}.${i.column}`),
      issues,
    },
  );
}

function groups(rows: OperatorCommitmentStandingRow[], keyOf: (row: OperatorCommitmentStandingRow) => string, order: readonly string[] = []): StandingGroup[] {
  const byKey = new Map<string, StandingGroup>(order.map((key) => [key, { key, onTrack: 0, atRisk: 0, late: 0, breached: 0, shortfall: 0 }]));
  for (const row of rows) {
    const key = keyOf(row);
    const group = byKey.get(key) ?? { key, onTrack: 0, atRisk: 0, late: 0, breached: 0, shortfall: 0 };
    byKey.set(key, group);
    if (row.standing === 'on_track') group.onTrack++;
    else if (row.standing === 'at_risk') group.atRisk++;
    else if (row.standing === 'late') group.late++;
    else if (row.standing === 'breached') group.breached++;
    if (row.standing === 'late' || row.standing === 'breached') group.shortfall += row.shortfall;
  }
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...byKey.values()].sort((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
