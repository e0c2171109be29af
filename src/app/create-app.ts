import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '../config/config.js';
import { AppModule } from './app.module.js';
import { GraphQLErrorFilter } from './graphql-exception-filter.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import { requestContextMiddleware } from './http-middleware.js';
import { RateLimiter, rateLimitMiddleware } from '../auth/rate-limit.js';
import { JsonLogger } from './json-logger.js';
import { validationPipe } from './validation.js';
import { Metrics } from '../shared/metrics.js';
import { metricsEndpoint, metricsMiddleware } from '../metrics/metrics-middleware.js';
import { serveWeb } from '../web/serve-web.js';
import { SCRATCH_APP, type ScratchAppFactory } from '../runtime/scratch-app.js';

/** The largest JSON body: an import's spreadsheet in base64 (src/import/import.model.ts) with room to spare. */
export const JSON_BODY_LIMIT = '8mb';

/** Builds the service (used by main.ts, the end-to-end tests and the API benchmark). */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const logger = new JsonLogger(config.logLevel);
  const metrics = new Metrics();
  const root = AppModule.forRoot(config, logger, metrics);
  // The import's dry run builds a scratch instance of the service (src/runtime/scratch-app.ts).
  root.providers = [...(root.providers ?? []), { provide: SCRATCH_APP, useValue: createApp satisfies ScratchAppFactory }];
  const app = await NestFactory.create<NestExpressApplication>(root, { logger, abortOnError: false });
  app.disable('x-powered-by');
  // JSON bodies up to 8 MB (default 100 kB): the import mutation carries a spreadsheet in base64 (5 MiB at most
  // decoded); larger bodies are refused with 413 before any parsing of the operation.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.use(requestContextMiddleware(logger));
  // Explicit: behind nginx, TRUST_PROXY names the proxies whose X-Forwarded-For gives the client address.
  app.set('trust proxy', config.rateLimit.trustProxy);
  if (config.metrics.enabled) {
    app.use(metricsMiddleware(metrics));
    app.use('/metrics', metricsEndpoint(metrics, config.metrics.token));
  }
  serveWeb(app, config);
  const limiter = app.get(RateLimiter);
  limiter.onRefused = () => metrics.rateLimitRefused.inc();
  app.use(rateLimitMiddleware(limiter, app.get(TokenVerifier)));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new GraphQLErrorFilter(app.get(HttpAdapterHost).httpAdapter));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
