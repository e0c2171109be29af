import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { JsonLogger } from './json-logger.js';
import { requestContext, type RequestContext } from '../runtime/request-context.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Gives each request an id (or keeps a sane X-Request-Id), runs it in its context, logs it once done. */
export function requestContextMiddleware(logger: JsonLogger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    const context = { requestId };
    // The per-request log line is the only reason to watch the response's end.
    if (logger.writes('info')) logRequestOnFinish(logger, context, req, res);
    requestContext.run(context, next);
  };
}

function logRequestOnFinish(logger: JsonLogger, context: RequestContext, req: Request, res: Response) {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    requestContext.run(context, () =>
      logger.event('info', 'request', {
        method: req.method,
        // originalUrl: under a mounted middleware req.path is relative ('/' for every GraphQL request).
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      }),
    );
  });
}
