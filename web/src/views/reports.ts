import { IssuedReportsDocument, type IssuedReportsQuery } from '@scoran/ledger-client';
import type { ViewContext } from '../context';
import { h } from '../dom';

type Issued = IssuedReportsQuery['issuedReports'][number];

export async function loadReports(ctx: ViewContext): Promise<Issued[] | null> {
  if (!ctx.token()) return null;
  const { issuedReports } = await ctx.client.query(IssuedReportsDocument, { region: ctx.region });
  return [...issuedReports].sort((a, b) => (a.semester === b.semester ? b.version - a.version : b.semester.localeCompare(a.semester)));
}

const FORMATS = ['pdf', 'html', 'json'] as const;

/** Issued reports with downloads (fetched with the token, then saved: a link cannot carry the header). */
export function reportsView(ctx: ViewContext, reports: Issued[] | null): HTMLElement {
  const { t, f } = ctx;
  if (reports === null) return h('p', { class: 'empty' }, t.reportsNeedToken);
  if (reports.length === 0) return h('p', { class: 'empty' }, t.empty);
  const download = (report: Issued, format: (typeof FORMATS)[number]) => async (event: Event) => {
    event.preventDefault();
    const file = await ctx.client.report(report.region, report.semester, format);
    const url = URL.createObjectURL(new Blob([file.body as BlobPart], { type: file.contentType }));
    const link = h('a', { href: url, download: `scoran-${report.region}-${report.semester}.${format}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return h(
    'table',
    { class: 'reports' },
    h('thead', {}, h('tr', {}, h('th', {}, t.semester), h('th', {}, t.issuedOn), h('th', {}, t.downloads))),
    h(
      'tbody',
      {},
      reports.map((r) =>
        h(
          'tr',
          { 'data-semester': r.semester },
          h('td', {}, r.semester, h('small', {}, ` · ${t.reissue(r.version)}`)),
          h('td', {}, f.instant(r.issuedAt)),
          h(
            'td',
            { class: 'downloads' },
            FORMATS.map((format) =>
              h(
                'a',
                { href: `/reports/${r.region}/${r.semester}/report.${format}`, class: `download ${format}`, onclick: download(r, format) as EventListener },
                format.toUpperCase(),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
