import type { ReportContent } from './report-generator.js';
import type { Cell, ReportChart, ReportTable } from './report-section.js';

/**
 * A printable, self-contained HTML page: no script, no external resource, charts as inline SVG.
 * Built from the report content alone, so it is as reproducible as the JSON.
 */
export function renderHtml(content: ReportContent, sha256: string): string {
  const title = `Rapport semestriel SCORAN ${content.semester} — ${content.region.name}`;
  const sections = content.sections
    .map(
      (section) => `<section id="${escape(section.key)}">
<h2>${escape(section.title)}</h2>
<dl>${section.summary.map(([label, value]) => `<dt>${escape(label)}</dt><dd>${cell(value)}</dd>`).join('')}</dl>
${section.charts.map(chartSvg).join('\n')}
${section.tables.map(table).join('\n')}
</section>`,
    )
    .join('\n');
  const checklist = content.checklist
    .map((item) => `<tr><td>${escape(item.line)}</td><td>${item.sections.map((key) => `<a href="#${escape(key)}">${escape(key)}</a>`).join(', ') || '—'}</td></tr>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #999; margin-top: 2em; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
dt { color: #555; } dd { margin: 0; font-weight: 600; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.85em; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
td.n { text-align: right; }
svg.chart { display: block; margin: 1em 0; }
@media print { section { break-inside: avoid-page; } }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p>Période du ${content.period.from} au ${content.period.to}, état connu à la date d'arrêt ${escape(content.cutoff)} (rapport précédent : ${escape(content.previousCutoff)}).</p>
${restatedNotice(content)}<p>Empreinte SHA-256 du contenu : <code>${sha256}</code></p>
<h2>Correspondance avec la liste des attendus de l'État</h2>
<table><thead><tr><th>Attendu</th><th>Sections</th></tr></thead><tbody>${checklist}</tbody></table>
${sections}
</body>
</html>
`;
}

function table(t: ReportTable): string {
  const head = t.columns.map((c) => `<th>${escape(c)}</th>`).join('');
  const rows = t.rows.length
    ? t.rows.map((row) => `<tr>${t.columns.map((c) => `<td${typeof row[c] === 'number' ? ' class="n"' : ''}>${cell(row[c] ?? null)}</td>`).join('')}</tr>`).join('\n')
    : `<tr><td colspan="${t.columns.length}">—</td></tr>`;
  return `<h3>${escape(t.title)}</h3>\n<table data-table="${escape(t.name)}"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 20, right: 10, bottom: 50, left: 60 };
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

/** Grouped vertical bars, one group per label, one bar per series; the y axis starts at 0. */
export function chartSvg(chart: ReportChart): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  const groupWidth = plotWidth / Math.max(1, chart.labels.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, chart.series.length);
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const bars = chart.labels.flatMap((label, i) =>
    chart.series.map((series, j) => {
      const value = series.values[i] ?? 0;
      const x = MARGIN.left + i * groupWidth + groupWidth * 0.1 + j * barWidth;
      return `<rect x="${fixed(x)}" y="${fixed(y(value))}" width="${fixed(barWidth)}" height="${fixed(MARGIN.top + plotHeight - y(value))}" fill="${PALETTE[j % PALETTE.length]}"><title>${escape(`${label}, ${series.name}: ${value} ${chart.unit}`)}</title></rect>`;
    }),
  );
  const labels = chart.labels.map(
    (label, i) => `<text x="${fixed(MARGIN.left + (i + 0.5) * groupWidth)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" font-size="11">${escape(label)}</text>`,
  );
  const legend = chart.series.map(
    (series, j) => `<rect x="${MARGIN.left + j * 150}" y="${HEIGHT - 18}" width="10" height="10" fill="${PALETTE[j % PALETTE.length]}"/><text x="${MARGIN.left + j * 150 + 14}" y="${HEIGHT - 9}" font-size="11">${escape(series.name)}</text>`,
  );
  return `<figure>
<figcaption>${escape(chart.title)} (${escape(chart.unit)})</figcaption>
<svg class="chart" data-chart="${escape(chart.name)}" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escape(chart.title)}">
<line x1="${MARGIN.left}" y1="${MARGIN.top + plotHeight}" x2="${WIDTH - MARGIN.right}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>
<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>
<text x="${MARGIN.left - 6}" y="${MARGIN.top + 4}" text-anchor="end" font-size="11">${max}</text>
<text x="${MARGIN.left - 6}" y="${MARGIN.top + plotHeight}" text-anchor="end" font-size="11">0</text>
${bars.join('\n')}
${labels.join('\n')}
${legend.join('\n')}
</svg>
</figure>`;
}

function cell(value: Cell): string {
  if (value === null) return '—';
  return escape(String(value));
}

const fixed = (n: number) => (Math.round(n * 100) / 100).toString();

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A restated report (as known now) says so, with what it restates: it is not the document as issued. */
function restatedNotice(content: ReportContent): string {
  const restated = content as ReportContent & { basis?: { asKnownAt: string; recordedUntil: string | null }; asIssued?: { sha256: string } };
  if (!restated.basis || !restated.asIssued) return '';
  return `<p><strong>Rapport réactualisé, tel que connu aujourd'hui</strong> : tous les faits survenus avant la date d'arrêt, y compris ceux enregistrés après (enregistrés jusqu'au ${escape(restated.basis.recordedUntil ?? '—')}, position ${escape(restated.basis.asKnownAt)}). Il ne remplace pas le rapport tel qu'émis (empreinte <code>${escape(restated.asIssued.sha256)}</code>) ; la section « Differences from the report as issued » dit ce qui diffère.</p>\n`;
}
