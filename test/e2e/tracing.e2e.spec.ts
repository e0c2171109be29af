import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { codesOf, newCommandId, startTestService, type TestService } from './harness.js';

const REGISTER = `mutation Register($input: RegisterActorInput!) { registerActor(input: $input) { revision } }`;
const input = (actorId: string, commandId = newCommandId()) => ({
  commandId,
  actorId,
  kind: 'DEPARTEMENT',
  name: `Département ${actorId}`,
  territories: [{ kind: 'DEPARTEMENT', code: '44' }],
});

/** With a tracer provider registered (what TRACING_ENABLED does, here with an in-memory exporter). */
describe('OpenTelemetry spans of the command path', () => {
  let service: TestService;
  let admin: string;
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  beforeAll(async () => {
    provider.register();
    service = await startTestService();
    admin = await service.token('sgar-52', 'admin');
  });
  afterAll(async () => {
    await service.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
  });
  beforeEach(() => exporter.reset());

  it('traces a command: decide and append, the store append, the read-your-writes wait, in one trace', async () => {
    const commandId = newCommandId();
    expect(codesOf(await service.graphql(REGISTER, { input: input('cd-44', commandId) }, admin))).toEqual([]);
    const spans = exporter.getFinishedSpans();
    const command = spans.find((s) => s.name === 'command RegisterActor');
    expect(command).toBeDefined();
    expect(command!.attributes).toMatchObject({
      'scoran.command.type': 'RegisterActor',
      'scoran.command.id': commandId,
      'scoran.stream.id': 'actor-cd-44',
      'scoran.stream.revision': 0,
      'scoran.command.replayed': false,
      'scoran.events': 1,
    });
    const traceId = command!.spanContext().traceId;
    const byName = (name: string) => spans.find((s) => s.name === name && s.spanContext().traceId === traceId);
    const decide = byName('decide and append');
    const append = byName('event store append');
    const wait = byName('read-your-writes wait');
    expect(decide?.parentSpanContext?.spanId).toBe(command!.spanContext().spanId);
    expect(append?.parentSpanContext?.spanId).toBe(decide!.spanContext().spanId);
    expect(append?.attributes).toMatchObject({ 'scoran.stream.category': 'actor', 'scoran.events': 1 });
    expect(wait?.parentSpanContext?.spanId).toBe(command!.spanContext().spanId);
  });

  it('marks a refused command as an error, with nothing appended', async () => {
    await service.graphql(REGISTER, { input: input('cd-49') }, admin);
    exporter.reset();
    // Same actor id again: the decider refuses (CONFLICT), nothing is appended.
    expect(codesOf(await service.graphql(REGISTER, { input: input('cd-49') }, admin))).toEqual(['CONFLICT']);
    const command = exporter.getFinishedSpans().find((s) => s.name === 'command RegisterActor');
    expect(command?.status.code).toBe(2); // SpanStatusCode.ERROR
    expect(exporter.getFinishedSpans().some((s) => s.name === 'event store append')).toBe(false);
  });
});
