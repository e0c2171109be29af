import type { CommandBus } from '@nestjs/cqrs';
import type { ActorsReadModel } from '../actors/actors.read-model.js';
import type { ExecuteCommand } from '../runtime/execute-command.js';
import { derivedCommandId } from '../decider/command-handler.js';
import type { DomainEvent } from '../decider/decider.js';
import type { Projections } from '../projections/projections.module.js';
import { CommissionFollowUps, type CommittedDecision } from './commission-follow-ups.js';
import type { CommissionReadModel, DecisionRow } from './commission.read-model.js';
import type { RecordedEvent } from '../event-store/event-store.js';
import { recordedEvents } from '../../test/fixtures/projection-spec.js';
import type { DecisionData } from './meeting.decider.js';

type SentCommand = ExecuteCommand<unknown, DomainEvent, unknown>;

const busOf = (sent: SentCommand[]) =>
  ({ execute: async (command: SentCommand) => (sent.push(command), { events: [{}], replayed: false }) }) as unknown as CommandBus;
const readModelWith = (adopted: DecisionRow[]) =>
  ({ commission: () => ({ regionCode: '52', secretariatActorId: 'sgar-52' }), adoptedWithFollowUps: () => adopted }) as unknown as CommissionReadModel;

/** The manager's wiring without the service: which command goes to which stream, under which ids. */
function managerWith(sent: SentCommand[]) {
  const actors = { byId: () => ({ kind: 'private_operator', status: 'active' }) } as unknown as ActorsReadModel;
  return new CommissionFollowUps(busOf(sent), {} as Projections, readModelWith([]), actors);
}

const base: DecisionData = {
  meetingId: 'm1',
  regionCode: '52',
  decisionId: 'm1.i1',
  itemId: 'i1',
  kind: 'default_escalation',
  text: 'Escalated',
  mode: 'consensus',
  outcome: 'adopted',
  recordedBy: 'prefet-52',
  meetingDate: '2015-03-10',
  tally: null,
  quorum: null,
  majority: null,
  subject: { kind: 'default_escalation', conventionId: 'cpsd-44', defaultId: 'd1', escalation: 'formal_default' },
};
const committed = (decision: DecisionData): CommittedDecision => ({
  decision,
  eventId: 'event-1',
  correlationId: 'corr-1',
  occurredAt: '2015-03-10T10:00:00.000Z',
});

describe('Commission follow-ups', () => {
  it('records a formal default on the convention, as the secretariat, caused by the decision event', async () => {
    const sent: SentCommand[] = [];
    await managerWith(sent).apply(committed(base));
    expect(sent).toHaveLength(1);
    expect(sent[0].streamId).toBe('convention-cpsd-44');
    expect(sent[0].command).toEqual({
      type: 'RecordDefaultDecision',
      principal: { actorId: 'sgar-52', role: 'commission_secretariat' },
      defaultId: 'd1',
      decisionId: 'm1.i1',
      meetingId: 'm1',
      outcome: 'formal_default',
    });
    expect(sent[0].context).toMatchObject({ commandId: derivedCommandId('event-1', 'default_escalation'), causationId: 'event-1', correlationId: 'corr-1' });
  });

  it('refers a default to the commission', async () => {
    const sent: SentCommand[] = [];
    await managerWith(sent).apply(
      committed({ ...base, subject: { kind: 'default_escalation', conventionId: 'cpsd-44', defaultId: 'd1', escalation: 'referred_to_commission' } }),
    );
    expect(sent[0].command).toMatchObject({ type: 'ReferConventionDefault', defaultId: 'd1' });
  });

  it('sends the same command under the same id however often it runs over the same event', async () => {
    const sent: SentCommand[] = [];
    const manager = managerWith(sent);
    await manager.apply(committed(base));
    await managerWith(sent).apply(committed(base));
    expect(sent).toHaveLength(2);
    expect(sent[1].context).toEqual(sent[0].context);
    expect(sent[1].command).toEqual(sent[0].command);
  });

  it('does nothing for a rejected decision or a decision without follow-up', async () => {
    const sent: SentCommand[] = [];
    await managerWith(sent).apply(committed({ ...base, outcome: 'rejected' }));
    await managerWith(sent).apply(committed({ ...base, kind: 'opinion', subject: null }));
    expect(sent).toHaveLength(0);
  });

  describe('a decision recorded late (an import, a late recording)', () => {
    const approval: DecisionData = { ...base, kind: 'minutes_approval', subject: { kind: 'minutes_approval', meetingId: 'm0', version: 1 } };
    const [late] = recordedEvents([
      {
        streamId: 'meeting-m1',
        type: 'DecisionRecorded',
        data: approval,
        recordedAt: '2027-01-15T09:00:00.000Z',
        metadata: { occurredAt: '2015-03-10T11:00:00.000Z' },
      },
    ]);

    it('dates its follow-up at the decision’s occurredAt, not at its recording', async () => {
      const sent: SentCommand[] = [];
      let listener: (name: string, events: RecordedEvent[]) => void = () => undefined;
      const projections = { onCommitted: (callback: typeof listener) => ((listener = callback), () => undefined) } as unknown as Projections;
      const manager = new CommissionFollowUps(busOf(sent), projections, readModelWith([]), {} as ActorsReadModel);
      manager.onModuleInit();
      listener('commission', [late]);
      await manager.settled();
      expect(sent).toHaveLength(1);
      expect(sent[0].context.occurredAt).toBe('2015-03-10T11:00:00.000Z');
    });

    it('dates it the same when a restart finds it in the register', async () => {
      const sent: SentCommand[] = [];
      const row: DecisionRow = {
        ...approval,
        id: approval.decisionId,
        concernedActorId: null,
        majority: null,
        eventId: late.id,
        correlationId: late.metadata.correlationId,
        recordedAt: new Date(late.recordedAt),
        occurredAt: new Date(late.metadata.occurredAt),
      };
      await new CommissionFollowUps(busOf(sent), {} as Projections, readModelWith([row]), {} as ActorsReadModel).catchUp();
      expect(sent).toHaveLength(1);
      expect(sent[0].context.occurredAt).toBe('2015-03-10T11:00:00.000Z');
    });
  });
});
