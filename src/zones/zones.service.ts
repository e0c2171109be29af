import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ActorsReadModel } from '../actors/actors.read-model.js';
import { ExecuteCommand } from '../runtime/execute-command.js';
import type { Principal } from '../shared/principal.js';
import { commitmentDecider, commitmentStreamId, type CommitmentCommand } from '../commitments/commitment.decider.js';
import { CommitmentsReadModel } from '../commitments/commitments.read-model.js';
import { derivedCommandId, type CommandContext } from '../decider/command-handler.js';
import type { Decider, DomainEvent } from '../decider/decider.js';
import { CommandRejected, conflict, forbidden } from '../decider/errors.js';
import { refusal } from '../decider/refusals.js';
import { parisDateOf, parisToday, type CalendarDate } from '../shared/calendar-date.js';
import { TerritoryService } from '../territory/territory.service.js';
import { communeZoneDecider, communeZoneStreamId, ZONE_KEEPERS, zoneChangeEndsCommitment, type CommuneZoneCommand } from './commune-zone.decider.js';
import {
  operatorCommitmentsDecider,
  operatorCommitmentsStreamId,
  zoneChangeReason,
  type LegalBasis,
  type OperatorCommitmentsCommand,
} from './operator-commitments.decider.js';
import {
  quarterEnd,
  regulatorQuarterDecider,
  regulatorQuarterStreamId,
  rowIssues,
  type RegulatorFigure,
  type RegulatorQuarterCommand,
  type RowIssue,
} from './regulator-quarter.decider.js';
import type { FileIssue, ZoneFileRow } from './zone-files.js';
import { ZonesReadModel } from './zones.read-model.js';

/** The service itself, for the acts that follow from another (as the lapse watch does). */
const SERVICE = { actorId: 'system', role: 'admin' as const };

export interface RecordOperatorCommitmentsRequest {
  setId?: string;
  reference: string;
  operatorId: string;
  legalBasis: LegalBasis;
  /** commitmentId: the commune's commitment id as first recorded (an import); default: derived from the command id. */
  communes: { communeCode: string; premises: number; dueDate: CalendarDate; commitmentId?: string }[];
}

export interface QuarterCheck {
  quarter: string;
  asOf: CalendarDate;
  rows: number;
  issues: RowIssue[];
  /** Commitments the figures would move (active ones on the file's communes). */
  commitmentsToMove: number;
  /** Communes whose best estimate of premises changed since the previous quarter. */
  estimateChanges: number;
}

export interface QuarterResult extends QuarterCheck {
  recorded: boolean;
  commitmentsMoved: number;
}

/**
 * Records the zone acts and carries out what follows from them on the commitments feature: one
 * commitment per commune of an operator's set, revisions and withdrawals of an amendment, the end of
 * a commune's commitment when its zone changes, and progress from the regulator's figures. Each
 * follow-up has a command id derived from the act's, so a retry completes what a failure interrupted.
 */
@Injectable()
export class ZonesService {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly readModel: ZonesReadModel,
    private readonly commitments: CommitmentsReadModel,
    private readonly actors: ActorsReadModel,
    private readonly territories: TerritoryService,
  ) {}

  async setCommuneZone(command: Omit<CommuneZoneCommand, 'principal'>, principal: Principal, context: CommandContext) {
    const result = await this.execute(communeZoneDecider, communeZoneStreamId(command.communeCode), { ...command, principal: principalOf(principal) }, context);
    const event = result.events[0];
    const why = event && zoneChangeEndsCommitment(event.data.previous, event.data);
    if (event?.data.previous && why) {
      const { previous, zone, effectiveFrom, communeCode } = event.data;
      for (const open of this.readModel.openCommitmentsOn(communeCode)) {
        await this.execute(
          operatorCommitmentsDecider,
          operatorCommitmentsStreamId(open.setId),
          { type: 'EndCommuneCommitmentForZoneChange', principal: SERVICE, communeCode, why, fromZone: previous.zone, toZone: zone, effectiveFrom },
          this.followUp(context, `zone-change:${open.setId}:${communeCode}`),
        );
        await this.withdrawIfActive(
          open.commitmentId,
          zoneChangeReason(communeCode, why, previous.zone, zone, effectiveFrom),
          this.followUp(context, `zone-change-withdraw:${open.commitmentId}`),
        );
      }
    }
    return result;
  }

  async recordOperatorCommitments(request: RecordOperatorCommitmentsRequest, principal: Principal, context: CommandContext) {
    const setId = request.setId ?? derivedCommandId(context.commandId, 'operator-commitments');
    const madeOn = parisDateOf(context.occurredAt);
    const operator = this.actors.byId(request.operatorId);
    const communes = request.communes.map((c) => ({
      ...c,
      commitmentId: c.commitmentId ?? derivedCommandId(context.commandId, `operator-commitment:${c.communeCode}`),
      zone: this.readModel.zoneOf(c.communeCode, madeOn),
    }));
    const command: OperatorCommitmentsCommand = {
      type: 'RecordOperatorCommitments',
      principal: principalOf(principal),
      setId,
      reference: request.reference,
      operatorId: request.operatorId,
      operator: operator && { status: operator.status },
      legalBasis: request.legalBasis,
      madeOn,
      communes: communes.map(({ zone, ...c }) => ({ ...c, zone: zone && { zone: zone.zone, operatorId: zone.operatorId } })),
    };
    const makes = communes.map((c) => ({ commitmentId: c.commitmentId, command: this.makeCommitment(request, c, madeOn) }));
    // Decide is pure: checking every commune's commitment first means one bad commune writes nothing.
    operatorCommitmentsDecider.decide(command, operatorCommitmentsDecider.initialState());
    for (const make of makes) if (!this.commitments.byId(make.commitmentId)) commitmentDecider.decide(make.command, commitmentDecider.initialState());
    const result = await this.execute(operatorCommitmentsDecider, operatorCommitmentsStreamId(setId), command, context);
    for (const make of makes) {
      await this.execute(commitmentDecider, commitmentStreamId(make.commitmentId), make.command, {
        ...this.followUp(context, `make:${make.commitmentId}`),
        commandId: make.commitmentId,
      });
    }
    return { setId, result };
  }

  async amendOperatorCommitments(
    setId: string,
    amendment: { revised: { communeCode: string; dueDate?: CalendarDate; premises?: number }[]; withdrawn: string[]; reason: string },
    principal: Principal,
    context: CommandContext,
  ) {
    // Revising a commitment that has ended meanwhile (breached, fulfilled) would record half an amendment.
    for (const commune of this.readModel.communesOfSet(setId)) {
      const touched = amendment.revised.some((r) => r.communeCode === commune.communeCode) || amendment.withdrawn.includes(commune.communeCode);
      const status = this.commitments.byId(commune.commitmentId)?.status;
      if (touched && status && status !== 'active') throw conflict(refusal('zones.commitmentClosed', { communeCode: commune.communeCode, status }));
    }
    // "Already past" is judged on the day of the amendment (as the commission judges its acts): history can be recorded later.
    const today = parisDateOf(context.occurredAt);
    const result = await this.execute(
      operatorCommitmentsDecider,
      operatorCommitmentsStreamId(setId),
      { type: 'AmendOperatorCommitments', principal: principalOf(principal), ...amendment, today },
      context,
    );
    const event = result.events.find((e) => e.type === 'OperatorCommitmentsAmended');
    if (event?.type === 'OperatorCommitmentsAmended') {
      const reference = this.readModel.set(setId)?.reference ?? setId;
      for (const r of event.data.revised) {
        const command: CommitmentCommand = {
          type: 'ReviseCommitment',
          principal: SERVICE,
          target: { quantity: r.premises, unit: 'ftth_premises' },
          dueDate: r.dueDate,
          reason: `Amendment of ${reference}: ${event.data.reason}`,
          today,
        };
        await this.execute(commitmentDecider, commitmentStreamId(r.commitmentId), command, this.followUp(context, `revise:${r.commitmentId}`));
      }
      for (const w of event.data.withdrawn) {
        await this.withdrawIfActive(
          w.commitmentId,
          `Commune ${w.communeCode} withdrawn by an amendment of ${reference}: ${event.data.reason}`,
          this.followUp(context, `withdraw:${w.commitmentId}`),
        );
      }
    }
    return result;
  }

  /**
   * A zone file's problems, line by line, without writing anything: unknown communes or operators,
   * and every rule of the zone decider, each row judged after the file's earlier rows.
   */
  checkZoneFile(rows: ZoneFileRow[], principal: Principal): FileIssue[] {
    if (!ZONE_KEEPERS.includes(principal.role)) throw forbidden(refusal('zones.keepers'));
    const issues: FileIssue[] = [];
    const states = new Map<string, ReturnType<typeof communeZoneDecider.initialState>>();
    for (const row of rows) {
      if (!this.territories.commune(row.communeCode)) {
        issues.push({ line: row.line, column: 'communeCode', message: `Unknown commune ${row.communeCode}` });
        continue;
      }
      if (row.operatorId && !this.actors.byId(row.operatorId)) issues.push({ line: row.line, column: 'operatorId', message: `No actor ${row.operatorId}` });
      let state = states.get(row.communeCode);
      if (!state) {
        const current = this.readModel.zoneHistory(row.communeCode).at(-1);
        state = {
          communeCode: row.communeCode,
          current: current
            ? { zone: current.zone, operatorId: current.operatorId, networkProjectId: current.networkProjectId, effectiveFrom: current.effectiveFrom }
            : null,
        };
      }
      try {
        const events = communeZoneDecider.decide({ type: 'SetCommuneZone', principal: principalOf(principal), ...zoneFields(row) }, state);
        states.set(row.communeCode, events.reduce(communeZoneDecider.evolve, state));
      } catch (error) {
        if (!(error instanceof CommandRejected)) throw error;
        issues.push({ line: row.line, column: error.fields[0] ?? (error.kind === 'conflict' ? 'effectiveFrom' : 'zone'), message: error.message });
      }
    }
    return issues;
  }

  /** Records a checked zone file, row by row; a retry with the same command id completes it. */
  async recordZoneFile(rows: ZoneFileRow[], principal: Principal, context: CommandContext): Promise<{ changed: number; endedCommitments: number }> {
    let changed = 0;
    const openBefore = new Set(rows.flatMap((r) => this.readModel.openCommitmentsOn(r.communeCode).map((c) => c.commitmentId)));
    for (const row of rows) {
      const result = await this.setCommuneZone({ type: 'SetCommuneZone', ...zoneFields(row) }, principal, {
        ...this.followUp(context, `zone-file:${row.line}`),
      });
      if (result.events.length > 0 && !result.replayed) changed++;
    }
    const openAfter = new Set(rows.flatMap((r) => this.readModel.openCommitmentsOn(r.communeCode).map((c) => c.commitmentId)));
    return { changed, endedCommitments: [...openBefore].filter((id) => !openAfter.has(id)).length };
  }

  /** The file's problems and what it would move, without writing anything. */
  checkQuarter(quarter: string, rows: RegulatorFigure[]): QuarterCheck {
    const asOf = quarterEnd(quarter);
    const facts = this.readModel.communeFacts(
      quarter,
      rows.map((r) => r.communeCode),
      (code) => this.territories.commune(code) !== undefined,
    );
    const issues = rowIssues(quarter, rows, facts);
    if (asOf > parisToday()) issues.unshift({ row: 0, column: 'quarter', message: `Quarter ${quarter} has not ended yet` });
    const estimateChanges = rows.filter((r) => {
      const before = facts[r.communeCode]?.before;
      return before && before.premisesEstimate !== r.premisesEstimate;
    }).length;
    return { quarter, asOf, rows: rows.length, issues, commitmentsToMove: this.activeCommitmentsOn(rows).length, estimateChanges };
  }

  /**
   * Records a quarter's figures (all rows or none) and reports them as progress, source regulator
   * data, on every active operator commitment of their communes.
   */
  async recordQuarter(quarter: string, source: string, rows: RegulatorFigure[], principal: Principal, context: CommandContext): Promise<QuarterResult> {
    const check = this.checkQuarter(quarter, rows);
    const retry = this.readModel.fileRecordedBy(context.commandId);
    if (!retry) {
      const facts = this.readModel.communeFacts(
        quarter,
        rows.map((r) => r.communeCode),
        (code) => this.territories.commune(code) !== undefined,
      );
      const command: RegulatorQuarterCommand = {
        type: 'RecordRegulatorQuarter',
        principal: principalOf(principal),
        quarter,
        source,
        rows,
        facts,
        today: parisToday(),
      };
      await this.execute(regulatorQuarterDecider, regulatorQuarterStreamId(quarter), command, context);
    }
    const asOf = quarterEnd(quarter);
    let moved = 0;
    for (const { row, commitmentId } of this.activeCommitmentsOn(rows)) {
      const command: CommitmentCommand = {
        type: 'ReportCommitmentProgress',
        principal: principalOf(principal),
        value: row.connectable,
        asOf,
        source: 'regulator_data',
        note: `Regulator figures ${quarter}: ${row.connectable} premises connectable, best estimate ${row.premisesEstimate}`,
        today: parisToday(),
      };
      const result = await this.execute(commitmentDecider, commitmentStreamId(commitmentId), command, this.followUp(context, `progress:${commitmentId}`));
      if (result.events.length > 0) moved++;
      // Every premise committed is connectable: the commitment is met, whoever would have declared it.
      const commitment = this.commitments.byId(commitmentId);
      if (commitment?.status === 'active' && commitment.currentValue !== null && commitment.currentValue >= commitment.target.quantity) {
        await this.execute(
          commitmentDecider,
          commitmentStreamId(commitmentId),
          {
            type: 'FulfilCommitment',
            principal: SERVICE,
            note: `Regulator figures ${quarter}: ${row.connectable} premises connectable, target ${commitment.target.quantity} reached`,
          },
          this.followUp(context, `fulfil:${commitmentId}`),
        );
      }
    }
    return { ...check, issues: [], recorded: true, commitmentsMoved: moved };
  }

  private activeCommitmentsOn(rows: RegulatorFigure[]) {
    return rows.flatMap((row) =>
      this.readModel
        .openCommitmentsOn(row.communeCode)
        .filter((c) => this.commitments.byId(c.commitmentId)?.status === 'active')
        .map((c) => ({ row, commitmentId: c.commitmentId })),
    );
  }

  private makeCommitment(
    request: RecordOperatorCommitmentsRequest,
    commune: { communeCode: string; premises: number; dueDate: CalendarDate; commitmentId: string },
    madeOn: CalendarDate,
  ): CommitmentCommand {
    const operator = this.actors.byId(request.operatorId);
    const name = this.territories.commune(commune.communeCode)?.name ?? commune.communeCode;
    return {
      type: 'MakeCommitment',
      principal: SERVICE,
      commitmentId: commune.commitmentId,
      committingActorId: request.operatorId,
      committingActor: operator && { kind: operator.kind, status: operator.status },
      subject: 'fixed_coverage',
      title: `FttH premises in ${name} (${commune.communeCode}) — ${request.reference}`.slice(0, 300),
      target: { quantity: commune.premises, unit: 'ftth_premises' },
      territories: [{ kind: 'commune', code: commune.communeCode }],
      dueDate: commune.dueDate,
      madeOn,
    };
  }

  private async withdrawIfActive(commitmentId: string, reason: string, context: CommandContext) {
    const status = this.commitments.byId(commitmentId)?.status;
    if (status !== 'active') return; // already ended (breached, fulfilled) — nothing left to withdraw
    await this.execute(commitmentDecider, commitmentStreamId(commitmentId), { type: 'WithdrawCommitment', principal: SERVICE, reason }, context);
  }

  private followUp(context: CommandContext, label: string): CommandContext {
    return {
      commandId: derivedCommandId(context.commandId, label),
      principal: context.principal,
      actingActorId: context.actingActorId,
      occurredAt: context.occurredAt,
      correlationId: context.correlationId ?? context.commandId,
      causationId: context.commandId,
    };
  }

  private execute<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C, context: CommandContext) {
    return this.commandBus.execute(new ExecuteCommand(decider, streamId, command, context));
  }
}

function zoneFields(row: ZoneFileRow) {
  const { communeCode, zone, operatorId, networkProjectId, effectiveFrom, reason } = row;
  return { communeCode, zone, operatorId, networkProjectId, effectiveFrom, reason };
}

function principalOf(principal: Principal) {
  return { actorId: principal.actorId, role: principal.role };
}
