import type { ReportContent } from '../report-generator.js';
import type { ReportTable } from '../report-section.js';
import type { Catalogue } from './catalogue.fr.js';
import { fill, type Formats } from './format.js';
import { escapeHtml } from '../../shared/output-text.js';

/** A chart drawn as SVG (the same drawing goes into the HTML and the PDF), with its text alternative. */
export interface DocChart {
  key: string;
  title: string;
  alt: string;
  svg: string;
}

interface Context {
  t: Catalogue;
  f: Formats;
  names: Map<string, string>;
  placeName: (code: string) => string;
  milestone(label: string): string;
  value: (key: string) => string;
  /** A quarter as the zones section writes it ("T1 2021"), in the document's language. */
  quarter: (text: string) => string;
  /** A commitment's standing as the zones section writes it ("en retard"), in the document's language. */
  situation(text: string): string;
}

/**
 * Okabe–Ito colours, ordered so neighbours also differ in lightness (they stay apart in greyscale);
 * every series also has its own marker shape or hatching, and bars carry their values.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'circle', 'square', 'triangle'] as const;
const FONT = 'DejaVu Sans, Noto Sans, sans-serif';

export function buildCharts(content: ReportContent, ctx: Context): Map<string, DocChart[]> {
  const { t, f } = ctx;
  const charts = new Map<string, DocChart[]>();
  const add = (section: string, chart: DocChart | null) => {
    if (chart) charts.set(section, [...(charts.get(section) ?? []), chart]);
  };
  const tableOf = (name: string): ReportTable | undefined => content.sections.flatMap((s) => s.tables).find((tb) => tb.name === name);
  const chartOf = (section: string, name: string) => content.sections.find((s) => s.key === section)?.charts.find((c) => c.name === name);

  // Premises planned / built / connectable per département (a multi-départemental project under its first).
  const projects = tableOf('network-projects')?.rows ?? [];
  const indicators = tableOf('network-indicators')?.rows ?? [];
  const departements = [...new Set(projects.map((p) => String(p.departements ?? '').split(' ')[0]).filter(Boolean))].sort();
  if (departements.length) {
    const names = ['ftthPremisesPlanned', 'ftthPremisesBuilt', 'ftthPremisesConnectable'];
    const series = names.map((name) => ({
      name: ctx.value(name),
      values: departements.map((d) =>
        projects
          .filter((p) => String(p.departements).split(' ')[0] === d)
          .reduce((n, p) => n + (Number(indicators.find((r) => r.project === p.project && r.indicator === name)?.current) || 0), 0),
      ),
    }));
    add(
      'network-projects',
      bars('premises-by-departement', t.charts.premisesByDepartement, departements.map(ctx.placeName), series, t.charts.premises, f, {
        altSeries: t.charts.altSeries,
      }),
    );
  }
  // Connectable premises over the semesters, one line per département.
  const perDepartement = content.sections.find((s) => s.key === 'network-projects')?.charts.filter((c) => c.name.startsWith('premises-')) ?? [];
  if (perDepartement.length && perDepartement[0].labels.length > 1) {
    const labels = perDepartement[0].labels;
    add(
      'network-projects',
      lines(
        'premises-over-semesters',
        t.charts.premisesOverSemesters,
        labels,
        perDepartement.map((c) => ({
          name: ctx.placeName(c.name.slice('premises-'.length)),
          values: c.series.find((s) => s.name === 'connectable')?.values ?? [],
        })),
        t.charts.premises,
        f,
        t.charts.altSeries,
      ),
    );
  }
  add('network-projects', timeline(tableOf('network-projects'), tableOf('network-phasing'), ctx, content.period));
  const financing = chartOf('network-projects', 'financing-split');
  if (financing)
    add(
      'network-projects',
      bars(
        'financing-by-funder',
        t.charts.financingByFunder,
        financing.labels.map(ctx.value),
        [{ name: t.charts.euros, values: financing.series[0].values }],
        t.charts.euros,
        f,
        { horizontal: true, money: true, altSeries: t.charts.altSeries },
      ),
    );

  const standing = chartOf('commitments', 'commitments-by-standing');
  if (standing)
    add(
      'commitments',
      bars(
        'commitments-by-standing',
        t.charts.commitmentsByStanding,
        standing.labels.map(ctx.value),
        [{ name: t.charts.commitments, values: standing.series[0].values }],
        t.charts.commitments,
        f,
        { horizontal: true, altSeries: t.charts.altSeries },
      ),
    );
  const zones = chartOf('white-zones', 'white-zones-by-status');
  if (zones)
    add(
      'white-zones',
      bars(
        'white-zones-by-kind-status',
        t.charts.whiteZonesByKindStatus,
        zones.labels.map(ctx.value),
        zones.series.map((s) => ({ name: ctx.value(s.name), values: s.values })),
        t.charts.zones,
        f,
        { stacked: true, altSeries: t.charts.altSeries },
      ),
    );
  const usage = chartOf('usage-projects', 'usage-projects-by-domain');
  if (usage)
    add(
      'usage-projects',
      bars(
        'usage-by-domain',
        t.charts.usageByDomain,
        usage.labels.map(ctx.value),
        usage.series.map((s) => ({ name: ctx.value(s.name), values: s.values })),
        t.charts.projects,
        f,
        { horizontal: true, stacked: true, altSeries: t.charts.altSeries },
      ),
    );
  // Operators' commitments late and at risk, quarter by quarter (the regulator's figures).
  const trend = chartOf('operator-commitments', 'operator-commitments-trend');
  if (trend && trend.labels.length) {
    add(
      'operator-commitments',
      bars(
        'operator-commitments-trend',
        t.charts.operatorCommitmentsTrend,
        trend.labels.map(ctx.quarter),
        trend.series.map((s) => ({ name: ctx.situation(s.name), values: s.values })),
        t.charts.communes,
        f,
        { altSeries: t.charts.altSeries },
      ),
    );
  }
  return charts;
}

const esc = escapeHtml;
const r2 = (n: number) => (Math.round(n * 10) / 10).toString();

function svg(width: number, height: number, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">\n${body.join('\n')}\n</svg>`;
}

function text(
  x: number,
  y: number,
  content: string,
  options: { size?: number; anchor?: 'start' | 'middle' | 'end'; weight?: string; fill?: string } = {},
): string {
  return `<text x="${r2(x)}" y="${r2(y)}" font-size="${options.size ?? 10}"${options.anchor && options.anchor !== 'start' ? ` text-anchor="${options.anchor}"` : ''}${options.weight ? ` font-weight="${options.weight}"` : ''} fill="${options.fill ?? '#222222'}">${esc(content)}</text>`;
}

function marker(kind: (typeof MARKERS)[number], x: number, y: number, colour: string, size = 4): string {
  switch (kind) {
    case 'circle':
      return `<circle cx="${r2(x)}" cy="${r2(y)}" r="${size}" fill="${colour}" stroke="#000000" stroke-width="0.5"/>`;
    case 'square':
      return `<rect x="${r2(x - size)}" y="${r2(y - size)}" width="${size * 2}" height="${size * 2}" fill="${colour}" stroke="#000000" stroke-width="0.5"/>`;
    case 'triangle':
      return `<path d="M${r2(x)} ${r2(y - size - 1)} L${r2(x + size + 1)} ${r2(y + size)} L${r2(x - size - 1)} ${r2(y + size)} Z" fill="${colour}" stroke="#000000" stroke-width="0.5"/>`;
    case 'diamond':
      return `<path d="M${r2(x)} ${r2(y - size - 1)} L${r2(x + size + 1)} ${r2(y)} L${r2(x)} ${r2(y + size + 1)} L${r2(x - size - 1)} ${r2(y)} Z" fill="${colour}" stroke="#000000" stroke-width="0.5"/>`;
    case 'cross':
      return `<path d="M${r2(x - size)} ${r2(y - size)} L${r2(x + size)} ${r2(y + size)} M${r2(x + size)} ${r2(y - size)} L${r2(x - size)} ${r2(y + size)}" stroke="${colour}" stroke-width="2.5"/>`;
  }
}

/** Hatching drawn as lines (no SVG pattern: the PDF's SVG support lacks them), one angle per series. */
function hatch(x: number, y: number, w: number, h: number, index: number): string {
  if (index === 0 || w < 3 || h < 3) return '';
  const step = 5;
  const lines: string[] = [];
  if (index % 3 === 1)
    for (let d = step; d < w + h; d += step)
      lines.push(`M${r2(x + Math.max(0, d - h))} ${r2(y + Math.min(h, d))} L${r2(x + Math.min(w, d))} ${r2(y + Math.max(0, d - w))}`);
  else if (index % 3 === 2) for (let yy = y + step; yy < y + h; yy += step) lines.push(`M${r2(x)} ${r2(yy)} L${r2(x + w)} ${r2(yy)}`);
  else for (let xx = x + step; xx < x + w; xx += step) lines.push(`M${r2(xx)} ${r2(y)} L${r2(xx)} ${r2(y + h)}`);
  return `<path d="${lines.join(' ')}" stroke="#ffffff" stroke-width="1" stroke-opacity="0.8"/>`;
}

/** Width of a legend entry: its swatch, its name at 10 px (a generous 6.2 px a character for DejaVu Sans) and a gap. */
const legendEntryWidth = (name: string) => 30 + name.length * 6.2;
/** Rows of the legend below the chart, one every LEGEND_ROW px. */
const LEGEND_ROW = 16;

/**
 * The legend, in rows from `y` down: an entry goes to the next row when it would pass `right` (a
 * chart with many or long series names, as the national synthesis's regions). The chart grows by
 * `extra` to hold the rows after the first.
 */
function legend(series: { name: string }[], y: number, x0: number, kind: 'bar' | 'line', right: number): { items: string[]; extra: number } {
  let x = x0;
  let row = y;
  const items = series.map((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    if (x > x0 && x + legendEntryWidth(s.name) - 12 > right) {
      x = x0;
      row += LEGEND_ROW;
    }
    const swatch =
      kind === 'bar'
        ? `<rect x="${x}" y="${row - 9}" width="12" height="12" fill="${colour}" stroke="#000000" stroke-width="0.5"/>${hatch(x, row - 9, 12, 12, i)}`
        : `<path d="M${x - 2} ${row - 3} L${x + 14} ${row - 3}" stroke="${colour}" stroke-width="2"/>${marker(MARKERS[i % MARKERS.length], x + 6, row - 3, colour, 3.5)}`;
    const item = `${swatch}${text(x + 18, row, s.name, { size: 10 })}`;
    x += legendEntryWidth(s.name);
    return item;
  });
  return { items, extra: row - y };
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/** Bars: grouped or stacked, vertical or horizontal, each with its value written. */
export function bars(
  key: string,
  title: string,
  labels: string[],
  series: { name: string; values: number[] }[],
  unit: string,
  f: Formats,
  options: { horizontal?: boolean; stacked?: boolean; money?: boolean; altSeries?: string } = {},
): DocChart {
  const show = (n: number) => (options.money ? f.money(n) : f.number(n));
  const totals = labels.map((_, i) => series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const max = niceMax(options.stacked ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((s) => s.values)));
  const alt =
    series
      .map((s) =>
        fill(options.altSeries ?? '{series}: {values}', { series: s.name, values: labels.map((l, i) => `${l} ${show(s.values[i] ?? 0)}`).join(', ') }),
      )
      .join(' ; ') + ` (${unit})`;
  const body: string[] = [];
  const width = 680;
  if (options.horizontal) {
    const left = 210;
    const right = 110;
    const band = options.stacked || series.length === 1 ? 22 : 12 * series.length + 8;
    const top = 10;
    const height = top + labels.length * band + 50;
    const plot = width - left - right;
    const x = (v: number) => left + (v / max) * plot;
    body.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + labels.length * band}" stroke="#333333"/>`);
    labels.forEach((label, i) => {
      const y0 = top + i * band;
      body.push(text(left - 6, y0 + band / 2 + 4, label, { anchor: 'end' }));
      let acc = 0;
      series.forEach((s, j) => {
        const v = s.values[i] ?? 0;
        const colour = PALETTE[j % PALETTE.length];
        const [bx, by, bw, bh] =
          options.stacked || series.length === 1 ? [x(acc), y0 + 4, x(acc + v) - x(acc), band - 8] : [left, y0 + 4 + j * 12, x(v) - left, 10];
        if (v > 0)
          body.push(
            `<rect x="${r2(bx)}" y="${r2(by)}" width="${r2(bw)}" height="${r2(bh)}" fill="${colour}" stroke="#000000" stroke-width="0.5"/>${hatch(bx, by, bw, bh, j)}`,
          );
        acc += v;
        if (!(options.stacked && series.length > 1)) body.push(text(bx + Math.max(bw, 0) + 4, by + bh / 2 + 3.5, show(v), { size: 9 }));
      });
      if (options.stacked && series.length > 1) body.push(text(x(acc) + 4, y0 + band / 2 + 4, show(acc), { size: 9, weight: 'bold' }));
    });
    const legendRows = series.length > 1 ? legend(series, height - 14, left, 'bar', width - 10) : { items: [], extra: 0 };
    body.push(...legendRows.items);
    return { key, title, alt, svg: svg(width, height + legendRows.extra, body) };
  }
  const left = 70;
  const top = 16;
  const plotHeight = 200;
  const height = top + plotHeight + 80;
  const plot = width - left - 10;
  const group = plot / Math.max(1, labels.length);
  const barWidth = options.stacked ? group * 0.6 : (group * 0.8) / series.length;
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    body.push(
      `<line x1="${left}" y1="${r2(y(v))}" x2="${width - 10}" y2="${r2(y(v))}" stroke="${k === 0 ? '#333333' : '#dddddd'}"/>`,
      text(left - 6, y(v) + 3.5, show(v), { size: 9, anchor: 'end' }),
    );
  }
  labels.forEach((label, i) => {
    const gx = left + i * group;
    let acc = 0;
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const colour = PALETTE[j % PALETTE.length];
      const bx = options.stacked ? gx + group * 0.2 : gx + group * 0.1 + j * barWidth;
      const [top_, h] = options.stacked ? [y(acc + v), y(acc) - y(acc + v)] : [y(v), y(0) - y(v)];
      if (v > 0)
        body.push(
          `<rect x="${r2(bx)}" y="${r2(top_)}" width="${r2(barWidth)}" height="${r2(h)}" fill="${colour}" stroke="#000000" stroke-width="0.5"/>${hatch(bx, top_, barWidth, h, j)}`,
        );
      if (!options.stacked) body.push(text(bx + barWidth / 2, top_ - 3, show(v), { size: 7, anchor: 'middle' }));
      acc += v;
    });
    if (options.stacked) body.push(text(gx + group / 2, y(acc) - 3, show(acc), { size: 9, anchor: 'middle', weight: 'bold' }));
    wrap(label, Math.max(10, Math.floor(group / 6))).forEach((line, k) =>
      body.push(text(gx + group / 2, top + plotHeight + 14 + k * 11, line, { size: 9, anchor: 'middle' })),
    );
  });
  const legendRows = legend(series, height - 10, left, 'bar', width - 10);
  body.push(...legendRows.items);
  return { key, title, alt, svg: svg(width, height + legendRows.extra, body) };
}

function wrap(label: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && (line + ' ' + word).length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.slice(0, 3);
}

/** Lines over the semesters, one per series, each with its own colour and marker shape. */
export function lines(
  key: string,
  title: string,
  labels: string[],
  series: { name: string; values: number[] }[],
  unit: string,
  f: Formats,
  altSeries: string,
): DocChart {
  const width = 680;
  const left = 70;
  const top = 16;
  const plotHeight = 200;
  const height = top + plotHeight + 60;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const step = (width - left - 30) / Math.max(1, labels.length - 1);
  const x = (i: number) => left + 10 + i * step;
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const body: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    body.push(
      `<line x1="${left}" y1="${r2(y(v))}" x2="${width - 10}" y2="${r2(y(v))}" stroke="${k === 0 ? '#333333' : '#dddddd'}"/>`,
      text(left - 6, y(v) + 3.5, f.number(v), { size: 9, anchor: 'end' }),
    );
  }
  labels.forEach((label, i) => body.push(text(x(i), top + plotHeight + 14, semesterShort(label, f), { size: 9, anchor: 'middle' })));
  series.forEach((s, j) => {
    const colour = PALETTE[j % PALETTE.length];
    const dash = j % 2 === 1 ? ' stroke-dasharray="6 3"' : '';
    body.push(
      `<path d="${s.values.map((v, i) => `${i ? 'L' : 'M'}${r2(x(i))} ${r2(y(v))}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="2"${dash}/>`,
    );
    s.values.forEach((v, i) => body.push(marker(MARKERS[j % MARKERS.length], x(i), y(v), colour)));
  });
  const legendRows = legend(series, height - 12, left, 'line', width - 10);
  body.push(...legendRows.items);
  const alt =
    series
      .map((s) => fill(altSeries, { series: s.name, values: labels.map((l, i) => `${semesterShort(l, f)} ${f.number(s.values[i] ?? 0)}`).join(', ') }))
      .join(' ; ') + ` (${unit})`;
  return { key, title, alt, svg: svg(width, height + legendRows.extra, body) };
}

function semesterShort(label: string, f: Formats): string {
  const [year, half] = label.split('-S');
  return f.lang === 'fr' ? `S${half} ${year}` : `H${half} ${year}`;
}

/**
 * Milestones as a timeline, one row per project: achieved milestones as filled dots, the next one
 * at its first planned date (hollow) and at its current date (filled diamond), joined when it slipped.
 */
function timeline(projects: ReportTable | undefined, phasing: ReportTable | undefined, ctx: Context, period: { from: string; to: string }): DocChart | null {
  const rows = projects?.rows ?? [];
  if (!rows.length) return null;
  const { t, f } = ctx;
  type Point = { date: string; kind: 'achieved' | 'first' | 'now'; label: string };
  const points = rows.map((p) => {
    const pts: Point[] = (phasing?.rows ?? [])
      .filter((r) => r.project === p.project && r.status === 'achieved')
      .map((r) => ({ date: String(r.date), kind: 'achieved' as const, label: String(r.milestone) }));
    if (typeof p.next_planned === 'string') {
      const slipped = typeof p.slippage_days === 'number' ? p.slippage_days : 0;
      pts.push({ date: p.next_planned, kind: 'now', label: String(p.next_milestone) });
      if (slipped > 0) pts.push({ date: addDays(p.next_planned, -slipped), kind: 'first', label: String(p.next_milestone) });
    }
    return { name: String(p.name ?? p.project), slipped: typeof p.slippage_days === 'number' ? p.slippage_days : 0, points: pts };
  });
  const dates = points.flatMap((p) => p.points.map((q) => q.date)).concat(period.to);
  const minYear = Number(dates.reduce((a, b) => (a < b ? a : b)).slice(0, 4));
  const maxYear = Number(dates.reduce((a, b) => (a > b ? a : b)).slice(0, 4)) + 1;
  const width = 680;
  const left = 200;
  const right = 20;
  const band = 26;
  const top = 24;
  const height = top + rows.length * band + 50;
  const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const x = (d: string) => left + ((ms(d) - ms(`${minYear}-01-01`)) / (ms(`${maxYear}-01-01`) - ms(`${minYear}-01-01`))) * (width - left - right);
  const body: string[] = [];
  for (let year = minYear; year <= maxYear; year++) {
    const xx = x(`${year}-01-01`);
    body.push(`<line x1="${r2(xx)}" y1="${top - 6}" x2="${r2(xx)}" y2="${top + rows.length * band}" stroke="#dddddd"/>`);
    if (year < maxYear && (maxYear - minYear <= 8 || year % 2 === 0)) body.push(text(xx + 2, top - 10, String(year), { size: 9 }));
  }
  const cut = x(period.to);
  body.push(
    `<line x1="${r2(cut)}" y1="${top - 6}" x2="${r2(cut)}" y2="${top + rows.length * band}" stroke="#D55E00" stroke-width="1.5" stroke-dasharray="4 2"/>`,
  );
  points.forEach((p, i) => {
    const yy = top + i * band + band / 2;
    body.push(text(left - 8, yy + 3.5, p.name.length > 34 ? `${p.name.slice(0, 33)}…` : p.name, { anchor: 'end', size: 9 }));
    body.push(`<line x1="${left}" y1="${yy}" x2="${width - right}" y2="${yy}" stroke="#eeeeee"/>`);
    const first = p.points.find((q) => q.kind === 'first');
    const now = p.points.find((q) => q.kind === 'now');
    if (first && now) body.push(`<line x1="${r2(x(first.date))}" y1="${yy}" x2="${r2(x(now.date))}" y2="${yy}" stroke="#D55E00" stroke-width="3"/>`);
    for (const q of p.points) {
      if (q.kind === 'achieved') body.push(marker('circle', x(q.date), yy, '#0072B2', 3.5));
      if (q.kind === 'first') body.push(`<circle cx="${r2(x(q.date))}" cy="${yy}" r="4.5" fill="#ffffff" stroke="#000000" stroke-width="1.2"/>`);
      if (q.kind === 'now') body.push(marker('diamond', x(q.date), yy, '#E69F00', 5));
    }
  });
  const ly = height - 16;
  body.push(
    marker('circle', left, ly - 3, '#0072B2', 3.5),
    text(left + 8, ly, t.charts.milestoneAchieved, { size: 9 }),
    `<circle cx="${left + 140}" cy="${ly - 3}" r="4.5" fill="#ffffff" stroke="#000000" stroke-width="1.2"/>`,
    text(left + 148, ly, t.charts.milestonePlanned, { size: 9 }),
    marker('diamond', left + 300, ly - 3, '#E69F00', 5),
    text(left + 308, ly, t.charts.milestoneReplanned, { size: 9 }),
  );
  const alt = points
    .map((p) =>
      fill(t.charts.altTimeline, {
        project: p.name,
        items: [
          ...p.points.filter((q) => q.kind === 'achieved').map((q) => fill(t.charts.altAchieved, { milestone: ctx.milestone(q.label), date: f.date(q.date) })),
          ...p.points
            .filter((q) => q.kind === 'now')
            .map((q) => {
              const first = p.points.find((r) => r.kind === 'first');
              return first
                ? fill(t.charts.altSlipped, { milestone: ctx.milestone(q.label), first: f.date(first.date), now: f.date(q.date), days: f.number(p.slipped) })
                : fill(t.charts.altNext, { milestone: ctx.milestone(q.label), now: f.date(q.date) });
            }),
        ].join(', '),
      }),
    )
    .join(' ; ');
  return { key: 'milestone-timeline', title: t.charts.milestoneTimeline, alt, svg: svg(width, height, body) };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
