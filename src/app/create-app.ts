import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '../config/config.js';
import { AppModule } from './app.module.js';
import { GraphQLErrorFilter } from './graphql-exception-filter.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import { requestContextMiddleware } from './http-middleware.js';
import { RateLimiter, rateLimitMiddleware } from './rate-limit.js';
import { JsonLogger } from './json-logger.js';
import { validationPipe } from './validation.js';

/** Builds the service (used by main.ts, the end-to-end tests and the API benchmark). */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const logger = new JsonLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), { logger, abortOnError: false });
  app.disable('x-powered-by');
  // JSON bodies up to 16 MB (default 100 kB): the import mutation carries a spreadsheet in base64 (10 MiB at most).
  app.useBodyParser('json', { limit: '16mb' });
  app.use(requestContextMiddleware(logger));
  // Explicit: behind nginx, TRUST_PROXY names the proxies whose X-Forwarded-For gives the client address.
  app.set('trust proxy', config.rateLimit.trustProxy);
  app.use(rateLimitMiddleware(app.get(RateLimiter), app.get(TokenVerifier)));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new GraphQLErrorFilter(app.get(HttpAdapterHost).httpAdapter));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
