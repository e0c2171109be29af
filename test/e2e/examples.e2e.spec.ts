import { walkthrough } from '../../examples/walkthrough.js';
import { startTestService, type TestService, registerPrincipals } from './harness.js';

describe('examples/ run against the service', () => {
  let service: TestService;
  let baseUrl: string;

  beforeAll(async () => {
    service = await startTestService();
    await registerPrincipals(service, 'sgar-52', 'datar');
    baseUrl = (await service.listen()).replace(/^ws/, 'http').replace(/\/graphql$/, '');
  });
  afterAll(() => service.close());

  it('walks from actors through a signed convention and a followed commitment to the report', async () => {
    const result = await walkthrough(baseUrl, {
      admin: await service.token('sgar-52', 'admin'),
      cd44: await service.token('cd-44', 'representative'),
      prefet: await service.token('prefet-52', 'representative'),
      auditor: await service.token('datar', 'auditor'),
    });
    expect(result).toMatchObject({
      conventionStatus: 'IN_FORCE',
      liveUpdates: ['CommitmentProgressReported'],
      commitmentHealth: 'ON_TRACK',
      reportCommitments: 1,
      refusedCode: 'BAD_USER_INPUT',
    });
    expect(result.reportSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
