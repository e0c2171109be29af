import { CommissionFollowUps } from '../../src/commission/commission-follow-ups.js';
import { parisToday } from '../../src/shared/calendar-date.js';
import { codesOf, newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const CONSTITUTE = `mutation($input: ConstituteCommissionInput!) { constituteCommission(input: $input) { revision commission { regionCode members { actorId representatives } rules { mode quorumShare majority } } } }`;
const DECISION_FIELDS = `id kind mode outcome recordedBy tally { for against abstain } quorum { members presentOrRepresented reached } majority commitmentId subject { kind actorId }`;
const MEETING_FIELDS = `id status date agenda { itemId title } attendance { memberActorId representativeId status proxyHolderActorId } revision`;
const m = (name: string, input: string) =>
  `mutation($input: ${input}!) { ${name}(input: $input) { revision replayed meeting { ${MEETING_FIELDS} } decision { ${DECISION_FIELDS} } } }`;
const CONVENE = m('conveneMeeting', 'ConveneMeetingInput');
const AMEND = m('amendMeetingAgenda', 'AmendAgendaInput');
const ATTEND = m('recordAttendance', 'RecordAttendanceInput');
const HOLD = m('holdMeeting', 'MeetingCommandInput');
const CLOSE = m('closeMeeting', 'MeetingCommandInput');
const CONSENSUS = m('recordConsensusDecision', 'ProposalInput');
const OPEN_VOTE = m('openVote', 'ProposalInput');
const VOTE = m('castVote', 'CastVoteInput');
const CLOSE_VOTE = m('closeVote', 'CloseVoteInput');
const PUBLISH = m('publishMinutes', 'PublishMinutesInput');
const MEETING = `query($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} decisions { ${DECISION_FIELDS} } minutes { version documentHash approvedByDecision } } }`;
const MEETINGS = `query($filter: MeetingFilterInput) { meetings(filter: $filter) { totalCount edges { node { id status } } } }`;
const DECISIONS = `query($filter: DecisionFilterInput) { decisions(filter: $filter) { totalCount edges { node { id kind outcome } } } }`;
const COMMITMENT = `query($id: ID!) { commitment(id: $id) { id committingActorId status stemsFrom { kind decisionId } } }`;
const HISTORY = `query($streamId: String!) { history(streamId: $streamId, first: 100) { totalCount edges { node { id type metadata { correlationId causationId } } } } }`;
const COMMISSION = `query { commission(regionCode: "52") { members { actorId } rules { mode } } }`;

describe('The CCRANT over HTTP', () => {
  let service: TestService;
  let admin: string;
  let sgar: string;
  const tokens: Record<string, string> = {};
  const today = parisToday();

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52');
    admin = await service.token('sgar-52', 'admin');
    sgar = await service.token('sgar-52', 'commission_secretariat');
    for (const [actorId, kind, territory] of [
      ['prefet-52', 'STATE_IN_REGION', { kind: 'REGION', code: '52' }],
      ['region-52', 'REGION', { kind: 'REGION', code: '52' }],
      ['cd-44', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '44' }],
      ['cd-49', 'DEPARTEMENT', { kind: 'DEPARTEMENT', code: '49' }],
      ['orange', 'PRIVATE_OPERATOR', { kind: 'REGION', code: '52' }],
    ] as const) {
      const result = await service.graphql(
        REGISTER,
        { input: { commandId: newCommandId(), actorId, kind, name: actorId.toUpperCase(), territories: [territory] } },
        admin,
      );
      expect(result.body.errors).toBeUndefined();
      tokens[actorId] = await service.token(actorId, 'representative');
    }
  });
  afterAll(() => service.close());

  const send = async (mutation: string, input: Record<string, unknown>, token: string) =>
    service.graphql(mutation, { input: { commandId: newCommandId(), ...input } }, token);
  const ok = async (mutation: string, input: Record<string, unknown>, token: string) => {
    const result = await send(mutation, input, token);
    expect(result.body.errors).toBeUndefined();
    return Object.values(result.body.data!)[0] as Record<string, any>;
  };
  const revisionOf = async (id: string) => (await service.graphql(MEETING, { id })).body.data!.meeting.revision as number;
  const actionRequest = {
    actorId: 'orange',
    commitmentSubject: 'MOBILE_COVERAGE',
    title: 'Upgrade 40 mobile sites in Loire-Atlantique',
    target: { quantity: 40, unit: 'MOBILE_SITES' },
    territories: [{ kind: 'DEPARTEMENT', code: '44' }],
    dueDate: '2040-12-31',
  };

  it('constitutes the commission, convenes, records attendance, decides by consensus and by vote, publishes and approves minutes', async () => {
    const members = ['prefet-52', 'region-52', 'cd-44', 'cd-49'].map((actorId) => ({ actorId, representatives: [`p-${actorId}`] }));
    const constitution = {
      regionCode: '52',
      prefectActorId: 'prefet-52',
      regionActorId: 'region-52',
      secretariatActorId: 'sgar-52',
      members,
      rules: { mode: 'VOTE', quorumShare: 0.5, majority: 'SIMPLE' },
    };
    expect(codesOf(await send(CONSTITUTE, constitution, tokens['cd-44']))).toEqual(['FORBIDDEN']);
    const constituted = await ok(CONSTITUTE, constitution, sgar);
    expect(constituted.commission).toMatchObject({ regionCode: '52', rules: { mode: 'VOTE', quorumShare: 0.5, majority: 'SIMPLE' } });
    expect(codesOf(await send(CONSTITUTE, constitution, sgar))).toEqual(['CONFLICT']);

    const agenda = [
      { itemId: 'phasing', title: 'Phasing plan 2015-2017' },
      { itemId: 'orange', title: 'Mobile coverage in Loire-Atlantique' },
    ];
    expect(codesOf(await send(CONVENE, { meetingId: 'ccrant-52-1', regionCode: '52', date: today, place: 'Nantes', agenda }, tokens['cd-44']))).toEqual([
      'FORBIDDEN',
    ]);
    const convened = await ok(
      CONVENE,
      { meetingId: 'ccrant-52-1', regionCode: '52', date: today, place: 'Hôtel de Région, Nantes', agenda: agenda.slice(0, 1) },
      tokens['prefet-52'],
    );
    expect(convened.meeting).toMatchObject({ status: 'CONVENED', agenda: agenda.slice(0, 1) });
    expect((await ok(AMEND, { meetingId: 'ccrant-52-1', agenda }, sgar)).meeting.agenda).toEqual(agenda);

    // Nothing is decided before the meeting is held, and a rejected command writes nothing.
    const before = await revisionOf('ccrant-52-1');
    expect(
      codesOf(await send(CONSENSUS, { meetingId: 'ccrant-52-1', itemId: 'phasing', kind: 'PHASING_PLAN_ADOPTION', text: 'Adopted' }, tokens['prefet-52'])),
    ).toEqual(['CONFLICT']);
    expect(await revisionOf('ccrant-52-1')).toBe(before);

    for (const actorId of ['prefet-52', 'region-52', 'cd-44'])
      await ok(ATTEND, { meetingId: 'ccrant-52-1', memberActorId: actorId, representativeId: `p-${actorId}`, status: 'PRESENT' }, sgar);
    await ok(ATTEND, { meetingId: 'ccrant-52-1', memberActorId: 'cd-49', status: 'PROXY', proxyHolderActorId: 'cd-44' }, sgar);
    expect((await ok(HOLD, { meetingId: 'ccrant-52-1' }, sgar)).meeting.status).toBe('HELD');

    const consensus = await ok(
      CONSENSUS,
      { meetingId: 'ccrant-52-1', itemId: 'phasing', kind: 'PHASING_PLAN_ADOPTION', text: 'The phasing plan 2015-2017 is adopted' },
      tokens['region-52'],
    );
    expect(consensus.decision).toMatchObject({ id: 'ccrant-52-1.phasing', mode: 'CONSENSUS', outcome: 'ADOPTED', recordedBy: 'region-52', tally: null });

    await ok(
      OPEN_VOTE,
      { meetingId: 'ccrant-52-1', itemId: 'orange', kind: 'ACTION_REQUEST', text: 'Orange is asked to upgrade 40 sites', actionRequest },
      tokens['prefet-52'],
    );
    await ok(VOTE, { meetingId: 'ccrant-52-1', itemId: 'orange', memberActorId: 'cd-44', choice: 'FOR' }, tokens['cd-44']);
    await ok(VOTE, { meetingId: 'ccrant-52-1', itemId: 'orange', memberActorId: 'cd-49', choice: 'AGAINST' }, tokens['cd-44']);
    await ok(VOTE, { meetingId: 'ccrant-52-1', itemId: 'orange', memberActorId: 'prefet-52', choice: 'FOR' }, tokens['prefet-52']);
    const beforeTwice = await revisionOf('ccrant-52-1');
    expect(codesOf(await send(VOTE, { meetingId: 'ccrant-52-1', itemId: 'orange', memberActorId: 'cd-44', choice: 'AGAINST' }, tokens['cd-44']))).toEqual([
      'CONFLICT',
    ]);
    expect(codesOf(await send(VOTE, { meetingId: 'ccrant-52-1', itemId: 'orange', memberActorId: 'cd-49', choice: 'FOR' }, tokens['cd-49']))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codesOf(await send(CLOSE_VOTE, { meetingId: 'ccrant-52-1', itemId: 'orange' }, sgar))).toEqual(['FORBIDDEN']);
    expect(await revisionOf('ccrant-52-1')).toBe(beforeTwice);
    const closedVote = await ok(CLOSE_VOTE, { meetingId: 'ccrant-52-1', itemId: 'orange' }, tokens['region-52']);
    expect(closedVote.decision).toMatchObject({
      id: 'ccrant-52-1.orange',
      mode: 'VOTE',
      outcome: 'ADOPTED',
      tally: { for: 2, against: 1, abstain: 0 },
      quorum: { members: 4, presentOrRepresented: 4, reached: true },
      majority: 'SIMPLE',
      subject: { kind: 'ACTION_REQUEST', actorId: 'orange' },
    });

    // The follow-up: a commitment for Orange, caused by the decision event, in its correlation.
    await service.app.get(CommissionFollowUps).settled();
    const commitment = (await service.graphql(COMMITMENT, { id: 'ccrant-52-1.orange.commitment' })).body.data!.commitment;
    expect(commitment).toMatchObject({
      committingActorId: 'orange',
      status: 'ACTIVE',
      stemsFrom: { kind: 'COMMISSION_DECISION', decisionId: 'ccrant-52-1.orange' },
    });
    const meetingHistory = (await service.graphql(HISTORY, { streamId: 'meeting-ccrant-52-1' }, admin)).body.data!.history.edges.map((e: any) => e.node);
    const decisionEvent = meetingHistory.filter((e: any) => e.type === 'DecisionRecorded').at(-1);
    const commitmentHistory = (await service.graphql(HISTORY, { streamId: 'commitment-ccrant-52-1.orange.commitment' }, admin)).body.data!.history;
    expect(commitmentHistory.totalCount).toBe(1);
    expect(commitmentHistory.edges[0].node.metadata).toEqual({ causationId: decisionEvent.id, correlationId: decisionEvent.metadata.correlationId });
    const meeting = (await service.graphql(MEETING, { id: 'ccrant-52-1' })).body.data!.meeting;
    expect(meeting.decisions.map((d: any) => [d.id, d.commitmentId])).toEqual([
      ['ccrant-52-1.phasing', null],
      ['ccrant-52-1.orange', 'ccrant-52-1.orange.commitment'],
    ]);

    // Retries and restarts: going over every adopted decision again creates nothing more.
    expect(await service.app.get(CommissionFollowUps).catchUp()).toBe(0);
    expect(await service.app.get(CommissionFollowUps).catchUp()).toBe(0);
    expect((await service.graphql(HISTORY, { streamId: 'commitment-ccrant-52-1.orange.commitment' }, admin)).body.data!.history.totalCount).toBe(1);

    expect((await ok(CLOSE, { meetingId: 'ccrant-52-1' }, tokens['prefet-52'])).meeting.status).toBe('CLOSED');
    const afterClose = await revisionOf('ccrant-52-1');
    expect(codesOf(await send(OPEN_VOTE, { meetingId: 'ccrant-52-1', itemId: 'orange', kind: 'OPINION', text: 'x' }, tokens['prefet-52']))).toEqual([
      'CONFLICT',
    ]);
    expect(await revisionOf('ccrant-52-1')).toBe(afterClose);

    const hash1 = 'a'.repeat(64);
    const hash2 = 'b'.repeat(64);
    expect(codesOf(await send(PUBLISH, { meetingId: 'ccrant-52-1', documentHash: hash1 }, tokens['prefet-52']))).toEqual(['FORBIDDEN']);
    await ok(PUBLISH, { meetingId: 'ccrant-52-1', documentHash: hash1 }, sgar);
    await ok(PUBLISH, { meetingId: 'ccrant-52-1', documentHash: hash2 }, sgar);

    // A later meeting approves version 2 and admits a member; the register shows both meetings' decisions.
    await ok(
      CONVENE,
      {
        meetingId: 'ccrant-52-2',
        regionCode: '52',
        date: today,
        place: 'Préfecture, Nantes',
        agenda: [
          { itemId: 'minutes', title: 'Minutes' },
          { itemId: 'orange', title: 'Orange joins' },
        ],
      },
      sgar,
    );
    await ok(ATTEND, { meetingId: 'ccrant-52-2', memberActorId: 'prefet-52', representativeId: 'p-prefet-52', status: 'PRESENT' }, sgar);
    await ok(HOLD, { meetingId: 'ccrant-52-2' }, sgar);
    await ok(
      CONSENSUS,
      { meetingId: 'ccrant-52-2', itemId: 'minutes', kind: 'MINUTES_APPROVAL', text: 'Minutes approved', minutes: { meetingId: 'ccrant-52-1', version: 2 } },
      tokens['prefet-52'],
    );
    await ok(
      CONSENSUS,
      {
        meetingId: 'ccrant-52-2',
        itemId: 'orange',
        kind: 'MEMBER_ADMISSION',
        text: 'Orange joins',
        newMember: { actorId: 'orange', representatives: ['p-orange'] },
      },
      tokens['prefet-52'],
    );
    await service.app.get(CommissionFollowUps).settled();
    const minutes = (await service.graphql(MEETING, { id: 'ccrant-52-1' })).body.data!.meeting.minutes;
    expect(minutes).toEqual([
      { version: 1, documentHash: hash1, approvedByDecision: null },
      { version: 2, documentHash: hash2, approvedByDecision: 'ccrant-52-2.minutes' },
    ]);
    expect((await service.graphql(COMMISSION)).body.data!.commission.members.map((x: any) => x.actorId)).toContain('orange');

    const register = async (filter: Record<string, unknown>) => (await service.graphql(DECISIONS, { filter })).body.data!.decisions;
    expect((await register({ regionCode: '52' })).totalCount).toBe(4);
    expect((await register({ kinds: ['ACTION_REQUEST'], outcome: 'ADOPTED' })).edges.map((e: any) => e.node.id)).toEqual(['ccrant-52-1.orange']);
    expect((await register({ concernedActorId: 'orange' })).totalCount).toBe(2);
    expect((await register({ outcome: 'REJECTED' })).totalCount).toBe(0);
    expect((await register({ from: '2000-01-01', to: '2000-12-31' })).totalCount).toBe(0);
    const meetings = (await service.graphql(MEETINGS, { filter: { regionCode: '52', statuses: ['CLOSED'] } })).body.data!.meetings;
    expect(meetings.edges.map((e: any) => e.node.id)).toEqual(['ccrant-52-1']);
  });

  it('rejects bad input before deciding anything', async () => {
    const bad = await send(CONVENE, { meetingId: 'x', regionCode: '52', date: '2020-13-01', place: 'Nantes', agenda: [] }, sgar);
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect((await service.graphql(MEETING, { id: 'x' })).body.data!.meeting).toBeNull();
  });
});
