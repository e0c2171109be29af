import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';

/**
 * Spans of the command path (OpenTelemetry API only). Without a tracer provider registered — the
 * default: tracing is off unless TRACING_ENABLED=true — every call here is a no-op.
 */
export const tracer = trace.getTracer('scoran-ledger');

/** Runs `task` in a child span of the active one; records an exception and error status if it throws. */
export async function inSpan<T>(name: string, attributes: Record<string, string | number | boolean | undefined>, task: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, async (span) => {
    for (const [key, value] of Object.entries(attributes)) if (value !== undefined) span.setAttribute(key, value);
    try {
      return await task(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
