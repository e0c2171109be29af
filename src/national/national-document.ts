import { escapeHtml } from '../shared/output-text.js';
import { bars, lines, type DocChart } from '../reports/document/charts.js';
import { catalogue, fill, Formats, type Lang } from '../reports/document/format.js';
import { nationalCatalogue } from './national-catalogue.js';
import { TREND_FIGURES, type SynthesisContent, type SynthesisDocumentExtras } from './national-synthesis.js';
import type { IssuedSynthesisRow } from './national.service.js';

/** The figures drawn as charts (one bar per region), when the reports have them. */
export const CHARTED = ['network-projects: FttH premises planned', 'network-projects: FttH premises connectable', 'conventions: in force'];

/** "section: key" in words of the report catalogue ("Locaux FttH prévus — Projets de réseau"). */
export function figureLabel(key: string, lang: Lang): string {
  const t = catalogue(lang);
  const [section, ...rest] = key.split(': ');
  const name = rest.join(': ');
  return `${(t.summary as Record<string, string>)[name] ?? name} — ${(t.sections as Record<string, string>)[section] ?? section}`;
}

/** The national totals of TREND_FIGURES over every semester up to the synthesis's, as a line chart (null with fewer than two semesters). */
export function trendChart(extras: SynthesisDocumentExtras, lang: Lang, f: Formats): DocChart | null {
  if (extras.trend.length < 2) return null;
  const t = nationalCatalogue(lang);
  const series = TREND_FIGURES.map((key) => ({ name: figureLabel(key, lang), values: extras.trend.map((p) => p.totals[key] ?? 0) }));
  return lines(
    'national-trend',
    t.trendTitle,
    extras.trend.map((p) => p.semester),
    series,
    t.trendUnit,
    f,
    t.trendAlt,
  );
}

/** The lines of the seal section: the issue, the seal that covers it, how each figure goes back to a seal. */
export function sealLines(
  content: SynthesisContent,
  sha256: string,
  lang: Lang,
  issued: IssuedSynthesisRow | undefined,
  extras: SynthesisDocumentExtras,
): string[] {
  const t = nationalCatalogue(lang);
  const f = new Formats(lang);
  const issue = issued ? fill(t.issuedSynthesis, { version: issued.version, date: f.parisDateTime(issued.issuedAt).date, by: issued.issuedBy }) : t.notIssued;
  const seal = extras.seal ? fill(t.sealCovers, { size: f.number(extras.seal.treeSize), root: extras.seal.root }) : t.sealPending;
  return [issue, ...(issued ? [seal] : []), fill(t.fingerprint, { sha256 }), t.sealHow];
}

/** The cover's facts: regions reported and missing. */
export function coverFacts(content: SynthesisContent, lang: Lang): string {
  const t = nationalCatalogue(lang);
  return fill(t.coverFacts, { reported: content.reported, total: content.regions.length, missing: content.missing.length });
}

/** The synthesis as a self-contained HTML page (no script, inline SVG charts), French by default. */
export function renderSynthesisHtml(
  content: SynthesisContent,
  sha256: string,
  lang: Lang,
  issued: IssuedSynthesisRow | undefined,
  extras: SynthesisDocumentExtras,
): string {
  const t = nationalCatalogue(lang);
  const f = new Formats(lang);
  const e = escapeHtml;
  const show = (n: number | null) => (n === null ? '—' : f.number(n));
  const change = (n: number | null) => (n === null ? '—' : f.signed(n));
  const reported = content.regions.filter((r) => r.status !== 'missing');
  const charts = CHARTED.flatMap((key) => {
    const rows = reported.filter((r) => r.figures.some((x) => x.key === key));
    if (rows.length === 0) return [];
    const label = figureLabel(key, lang);
    const chart = bars(
      `national-${key}`,
      fill(t.chartTitle, { figure: label }),
      rows.map((r) => r.name),
      [{ name: label, values: rows.map((r) => r.figures.find((x) => x.key === key)!.value) }],
      label,
      f,
      { horizontal: true },
    );
    return [`<figure><figcaption>${e(chart.title)}</figcaption>${chart.svg}<p class="alt">${e(chart.alt)}</p></figure>`];
  });
  const regionRows = content.regions
    .map((r) => {
      const date = r.issuedAt ? f.parisDateTime(r.issuedAt).date : '—';
      const seal = r.seal ? `${f.number(r.seal.treeSize)}, ${r.seal.root.slice(0, 16)}…` : '—';
      return `<tr><th scope="row">${e(r.name)} (${e(r.region)})</th><td>${e(t.statuses[r.status] ?? r.status)}</td><td>${e(r.source ? (t.sources[r.source] ?? r.source) : '—')}</td><td>${e(date)}</td><td>${e(r.issuedBy ?? '—')}</td><td>${e(seal)}</td></tr>`;
    })
    .join('\n');
  const figureTable = (figures: SynthesisContent['totals']) =>
    `<table><thead><tr><th>${e(t.figure)}</th><th>${e(t.value)}</th><th>${e(t.previous)}</th><th>${e(t.change)}</th></tr></thead><tbody>${figures
      .map(
        (x) =>
          `<tr><th scope="row">${e(figureLabel(x.key, lang))}</th><td class="n">${show(x.value)}</td><td class="n">${show(x.previous)}</td><td class="n">${change(x.change)}</td></tr>`,
      )
      .join('')}</tbody></table>`;
  const names = new Map(content.regions.map((r) => [r.region, r.name]));
  const rankings = content.rankings.length
    ? `<h2>${e(t.rankingsTitle)}</h2>${content.rankings.map((r) => `<h3>${e(figureLabel(r.key, lang))}</h3><ol>${r.regions.map((code) => `<li>${e(names.get(code) ?? code)}</li>`).join('')}</ol>`).join('\n')}`
    : '';
  const perRegion = reported.map((r) => `<section><h3>${e(r.name)}</h3>${figureTable(r.figures)}</section>`).join('\n');
  const missing = content.missing.length
    ? `<ul>${content.regions
        .filter((r) => r.status === 'missing')
        .map((r) => `<li>${e(r.name)} (${e(r.region)})</li>`)
        .join('')}</ul>`
    : `<p>${e(t.noneMissing)}</p>`;
  const issue = issued ? fill(t.issuedSynthesis, { version: issued.version, date: f.parisDateTime(issued.issuedAt).date, by: issued.issuedBy }) : t.notIssued;
  const trend = trendChart(extras, lang, f);
  const trendFigure = trend
    ? `<h2>${e(t.trendTitle)}</h2><figure>${trend.svg}<p class="alt">${e(trend.alt)}</p></figure><p>${e(fill(t.trendReported, { list: extras.trend.map((p) => `${p.semester} ${p.reported}`).join(', ') }))}</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${e(t.title)} — ${e(content.semester)}</title>
<style>body{font-family:'DejaVu Sans',sans-serif;margin:2rem;color:#111}.cover{border-bottom:4px solid #0b3a5d;padding-bottom:1.5rem;margin-bottom:2rem}.cover h1{font-size:2.2rem;color:#0b3a5d}.cover .semester{font-size:1.4rem}.seal{border-top:2px solid #0b3a5d;margin-top:2rem}.seal code{word-break:break-all}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}td.n{text-align:right}figure{margin:1rem 0}.alt{font-size:.8rem;color:#444}</style></head>
<body>
<header class="cover"><p>${e(t.coverIssuer)}</p><h1>${e(t.title)}</h1><p>${e(t.subtitle)}</p><p class="semester">${e(fill(t.semester, { semester: content.semester, previous: content.previousSemester }))}</p>
<p>${e(coverFacts(content, lang))}</p><p>${e(issue)}</p></header>
<main>
<h2>${e(t.missingTitle)}</h2>${missing}
<h2>${e(t.regionsTitle)}</h2>
<table><thead><tr><th>${e(t.region)}</th><th>${e(t.status)}</th><th>${e(t.source)}</th><th>${e(t.issuedAt)}</th><th>${e(t.issuedBy)}</th><th>${e(t.seal)}</th></tr></thead><tbody>
${regionRows}
</tbody></table>
${charts.join('\n')}
${trendFigure}
<h2>${e(t.totalsTitle)}</h2>${figureTable(content.totals)}
${rankings}
${perRegion}
<section class="seal"><h2>${e(t.sealTitle)}</h2>${sealLines(content, sha256, lang, issued, extras)
    .map((line) => `<p>${e(line)}</p>`)
    .join('')}</section>
</main>
<footer><p>${e(fill(t.fingerprint, { sha256 }))}</p></footer>
</body></html>
`;
}
