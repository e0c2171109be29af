import fc from 'fast-check';
import { specificationOf } from '../decider/given-when-then.js';
import type { DecisionRules } from './commission.decider.js';
import {
  meetingDecider,
  voteOutcome,
  type CommissionFacts,
  type MeetingCommand,
  type MeetingEvent,
  type Proposal,
  type VoteChoice,
} from './meeting.decider.js';
import type { ActingActor } from '../shared/principal.js';

const spec = specificationOf(meetingDecider);
const sgar: ActingActor = { actorId: 'sgar-52', role: 'commission_secretariat' };
const prefect: ActingActor = { actorId: 'prefet-52', role: 'representative' };
const region: ActingActor = { actorId: 'region-52', role: 'representative' };
const dep44: ActingActor = { actorId: 'dep-44', role: 'representative' };
const dep49: ActingActor = { actorId: 'dep-49', role: 'representative' };
const orange: ActingActor = { actorId: 'orange', role: 'representative' };

const voteRules: DecisionRules = { mode: 'vote', quorumShare: 0.5, majority: 'simple' };
const commission: CommissionFacts = {
  regionCode: '52',
  prefectActorId: 'prefet-52',
  regionActorId: 'region-52',
  secretariatActorId: 'sgar-52',
  memberIds: ['prefet-52', 'region-52', 'dep-44', 'dep-49'],
  rules: voteRules,
};
const agenda = [
  { itemId: 'i1', title: 'Phasing plan 2015-2017' },
  { itemId: 'i2', title: 'Request to Orange' },
];
const convene: Extract<MeetingCommand, { type: 'ConveneMeeting' }> = {
  type: 'ConveneMeeting',
  principal: sgar,
  meetingId: 'm1',
  commission,
  date: '2015-03-10',
  place: '  Hôtel de  Région, Nantes ',
  agenda,
  today: '2015-02-01',
};
const convened: MeetingEvent = {
  type: 'MeetingConvened',
  data: {
    meetingId: 'm1',
    regionCode: '52',
    date: '2015-03-10',
    place: 'Hôtel de Région, Nantes',
    agenda,
    convenedBy: 'sgar-52',
    coChairIds: ['prefet-52', 'region-52'],
    secretariatActorId: 'sgar-52',
    memberIds: commission.memberIds,
    rules: voteRules,
  },
};
const consensusConvened: MeetingEvent = { type: 'MeetingConvened', data: { ...convened.data, rules: { mode: 'consensus' } } };
const attended = (memberActorId: string, status: 'present' | 'proxy' | 'excused' = 'present', proxyHolderActorId: string | null = null): MeetingEvent => ({
  type: 'AttendanceRecorded',
  data: { meetingId: 'm1', memberActorId, representativeId: status === 'present' ? `p-${memberActorId}` : null, status, proxyHolderActorId },
});
const held: MeetingEvent = { type: 'MeetingHeld', data: { meetingId: 'm1' } };
const closed: MeetingEvent = { type: 'MeetingClosed', data: { meetingId: 'm1' } };
const opinion: Proposal = { itemId: 'i1', kind: 'phasing_plan_adoption', text: 'The phasing plan is adopted', subject: null };
const request: Proposal = {
  itemId: 'i2',
  kind: 'action_request',
  text: 'Orange is asked to upgrade 40 mobile sites',
  subject: {
    kind: 'action_request',
    actorId: 'orange',
    commitmentSubject: 'mobile_coverage',
    title: 'Upgrade 40 sites',
    target: { quantity: 40, unit: 'mobile_sites' },
    territories: [{ kind: 'departement', code: '44' }],
    dueDate: '2016-12-31',
  },
};
const voteOpened: MeetingEvent = { type: 'VoteOpened', data: { meetingId: 'm1', decisionId: 'm1.i2', openedBy: 'prefet-52', ...request } };
const cast = (memberActorId: string, choice: VoteChoice): MeetingEvent => ({
  type: 'VoteCast',
  data: { meetingId: 'm1', itemId: 'i2', memberActorId, choice },
});
const sitting = [convened, attended('prefet-52'), attended('region-52'), attended('dep-44'), held];

describe('Meeting', () => {
  describe('convening', () => {
    it('is done by a co-chair or the secretariat with date, place and an ordered agenda', () => {
      spec.given([]).when(convene).then([convened]);
      const [event] = meetingDecider.decide({ ...convene, principal: region }, meetingDecider.initialState());
      expect(event?.data).toMatchObject({ convenedBy: 'region-52' });
    });
    it('is refused to others and without a constituted commission', () => {
      spec
        .given([])
        .when({ ...convene, principal: dep44 })
        .thenRejects('forbidden', /co-chair or the secretariat/);
      spec
        .given([])
        .when({ ...convene, principal: { actorId: 'sgar-53', role: 'commission_secretariat' } })
        .thenRejects('forbidden');
      spec
        .given([])
        .when({ ...convene, commission: undefined })
        .thenRejects('notFound', /commission/);
      spec
        .given([convened])
        .when(convene)
        .thenRejects('conflict', /already exists/);
    });
    it('checks the date and the agenda', () => {
      spec
        .given([])
        .when({ ...convene, date: '2015-01-31' })
        .thenRejects('invalid', /to come/);
      spec
        .given([])
        .when({ ...convene, date: '2015-02-30' })
        .thenRejects('invalid');
      spec
        .given([])
        .when({ ...convene, agenda: [] })
        .thenRejects('invalid', /at least one/);
      spec
        .given([])
        .when({ ...convene, agenda: [agenda[0], agenda[0]] })
        .thenRejects('invalid', /twice/);
      spec
        .given([])
        .when({ ...convene, place: ' ' })
        .thenRejects('invalid', /place/);
    });
  });

  describe('agenda', () => {
    const reordered = [agenda[1], agenda[0], { itemId: 'i3', title: 'Minutes of the last meeting' }];
    it('is amended (reordered, extended) before the meeting', () => {
      spec
        .given([convened])
        .when({ type: 'AmendAgenda', principal: prefect, agenda: reordered })
        .then([{ type: 'AgendaAmended', data: { meetingId: 'm1', agenda: reordered } }]);
      spec.given([convened]).when({ type: 'AmendAgenda', principal: sgar, agenda }).then([]);
    });
    it('is fixed once the meeting is held', () => {
      spec
        .given([convened, held])
        .when({ type: 'AmendAgenda', principal: prefect, agenda: reordered })
        .thenRejects('conflict', /before the meeting/);
      spec.given([convened]).when({ type: 'AmendAgenda', principal: dep44, agenda: reordered }).thenRejects('forbidden');
    });
  });

  describe('attendance', () => {
    it('records present, proxy and excused members', () => {
      spec
        .given([convened])
        .when({ type: 'RecordAttendance', principal: sgar, memberActorId: 'dep-44', representativeId: 'p-dep-44', status: 'present' })
        .then([attended('dep-44')]);
      spec
        .given([convened, attended('dep-44')])
        .when({ type: 'RecordAttendance', principal: sgar, memberActorId: 'dep-49', status: 'proxy', proxyHolderActorId: 'dep-44' })
        .then([attended('dep-49', 'proxy', 'dep-44')]);
      spec
        .given([convened])
        .when({ type: 'RecordAttendance', principal: sgar, memberActorId: 'dep-49', status: 'excused' })
        .then([attended('dep-49', 'excused')]);
      spec
        .given([convened, attended('dep-44')])
        .when({ type: 'RecordAttendance', principal: sgar, memberActorId: 'dep-44', representativeId: 'p-dep-44', status: 'present' })
        .then([]);
    });
    it('refuses non-members, missing representatives and proxies to absent members', () => {
      spec
        .given([convened])
        .when({ type: 'RecordAttendance', principal: sgar, memberActorId: 'orange', representativeId: 'p', status: 'present' })
        .thenRejects('invalid', /not a member/);
      spec
        .given([convened])
        .when({ type: 'RecordAttendance', principal: sgar, memberActorId: 'dep-44', status: 'present' })
        .thenRejects('invalid', /representative/);
      spec
        .given([convened])
        .when({ type: 'RecordAttendance', principal: sgar, memberActorId: 'dep-49', status: 'proxy', proxyHolderActorId: 'dep-44' })
        .thenRejects('conflict', /must be present/);
      spec
        .given([convened])
        .when({ type: 'RecordAttendance', principal: sgar, memberActorId: 'dep-49', status: 'proxy', proxyHolderActorId: 'dep-49' })
        .thenRejects('invalid', /own proxy/);
      spec
        .given([convened])
        .when({ type: 'RecordAttendance', principal: dep44, memberActorId: 'dep-44', representativeId: 'p', status: 'present' })
        .thenRejects('forbidden');
      spec
        .given([convened, held, closed])
        .when({ type: 'RecordAttendance', principal: sgar, memberActorId: 'dep-44', representativeId: 'p', status: 'present' })
        .thenRejects('conflict', /closed/);
    });
  });

  describe('held and closed', () => {
    it('is held on or after its date, closed by a co-chair', () => {
      spec
        .given([convened])
        .when({ type: 'HoldMeeting', principal: sgar, today: '2015-03-09' })
        .thenRejects('conflict', /convened for 2015-03-10/);
      spec.given([convened]).when({ type: 'HoldMeeting', principal: sgar, today: '2015-03-10' }).then([held]);
      spec.given([convened, held]).when({ type: 'CloseMeeting', principal: region }).then([closed]);
      spec
        .given([convened, held])
        .when({ type: 'CloseMeeting', principal: sgar })
        .thenRejects('forbidden', /co-chair/);
      spec
        .given([convened])
        .when({ type: 'CloseMeeting', principal: prefect })
        .thenRejects('conflict', /not held/);
      spec
        .given([convened, held, closed])
        .when({ type: 'HoldMeeting', principal: sgar, today: '2015-03-10' })
        .thenRejects('conflict', /closed/);
    });
    it('cannot close with a vote still open', () => {
      spec
        .given([...sitting, voteOpened])
        .when({ type: 'CloseMeeting', principal: prefect })
        .thenRejects('conflict', /Close the vote/);
    });
  });

  describe('decisions by consensus', () => {
    it('are recorded by a co-chair on an agenda item, adopted', () => {
      spec
        .given(sitting)
        .when({ type: 'RecordConsensusDecision', principal: prefect, proposal: opinion })
        .then([
          {
            type: 'DecisionRecorded',
            data: {
              meetingId: 'm1',
              regionCode: '52',
              decisionId: 'm1.i1',
              itemId: 'i1',
              kind: 'phasing_plan_adoption',
              text: 'The phasing plan is adopted',
              subject: null,
              mode: 'consensus',
              outcome: 'adopted',
              recordedBy: 'prefet-52',
              meetingDate: '2015-03-10',
              tally: null,
              quorum: null,
              majority: null,
            },
          },
        ]);
    });
    it('are refused to anyone but a co-chair', () => {
      spec
        .given(sitting)
        .when({ type: 'RecordConsensusDecision', principal: sgar, proposal: opinion })
        .thenRejects('forbidden', /co-chair/);
      spec.given(sitting).when({ type: 'RecordConsensusDecision', principal: dep44, proposal: opinion }).thenRejects('forbidden');
    });
    it('nothing is decided in a meeting not convened, not yet held, or closed', () => {
      const decideIt: MeetingCommand = { type: 'RecordConsensusDecision', principal: prefect, proposal: opinion };
      spec
        .given([])
        .when(decideIt)
        .thenRejects('notFound', /not convened/);
      spec
        .given([convened])
        .when(decideIt)
        .thenRejects('conflict', /not opened/);
      spec
        .given([...sitting, closed])
        .when(decideIt)
        .thenRejects('conflict', /closed/);
    });
    it('one decision per agenda item, on the agenda, with the subject its kind needs', () => {
      const decidedOnce = meetingDecider.decide(
        { type: 'RecordConsensusDecision', principal: prefect, proposal: opinion },
        sitting.reduce(meetingDecider.evolve, meetingDecider.initialState()),
      );
      spec
        .given([...sitting, ...decidedOnce])
        .when({ type: 'RecordConsensusDecision', principal: prefect, proposal: opinion })
        .thenRejects('conflict', /already decided/);
      spec
        .given(sitting)
        .when({ type: 'RecordConsensusDecision', principal: prefect, proposal: { ...opinion, itemId: 'i9' } })
        .thenRejects('notFound', /agenda/);
      spec
        .given(sitting)
        .when({ type: 'RecordConsensusDecision', principal: prefect, proposal: { ...request, subject: null } })
        .thenRejects('invalid', /names what/);
      spec
        .given(sitting)
        .when({ type: 'RecordConsensusDecision', principal: prefect, proposal: { ...opinion, subject: request.subject } })
        .thenRejects('invalid', /no subject/);
      const late = { ...request, subject: { ...(request.subject as Extract<Proposal['subject'], { kind: 'action_request' }>), dueDate: '2015-03-01' } };
      spec
        .given(sitting)
        .when({ type: 'RecordConsensusDecision', principal: prefect, proposal: late })
        .thenRejects('invalid', /due after/);
      const ownMinutes: Proposal = {
        itemId: 'i1',
        kind: 'minutes_approval',
        text: 'Approved',
        subject: { kind: 'minutes_approval', meetingId: 'm1', version: 1 },
      };
      spec
        .given(sitting)
        .when({ type: 'RecordConsensusDecision', principal: prefect, proposal: ownMinutes })
        .thenRejects('invalid', /later meeting/);
    });
  });

  describe('decisions by vote', () => {
    const close: MeetingCommand = { type: 'CloseVote', principal: region, itemId: 'i2' };
    it('are opened by a co-chair, only where the commission votes', () => {
      spec.given(sitting).when({ type: 'OpenVote', principal: prefect, proposal: request }).then([voteOpened]);
      spec.given(sitting).when({ type: 'OpenVote', principal: sgar, proposal: request }).thenRejects('forbidden');
      spec
        .given([consensusConvened, held])
        .when({ type: 'OpenVote', principal: prefect, proposal: request })
        .thenRejects('conflict', /consensus only/);
      spec
        .given([...sitting, voteOpened])
        .when({ type: 'OpenVote', principal: prefect, proposal: request })
        .thenRejects('conflict', /vote is open/);
    });
    it('each present member votes once, through its representative, the proxy holder or the secretariat', () => {
      spec
        .given([...sitting, voteOpened])
        .when({ type: 'CastVote', principal: dep44, itemId: 'i2', memberActorId: 'dep-44', choice: 'for' })
        .then([cast('dep-44', 'for')]);
      spec
        .given([...sitting, voteOpened])
        .when({ type: 'CastVote', principal: sgar, itemId: 'i2', memberActorId: 'dep-44', choice: 'against' })
        .then([cast('dep-44', 'against')]);
      spec
        .given([...sitting, voteOpened, cast('dep-44', 'for')])
        .when({ type: 'CastVote', principal: dep44, itemId: 'i2', memberActorId: 'dep-44', choice: 'for' })
        .thenRejects('conflict', /already voted/);
      const withProxy = [convened, attended('dep-44'), attended('dep-49', 'proxy', 'dep-44'), held, voteOpened];
      spec
        .given(withProxy)
        .when({ type: 'CastVote', principal: dep44, itemId: 'i2', memberActorId: 'dep-49', choice: 'abstain' })
        .then([cast('dep-49', 'abstain')]);
      spec
        .given(withProxy)
        .when({ type: 'CastVote', principal: dep49, itemId: 'i2', memberActorId: 'dep-49', choice: 'abstain' })
        .thenRejects('forbidden', /proxy holder/);
      spec
        .given([...sitting, voteOpened])
        .when({ type: 'CastVote', principal: orange, itemId: 'i2', memberActorId: 'dep-44', choice: 'for' })
        .thenRejects('forbidden');
    });
    it('absent or excused members, and non-members, cannot vote', () => {
      spec
        .given([...sitting, voteOpened])
        .when({ type: 'CastVote', principal: dep49, itemId: 'i2', memberActorId: 'dep-49', choice: 'for' })
        .thenRejects('conflict', /not present/);
      spec
        .given([...sitting, attended('dep-49', 'excused'), voteOpened])
        .when({ type: 'CastVote', principal: dep49, itemId: 'i2', memberActorId: 'dep-49', choice: 'for' })
        .thenRejects('conflict', /not present/);
      spec
        .given([...sitting, voteOpened])
        .when({ type: 'CastVote', principal: orange, itemId: 'i2', memberActorId: 'orange', choice: 'for' })
        .thenRejects('forbidden', /not a member/);
      spec
        .given(sitting)
        .when({ type: 'CastVote', principal: dep44, itemId: 'i2', memberActorId: 'dep-44', choice: 'for' })
        .thenRejects('notFound', /No vote is open/);
    });
    it('a voter cannot then be marked excused while the vote is open', () => {
      spec
        .given([...sitting, voteOpened, cast('dep-44', 'for')])
        .when({ type: 'RecordAttendance', principal: sgar, memberActorId: 'dep-44', status: 'excused' })
        .thenRejects('conflict', /voted/);
    });
    it('a co-chair closes the vote: the decision carries the tally and the quorum check', () => {
      spec
        .given([...sitting, voteOpened, cast('dep-44', 'for'), cast('prefet-52', 'for'), cast('region-52', 'abstain')])
        .when(close)
        .then([
          {
            type: 'DecisionRecorded',
            data: {
              meetingId: 'm1',
              regionCode: '52',
              decisionId: 'm1.i2',
              itemId: 'i2',
              kind: 'action_request',
              text: request.text,
              subject: request.subject,
              mode: 'vote',
              outcome: 'adopted',
              recordedBy: 'region-52',
              meetingDate: '2015-03-10',
              tally: { for: 2, against: 0, abstain: 1 },
              quorum: { members: 4, presentOrRepresented: 3, quorumShare: 0.5, reached: true },
              majority: 'simple',
            },
          },
        ]);
    });
    it('a non-chair cannot close a vote', () => {
      spec
        .given([...sitting, voteOpened])
        .when({ ...close, principal: sgar })
        .thenRejects('forbidden', /co-chair/);
      spec
        .given([...sitting, voteOpened])
        .when({ ...close, principal: dep44 })
        .thenRejects('forbidden', /co-chair/);
    });
    it('without quorum a vote cannot adopt, however unanimous', () => {
      const thin = [convened, attended('prefet-52'), held, voteOpened, cast('prefet-52', 'for')];
      const [decision] = meetingDecider.decide(close, thin.reduce(meetingDecider.evolve, meetingDecider.initialState()));
      expect(decision?.data).toMatchObject({
        outcome: 'rejected',
        tally: { for: 1, against: 0, abstain: 0 },
        quorum: { members: 4, presentOrRepresented: 1, reached: false },
      });
    });
    it('a closed vote cannot take more votes', () => {
      const decided = meetingDecider.decide(
        close,
        [...sitting, voteOpened, cast('dep-44', 'for')].reduce(meetingDecider.evolve, meetingDecider.initialState()),
      );
      spec
        .given([...sitting, voteOpened, cast('dep-44', 'for'), ...decided])
        .when({ type: 'CastVote', principal: prefect, itemId: 'i2', memberActorId: 'prefet-52', choice: 'for' })
        .thenRejects('notFound', /No vote is open/);
    });
    it('property: the outcome is the rule’s arithmetic and the tally equals the votes cast', () => {
      const members = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom('present', 'proxy', 'excused', 'absent'), { minLength: members.length, maxLength: members.length }),
          fc.array(fc.constantFrom<VoteChoice | 'none'>('for', 'against', 'abstain', 'none'), { minLength: members.length, maxLength: members.length }),
          fc.constantFrom('simple', 'absolute', 'two_thirds'),
          fc.integer({ min: 1, max: 100 }),
          (attendance, choices, majority, quorumPercent) => {
            const rules = { mode: 'vote' as const, quorumShare: quorumPercent / 100, majority: majority as 'simple' };
            const facts = { ...commission, prefectActorId: 'a', regionActorId: 'b', memberIds: members, rules };
            const chair: ActingActor = { actorId: 'a', role: 'representative' };
            let state = meetingDecider.evolve(
              meetingDecider.initialState(),
              meetingDecider.decide({ ...convene, commission: facts }, meetingDecider.initialState())[0],
            );
            const apply = (command: MeetingCommand) => {
              for (const event of meetingDecider.decide(command, state)) state = meetingDecider.evolve(state, event);
            };
            members.forEach((m, i) => {
              if (attendance[i] === 'present')
                apply({ type: 'RecordAttendance', principal: sgar, memberActorId: m, representativeId: `p-${m}`, status: 'present' });
            });
            const firstPresent = members.find((_, i) => attendance[i] === 'present');
            members.forEach((m, i) => {
              if (attendance[i] === 'excused') apply({ type: 'RecordAttendance', principal: sgar, memberActorId: m, status: 'excused' });
              if (attendance[i] === 'proxy' && firstPresent)
                apply({ type: 'RecordAttendance', principal: sgar, memberActorId: m, status: 'proxy', proxyHolderActorId: firstPresent });
            });
            apply({ type: 'HoldMeeting', principal: sgar, today: '2015-03-10' });
            apply({ type: 'OpenVote', principal: chair, proposal: opinion });
            const cast: VoteChoice[] = [];
            let present = 0;
            members.forEach((m, i) => {
              const attending = attendance[i] === 'present' || (attendance[i] === 'proxy' && firstPresent !== undefined);
              if (attending) present++;
              const choice = choices[i];
              if (attending && choice !== 'none') {
                apply({ type: 'CastVote', principal: sgar, itemId: 'i1', memberActorId: m, choice });
                cast.push(choice);
              }
            });
            const [decision] = meetingDecider.decide({ type: 'CloseVote', principal: chair, itemId: 'i1' }, state);
            const data = decision.data as { tally: Record<VoteChoice, number>; outcome: string; quorum: { reached: boolean } };
            const count = (c: VoteChoice) => cast.filter((x) => x === c).length;
            expect(data.tally).toEqual({ for: count('for'), against: count('against'), abstain: count('abstain') });
            const quorum = present * 100 >= quorumPercent * members.length;
            const f = count('for'),
              a = count('against'),
              ab = count('abstain');
            const majorityOk = majority === 'simple' ? f > a : majority === 'absolute' ? f * 2 > f + a + ab : f > 0 && f * 3 >= (f + a) * 2;
            expect(data.quorum.reached).toBe(quorum);
            expect(data.outcome).toBe(quorum && majorityOk ? 'adopted' : 'rejected');
          },
        ),
        { numRuns: 300 },
      );
    });
    it('voteOutcome: a tie is rejected under a simple majority; two thirds needs 2 of 3', () => {
      const rules = { mode: 'vote' as const, quorumShare: 0.5, majority: 'simple' as const };
      expect(voteOutcome(['for', 'against'], 2, 2, rules).outcome).toBe('rejected');
      expect(voteOutcome(['for', 'for', 'against'], 3, 3, { ...rules, majority: 'two_thirds' }).outcome).toBe('adopted');
      expect(voteOutcome(['for', 'abstain', 'abstain'], 3, 3, { ...rules, majority: 'absolute' }).outcome).toBe('rejected');
    });
  });

  describe('minutes', () => {
    const publish = (documentHash: string, principal = sgar): MeetingCommand => ({ type: 'PublishMinutes', principal, documentHash });
    const h1 = 'a'.repeat(64);
    const h2 = 'b'.repeat(64);
    const published = (version: number, documentHash: string): MeetingEvent => ({ type: 'MinutesPublished', data: { meetingId: 'm1', version, documentHash } });
    const approve = (version: number, approvingMeetingId = 'm2', approvingMeetingDate = '2015-06-10'): MeetingCommand => ({
      type: 'ApproveMinutes',
      principal: sgar,
      version,
      decisionId: 'm2.i1',
      approvingMeetingId,
      approvingMeetingDate,
    });
    it('are published by the secretariat as a document hash once the meeting is closed', () => {
      spec
        .given([...sitting, closed])
        .when(publish(h1))
        .then([published(1, h1)]);
      spec
        .given(sitting)
        .when(publish(h1))
        .thenRejects('conflict', /closed/);
      spec
        .given([...sitting, closed])
        .when(publish(h1, prefect))
        .thenRejects('forbidden', /secretariat/);
      spec
        .given([...sitting, closed])
        .when(publish('not-a-hash'))
        .thenRejects('invalid', /SHA-256/);
    });
    it('corrections are new versions, never overwrites', () => {
      spec
        .given([...sitting, closed, published(1, h1)])
        .when(publish(h2))
        .then([published(2, h2)]);
      spec
        .given([...sitting, closed, published(1, h1)])
        .when(publish(h1))
        .then([]);
      spec
        .given([...sitting, closed, published(1, h1), published(2, h2)])
        .when(publish(h1))
        .thenRejects('conflict', /earlier version/);
    });
    it('are approved by a decision of a later meeting', () => {
      spec
        .given([...sitting, closed, published(1, h1)])
        .when(approve(1))
        .then([{ type: 'MinutesApproved', data: { meetingId: 'm1', version: 1, decisionId: 'm2.i1', approvingMeetingId: 'm2' } }]);
      spec
        .given([...sitting, closed, published(1, h1)])
        .when(approve(2))
        .thenRejects('notFound', /version 2/);
      spec
        .given([...sitting, closed, published(1, h1)])
        .when(approve(1, 'm1', '2015-03-10'))
        .thenRejects('conflict', /later meeting/);
      spec
        .given([...sitting, closed, published(1, h1)])
        .when(approve(1, 'm0', '2015-01-10'))
        .thenRejects('conflict', /later meeting/);
      spec
        .given([
          ...sitting,
          closed,
          published(1, h1),
          { type: 'MinutesApproved', data: { meetingId: 'm1', version: 1, decisionId: 'm2.i1', approvingMeetingId: 'm2' } },
        ])
        .when(approve(1))
        .then([]);
    });
  });
});
