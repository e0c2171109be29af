import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '../config/config.js';
import { AppModule } from './app.module.js';
import { GraphQLErrorFilter } from './graphql-exception-filter.js';
import { rateLimitMiddleware, requestContextMiddleware } from './http-middleware.js';
import { JsonLogger } from './json-logger.js';
import { validationPipe } from './validation.js';
import { Metrics } from '../metrics/metrics.js';
import { metricsEndpoint, metricsMiddleware } from '../metrics/metrics-middleware.js';
import { serveWeb } from '../web/serve-web.js';

/** Builds the service (used by main.ts, the end-to-end tests and the API benchmark). */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const logger = new JsonLogger(config.logLevel);
  const metrics = new Metrics();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger, metrics), { logger, abortOnError: false });
  app.disable('x-powered-by');
  app.use(requestContextMiddleware(logger));
  if (config.metrics.enabled) {
    app.use(metricsMiddleware(metrics));
    app.use('/metrics', metricsEndpoint(metrics, config.metrics.token));
  }
  serveWeb(app, config);
  app.use('/graphql', rateLimitMiddleware(config.rateLimit, undefined, () => metrics.rateLimitRefused.inc()));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new GraphQLErrorFilter(app.get(HttpAdapterHost).httpAdapter));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
