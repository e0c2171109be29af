import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { JsonLogger } from './json-logger.js';
import { requestContext } from '../runtime/request-context.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Gives each request an id (or keeps a sane X-Request-Id), runs it in its context, logs it once done. */
export function requestContextMiddleware(logger: JsonLogger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    const context = { requestId };
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
    requestContext.run(context, next);
  };
}
