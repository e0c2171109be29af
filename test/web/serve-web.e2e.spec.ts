import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestService, type TestService } from '../e2e/harness.js';

describe('The service serves web/dist', () => {
  let service: TestService;
  beforeAll(async () => {
    if (!existsSync(join(process.cwd(), 'web', 'dist', 'index.html'))) execFileSync('npm', ['run', 'build:web', '--silent'], { stdio: 'pipe' });
    service = await startTestService();
  }, 120_000);
  afterAll(() => service.close());

  it('answers every /app path with the page (client-side routes), and a missing asset with 404', async () => {
    const server = service.app.getHttpServer();
    for (const path of ['/app', '/app/', '/app/region/52']) {
      const page = await request(server).get(path);
      expect({ path, status: page.status, type: page.type }).toEqual({ path, status: 200, type: 'text/html' });
      expect(page.text).toContain('<div id="app">');
    }
    expect((await request(server).get('/app/assets/nothing-here.js')).status).toBe(404);
    expect((await request(server).post('/app/').send({})).status).toBe(404);
  });
});

describe('Pages when web/dist is not built, and in production', () => {
  it('says how to build it instead of an empty page', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'scoran-no-web-'));
    const service = await startTestService({ WEB_DIST_DIR: empty });
    try {
      const page = await request(service.app.getHttpServer()).get('/app/');
      expect(page.status).toBe(503);
      expect(page.text).toContain('npm run build');
      const graphiql = await request(service.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
      expect(graphiql.status).toBe(503);
    } finally {
      await service.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('serves neither the front-end nor GraphiQL when they are off', async () => {
    const service = await startTestService({ WEB_APP_ENABLED: 'false', GRAPHQL_GRAPHIQL: 'false' });
    try {
      const server = service.app.getHttpServer();
      expect((await request(server).get('/app/')).status).toBe(404);
      const graphiql = await request(server).get('/graphql').set('accept', 'text/html');
      expect(graphiql.text).not.toContain('<html');
    } finally {
      await service.close();
    }
  });
});
