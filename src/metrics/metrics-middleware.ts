import type { NextFunction, Request, Response } from 'express';
import { requestContext } from '../runtime/request-context.js';
import type { Metrics } from '../shared/metrics.js';

/** A bounded set of route labels (never the raw path, which callers choose). */
export function routeOf(path: string): string {
  const first = path.split('/')[1] ?? '';
  return ['graphql', 'health', 'metrics', 'reports', 'export', 'feeds', 'app', 'graphiql'].includes(first) ? first : 'other';
}

/**
 * Counts and times every HTTP request once it is done. Mounted after the request-context middleware:
 * it reads the GraphQL operation name and first error code that the Apollo plugin noted there.
 */
export function metricsMiddleware(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.requestDuration.startTimer();
    const context = requestContext.current();
    res.on('finish', () => {
      const route = routeOf(req.originalUrl.split('?')[0]);
      const operation = metrics.operationLabel(context?.operationName);
      const code = res.statusCode >= 400 || !context?.errorCode ? (res.statusCode < 400 ? 'OK' : `HTTP_${res.statusCode}`) : context.errorCode;
      metrics.requests.inc({ route, operation, code });
      end({ route, operation });
    });
    next();
  };
}

/** GET /metrics in Prometheus text format; with METRICS_TOKEN set, only for `Authorization: Bearer <that token>`. */
export function metricsEndpoint(metrics: Metrics, token: string | undefined) {
  return async (req: Request, res: Response) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).setHeader('allow', 'GET, HEAD').type('text/plain').send('Method not allowed: GET /metrics\n');
      return;
    }
    if (token && req.header('authorization') !== `Bearer ${token}`) {
      res.status(401).setHeader('www-authenticate', 'Bearer').type('text/plain').send('Unauthorized: /metrics needs Authorization: Bearer <METRICS_TOKEN>\n');
      return;
    }
    res.setHeader('content-type', metrics.registry.contentType);
    res.setHeader('cache-control', 'no-store');
    res.send(await metrics.registry.metrics());
  };
}
