import { MILESTONE_COLUMNS, milestoneColumns, milestoneStanding, milestonesWithin, plannedMilestones } from '../milestones/milestones.report.js';
import { evolveMilestones, isMilestoneEvent, type MilestonesState } from '../milestones/milestones.js';
import { byText, type CalendarItem, type ReportChart, type ReportSection, type Row } from '../reports/report-section.js';
import { semesterLabel, semesterOf } from '../reports/semester.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { FUNDERS, INDICATORS, type Financing, type Indicators, isNetworkProjectEvent, type NetworkProjectEvent } from './network-project.decider.js';

interface ReportedProject {
  streamId: string;
  name: string;
  leadActorId: string;
  departementCodes: string[];
  status: 'active' | 'completed' | 'abandoned';
  milestones: MilestonesState;
  indicators: Indicators | null;
  indicatorsAsOf: CalendarDate | null;
  /** Latest figures by the semester of their as-of date: the series of the charts. */
  indicatorsBySemester: Record<string, Indicators>;
  financing: Financing | null;
  financingAsOf: CalendarDate | null;
}

interface State {
  projects: Record<string, ReportedProject>;
}

/** The years the circular asked the phasing of (the first three years of the SCORAN 2.0). */
const PHASING = { from: '2015-01-01', to: '2017-12-31' };
const CHART_SEMESTERS = 6;

/** RIP projects: milestones and slippage, indicators and their change, cost and financing by funder, phasing. */
export function networkProjectsReportSection(): ReportSection<State, NetworkProjectEvent> {
  return {
    key: 'network-projects',
    title: 'Public-initiative network projects (RIP)',
    checklist: [
      'status of projects and of signed deployment conventions',
      'semestrial update of coverage plans (map, calendar) and of cost and financing estimates',
      'phasing of projects over the first three years (2015-2017)',
      'map and calendar of all initiatives (infrastructure and usages)',
    ],
    categories: ['networkProject'],
    order: 10,
    events: isNetworkProjectEvent,
    initialState: () => ({ projects: {} }),
    evolve(state, event) {
      if (event.type === 'NetworkProjectRegistered') {
        const d = event.data;
        state.projects[d.projectId] = {
          streamId: event.streamId,
          name: d.name,
          leadActorId: d.leadActorId,
          departementCodes: d.departementCodes,
          status: 'active',
          milestones: [],
          indicators: null,
          indicatorsAsOf: null,
          indicatorsBySemester: {},
          financing: null,
          financingAsOf: null,
        };
        return;
      }
      const project = state.projects[event.data.projectId];
      if (!project) return;
      if (isMilestoneEvent(event)) {
        project.milestones = evolveMilestones(project.milestones, event);
        return;
      }
      switch (event.type) {
        case 'NetworkIndicatorsReported':
          [project.indicators, project.indicatorsAsOf] = [event.data.figures, event.data.asOf];
          project.indicatorsBySemester[semesterLabel(semesterOf(event.data.asOf))] = event.data.figures;
          break;
        case 'NetworkFinancingRevised':
          [project.financing, project.financingAsOf] = [event.data.financing, event.data.asOf];
          break;
        case 'NetworkProjectCompleted':
          project.status = 'completed';
          break;
        case 'NetworkProjectAbandoned':
          project.status = 'abandoned';
          break;
        default:
          break;
      }
    },
    render({ current, previous, inRegion, actorName, semester }) {
      const projects = Object.entries(current.projects)
        .filter(([, p]) => inRegion(p.streamId))
        .sort(([a], [b]) => byText(a, b));
      const rows: Row[] = [];
      const indicators: Row[] = [];
      const financing: Row[] = [];
      const phasing: Row[] = [];
      const upcoming: CalendarItem[] = [];
      for (const [id, p] of projects) {
        const before = previous.projects[id];
        rows.push({
          project: id,
          name: p.name,
          lead: actorName(p.leadActorId),
          departements: p.departementCodes.join(' '),
          status: p.status,
          ...milestoneColumns(p.milestones, before?.milestones),
        });
        for (const indicator of INDICATORS) {
          const now = p.indicators?.[indicator] ?? null;
          const then = before?.indicators?.[indicator] ?? null;
          if (now === null && then === null) continue;
          indicators.push({
            project: id,
            indicator,
            as_of: p.indicatorsAsOf,
            previous_report: then,
            current: now,
            change: now !== null && then !== null ? now - then : null,
          });
        }
        if (p.financing) {
          financing.push({
            project: id,
            as_of: p.financingAsOf,
            total_cost: p.financing.totalCost,
            ...Object.fromEntries(FUNDERS.map((f) => [f, p.financing!.split[f] ?? 0])),
            state_aid_committed: p.financing.stateAidCommitted,
            state_aid_paid: p.financing.stateAidPaid,
            previous_total_cost: before?.financing?.totalCost ?? null,
          });
        }
        for (const m of milestonesWithin(p.milestones, PHASING.from, PHASING.to)) {
          phasing.push({ project: id, milestone: m.label, status: m.status, date: m.achievedOn ?? m.plannedDate });
        }
        upcoming.push(...plannedMilestones('network_milestone', p.milestones, p.streamId, p.name));
      }
      const inRegionProjects = projects.map(([, p]) => p);
      const sum = (values: (number | null | undefined)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);
      return {
        summary: [
          ['projects', projects.length],
          ['active', inRegionProjects.filter((p) => p.status === 'active').length],
          ['completed', inRegionProjects.filter((p) => p.status === 'completed').length],
          ['with a late or slipped next milestone', inRegionProjects.filter((p) => (milestoneStanding(p.milestones).slippageDays ?? 0) > 0).length],
          ['FttH premises planned', sum(inRegionProjects.map((p) => p.indicators?.ftthPremisesPlanned))],
          ['FttH premises connectable', sum(inRegionProjects.map((p) => p.indicators?.ftthPremisesConnectable))],
          ['estimated total cost (€)', sum(inRegionProjects.map((p) => p.financing?.totalCost))],
        ],
        tables: [
          {
            name: 'network-projects',
            title: 'Projects and their milestones',
            columns: ['project', 'name', 'lead', 'departements', 'status', ...MILESTONE_COLUMNS],
            rows,
          },
          {
            name: 'network-indicators',
            title: 'Indicators, and their change since the previous report',
            columns: ['project', 'indicator', 'as_of', 'previous_report', 'current', 'change'],
            rows: indicators,
          },
          {
            name: 'network-financing',
            title: 'Cost and financing estimates by funder (€)',
            columns: ['project', 'as_of', 'total_cost', ...FUNDERS, 'state_aid_committed', 'state_aid_paid', 'previous_total_cost'],
            rows: financing,
          },
          {
            name: 'network-phasing',
            title: `Phasing ${PHASING.from.slice(0, 4)}-${PHASING.to.slice(0, 4)}`,
            columns: ['project', 'milestone', 'status', 'date'],
            rows: phasing,
          },
        ],
        charts: charts(inRegionProjects, semester),
        upcoming,
      };
    },
  };
}

function charts(projects: ReportedProject[], semester: string): ReportChart[] {
  const semesters = [...new Set(projects.flatMap((p) => Object.keys(p.indicatorsBySemester)))]
    .filter((s) => s <= semester)
    .sort(byText)
    .slice(-CHART_SEMESTERS);
  const departements = [...new Set(projects.flatMap((p) => p.departementCodes))].sort(byText);
  /** A figure as of a semester: the latest report up to it (figures carry over). */
  const asOf = (p: ReportedProject, s: string, indicator: 'ftthPremisesPlanned' | 'ftthPremisesConnectable') => {
    const known = Object.keys(p.indicatorsBySemester)
      .filter((k) => k <= s)
      .sort(byText);
    return known.length ? (p.indicatorsBySemester[known[known.length - 1]][indicator] ?? 0) : 0;
  };
  // A multi-departmental project's premises are shown under its first département.
  const ofDepartement = (d: string) => projects.filter((p) => p.departementCodes[0] === d);
  const result: ReportChart[] = [];
  if (semesters.length) {
    for (const d of departements) {
      result.push({
        name: `premises-${d}`,
        title: `FttH premises planned and connectable in département ${d}, by semester`,
        labels: semesters,
        series: (['ftthPremisesPlanned', 'ftthPremisesConnectable'] as const).map((indicator) => ({
          name: indicator === 'ftthPremisesPlanned' ? 'planned' : 'connectable',
          values: semesters.map((s) => ofDepartement(d).reduce((n, p) => n + asOf(p, s, indicator), 0)),
        })),
        unit: 'premises',
      });
    }
  }
  const slipping = projects.map((p) => ({ name: p.name, days: milestoneStanding(p.milestones).slippageDays })).filter((p) => p.days !== null);
  if (slipping.length) {
    result.push({
      name: 'milestone-slippage',
      title: 'Slippage of the next milestone',
      labels: slipping.map((p) => p.name),
      series: [{ name: 'days', values: slipping.map((p) => p.days!) }],
      unit: 'days',
    });
  }
  const financed = projects.filter((p) => p.financing);
  if (financed.length) {
    result.push({
      name: 'financing-split',
      title: 'Financing split by funder',
      labels: [...FUNDERS],
      series: [{ name: 'euros', values: FUNDERS.map((f) => financed.reduce((n, p) => n + (p.financing!.split[f] ?? 0), 0)) }],
      unit: '€',
    });
  }
  return result;
}
