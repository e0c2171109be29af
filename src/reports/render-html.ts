import { changedNote, type DocTable, type ReportDocument, type TextChange } from './document/report-document.js';
import { fill } from './document/format.js';
import { escapeHtml } from '../shared/output-text.js';

/**
 * A printable, self-contained HTML document: no script, no external resource, charts as inline
 * SVG, a print stylesheet (A4, a page break before each chapter). Drawn from the report document
 * alone, so it is as reproducible as the JSON.
 */
export function renderHtml(doc: ReportDocument): string {
  const { t } = doc;
  const toc = [
    `<li><a href="#synthese">${esc(t.document.synthesis)}</a></li>`,
    `<li><a href="#checklist">${esc(t.document.checklist)}</a></li>`,
    ...doc.chapters.map((c) => `<li><a href="#${c.id}">${c.number}. ${esc(c.title)}</a></li>`),
    ...doc.annexes.map((a, i) => `<li><a href="#${a.id}">${esc(t.document.annex)} ${letter(i)}. ${esc(a.title)}</a></li>`),
  ].join('\n');
  const figures = doc.synthesis.figures
    .map(
      (f) =>
        `<div class="figure"><div class="value">${esc(f.value)}</div><div class="label">${esc(f.label)}</div><div class="change">${esc(t.document.change)}${t.document.colon}${esc(f.change)} <span class="prev">(${esc(t.document.previousValue)}${t.document.colon}${esc(f.previous)})</span></div></div>`,
    )
    .join('\n');
  const chapters = doc.chapters
    .map(
      (c) => `<section class="chapter" id="${c.id}">
<h2>${c.number}. ${esc(c.title)}</h2>
<p class="answers">${esc(t.document.checklistLine)}${t.document.colon}${c.checklist.map(esc).join(t.document.semicolon)}</p>
${c.summary.length ? `<h3>${esc(t.document.keyFiguresOfChapter)}</h3>\n<dl class="summary">${c.summary.map((s) => `<dt>${esc(s.label)}</dt><dd>${esc(s.text)}</dd>`).join('')}</dl>` : ''}
${c.comment || c.commentChanges ? `<aside class="comment"><h3>${esc(t.document.secretariatComment)}</h3>${c.commentChanged ? `<p class="changed">${esc(changedNote(doc))}</p>` : ''}${(c.comment ?? []).map((p) => `<p>${esc(p)}</p>`).join('')}${changesHtml(doc, c.commentChanges)}</aside>` : ''}
${c.charts.map((chart) => `<figure class="chart" data-chart="${chart.key}" role="img" aria-label="${esc(chart.title)}">\n<figcaption>${esc(t.document.chart)} — ${esc(chart.title)}</figcaption>\n${chart.svg}\n<p class="alt"><strong>${esc(t.document.textAlternative)}${esc(t.document.colon.trimEnd())}</strong> ${esc(chart.alt)}</p>\n</figure>`).join('\n')}
${c.tables.map((table) => tableHtml(table, t.document.none)).join('\n')}
</section>`,
    )
    .join('\n');
  const annexes = doc.annexes
    .map(
      (a, i) =>
        `<section class="chapter annex" id="${a.id}">\n<h2>${esc(t.document.annex)} ${letter(i)}. ${esc(a.title)}</h2>\n${a.intro ? `<p>${esc(a.intro)}</p>` : ''}\n${a.tables.map((table) => tableHtml(table, t.document.none)).join('\n')}\n</section>`,
    )
    .join('\n');
  const checklist = doc.checklist
    .map(
      (item) =>
        `<tr><td>${esc(item.line)}</td><td>${item.chapters.map((c) => `<a href="#${c.id}">${c.number}. ${esc(c.title)}</a>`).join('<br>') || '—'}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<title>${esc(doc.title)}</title>
<style>
@page { size: A4; margin: 18mm 14mm 18mm 14mm; }
body { font-family: "DejaVu Sans", "Noto Sans", "Marianne", Arial, sans-serif; margin: 0 auto; max-width: 190mm; color: #1a1a1a; font-size: 10.5pt; line-height: 1.4; }
.cover { min-height: 250mm; display: flex; flex-direction: column; justify-content: center; border-left: 10px solid #0b3a5d; padding-left: 14mm; }
.cover .republic { text-transform: uppercase; letter-spacing: 0.08em; color: #0b3a5d; font-weight: bold; }
.cover h1 { font-size: 26pt; margin: 0.4em 0 0.2em; color: #0b3a5d; }
.cover .subtitle { font-size: 12pt; color: #444; margin-bottom: 2em; }
.cover dl { display: grid; grid-template-columns: 48mm auto; gap: 0.35em 1em; }
.cover dt { color: #555; } .cover dd { margin: 0; overflow-wrap: anywhere; }
.notice { border: 2px solid #D55E00; padding: 0.5em 1em; margin-top: 2em; font-weight: bold; }
h2 { font-size: 16pt; color: #0b3a5d; border-bottom: 2px solid #0b3a5d; padding-bottom: 0.2em; margin-top: 1.5em; }
h3 { font-size: 11.5pt; color: #0b3a5d; margin: 1.2em 0 0.4em; }
nav ol { list-style: none; padding-left: 0; } nav li { margin: 0.25em 0; }
a { color: #0b3a5d; }
.figures { display: grid; grid-template-columns: repeat(2, 1fr); gap: 0.6em; }
.figure { border: 1px solid #b8c7d6; border-radius: 4px; padding: 0.5em 0.8em; break-inside: avoid; }
.figure .value { font-size: 15pt; font-weight: bold; color: #0b3a5d; }
.figure .change { font-size: 9pt; color: #333; } .figure .prev { color: #666; }
.answers { color: #444; font-style: italic; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: 0.15em 1.2em; }
dl.summary dt { color: #444; } dl.summary dd { margin: 0; font-weight: bold; }
.comment { border-left: 4px solid #E69F00; background: #fdf6e9; padding: 0.3em 1em; margin: 1em 0; }
.comment .changed, .synthesis .changed { color: #8a4b00; font-style: italic; }
.changes { border-top: 1px dashed #b8860b; margin-top: 0.5em; font-size: 0.95em; }
.changes ins { text-decoration: underline; text-decoration-thickness: 2px; background: #e6f4ea; color: #0b5d1e; }
.changes del { text-decoration: line-through; background: #fde8e8; color: #8a1c1c; }
figure.chart { margin: 1em 0; break-inside: avoid; }
figure.chart figcaption { font-weight: bold; margin-bottom: 0.3em; }
figure.chart svg { max-width: 100%; height: auto; }
.alt { font-size: 8.5pt; color: #444; }
table { border-collapse: collapse; margin: 0.4em 0 1.2em; font-size: 8.5pt; width: 100%; }
caption { text-align: left; font-weight: bold; color: #0b3a5d; padding-bottom: 0.3em; font-size: 10pt; }
th { background: #0b3a5d; color: #fff; font-weight: bold; text-align: left; }
th, td { border: 1px solid #9fb3c8; padding: 0.2em 0.4em; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #f1f5f9; }
tfoot td { font-weight: bold; border-top: 2px solid #0b3a5d; }
ul.highlights li { margin: 0.3em 0; }
footer.colophon { margin-top: 3em; font-size: 8.5pt; color: #555; }
@media print {
  body { max-width: none; }
  .chapter, #synthese, #checklist, nav { break-before: page; }
  thead { display: table-header-group; } tr, figure { break-inside: avoid; }
  a { text-decoration: none; color: inherit; }
}
</style>
</head>
<body>
<header class="cover">
<div class="republic">${esc(t.document.region)} ${esc(doc.regionName)}</div>
<h1>${esc(t.document.title)}<br>${esc(doc.semester)}</h1>
<div class="subtitle">${esc(doc.subtitle)}</div>
<dl>${doc.cover.map((c) => `<dt>${esc(c.label)}</dt><dd>${esc(c.text)}</dd>`).join('\n')}</dl>
${doc.notice ? `<p class="notice">${esc(doc.notice)}</p>` : ''}
</header>
<nav aria-label="${esc(t.document.contents)}"><h2>${esc(t.document.contents)}</h2><ol>
${toc}
</ol></nav>
<section class="synthesis" id="synthese">
<h2>${esc(t.document.synthesis)}</h2>
<h3>${esc(t.document.secretariatSummary)}</h3>
${doc.synthesis.summaryChanged ? `<p class="changed">${esc(changedNote(doc))}</p>` : ''}
${doc.synthesis.summary ? doc.synthesis.summary.map((p) => `<p>${esc(p)}</p>`).join('\n') : `<p><em>${esc(t.document.noSummary)}</em></p>`}
${changesHtml(doc, doc.synthesis.summaryChanges)}
<h3>${esc(t.document.keyFigures)}</h3>
<div class="figures">
${figures}
</div>
<h3>${esc(t.document.highlights)}</h3>
${doc.synthesis.highlights.length ? `<ul class="highlights">${doc.synthesis.highlights.map((h) => `<li>${esc(h)}</li>`).join('\n')}</ul>` : `<p>${esc(t.document.noHighlights)}</p>`}
</section>
<section id="checklist">
<h2>${esc(t.document.checklist)}</h2>
<table><thead><tr><th>${esc(t.document.checklistLine)}</th><th>${esc(t.document.answeredBy)}</th></tr></thead><tbody>
${checklist}
</tbody></table>
</section>
${chapters}
${annexes}
<footer class="colophon"><p>${esc(t.document.generatedBy)}</p><p>${esc(t.document.sha256)}${esc(t.document.colon)}<code>${doc.sha256}</code></p></footer>
</body>
</html>
`;
}

function tableHtml(table: DocTable, none: string): string {
  const head = table.headers.map((h, i) => `<th scope="col"${table.numeric[i] ? ' class="n"' : ''}>${esc(h)}</th>`).join('');
  const rows = table.rows.length
    ? table.rows.map((row) => `<tr>${row.map((cell, i) => `<td${table.numeric[i] ? ' class="n"' : ''}>${esc(cell.text)}</td>`).join('')}</tr>`).join('\n')
    : `<tr><td colspan="${table.headers.length}">${esc(none)}</td></tr>`;
  const foot = table.totals
    ? `<tfoot><tr>${table.totals.map((cell, i) => `<td${table.numeric[i] ? ' class="n"' : ''}>${cell ? esc(cell.text) : ''}</td>`).join('')}</tr></tfoot>`
    : '';
  return `<table data-table="${table.key}"><caption>${esc(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody>${foot}</table>`;
}

const letter = (i: number) => String.fromCharCode(65 + i);

const esc = escapeHtml;

/** The text against the issue it replaces: removed words in <del>, added ones in <ins>, paragraphs as line breaks. */
function changesHtml(doc: ReportDocument, changes: TextChange[] | null): string {
  if (!changes) return '';
  const marked = changes.map(({ text, change }) => {
    const html = esc(text).replace(/\n/g, '<br>');
    return change === 'added' ? `<ins>${html}</ins>` : change === 'removed' ? `<del>${html}</del>` : html;
  });
  return `<div class="changes"><p class="changed">${esc(fill(doc.t.document.narrativeDiff, { version: doc.changedSince ?? '' }))}</p><p>${marked.join('')}</p></div>`;
}

export { fill };
