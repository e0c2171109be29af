import { MILESTONE_COLUMNS, milestoneColumns, plannedMilestones } from '../milestones/milestones.report.js';
import { evolveMilestones, isMilestoneEvent, type MilestonesState } from '../milestones/milestones.js';
import { byText, type CalendarItem, type ReportSection, type Row } from '../reports/report-section.js';
import { PRIORITY_LEVELS, USAGE_DOMAINS, isUsageProjectEvent, type UsageProjectEvent } from './usage-project.decider.js';

interface ReportedUsageProject {
  streamId: string;
  title: string;
  domain: string;
  priorityLevel: string;
  innovativeTerritory: boolean;
  nationalCallReference: string | null;
  carryingActorId: string;
  status: 'active' | 'completed' | 'abandoned';
  milestones: MilestonesState;
}

interface State {
  projects: Record<string, ReportedUsageProject>;
}

/** Usage and service projects by domain and priority level, innovative territories, and their calendars. */
export function usageProjectsReportSection(): ReportSection<State, UsageProjectEvent> {
  return {
    key: 'usage-projects',
    title: 'Digital usage and service projects',
    checklist: [
      'usage projects: national priorities, regional priorities, innovative territories',
      'semestrial update of usage-project calendars',
      'map and calendar of all initiatives (infrastructure and usages)',
    ],
    categories: ['usageProject'],
    order: 50,
    events: isUsageProjectEvent,
    initialState: () => ({ projects: {} }),
    evolve(state, event) {
      if (event.type === 'UsageProjectRegistered') {
        const d = event.data;
        state.projects[d.projectId] = {
          streamId: event.streamId,
          title: d.title,
          domain: d.domain,
          priorityLevel: d.priorityLevel,
          innovativeTerritory: d.innovativeTerritory,
          nationalCallReference: d.nationalCallReference,
          carryingActorId: d.carryingActorId,
          status: 'active',
          milestones: [],
        };
        return;
      }
      const project = state.projects[event.data.projectId];
      if (!project) return;
      if (isMilestoneEvent(event)) project.milestones = evolveMilestones(project.milestones, event);
      else if (event.type === 'UsageProjectCompleted') project.status = 'completed';
      else if (event.type === 'UsageProjectAbandoned') project.status = 'abandoned';
    },
    render({ current, previous, inRegion, actorName }) {
      const projects = Object.entries(current.projects)
        .filter(([, p]) => inRegion(p.streamId))
        .sort(([a], [b]) => byText(a, b));
      const upcoming: CalendarItem[] = [];
      const rows: Row[] = projects.map(([id, p]) => {
        upcoming.push(...plannedMilestones('usage_milestone', p.milestones, p.streamId, p.title));
        return {
          project: id,
          title: p.title,
          domain: p.domain,
          priority: p.priorityLevel,
          innovative_territory: p.innovativeTerritory,
          national_call: p.nationalCallReference,
          carrier: actorName(p.carryingActorId),
          status: p.status,
          ...milestoneColumns(p.milestones, previous.projects[id]?.milestones),
        };
      });
      const byDomain: Row[] = USAGE_DOMAINS.map((domain) => ({
        domain,
        ...Object.fromEntries(PRIORITY_LEVELS.map((level) => [level, projects.filter(([, p]) => p.domain === domain && p.priorityLevel === level).length])),
        innovative_territory: projects.filter(([, p]) => p.domain === domain && p.innovativeTerritory).length,
      }));
      return {
        summary: [
          ['projects', projects.length],
          ...PRIORITY_LEVELS.map((level): [string, number] => [`${level} priority`, projects.filter(([, p]) => p.priorityLevel === level).length]),
          ['innovative territories', projects.filter(([, p]) => p.innovativeTerritory).length],
          ['completed', projects.filter(([, p]) => p.status === 'completed').length],
        ],
        tables: [
          {
            name: 'usage-projects-by-domain',
            title: 'By domain and priority level',
            columns: ['domain', ...PRIORITY_LEVELS, 'innovative_territory'],
            rows: byDomain,
          },
          {
            name: 'usage-projects',
            title: 'Projects and their calendars',
            columns: ['project', 'title', 'domain', 'priority', 'innovative_territory', 'national_call', 'carrier', 'status', ...MILESTONE_COLUMNS],
            rows,
          },
        ],
        charts: [
          {
            name: 'usage-projects-by-domain',
            title: 'Usage projects by domain and priority level',
            labels: [...USAGE_DOMAINS],
            series: PRIORITY_LEVELS.map((level) => ({ name: level, values: byDomain.map((r) => r[level] as number) })),
            unit: 'projects',
          },
        ],
        upcoming,
      };
    },
  };
}
