import { INVALID_SPAN_CONTEXT, ProxyTracerProvider, SpanStatusCode, trace, type Span } from '@opentelemetry/api';

/**
 * Spans of the command path (OpenTelemetry API only). Without a tracer provider registered — the
 * default: tracing is off unless TRACING_ENABLED=true — every call here is a no-op.
 */
export const tracer = trace.getTracer('scoran-ledger');

/** What a task gets when tracing is off: its attributes go nowhere. */
const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** Whether a tracer provider is registered now (TRACING_ENABLED, or a test's in-memory one). */
function tracingOn(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegateTracer('scoran-ledger') !== undefined;
}

/**
 * Runs `task` in a child span of the active one; records an exception and error status if it throws.
 * With tracing off it runs `task` straight away: a mutation goes through four of these, and the
 * no-op span's context switch and extra promises were about 1 % of its CPU.
 */
export function inSpan<T>(name: string, attributes: Record<string, string | number | boolean | undefined>, task: (span: Span) => Promise<T>): Promise<T> {
  if (!tracingOn()) {
    try {
      return task(NO_SPAN);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
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
