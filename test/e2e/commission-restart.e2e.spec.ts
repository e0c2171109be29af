import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { CommandExecutor } from '../../src/runtime/command-executor.js';
import { CommissionFollowUps } from '../../src/commission/commission-follow-ups.js';
import { meetingDecider, meetingStreamId } from '../../src/commission/meeting.decider.js';
import { parisToday } from '../../src/shared/calendar-date.js';
import { newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const REGISTER = `mutation($input: RegisterActorInput!) { registerActor(input: $input) { actor { id } } }`;
const COMMITMENT = `query($id: ID!) { commitment(id: $id) { id committingActorId stemsFrom { decisionId } } }`;
const HISTORY = `query($streamId: String!) { history(streamId: $streamId, first: 100) { totalCount } }`;

/** Two services, one after the other, on the same store and read models: a restart. */
describe('CCRANT follow-ups across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scoran-ccrant-'));
  const env = { EVENT_STORE_PATH: join(dir, 'events.db'), READ_MODEL_PATH: join(dir, 'read-models.db') };
  let service: TestService | undefined;
  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (query: string, input: Record<string, unknown>, token: string) => {
    const result = await service!.graphql(query, { input: { commandId: newCommandId(), ...input } }, token);
    expect(result.body.errors).toBeUndefined();
    return result.body.data!;
  };

  it('finishes on start a follow-up that could not be applied before, once, and sends decisionRecorded live', async () => {
    service = await startTestService(env);
    await registerPrincipals(service, 'sgar-52');
    const admin = await service.token('sgar-52', 'admin');
    const sgar = await service.token('sgar-52', 'commission_secretariat');
    const prefet = await service.token('prefet-52', 'representative');
    for (const actorId of ['prefet-52', 'region-52']) {
      await call(
        REGISTER,
        { actorId, kind: actorId === 'region-52' ? 'REGION' : 'STATE_IN_REGION', name: actorId, territories: [{ kind: 'REGION', code: '52' }] },
        admin,
      );
    }
    const members = ['prefet-52', 'region-52'].map((actorId) => ({ actorId, representatives: [`p-${actorId}`] }));
    await call(
      `mutation($input: ConstituteCommissionInput!) { constituteCommission(input: $input) { revision } }`,
      { regionCode: '52', prefectActorId: 'prefet-52', regionActorId: 'region-52', secretariatActorId: 'sgar-52', members, rules: { mode: 'CONSENSUS' } },
      sgar,
    );
    await call(
      `mutation($input: ConveneMeetingInput!) { conveneMeeting(input: $input) { revision } }`,
      { meetingId: 'm1', regionCode: '52', date: parisToday(), place: 'Nantes', agenda: [{ itemId: 'fiber', title: 'Fibre' }] },
      sgar,
    );
    await call(
      `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { revision } }`,
      { meetingId: 'm1', memberActorId: 'prefet-52', representativeId: 'p-prefet-52', status: 'PRESENT' },
      sgar,
    );
    await call(`mutation($input: MeetingCommandInput!) { holdMeeting(input: $input) { revision } }`, { meetingId: 'm1' }, sgar);

    const url = await service.listen();
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: { authorization: `Bearer ${admin}` } });
    const received: any[] = [];
    const subscribed = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: `subscription { decisionRecorded(regionCode: "52") { position decision { id kind outcome } } }` },
        { next: (message) => (received.push(message), resolve()), error: reject, complete: () => undefined },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 200));

    // The API refuses an action requested of an unregistered actor...
    const proposal = {
      meetingId: 'm1',
      itemId: 'fiber',
      kind: 'ACTION_REQUEST',
      text: 'SFR is asked to connect 500 premises',
      actionRequest: {
        actorId: 'sfr',
        commitmentSubject: 'FIXED_COVERAGE',
        title: 'Connect 500 premises',
        target: { quantity: 500, unit: 'FTTH_PREMISES' },
        territories: [{ kind: 'REGION', code: '52' }],
        dueDate: '2040-12-31',
      },
    };
    const refused = await service.graphql(
      `mutation($input: ProposalInput!) { recordConsensusDecision(input: $input) { revision } }`,
      { input: { commandId: randomUUID(), ...proposal } },
      prefet,
    );
    expect(refused.body.errors?.map((e) => [e.extensions?.code, e.extensions?.fields])).toEqual([['BAD_USER_INPUT', ['actionRequest.actorId']]]);
    // ...but a decision already in the log whose follow-up cannot be applied yet (recorded by an
    // earlier version, or imported) must be finished later: recorded here on the command path.
    await service.app.get(CommandExecutor).execute(
      meetingDecider,
      meetingStreamId('m1'),
      {
        type: 'RecordConsensusDecision',
        principal: { actorId: 'prefet-52', role: 'representative' },
        proposal: {
          itemId: 'fiber',
          kind: 'action_request',
          text: proposal.text,
          subject: {
            kind: 'action_request',
            actorId: 'sfr',
            commitmentSubject: 'fixed_coverage',
            title: 'Connect 500 premises',
            target: { quantity: 500, unit: 'ftth_premises' },
            territories: [{ kind: 'region', code: '52' }],
            dueDate: '2040-12-31',
          },
        },
      },
      { commandId: randomUUID(), principal: 'person-prefet-52', actingActorId: 'prefet-52', occurredAt: new Date().toISOString() },
    );
    await service.app.get(CommissionFollowUps).settled();
    // The follow-up could not make the commitment: SFR is not registered.
    expect((await service.graphql(COMMITMENT, { id: 'm1.fiber.commitment' })).body.data!.commitment).toBeNull();
    await subscribed;
    expect(received[0].data.decisionRecorded.decision).toEqual({ id: 'm1.fiber', kind: 'ACTION_REQUEST', outcome: 'ADOPTED' });
    await client.dispose();

    await call(REGISTER, { actorId: 'sfr', kind: 'PRIVATE_OPERATOR', name: 'SFR', territories: [{ kind: 'REGION', code: '52' }] }, admin);
    expect((await service.graphql(COMMITMENT, { id: 'm1.fiber.commitment' })).body.data!.commitment).toBeNull();
    await service.close();

    // Restart: the pass over the register applies it.
    service = await startTestService(env);
    await service.app.get(CommissionFollowUps).settled();
    expect((await service.graphql(COMMITMENT, { id: 'm1.fiber.commitment' })).body.data!.commitment).toEqual({
      id: 'm1.fiber.commitment',
      committingActorId: 'sfr',
      stemsFrom: { decisionId: 'm1.fiber' },
    });
    await service.close();

    // And again: nothing more.
    service = await startTestService(env);
    await service.app.get(CommissionFollowUps).settled();
    const history = await service.graphql(HISTORY, { streamId: 'commitment-m1.fiber.commitment' }, await service.token('sgar-52', 'admin'));
    expect(history.body.data!.history.totalCount).toBe(1);
  });
});
