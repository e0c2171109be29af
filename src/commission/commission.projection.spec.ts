import { givenEvents } from '../../test/fixtures/projection-spec.js';
import type { CommissionEvent } from './commission.decider.js';
import { commissionProjection } from './commission.projection.js';
import { CommissionReadModel } from './commission.read-model.js';
import type { MeetingEvent } from './meeting.decider.js';

describe('commission projection', () => {
  const rules = { mode: 'consensus' } as const;
  const given: ((CommissionEvent | MeetingEvent) & { streamId: string })[] = [
    {
      streamId: 'commission-27',
      type: 'CommissionConstituted',
      data: {
        regionCode: '27',
        prefectActorId: 'prefet',
        regionActorId: 'region',
        secretariatActorId: 'sgar',
        members: [{ actorId: 'op-1', representatives: [] }],
        rules,
      },
    },
    {
      streamId: 'commission-27',
      type: 'MemberAdmitted',
      data: { regionCode: '27', member: { actorId: 'op-2', representatives: ['p-1'] }, decisionId: 'd-1', meetingId: 'm-0' },
    },
    { streamId: 'commission-27', type: 'MemberRemoved', data: { regionCode: '27', actorId: 'op-1', decisionId: 'd-2', meetingId: 'm-0' } },
    {
      streamId: 'meeting-m-1',
      type: 'MeetingConvened',
      data: {
        meetingId: 'm-1',
        regionCode: '27',
        date: '2026-03-12',
        place: 'Dijon',
        agenda: [],
        convenedBy: 'prefet',
        coChairIds: [],
        secretariatActorId: 'sgar',
        memberIds: ['op-2'],
        rules,
      },
    },
    { streamId: 'meeting-m-1', type: 'MeetingHeld', data: { meetingId: 'm-1' } },
  ];

  it('keeps the commission’s current members, each admission and removal at its revision', () => {
    const then = givenEvents(commissionProjection(), given);
    expect(then.rows('SELECT region_code, members, revision FROM commissions')).toEqual([
      { region_code: '27', members: JSON.stringify([{ actorId: 'op-2', representatives: ['p-1'] }]), revision: 2 },
    ]);
  });

  it('records a convened meeting and moves its status when it is held', () => {
    const then = givenEvents(commissionProjection(), given);
    expect(then.rows('SELECT id, region_code, date, place, status, revision FROM meetings')).toEqual([
      { id: 'm-1', region_code: '27', date: '2026-03-12', place: 'Dijon', status: 'held', revision: 1 },
    ]);
  });

  /** An opinion adopted by consensus on item `itemId` of meeting m-1, recorded at `recordedAt`. */
  const opinion = (itemId: string, recordedAt: string, occurredAt?: string) =>
    ({
      streamId: 'meeting-m-1',
      type: 'DecisionRecorded',
      recordedAt,
      ...(occurredAt && { metadata: { occurredAt } }),
      data: {
        meetingId: 'm-1',
        regionCode: '27',
        decisionId: `m-1.${itemId}`,
        itemId,
        kind: 'opinion',
        text: 'Avis favorable.',
        mode: 'consensus',
        outcome: 'adopted',
        recordedBy: 'prefet',
        meetingDate: '2026-03-12',
        tally: null,
        quorum: null,
        majority: null,
        subject: null,
      },
    }) as const;

  it('keeps when a decision was taken beside when it was recorded: a late recording keeps its meeting’s day', () => {
    const then = givenEvents(commissionProjection(), [...given, opinion('i1', '2027-01-15T09:00:00.000Z', '2026-03-12T11:00:00.000Z')]);
    expect(then.rows('SELECT id, recorded_at, occurred_at FROM commission_decisions')).toEqual([
      { id: 'm-1.i1', recorded_at: '2027-01-15T09:00:00.000Z', occurred_at: '2026-03-12T11:00:00.000Z' },
    ]);
  });

  it('orders a meeting’s decisions as the log does, even when two were recorded in the same millisecond', () => {
    const sameMillisecond = '2026-03-12T11:00:00.000Z';
    // Logged i2 first: an order by time then id would give i1 first.
    const then = givenEvents(commissionProjection(), [...given, opinion('i2', sameMillisecond), opinion('i1', sameMillisecond)]);
    const commission = new CommissionReadModel(then.db);
    expect(commission.decisionsOfMeeting('m-1').map((d) => d.id)).toEqual(['m-1.i2', 'm-1.i1']);
    expect(commission.adoptedWithFollowUps(['opinion']).map((d) => d.id)).toEqual(['m-1.i2', 'm-1.i1']);
  });
});
