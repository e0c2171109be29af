import { specificationOf } from '../decider/given-when-then.js';
import { commitmentDecider, type CommitmentCommand, type CommitmentEvent } from './commitment.decider.js';
import type { ActingActor } from '../shared/principal.js';

const spec = specificationOf(commitmentDecider);
const sfr: ActingActor = { actorId: 'sfr', role: 'representative' };
const orange: ActingActor = { actorId: 'orange', role: 'representative' };
const secretariat: ActingActor = { actorId: 'sgar-52', role: 'commission_secretariat' };
const missionThd: ActingActor = { actorId: 'mission-thd', role: 'national_body' };
const admin: ActingActor = { actorId: 'sgar-52', role: 'admin' };
const auditor: ActingActor = { actorId: 'datar', role: 'auditor' };

const make: Extract<CommitmentCommand, { type: 'MakeCommitment' }> = {
  type: 'MakeCommitment',
  principal: sfr,
  commitmentId: 'c1',
  committingActorId: 'sfr',
  committingActor: { kind: 'private_operator', status: 'active' },
  subject: 'fixed_coverage',
  title: '  FttH   premises connectable in Nantes Métropole ',
  target: { quantity: 74_200, unit: 'ftth_premises' },
  territories: [{ kind: 'epci', code: '244400404' }],
  dueDate: '2020-12-31',
  madeOn: '2014-06-30',
};
const made: CommitmentEvent = {
  type: 'CommitmentMade',
  data: {
    commitmentId: 'c1',
    committingActorId: 'sfr',
    subject: 'fixed_coverage',
    title: 'FttH premises connectable in Nantes Métropole',
    target: { quantity: 74_200, unit: 'ftth_premises' },
    territories: [{ kind: 'epci', code: '244400404' }],
    dueDate: '2020-12-31',
    madeOn: '2014-06-30',
    stemsFrom: null,
  },
};
const report = (
  value: number,
  asOf: string,
  principal = sfr,
  source: 'declared' | 'operator_data' | 'regulator_data' | 'audit' = 'declared',
): CommitmentCommand => ({
  type: 'ReportCommitmentProgress',
  principal,
  value,
  asOf,
  source,
  today: '2016-01-15',
});
const reported = (value: number, asOf: string, supersedesCurrent = true, source = 'declared' as const): CommitmentEvent => ({
  type: 'CommitmentProgressReported',
  data: { commitmentId: 'c1', value, asOf, source, note: null, supersedesCurrent },
});

describe('Commitments', () => {
  describe('making', () => {
    it('records the commitment with its tidied title', () => {
      spec.given([]).when(make).then([made]);
    });

    it('keeps the decision or convention it stems from', () => {
      const stemsFrom = { kind: 'commission_decision' as const, decisionId: 'd1', meetingId: 'm1' };
      const [event] = commitmentDecider.decide({ ...make, principal: secretariat, stemsFrom }, commitmentDecider.initialState());
      expect(event).toEqual({ ...made, data: { ...made.data, stemsFrom } });
    });

    it('stems from a convention only when it is in force and the committing actor is a party to it', () => {
      const stemsFrom = { kind: 'convention' as const, conventionId: 'cpsd-44' };
      const fromConvention = (originConvention?: { status: string; partyIds: string[] }) => ({ ...make, stemsFrom, originConvention });
      spec
        .given([])
        .when(fromConvention({ status: 'in_force', partyIds: ['sfr', 'dep-44'] }))
        .then([{ ...made, data: { ...made.data, stemsFrom } }]);
      spec
        .given([])
        .when(fromConvention({ status: 'amendment_pending', partyIds: ['sfr', 'dep-44'] }))
        .then([{ ...made, data: { ...made.data, stemsFrom } }]);
      spec
        .given([])
        .when(fromConvention(undefined))
        .thenRejects('notFound', /No convention cpsd-44/);
      spec
        .given([])
        .when(fromConvention({ status: 'partially_signed', partyIds: ['sfr', 'dep-44'] }))
        .thenRejects('conflict', /in force/);
      spec
        .given([])
        .when(fromConvention({ status: 'in_force', partyIds: ['orange', 'dep-44'] }))
        .thenRejects('conflict', /not a party/);
    });

    it('is for representatives of the committing actor, or the secretariat recording a commission decision', () => {
      spec
        .given([])
        .when({ ...make, principal: orange })
        .thenRejects('forbidden', /representative of sfr/);
      spec
        .given([])
        .when({ ...make, principal: secretariat })
        .thenRejects('forbidden');
      spec
        .given([])
        .when({ ...make, principal: auditor })
        .thenRejects('forbidden');
      spec
        .given([])
        .when({ ...make, principal: admin })
        .then([made]);
    });

    it('refuses an unknown or retired committing actor', () => {
      spec
        .given([])
        .when({ ...make, committingActor: undefined })
        .thenRejects('notFound', /No actor sfr/);
      spec
        .given([])
        .when({ ...make, committingActor: { kind: 'private_operator', status: 'retired' } })
        .thenRejects('conflict', /retired/);
    });

    it('refuses to make the same commitment twice', () => {
      spec
        .given([made])
        .when(make)
        .thenRejects('conflict', /already exists/);
    });

    it('requires a measurable target, a future due date, a title and territories', () => {
      const fieldsOf = (command: CommitmentCommand) => spec.given([]).when(command).thenRejects('invalid').fields;
      expect(fieldsOf({ ...make, target: { quantity: 0, unit: 'ftth_premises' } })).toEqual(['target.quantity']);
      expect(fieldsOf({ ...make, target: { quantity: Number.NaN, unit: 'euros' } })).toEqual(['target.quantity']);
      expect(fieldsOf({ ...make, target: { quantity: 120, unit: 'percent' } })).toEqual(['target.quantity']);
      expect(fieldsOf({ ...make, dueDate: '2020-02-30' })).toEqual(['dueDate']);
      expect(fieldsOf({ ...make, dueDate: '2014-06-30' })).toEqual(['dueDate']);
      expect(fieldsOf({ ...make, title: '  ' })).toEqual(['title']);
      expect(fieldsOf({ ...make, title: 'x'.repeat(301) })).toEqual(['title']);
      expect(fieldsOf({ ...make, territories: [] })).toEqual(['territories']);
      expect(
        fieldsOf({
          ...make,
          territories: [
            { kind: 'commune', code: '44109' },
            { kind: 'commune', code: '44109' },
          ],
        }),
      ).toEqual(['territories']);
    });
  });

  describe('revising', () => {
    const revise = (change: Partial<Extract<CommitmentCommand, { type: 'ReviseCommitment' }>>): CommitmentCommand => ({
      type: 'ReviseCommitment',
      principal: sfr,
      reason: 'Civil works delayed by the flood',
      today: '2016-01-15',
      ...change,
    });

    it('records the new and the previous target and due date, with the reason', () => {
      spec
        .given([made])
        .when(revise({ dueDate: '2021-06-30' }))
        .then([
          {
            type: 'CommitmentRevised',
            data: {
              commitmentId: 'c1',
              target: { quantity: 74_200, unit: 'ftth_premises' },
              dueDate: '2021-06-30',
              previousTarget: { quantity: 74_200, unit: 'ftth_premises' },
              previousDueDate: '2020-12-31',
              reason: 'Civil works delayed by the flood',
            },
          },
        ]);
    });

    it('requires a reason and a change', () => {
      expect(
        spec
          .given([made])
          .when(revise({ reason: ' ', dueDate: '2021-06-30' }))
          .thenRejects('invalid').fields,
      ).toEqual(['reason']);
      spec
        .given([made])
        .when(revise({}))
        .thenRejects('invalid', /new target, a new due date/);
      spec
        .given([made])
        .when(revise({ dueDate: '2020-12-31' }))
        .then([]);
    });

    it('refuses a due date already past, and a unit change once progress is reported', () => {
      spec
        .given([made])
        .when(revise({ dueDate: '2015-12-31' }))
        .thenRejects('invalid', /already past/);
      spec
        .given([made, reported(10_000, '2015-12-31')])
        .when(revise({ target: { quantity: 100, unit: 'percent' } }))
        .thenRejects('invalid', /unit cannot change/);
    });

    it('is for representatives of the committing actor only, on an active commitment', () => {
      spec
        .given([made])
        .when(revise({ principal: orange, dueDate: '2021-06-30' }))
        .thenRejects('forbidden');
      spec
        .given([made, { type: 'CommitmentWithdrawn', data: { commitmentId: 'c1', reason: 'x' } }])
        .when(revise({ dueDate: '2021-06-30' }))
        .thenRejects('conflict', /withdrawn/);
      spec
        .given([])
        .when(revise({ dueDate: '2021-06-30' }))
        .thenRejects('notFound');
    });
  });

  describe('reporting progress', () => {
    it('moves the current value forward with each newer report', () => {
      spec
        .given([made])
        .when(report(10_000, '2015-06-30'))
        .then([reported(10_000, '2015-06-30')]);
      spec
        .given([made, reported(10_000, '2015-06-30')])
        .when(report(20_000, '2015-12-31'))
        .then([reported(20_000, '2015-12-31')]);
    });

    it('keeps a report older than the latest one without moving the current value backwards', () => {
      spec
        .given([made, reported(20_000, '2015-12-31')])
        .when(report(12_000, '2015-09-30'))
        .then([reported(12_000, '2015-09-30', false)]);
      spec
        .given([made, reported(20_000, '2015-12-31')])
        .when(report(12_000, '2015-09-30'))
        .thenState({
          status: 'active',
          commitmentId: 'c1',
          committingActorId: 'sfr',
          target: { quantity: 74_200, unit: 'ftth_premises' },
          dueDate: '2020-12-31',
          latestProgress: { value: 20_000, asOf: '2015-12-31' },
          conventionIds: [],
        });
    });

    it('lets the secretariat and national bodies report data from a source, not declare it', () => {
      spec
        .given([made])
        .when(report(9_000, '2015-06-30', secretariat, 'regulator_data'))
        .then([reported(9_000, '2015-06-30', true, 'regulator_data' as 'declared')]);
      spec
        .given([made])
        .when(report(9_000, '2015-06-30', missionThd, 'audit'))
        .then([reported(9_000, '2015-06-30', true, 'audit' as 'declared')]);
      expect(
        spec
          .given([made])
          .when(report(9_000, '2015-06-30', secretariat, 'declared'))
          .thenRejects('invalid').fields,
      ).toEqual(['source']);
      spec
        .given([made])
        .when(report(9_000, '2015-06-30', orange))
        .thenRejects('forbidden');
      spec
        .given([made])
        .when(report(9_000, '2015-06-30', auditor, 'audit'))
        .thenRejects('forbidden');
    });

    it('refuses a negative value and a date in the future', () => {
      expect(spec.given([made]).when(report(-1, '2015-06-30')).thenRejects('invalid').fields).toEqual(['value']);
      expect(spec.given([made]).when(report(1, '2016-01-16')).thenRejects('invalid').fields).toEqual(['asOf']);
      expect(spec.given([made]).when(report(1, '2016-13-01')).thenRejects('invalid').fields).toEqual(['asOf']);
    });
  });

  describe('ending', () => {
    const fulfilled: CommitmentEvent = { type: 'CommitmentFulfilled', data: { commitmentId: 'c1', note: null } };

    it('fulfils, withdraws with a reason, or declares a breach', () => {
      spec.given([made]).when({ type: 'FulfilCommitment', principal: sfr }).then([fulfilled]);
      spec
        .given([made])
        .when({ type: 'WithdrawCommitment', principal: sfr, reason: 'Superseded by the CPSD' })
        .then([{ type: 'CommitmentWithdrawn', data: { commitmentId: 'c1', reason: 'Superseded by the CPSD' } }]);
      spec.given([made]).when({ type: 'WithdrawCommitment', principal: sfr, reason: '' }).thenRejects('invalid');
      spec
        .given([made])
        .when({ type: 'DeclareCommitmentBreached', principal: orange, reason: 'No works started in 2019' })
        .then([{ type: 'CommitmentBreached', data: { commitmentId: 'c1', reason: 'No works started in 2019', declaredBy: 'orange', dueDate: '2020-12-31' } }]);
      spec.given([made]).when({ type: 'DeclareCommitmentBreached', principal: auditor, reason: 'x' }).thenRejects('forbidden');
    });

    it('only the committing actor fulfils or withdraws', () => {
      spec.given([made]).when({ type: 'FulfilCommitment', principal: orange }).thenRejects('forbidden');
      spec.given([made]).when({ type: 'WithdrawCommitment', principal: secretariat, reason: 'x' }).thenRejects('forbidden');
    });

    it('ends once: nothing changes a fulfilled commitment', () => {
      spec
        .given([made, fulfilled])
        .when({ type: 'FulfilCommitment', principal: sfr })
        .thenRejects('conflict', /fulfilled/);
      spec.given([made, fulfilled]).when(report(1, '2015-06-30')).thenRejects('conflict');
      spec.given([made, fulfilled]).when({ type: 'DeclareCommitmentBreached', principal: orange, reason: 'x' }).thenRejects('conflict');
    });
  });

  describe('lapsing at the due date', () => {
    const lapse = (today: string, graceDays = 0): CommitmentCommand => ({ type: 'RecordLapsedCommitment', principal: admin, today, graceDays });

    it('breaches an active commitment once its due date and the grace period have passed', () => {
      spec
        .given([made])
        .when(lapse('2021-01-01'))
        .then([
          {
            type: 'CommitmentBreached',
            data: { commitmentId: 'c1', reason: 'Due date 2020-12-31 passed unfulfilled', declaredBy: null, dueDate: '2020-12-31' },
          },
        ]);
      spec.given([made]).when(lapse('2020-12-31')).then([]);
      spec.given([made]).when(lapse('2021-01-30', 30)).then([]);
      spec
        .given([made])
        .when(lapse('2021-01-31', 30))
        .then([
          {
            type: 'CommitmentBreached',
            data: { commitmentId: 'c1', reason: 'Due date 2020-12-31 passed unfulfilled', declaredBy: null, dueDate: '2020-12-31' },
          },
        ]);
    });

    it('does nothing to a commitment fulfilled or revised meanwhile, and is the service’s alone', () => {
      spec
        .given([made, { type: 'CommitmentFulfilled', data: { commitmentId: 'c1', note: null } }])
        .when(lapse('2021-01-01'))
        .then([]);
      const revised: CommitmentEvent = {
        type: 'CommitmentRevised',
        data: {
          commitmentId: 'c1',
          target: made.data.target,
          dueDate: '2021-06-30',
          previousTarget: made.data.target,
          previousDueDate: '2020-12-31',
          reason: 'x',
        },
      };
      spec.given([made, revised]).when(lapse('2021-01-01')).then([]);
      spec.given([made]).when({ type: 'RecordLapsedCommitment', principal: sfr, today: '2021-01-01', graceDays: 0 }).thenRejects('forbidden');
    });
  });

  describe('attaching to a convention', () => {
    const attach = (convention: { status: string; partyIds: string[] } | undefined): CommitmentCommand => ({
      type: 'AttachCommitmentToConvention',
      principal: sfr,
      conventionId: 'cpsd-44',
      convention,
    });
    const attached: CommitmentEvent = { type: 'CommitmentAttachedToConvention', data: { commitmentId: 'c1', conventionId: 'cpsd-44' } };

    it('links the commitment to a convention in force its actor is party to, once', () => {
      spec
        .given([made])
        .when(attach({ status: 'in_force', partyIds: ['sfr', 'prefet-52'] }))
        .then([attached]);
      spec
        .given([made, attached])
        .when(attach({ status: 'in_force', partyIds: ['sfr', 'prefet-52'] }))
        .then([]);
    });

    it('refuses a convention not in force, unknown, or without the committing actor', () => {
      spec
        .given([made])
        .when(attach({ status: 'draft', partyIds: ['sfr', 'prefet-52'] }))
        .thenRejects('conflict', /in force/);
      spec.given([made]).when(attach(undefined)).thenRejects('notFound');
      spec
        .given([made])
        .when(attach({ status: 'in_force', partyIds: ['orange', 'prefet-52'] }))
        .thenRejects('conflict', /not a party/);
    });
  });
});
