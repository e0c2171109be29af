import { CommitmentChangedDocument, ConventionChangedDocument, DecisionRecordedDocument, RegionDocument } from '@scoran/ledger-client';
import { createClient, storedToken, storeToken, type ViewContext } from './context';
import { h } from './dom';
import { formats, localeFrom, messages } from './i18n';
import { commitmentsView, loadCommitments } from './views/commitments';
import { conventionsView, loadConventions } from './views/conventions';
import { decisionsView, loadDecisions } from './views/decisions';
import { loadNetworkProjects, milestonesView } from './views/milestones';
import { loadReports, reportsView } from './views/reports';
import './style.css';

/** A section of the page: how to load it and draw it; redrawn on load and on each live change. */
interface Section {
  id: string;
  title: string;
  render(): Promise<HTMLElement>;
}

const params = new URLSearchParams(window.location.search);
const region = /^\d{2}$/.test(params.get('region') ?? '') ? params.get('region')! : '52';
const locale = localeFrom(window.location.search);
const t = messages(locale);
document.documentElement.lang = locale;

async function start(root: HTMLElement) {
  const client = createClient();
  const regionInfo = await client.query(RegionDocument, { code: region });
  const ctx: ViewContext = {
    region,
    departements: regionInfo.territories.map((d) => d.code),
    locale,
    t,
    f: formats(locale),
    client,
    token: storedToken,
  };
  const regionName = regionInfo.territory?.name ?? region;
  document.title = `${t.appTitle} · ${regionName}`;

  const sections: Section[] = [
    { id: 'conventions', title: t.conventions, render: async () => conventionsView(ctx, await loadConventions(ctx)) },
    { id: 'milestones', title: t.milestones, render: async () => milestonesView(ctx, await loadNetworkProjects(ctx)) },
    { id: 'commitments', title: t.commitments, render: async () => commitmentsView(ctx, await loadCommitments(ctx)) },
    { id: 'decisions', title: t.decisions, render: async () => decisionsView(ctx, await loadDecisions(ctx)) },
    { id: 'reports', title: t.reports, render: async () => reportsView(ctx, await loadReports(ctx)) },
  ];

  const live = h('span', { class: 'live off', role: 'status', 'aria-live': 'polite' }, t.liveOff);
  const notice = h('p', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  const otherLanguage = new URLSearchParams(window.location.search);
  otherLanguage.set('lang', locale === 'fr' ? 'en' : 'fr');

  root.replaceChildren(
    h(
      'header',
      { class: 'top' },
      h('div', {}, h('h1', {}, t.regionTitle(regionName)), h('p', { class: 'subtitle' }, t.subtitle)),
      h(
        'div',
        { class: 'tools' },
        live,
        tokenForm(ctx),
        h('a', { href: `?${otherLanguage}`, class: 'lang', hreflang: locale === 'fr' ? 'en' : 'fr' }, t.language),
      ),
    ),
    h(
      'nav',
      {},
      sections.map((section) => h('a', { href: `#${section.id}` }, section.title)),
    ),
    notice,
    h(
      'main',
      {},
      sections.map((section) =>
        h('section', { id: section.id, class: 'section', 'aria-busy': 'true' }, h('h2', {}, section.title), h('div', { class: 'body' }, t.loading)),
      ),
    ),
  );

  const draw = async (section: Section) => {
    const element = document.getElementById(section.id)!;
    const body = element.querySelector('.body')!;
    element.setAttribute('aria-busy', 'true');
    try {
      body.replaceChildren(await section.render());
    } catch (error) {
      body.replaceChildren(h('p', { class: 'error' }, t.loadFailed(error instanceof Error ? error.message : String(error))));
    }
    element.setAttribute('aria-busy', 'false');
  };
  await Promise.all(sections.map(draw));

  if (ctx.token()) follow(ctx, sections, draw, live, notice);
}

/** Live updates: each change redraws the sections it concerns and says what changed. */
function follow(ctx: ViewContext, sections: Section[], draw: (section: Section) => Promise<void>, live: HTMLElement, notice: HTMLElement) {
  const byId = (id: string) => sections.find((s) => s.id === id)!;
  const territory = { kind: 'REGION' as const, code: ctx.region };
  const changed = async (ids: string[], what: string, anchor?: string) => {
    await Promise.all(ids.map((id) => draw(byId(id))));
    notice.textContent = ctx.t.updated(what);
    notice.dataset.at = String(Date.now());
    const element = anchor ? document.getElementById(anchor) : null;
    element?.classList.add('flash');
  };
  const run = async (iterator: AsyncIterable<unknown>, onChange: (value: never) => Promise<void>) => {
    try {
      for await (const value of iterator) await onChange(value as never);
    } catch {
      live.className = 'live error';
      live.textContent = ctx.t.liveError;
    }
  };
  live.className = 'live on';
  live.textContent = ctx.t.liveOn;
  void run(ctx.client.subscribe(CommitmentChangedDocument, { territory }), (v: { commitmentChanged: { commitment: { id: string; title: string } } }) =>
    changed(['commitments', 'reports'], v.commitmentChanged.commitment.title, `commitment-${v.commitmentChanged.commitment.id}`),
  );
  void run(ctx.client.subscribe(ConventionChangedDocument, { territory }), (v: { conventionChanged: { convention: { id: string; title: string } } }) =>
    changed(['conventions'], v.conventionChanged.convention.title, `convention-${v.conventionChanged.convention.id}`),
  );
  void run(ctx.client.subscribe(DecisionRecordedDocument, { regionCode: ctx.region }), (v: { decisionRecorded: { decision: { id: string; text: string } } }) =>
    changed(['decisions', 'commitments'], v.decisionRecorded.decision.text, `decision-${v.decisionRecorded.decision.id}`),
  );
}

function tokenForm(ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  if (ctx.token()) {
    return h(
      'form',
      {
        class: 'token',
        onsubmit: ((event: Event) => {
          event.preventDefault();
          storeToken(undefined);
          window.location.reload();
        }) as EventListener,
      },
      h('button', { type: 'submit' }, t.tokenForget),
    );
  }
  const input = h('input', {
    type: 'password',
    name: 'token',
    autocomplete: 'off',
    placeholder: t.tokenLabel,
    'aria-label': t.tokenLabel,
    title: t.tokenHelp,
  }) as HTMLInputElement;
  return h(
    'form',
    {
      class: 'token',
      onsubmit: ((event: Event) => {
        event.preventDefault();
        const token = input.value.trim();
        if (!token) return;
        storeToken(token);
        window.location.reload();
      }) as EventListener,
    },
    input,
    h('button', { type: 'submit' }, t.tokenSave),
  );
}

const root = document.getElementById('app')!;
start(root).catch((error: unknown) => {
  root.replaceChildren(h('p', { class: 'error' }, t.loadFailed(error instanceof Error ? error.message : String(error))));
});
