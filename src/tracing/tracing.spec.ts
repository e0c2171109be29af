import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { inSpan } from './tracing.js';

describe('inSpan', () => {
  it('without a tracer provider runs the task with a span that records nothing, and passes on its answer or failure', async () => {
    let recording: boolean | undefined;
    await expect(inSpan('work', { a: 1 }, async (span) => ((recording = span.isRecording()), 42))).resolves.toBe(42);
    expect(recording).toBe(false);
    await expect(inSpan('work', {}, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    const throwsAtOnce = (): Promise<never> => {
      throw new Error('thrown before any promise');
    };
    await expect(inSpan('work', {}, throwsAtOnce)).rejects.toThrow('thrown before any promise');
  });

  it('records spans once a provider is registered after start (what TRACING_ENABLED does), nested and with errors', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();
    try {
      await inSpan('outer', { 'scoran.x': 'y', skipped: undefined }, () => inSpan('inner', {}, async () => 'done'));
      await expect(inSpan('failing', {}, () => Promise.reject(new Error('no')))).rejects.toThrow('no');
      const spans = exporter.getFinishedSpans();
      const byName = (name: string) => spans.find((s) => s.name === name)!;
      expect(byName('outer').attributes).toEqual({ 'scoran.x': 'y' });
      expect(byName('inner').parentSpanContext?.spanId).toBe(byName('outer').spanContext().spanId);
      expect(byName('failing').status.code).toBe(2); // SpanStatusCode.ERROR
    } finally {
      await provider.shutdown();
      trace.disable();
    }
  });
});
