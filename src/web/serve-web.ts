import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/config.js';

const NOT_BUILT = (what: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${what} not built</title>` +
  `<p>${what} is served from <code>web/dist</code>, which is not built: run <code>npm run build</code> (or <code>npm run build:web</code>), then reload.</p></html>`;

/**
 * Serves the built front-end at /app and GraphiQL's page at GET /graphql (a browser asking for HTML),
 * both from web/dist: bundled from npm packages in production builds, so nothing comes from a CDN.
 * GraphiQL follows GRAPHQL_GRAPHIQL; /app follows WEB_APP_ENABLED (both on outside production).
 */
export function serveWeb(app: NestExpressApplication, config: AppConfig): void {
  const dir = resolve(config.web.distDir);
  const page = (file: string, what: string) => (_req: Request, res: Response) => {
    const path = join(dir, file);
    res.setHeader('cache-control', 'no-cache');
    if (!existsSync(path)) {
      res.status(503).type('html').send(NOT_BUILT(what));
      return;
    }
    res.sendFile(path);
  };
  const graphiqlPage = page('graphiql.html', 'GraphiQL');
  if (config.graphql.graphiql) {
    app.use('/graphql', (req: Request, res: Response, next: NextFunction) => {
      const wantsPage =
        req.method === 'GET' && req.path === '/' && req.accepts(['application/json', 'text/html']) === 'text/html' && req.query.query === undefined;
      if (wantsPage) graphiqlPage(req, res);
      else next();
    });
  }
  if (config.graphql.graphiql || config.web.serveApp) {
    app.useStaticAssets(join(dir, 'assets'), { prefix: '/app/assets/', immutable: true, maxAge: '1y', fallthrough: false });
  }
  if (config.web.serveApp) {
    const appPage = page('index.html', 'The front-end');
    app.use('/app', (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      appPage(req, res);
    });
  }
}
