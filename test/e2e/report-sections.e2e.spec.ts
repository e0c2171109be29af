import { runGuide } from './guide-examples.js';
import { newCommandId, startTestService, type TestService, registerPrincipals } from './harness.js';

const REPORT = `query($semester: String!) { semestrialReport(region: "52", semester: $semester) {
  sections { key summary { label value } tables { name rows } charts { name labels series { name values } } }
  checklist { line sections } } }`;

describe('Report sections on projects, white zones, usage projects and the CCRANT', () => {
  let service: TestService;
  let commissionService: TestService;
  let concertation: { tables: { name: string; rows: Record<string, unknown>[] }[] };
  let report: {
    sections: {
      key: string;
      summary: { label: string; value: unknown }[];
      tables: { name: string; rows: Record<string, unknown>[] }[];
      charts: { name: string }[];
    }[];
    checklist: { line: string; sections: string[] }[];
  };
  const section = (key: string) => report.sections.find((s) => s.key === key)!;
  const table = (key: string, name: string) => section(key).tables.find((t) => t.name === name)!.rows;

  beforeAll(async () => {
    service = await startTestService();
    // The integrators' guide records projects in Loire-Atlantique, their milestones, indicators,
    // costs, usage projects and white zones: the report must show them.
    await runGuide(service, 'api-network-projects.md');
    await registerPrincipals(service, 'datar');
    const now = new Date();
    // And a milestone planned within the next two semesters, for the forward calendar.
    const inAYear = new Date(now.getTime() + 365 * 86_400_000).toISOString().slice(0, 10);
    const planned = await service.graphql(
      `mutation($input: PlanMilestoneInput!) { planMilestone(input: $input) { milestone { key } } }`,
      { input: { commandId: newCommandId(), projectKind: 'NETWORK', projectId: 'rip-44', key: 'commercial_opening', date: inAYear } },
      await service.token('cd-44', 'representative'),
    );
    expect(planned.body.errors).toBeUndefined();
    const semester = `${now.getUTCFullYear()}-S${now.getUTCMonth() < 6 ? 1 : 2}`;
    const response = await service.graphql(REPORT, { semester }, await service.token('datar', 'auditor'));
    expect(response.body.errors).toBeUndefined();
    report = response.body.data!.semestrialReport;

    // The commission's guide registers the same actors: it runs on a service of its own.
    commissionService = await startTestService();
    await runGuide(commissionService, 'api-commission.md');
    await registerPrincipals(commissionService, 'datar');
    const ofCommission = await commissionService.graphql(REPORT, { semester }, await commissionService.token('datar', 'auditor'));
    expect(ofCommission.body.errors).toBeUndefined();
    concertation = ofCommission.body.data!.semestrialReport.sections.find((s: { key: string }) => s.key === 'concertation');
  });
  afterAll(async () => {
    await service.close();
    await commissionService.close();
  });

  it('reports network projects with their milestones, indicators, financing and charts', () => {
    const projects = table('network-projects', 'network-projects');
    expect(projects.length).toBeGreaterThan(0);
    expect(projects[0]).toEqual(expect.objectContaining({ departements: expect.stringContaining('44'), status: expect.any(String) }));
    expect(table('network-projects', 'network-indicators').map((r) => r.indicator)).toContain('ftthPremisesPlanned');
    const financing = table('network-projects', 'network-financing');
    expect(financing.length).toBeGreaterThan(0);
    const funded = financing[0];
    expect(['state', 'region', 'departement', 'epci', 'euErdf', 'operatorPrivate', 'other'].reduce((n, f) => n + (funded[f] as number), 0)).toBe(
      funded.total_cost,
    );
    expect(section('network-projects').charts.map((c) => c.name)).toEqual(expect.arrayContaining(['premises-44', 'financing-split']));
  });

  it('reports usage projects by domain and priority, and white zones by kind and status', () => {
    expect(table('usage-projects', 'usage-projects').length).toBeGreaterThan(0);
    const byDomain = table('usage-projects', 'usage-projects-by-domain');
    expect(byDomain.reduce((n, r) => n + (r.national as number) + (r.regional as number), 0)).toBe(table('usage-projects', 'usage-projects').length);
    const zones = table('white-zones', 'white-zones');
    expect(zones.length).toBeGreaterThan(0);
    expect(table('white-zones', 'white-zones-by-kind').reduce((n, r) => n + (r.identified as number) + (r.planned as number) + (r.resolved as number), 0)).toBe(
      zones.length,
    );
  });

  it('puts planned milestones in the forward calendar when they fall in the next two semesters', () => {
    const calendar = table('forward-calendar', 'forward-calendar');
    expect(calendar).toEqual([expect.objectContaining({ record: 'networkProject-rip-44', kind: 'network_milestone', milestone: 'Commercial opening' })]);
  });

  it('gives the concertation log: meetings, attendance, decisions with their tallies, minutes', () => {
    const rows = (name: string) => concertation.tables.find((t) => t.name === name)!.rows;
    const meetings = rows('meetings');
    expect(meetings.length).toBeGreaterThan(0);
    expect(meetings.some((m) => (m.present as number) > 0 && m.minutes_hash !== null)).toBe(true);
    const decisions = rows('decisions');
    expect(decisions.some((d) => d.mode === 'vote' && typeof d.for === 'number')).toBe(true);
    expect(decisions.some((d) => d.mode === 'consensus' && d.for === null)).toBe(true);
  });

  it('answers every line of the State’s checklist with at least one section', () => {
    expect(report.checklist).toHaveLength(12);
    expect(report.checklist.filter((c) => c.sections.length === 0).map((c) => c.line)).toEqual([]);
  });
});
