import { NetworkProjectsDocument, type NetworkProjectsQuery } from '@scoran/ledger-client';
import type { ViewContext } from '../context';
import { h, s } from '../dom';

type Project = NetworkProjectsQuery['networkProjects']['edges'][number]['node'];
type Milestone = Project['milestones'][number];

export async function loadNetworkProjects(ctx: ViewContext): Promise<Project[]> {
  const list: Project[] = [];
  for await (const p of ctx.client.paginate(NetworkProjectsDocument, {}, (d) => d.networkProjects)) {
    if (p.departementCodes.some((code) => ctx.departements.includes(code))) list.push(p);
  }
  return list;
}

const labelOf = (ctx: ViewContext, m: Milestone) => ctx.t.milestoneLabel[m.key] ?? m.label;
const dayOf = (date: string) => Date.parse(`${date}T12:00:00Z`);
const dateOf = (m: Milestone) => m.achievedOn ?? m.plannedDate ?? null;

/** Each RIP's milestones on a time axis: achieved (filled), planned (hollow), late (red), with today marked. */
export function milestonesView(ctx: ViewContext, projects: Project[], today = new Date()): HTMLElement {
  const { t, f } = ctx;
  if (projects.length === 0) return h('p', { class: 'empty' }, t.empty);
  return h(
    'div',
    { class: 'projects' },
    projects.map((project) => {
      const dated = project.milestones.filter((m) => dateOf(m) !== null && m.status !== 'DROPPED');
      return h(
        'article',
        { class: 'card project', id: `project-${project.id}` },
        h(
          'header',
          {},
          h('h3', {}, project.name),
          h('span', { class: project.lateMilestoneCount > 0 ? 'badge late' : 'badge ok' }, t.lateCount(project.lateMilestoneCount)),
        ),
        timeline(ctx, dated, today),
        h(
          'ol',
          { class: 'milestones' },
          project.milestones.map((m) =>
            h(
              'li',
              { class: `milestone ${m.late ? 'late' : m.status.toLowerCase()}`, 'data-key': m.key },
              h('span', { class: 'label' }, labelOf(ctx, m)),
              ' — ',
              h('span', {}, m.late ? t.late : (t.milestoneStatus[m.status] ?? m.status)),
              dateOf(m) ? ` · ${f.date(dateOf(m)!)}` : '',
              m.slippageDays !== null && m.slippageDays !== undefined && m.status !== 'DROPPED' ? ` · ${t.slippage(m.slippageDays)}` : '',
            ),
          ),
        ),
      );
    }),
  );
}

function timeline(ctx: ViewContext, milestones: Milestone[], today: Date): SVGElement {
  const width = 1000;
  const days = milestones.map((m) => dayOf(dateOf(m)!));
  const now = today.getTime();
  const min = new Date(Date.UTC(new Date(Math.min(now, ...days)).getUTCFullYear(), 0, 1)).getTime();
  const max = new Date(Date.UTC(new Date(Math.max(now, ...days)).getUTCFullYear() + 1, 0, 1)).getTime();
  const x = (time: number) => 20 + ((time - min) / (max - min)) * (width - 40);
  const years: SVGElement[] = [];
  for (let year = new Date(min).getUTCFullYear(); year <= new Date(max).getUTCFullYear(); year += 1) {
    const at = x(Date.UTC(year, 0, 1));
    years.push(s('line', { x1: at, x2: at, y1: 34, y2: 46, class: 'tick' }));
    if (at < width - 50) years.push(s('text', { x: at + 3, y: 62, class: 'year' }, String(year)));
  }
  return s(
    'svg',
    {
      viewBox: `0 0 ${width} 70`,
      class: 'timeline',
      role: 'img',
      'aria-label': milestones.map((m) => `${labelOf(ctx, m)} ${ctx.f.date(dateOf(m)!)}`).join(', '),
    },
    s('line', { x1: 20, x2: width - 20, y1: 40, y2: 40, class: 'axis' }),
    years,
    s('line', { x1: x(now), x2: x(now), y1: 8, y2: 48, class: 'today' }),
    s('text', { x: x(now) + 4, y: 14, class: 'today-label' }, ctx.t.today),
    milestones.map((m) =>
      s(
        'circle',
        { cx: x(dayOf(dateOf(m)!)), cy: 40, r: 7, class: `dot ${m.late ? 'late' : m.status.toLowerCase()}`, 'data-key': m.key },
        s('title', {}, `${labelOf(ctx, m)} — ${ctx.f.date(dateOf(m)!)}`),
      ),
    ),
  );
}
