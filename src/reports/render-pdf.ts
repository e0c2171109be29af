import PDFDocument from 'pdfkit';
// pdfmake's copy of SVG-to-PDFKit (the maintained fork it ships): draws the charts' SVG as vector paths.
import svgModule from 'pdfmake/js/3rd-party/svg-to-pdfkit.js';
import { DEJAVU } from './pdf-fonts.js';
import { batchWrites } from './pdf-batching.js';
import { StructureWriter, type ElementOptions } from './pdf-structure.js';
import { fill } from './document/format.js';
import { changedNote, type DocTable, type ReportDocument, type TextChange } from './document/report-document.js';

// A CommonJS module compiled from ES: its function is `default` of what Node's import gives.
const svgToPdf = (svgModule as unknown as { default?: typeof svgModule }).default ?? svgModule;

const BLUE = '#0b3a5d';
const GREY = '#444444';
const RULE = '#9fb3c8';
/** Columns above which a table is laid on a landscape page. */
const WIDE_TABLE = 8;
const A4 = { portrait: [595.28, 841.89], landscape: [841.89, 595.28] } as const;
const MARGIN = { top: 50, bottom: 45, side: 40 };
/** Cell padding, horizontal and vertical. */
const PAD_X = 4;
const PAD_Y = 2.5;
const LEADING = 1.22;

type FontKey = 'R' | 'B' | 'I' | 'BI';
type Orientation = keyof typeof A4;
interface Style {
  font?: FontKey;
  size?: number;
  color?: string;
}
/** A paragraph's structure element; null: its lines are content of the element already open. */
type Tag = 'P' | 'H1' | 'H2' | 'Caption' | 'LBody' | null;

/** The pdfkit internals the fast text path uses (pdfkit 0.19; its text() does the same per call). */
interface PdfkitInternals {
  _font: {
    id: string;
    ascender: number;
    encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
    ref(): unknown;
  };
  page: { fonts: Record<string, unknown>; height: number };
  addContent(data: string): void;
}

/** Numbers as PDF operands: at most two decimals, no exponent. */
function pdfNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Word widths at size 1, per font: reports repeat their words (dates, statuses, names), so each is measured once. */
class Measure {
  private readonly doc = withFonts(new PDFDocument({ autoFirstPage: false }));
  /** By font, then by text: the texts are the document's own strings, looked up without building a key. */
  private readonly widths = new Map<FontKey, Map<string, number>>();

  width(text: string, font: FontKey, size: number): number {
    let ofFont = this.widths.get(font);
    if (!ofFont) this.widths.set(font, (ofFont = new Map<string, number>()));
    let width = ofFont.get(text);
    if (width === undefined) {
      width = this.doc.font(font).fontSize(1).widthOfString(text);
      ofFont.set(text, width);
    }
    return width * size;
  }

  /** Lines of words for a marked text (added, removed, unchanged), each word with its offset on its line. */
  wrapChanges(changes: readonly TextChange[], size: number, width: number): { text: string; change: TextChange['change']; x: number }[][] {
    const lines: { text: string; change: TextChange['change']; x: number }[][] = [[]];
    const space = this.width(' ', 'R', size);
    let used = 0;
    let spaced = false;
    for (const { text, change } of changes) {
      for (const token of text.split(/(\s+)/)) {
        if (token === '') continue;
        if (/^\s+$/.test(token)) {
          if (token.includes('\n')) {
            lines.push([]);
            used = 0;
            spaced = false;
          } else spaced = true;
          continue;
        }
        const w = this.width(token, 'R', size);
        // A removed word and the word replacing it are set apart, as the strike and underline are.
        const previous = lines[lines.length - 1].at(-1);
        const gap =
          (spaced || (previous !== undefined && previous.change !== change && change !== 'same' && previous.change !== 'same')) && used > 0 ? space : 0;
        if (used > 0 && used + gap + w > width) {
          lines.push([]);
          used = 0;
        }
        const x = used > 0 ? used + gap : 0;
        lines[lines.length - 1].push({ text: token, change, x });
        used = x + w;
        spaced = false;
      }
    }
    return lines;
  }

  /** Greedy line breaking on spaces (and on explicit line breaks); a word wider than the line is cut. */
  wrap(text: string, font: FontKey, size: number, width: number): string[] {
    // Most cells fit on their line: measured whole, they need no splitting.
    if (!text.includes('\n') && this.width(text, font, size) <= width) return [text];
    const lines: string[] = [];
    const space = this.width(' ', font, size);
    for (const paragraph of text.split('\n')) {
      let line = '';
      let used = 0;
      for (const word of paragraph.split(' ')) {
        if (word === '') continue;
        let w = this.width(word, font, size);
        let rest = word;
        while (w > width && rest.length > 1) {
          // Cut the word after its last hyphen that fits (Loire-/Atlantique), else where it fills the line (hashes).
          if (line) lines.push(line);
          let cut = Math.max(1, Math.floor((rest.length * width) / w));
          while (cut > 1 && this.width(rest.slice(0, cut), font, size) > width) cut--;
          const hyphen = rest.lastIndexOf('-', cut - 1);
          if (hyphen > 0) cut = hyphen + 1;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
          w = this.width(rest, font, size);
          line = '';
          used = 0;
        }
        if (line && used + space + w > width) {
          lines.push(line);
          line = '';
          used = 0;
        }
        line = line ? `${line} ${rest}` : rest;
        used = used ? used + space + w : w;
      }
      lines.push(line);
    }
    return lines;
  }
}

function withFonts(doc: PDFKit.PDFDocument): PDFKit.PDFDocument {
  doc.registerFont('R', DEJAVU.normal);
  doc.registerFont('B', DEJAVU.bold);
  doc.registerFont('I', DEJAVU.italics);
  doc.registerFont('BI', DEJAVU.bolditalics);
  return doc;
}

interface Heading {
  title: string;
  id: string;
  page: number;
}

/**
 * The flow of the document down its pages. The same code runs twice: first without a PDF (only
 * measuring: where every heading falls and how many pages there are), then drawing, page after
 * page, with the table of contents and "page n / N" known. Nothing but the current page is held:
 * pdfkit writes each page out when the next begins, so memory does not grow with the tables.
 */
class Flow {
  page = 0;
  y = 0;
  orientation: Orientation = 'portrait';
  readonly headings: Heading[] = [];
  private current: { font?: FontKey; size?: number; color?: string } = {};
  private readonly runs = new Map<string, Map<string, string | null>>();
  /** The tagged PDF's structure tree, written while drawing. */
  private readonly structure: StructureWriter | null;

  constructor(
    private readonly doc: PDFKit.PDFDocument | null,
    readonly m: Measure,
    private readonly source: ReportDocument,
    /** From the measuring pass: the page count and the headings' pages. */
    private readonly known: { pages: number; headings: Heading[] } | null,
  ) {
    this.structure = doc ? new StructureWriter(doc) : null;
  }

  get width(): number {
    return A4[this.orientation][0] - 2 * MARGIN.side;
  }
  get bottom(): number {
    return A4[this.orientation][1] - MARGIN.bottom;
  }
  get drawing(): boolean {
    return this.doc !== null;
  }

  newPage(orientation: Orientation = this.orientation): void {
    this.orientation = orientation;
    this.page++;
    this.y = MARGIN.top;
    const doc = this.doc;
    if (!doc) return;
    this.structure?.endPage();
    doc.addPage({ size: 'A4', layout: orientation, margin: 0 });
    this.current = {};
    const [w, h] = A4[orientation];
    const { t } = this.source;
    this.artifact(() => {
      if (this.page > 1) {
        this.text(`${t.document.region} ${this.source.regionName}`, MARGIN.side, 22, { size: 7.5, color: '#555555' });
        const right = `${t.document.title} — ${this.source.semester}`;
        this.text(right, w - MARGIN.side - this.m.width(right, 'R', 7.5), 22, { size: 7.5, color: '#555555' });
      }
      const footer = fill(t.document.page, { page: this.page, pages: this.known?.pages ?? 0 });
      this.text(footer, (w - this.m.width(footer, 'R', 7.5)) / 2, h - MARGIN.bottom + 17, { size: 7.5, color: '#555555' });
    }, 'Pagination');
  }

  /** After the last page: what the structure still holds of it. */
  finish(): void {
    this.structure?.endPage();
  }

  /** Opens a structure element inside the one open (the first one is the tree's root). */
  begin(type: string, options: ElementOptions = {}): void {
    this.structure?.begin(type, options);
  }

  /** Closes the innermost element: its object is written out. */
  end(): void {
    this.structure?.end();
  }

  /** What `draw` puts on the page, as content of the element open (text order is reading order). */
  tagged(draw: () => void, options: { actual?: string } = {}): void {
    if (this.structure) this.structure.mark(draw, options);
    else draw();
  }

  /** What `draw` puts on the page, outside the structure: rules, shading, running header and footer. */
  artifact(draw: () => void, type: 'Pagination' | 'Layout' = 'Layout'): void {
    if (this.structure) this.structure.artifact(draw, type);
    else draw();
  }

  /** An element holding one drawing: its content marked, then closed. */
  element(type: string, draw: () => void, options: ElementOptions = {}): void {
    this.begin(type, options);
    this.tagged(draw, { actual: options.actual });
    this.end();
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number, orientation: Orientation = this.orientation): void {
    if (this.page === 0 || orientation !== this.orientation || this.y + height > this.bottom) this.newPage(orientation);
  }

  /** One line of text at (x, y), top-left. */
  text(text: string, x: number, y: number, style: Style = {}): void {
    const doc = this.doc;
    if (!doc || text === '') return;
    const font = style.font ?? 'R';
    const size = style.size ?? 9.5;
    const color = style.color ?? '#000000';
    if (this.current.font !== font) doc.font(font);
    if (this.current.size !== size) doc.fontSize(size);
    if (this.current.color !== color) doc.fillColor(color);
    this.current = { font, size, color };
    const internals = doc as unknown as PdfkitInternals;
    const showText = this.glyphRun(internals, text);
    if (showText === null) {
      doc.text(text, x, y, { lineBreak: false });
      return;
    }
    // What pdfkit's text() writes for one line without options, less its per-call layout: the
    // glyph run is encoded once per distinct text (tables repeat theirs) and written as it is.
    const font_ = internals._font;
    internals.page.fonts[font_.id] ??= font_.ref();
    const baseline = internals.page.height - y - (font_.ascender / 1000) * size;
    internals.addContent(
      `q 1 0 0 -1 0 ${pdfNumber(internals.page.height)} cm BT 1 0 0 1 ${pdfNumber(x)} ${pdfNumber(baseline)} Tm /${font_.id} ${pdfNumber(size)} Tf ${showText} ET Q`,
    );
  }

  /** The TJ operator showing `text` in the current font, with its kerning; null when a glyph is offset (combining marks). */
  private glyphRun(doc: PdfkitInternals, text: string): string | null {
    let ofFont = this.runs.get(doc._font.id);
    if (!ofFont) this.runs.set(doc._font.id, (ofFont = new Map<string, string | null>()));
    const known = ofFont.get(text);
    if (known !== undefined) return known;
    const [glyphs, positions] = doc._font.encode(text);
    let run: string | null = null;
    if (!positions.some((p) => p.xOffset || p.yOffset)) {
      const parts: string[] = [];
      let from = 0;
      for (let i = 0; i < positions.length; i++) {
        const kerning = positions[i].xAdvance - positions[i].advanceWidth;
        if (kerning !== 0 || i === positions.length - 1) {
          parts.push(`<${glyphs.slice(from, i + 1).join('')}> ${pdfNumber(-kerning)}`);
          from = i + 1;
        }
      }
      run = `[${parts.join(' ')}] TJ`;
    }
    ofFont.set(text, run);
    return run;
  }

  /** Shading: an artifact. */
  rect(x: number, y: number, w: number, h: number, colour: string): void {
    const doc = this.doc;
    if (!doc) return;
    this.artifact(() => doc.rect(x, y, w, h).fill(colour));
    this.current.color = undefined;
  }

  /** A rule: an artifact. */
  line(x1: number, y1: number, x2: number, y2: number, colour: string, width: number): void {
    const doc = this.doc;
    if (!doc) return;
    this.artifact(() => doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).strokeColor(colour).stroke());
  }

  /** A line of the contents links to its heading; the annotation belongs to the element open (a Link). */
  link(top: number, id: string): void {
    const structParent = this.structure?.annotationParent();
    // pdfkit 0.19 reads structParent on annotations (anything with add()); its typings lack it.
    const options = { structParent } as unknown as PDFKit.Mixins.AnnotationOption;
    this.doc?.goTo(MARGIN.side, top, this.width, 9.5 * LEADING, id, structParent ? options : undefined);
  }

  /** A paragraph wrapped to the width, breaking pages between lines. */
  paragraph(text: string, style: Style & { indent?: number; after?: number; bullet?: boolean; tag?: Tag } = {}): void {
    const size = style.size ?? 9.5;
    const font = style.font ?? 'R';
    const indent = style.indent ?? 0;
    const lineHeight = size * LEADING;
    const tag = style.tag === undefined ? 'P' : style.tag;
    this.m.wrap(text, font, size, this.width - indent).forEach((line, i) => {
      this.ensure(lineHeight);
      // A bulleted paragraph is a list item: its label, then its body.
      if (style.bullet && i === 0) this.element('Lbl', () => this.text('•', MARGIN.side + indent - 9, this.y, { ...style, size }));
      if (i === 0 && tag) this.begin(tag);
      this.tagged(() => this.text(line, MARGIN.side + indent, this.y, { ...style, size, font }));
      this.y += lineHeight;
    });
    if (tag) this.end();
    this.y += style.after ?? 0;
  }

  /**
   * A chapter or annex: a section of the structure, headed on a new portrait page (an entry of the
   * contents, a bookmark and a link target).
   */
  section(title: string, id: string, body: () => void): void {
    this.newPage('portrait');
    this.headings.push({ title, id, page: this.page });
    if (this.doc) {
      this.doc.addNamedDestination(id, 'XYZ', MARGIN.side, this.y, null);
      this.doc.outline.addItem(title);
    }
    this.begin('Sect');
    this.paragraph(title, { font: 'B', size: 16, color: BLUE, after: 8, tag: 'H1' });
    body();
    this.end();
  }

  subheading(title: string, style: Style = {}): void {
    const size = style.size ?? 11;
    // Kept with what follows: at least three lines of it.
    this.ensure(size * LEADING + 45);
    this.y += 8;
    this.paragraph(title, { font: 'B', size, color: BLUE, ...style, after: 3, tag: 'H2' });
  }

  /**
   * A box with a coloured rule on its left, line by line (so it can run over a page break). A
   * paragraph is a text in one style, or a marked text: removed words struck through, added ones
   * underlined (marks that survive greyscale printing), in red and green.
   */
  box(paragraphs: ({ text: string; style?: Style } | { changes: readonly TextChange[] })[], colours: { fill: string; rule: string }): void {
    const inner = this.width - 16;
    const size = 9.5;
    this.y += 6;
    for (const [i, paragraph] of paragraphs.entries()) {
      this.begin('P');
      const style = 'text' in paragraph ? { size, font: 'R' as FontKey, ...paragraph.style } : { size, font: 'R' as FontKey };
      const lineHeight = style.size * LEADING;
      const lines =
        'text' in paragraph
          ? this.m.wrap(paragraph.text, style.font, style.size, inner).map((text) => [{ text, change: 'same' as const, x: 0 }])
          : this.m.wrapChanges(paragraph.changes, size, inner);
      lines.forEach((words, j) => {
        const first = i === 0 && j === 0;
        const last = i === paragraphs.length - 1 && j === lines.length - 1;
        const height = lineHeight + (first ? 5 : 0) + (last ? 5 : 0) + (j === lines.length - 1 && !last ? 4 : 0);
        this.ensure(height);
        this.rect(MARGIN.side, this.y, this.width, height, colours.fill);
        this.rect(MARGIN.side, this.y, 4, height, colours.rule);
        const top = this.y + (first ? 5 : 0);
        // A run of words of one kind on this line: drawn as one content. A removed or added run is a
        // Span whose ActualText says so: read as "[texte retiré : …]", not as current text.
        for (const run of runsOf(words)) {
          const kind = run[0].change;
          const colour = kind === 'added' ? '#0b5d1e' : kind === 'removed' ? '#8a1c1c' : style.color;
          const draw = () => run.forEach((word) => this.text(word.text, MARGIN.side + 12 + word.x, top, { ...style, color: colour }));
          if (kind === 'same') this.tagged(draw);
          else {
            const actual = `${fill(kind === 'added' ? this.source.t.document.addedText : this.source.t.document.removedText, { text: run.map((w) => w.text).join(' ') })} `;
            this.element('Span', draw, { actual });
            const mark = top + (kind === 'added' ? style.size * 1.12 : style.size * 0.62);
            for (const word of run) {
              const x = MARGIN.side + 12 + word.x;
              this.line(x, mark, x + this.m.width(word.text, style.font, style.size), mark, colour!, kind === 'added' ? 0.9 : 0.7);
            }
          }
        }
        this.y += height;
      });
      this.end();
    }
    this.y += 8;
  }

  /** An SVG chart, kept on one page with its caption and text alternative. */
  chart(caption: string, svg: string, alt: string, altText: string): void {
    const [w, h] = svgSize(svg);
    const width = Math.min(this.width, w);
    const height = (h * width) / w;
    const altLines = this.m.wrap(altText, 'R', 7.5, this.width);
    this.ensure(14 + 11 * LEADING + 4 + height + 4 + altLines.length * 7.5 * LEADING + 8);
    this.y += 10;
    // A figure: its caption, the drawing (its text alternative as Alt: what a screen reader says
    // instead of the drawing's paths and labels), and the alternative printed below it.
    this.begin('Figure', { alt });
    this.paragraph(caption, { font: 'B', after: 4, tag: 'Caption' });
    const doc = this.doc;
    if (doc) {
      // The root's own size is what SVG-to-PDFKit draws at: scaled down to the page here.
      const scaled = svg.replace(/^(<svg[^>]*?) width="[^"]*" height="[^"]*"/, `$1 width="${width}" height="${height}"`);
      this.tagged(() =>
        svgToPdf(doc, scaled, MARGIN.side, this.y, { width, height, assumePt: true, fontCallback: (_family: string, bold: boolean) => (bold ? 'B' : 'R') }),
      );
      this.current = {};
    }
    this.end();
    this.y += height + 4;
    this.paragraph(altText, { size: 7.5, color: GREY, after: 8 });
  }

  /**
   * A table drawn row by row: its header again at the top of every page it runs onto, a row never
   * split, zebra rows, right-aligned numbers, a bold totals row.
   */
  table(table: DocTable, none: string, title?: string): void {
    const many = table.headers.length;
    const size = many > 10 ? 6 : many > 7 ? 7 : 8;
    const lineHeight = size * LEADING;
    const orientation: Orientation = many > WIDE_TABLE ? 'landscape' : 'portrait';
    const available = A4[orientation][0] - 2 * MARGIN.side;
    const widths = columnWidths(table, size, available);
    const x0 = MARGIN.side;
    const xs = widths.reduce<number[]>((at, w) => [...at, at[at.length - 1] + w], [x0]);
    const headerLines = table.headers.map((h, i) => this.m.wrap(h, 'B', size, widths[i] - 2 * PAD_X));
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * lineHeight + 2 * PAD_Y;
    const linesOf = (cells: { text: string }[], font: FontKey) =>
      cells.map((cell, i) => (table.numeric[i] ? [cell.text] : this.m.wrap(cell.text, font, size, widths[i] - 2 * PAD_X)));
    let top = 0;
    // An empty table's one line spans the columns: only the header has inner rules.
    let inner = 0;
    const closePage = () => {
      // The column rules of this page's part of the table, drawn once.
      xs.forEach((x, i) => this.line(x, top, x, i === 0 || i === xs.length - 1 || table.rows.length > 0 ? this.y : inner, RULE, 0.4));
    };
    // A row of the structure (TR), a cell per column (TH with its scope, or TD), each cell's lines its content.
    const cells = (lines: string[][], type: 'TH' | 'TD', style: Style) => {
      this.begin('TR');
      lines.forEach((cellLines, i) => {
        this.begin(type, type === 'TH' ? { scope: 'Column' } : {});
        if (cellLines.some((line) => line !== ''))
          this.tagged(() => cellLines.forEach((line, j) => this.cellText(line, i, xs, widths, table.numeric[i], this.y + PAD_Y + j * lineHeight, style)));
        this.end();
      });
      this.end();
    };
    let repeated = false;
    const header = () => {
      top = this.y;
      this.rect(x0, this.y, available, headerHeight, BLUE);
      const style: Style = { font: 'B', size, color: '#ffffff' };
      // The header repeated on the pages a table runs onto is pagination, read once.
      if (repeated)
        this.artifact(
          () =>
            headerLines.forEach((lines, i) =>
              lines.forEach((line, j) => this.cellText(line, i, xs, widths, table.numeric[i], this.y + PAD_Y + j * lineHeight, style)),
            ),
          'Pagination',
        );
      else cells(headerLines, 'TH', style);
      repeated = true;
      this.y += headerHeight;
      inner = this.y;
    };
    const row = (lines: string[][], style: Style, shade: boolean) => {
      const height = Math.max(1, ...lines.map((l) => l.length)) * lineHeight + 2 * PAD_Y;
      if (this.y + height > this.bottom) {
        closePage();
        this.newPage(orientation);
        header();
      }
      if (shade) this.rect(x0, this.y, available, height, '#f1f5f9');
      cells(lines, 'TD', style);
      this.y += height;
      this.line(x0, this.y, x0 + available, this.y, RULE, 0.4);
    };
    // The title, the header and a first row stay together.
    const firstRow = table.rows[0] ? Math.max(...linesOf(table.rows[0], 'R').map((l) => l.length)) * lineHeight + 2 * PAD_Y : lineHeight + 2 * PAD_Y;
    const titleHeight = title ? 10 + this.m.wrap(title, 'B', 9.5, available).length * 9.5 * LEADING + 3 : 0;
    this.ensure(titleHeight + headerHeight + firstRow, orientation);
    this.begin('Table');
    if (title) {
      this.y += 10;
      this.paragraph(title, { font: 'B', color: BLUE, after: 3, tag: 'Caption' });
    }
    header();
    if (table.rows.length === 0) {
      row([[none]], { font: 'I', size }, false);
    }
    table.rows.forEach((cells, r) => row(linesOf(cells, 'R'), { size }, r % 2 === 1));
    if (table.totals)
      row(
        linesOf(
          table.totals.map((cell) => cell ?? { text: '' }),
          'B',
        ),
        { font: 'B', size },
        false,
      );
    closePage();
    this.end();
  }

  private cellText(line: string, column: number, xs: number[], widths: number[], numeric: boolean, y: number, style: Style): void {
    if (!this.drawing) return;
    const x = numeric ? xs[column] + widths[column] - PAD_X - this.m.width(line, style.font ?? 'R', style.size ?? 9.5) : xs[column] + PAD_X;
    this.text(line, x, y, style);
  }
}

/** The words of a line in runs of one kind (unchanged, added, removed), in order. */
function runsOf<W extends { change: TextChange['change'] }>(words: readonly W[]): W[][] {
  const runs: W[][] = [];
  for (const word of words) {
    const run = runs.at(-1);
    if (run && run[0].change === word.change) run.push(word);
    else runs.push([word]);
  }
  return runs;
}

/**
 * Widths from the text itself (average cell length, bounded), not measured cell by cell: every
 * column fits its longest header word and its numbers; the rest goes to the text columns by their
 * average length.
 */
function columnWidths(table: DocTable, size: number, available: number): number[] {
  const sample = table.rows.slice(0, 200);
  const longestWord = (text: string) => Math.max(...text.split(/\s+/).map((word) => word.length));
  const minimum = table.headers.map(
    (header, i) => Math.max(longestWord(header), table.numeric[i] ? Math.max(0, ...sample.map((row) => row[i].text.length)) : 4) * size * 0.72 + 2 * PAD_X,
  );
  const weights = table.headers.map((_, i) =>
    table.numeric[i] ? 0 : Math.min(40, Math.max(4, sample.length ? sample.reduce((n, row) => n + row[i].text.length, 0) / sample.length : 4)),
  );
  const spare = available - minimum.reduce((a, b) => a + b, 0);
  const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
  return spare > 0 ? minimum.map((m, i) => m + (spare * weights[i]) / totalWeight) : minimum.map((m) => (m * available) / (available - spare));
}

function svgSize(svg: string): [number, number] {
  const width = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 500);
  const height = Number(/height="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 300);
  return [width, height];
}

/** Lays the whole document out on `flow`: cover, contents, synthesis, checklist, chapters, annexes. */
function layOut(flow: Flow, doc: ReportDocument, contents: Heading[]): void {
  const { t } = doc;
  // The structure's root; the cover, the contents, each chapter and annex are its sections.
  flow.begin('Document');
  // Cover.
  flow.newPage('portrait');
  flow.begin('Sect');
  flow.y = 170;
  flow.paragraph(`${t.document.region} ${doc.regionName}`.toUpperCase(), { font: 'B', color: BLUE, after: 10 });
  flow.paragraph(t.document.title, { font: 'B', size: 26, color: BLUE, tag: 'H1' });
  flow.paragraph(doc.semester, { size: 20, color: BLUE, after: 8 });
  flow.paragraph(doc.subtitle, { size: 11, color: GREY, after: 30 });
  for (const item of doc.cover) {
    const size = /[0-9a-f]{64}/.test(item.text) ? 7.5 : 9.5;
    const lines = flow.m.wrap(item.text, 'R', size, flow.width - 160);
    const labels = flow.m.wrap(item.label, 'R', 9.5, 150);
    const height = Math.max(labels.length * 9.5, lines.length * size) * LEADING + 4;
    flow.ensure(height);
    // A label and its value: one paragraph.
    flow.begin('P');
    flow.tagged(() => labels.forEach((line, i) => flow.text(line, MARGIN.side, flow.y + i * 9.5 * LEADING, { color: '#555555' })));
    flow.tagged(() => lines.forEach((line, i) => flow.text(line, MARGIN.side + 160, flow.y + i * size * LEADING, { size })));
    flow.end();
    flow.y += height;
  }
  if (doc.notice) {
    flow.y += 20;
    flow.box([{ text: doc.notice, style: { font: 'B' } }], { fill: '#fff4e5', rule: '#D55E00' });
  }
  flow.end();
  // Contents: as many entries as headings, whose pages the measuring pass found.
  flow.newPage('portrait');
  flow.begin('Sect');
  flow.paragraph(t.document.contents, { font: 'B', size: 16, color: BLUE, after: 8, tag: 'H1' });
  flow.begin('TOC');
  const entries = contents.length ? contents : headingsOf(doc);
  for (const entry of entries) {
    const number = entry.page ? String(entry.page) : '';
    const lines = flow.m.wrap(entry.title, 'R', 9.5, flow.width - 40);
    flow.ensure(lines.length * 9.5 * LEADING + 4);
    const top = flow.y;
    // An entry: its title, a link to its heading, then its page number.
    flow.begin('TOCI');
    flow.begin('Link');
    flow.paragraph(entry.title, { after: 4, tag: null });
    flow.link(top, entry.id);
    flow.end();
    flow.tagged(() => flow.text(number, MARGIN.side + flow.width - flow.m.width(number, 'B', 9.5), top + (lines.length - 1) * 9.5 * LEADING, { font: 'B' }));
    flow.end();
  }
  flow.end();
  flow.end();
  flow.section(t.document.synthesis, 'synthese', () => synthesis(flow, doc));
  flow.section(t.document.checklist, 'checklist', () =>
    flow.table(
      {
        key: 'checklist',
        title: '',
        headers: [t.document.checklistLine, t.document.answeredBy],
        numeric: [false, false],
        rows: doc.checklist.map((item) => [
          { text: item.line, value: item.line, type: 'text' },
          { text: item.chapters.map((c) => `${c.number}. ${c.title}`).join('\n') || '—', value: null, type: 'text' },
        ]),
        totals: null,
      },
      t.document.none,
    ),
  );
  for (const chapter of doc.chapters) flow.section(`${chapter.number}. ${chapter.title}`, chapter.id, () => chapterBody(flow, doc, chapter));
  doc.annexes.forEach((annex, i) =>
    flow.section(`${t.document.annex} ${String.fromCharCode(65 + i)}. ${annex.title}`, annex.id, () => {
      if (annex.intro) flow.paragraph(annex.intro, { after: 8 });
      for (const table of annex.tables) flow.table(table, t.document.none, table.title);
    }),
  );
  flow.orientation = 'portrait';
  flow.y += 20;
  flow.paragraph(t.document.generatedBy, { size: 8, color: '#555555' });
  flow.end();
}

/** The synthesis: the secretariat's summary, the key figures, the highlights as a list. */
function synthesis(flow: Flow, doc: ReportDocument): void {
  const { t } = doc;
  flow.subheading(t.document.secretariatSummary);
  if (doc.synthesis.summaryChanged) flow.paragraph(changedNote(doc), { font: 'I', color: '#8a4b00', after: 4 });
  for (const p of doc.synthesis.summary ?? [t.document.noSummary]) flow.paragraph(p, { font: doc.synthesis.summary ? 'R' : 'I', after: 6 });
  if (doc.synthesis.summaryChanges) flow.box(changesBox(doc, doc.synthesis.summaryChanges), { fill: '#fdf6e9', rule: '#E69F00' });
  flow.subheading(t.document.keyFigures);
  figureGrid(flow, doc);
  flow.subheading(t.document.highlights);
  if (doc.synthesis.highlights.length) {
    flow.begin('L');
    for (const h of doc.synthesis.highlights) {
      flow.begin('LI');
      flow.paragraph(h, { size: 9, indent: 12, bullet: true, after: 2, tag: 'LBody' });
      flow.end();
    }
    flow.end();
  } else flow.paragraph(t.document.noHighlights);
}

/** A chapter after its heading: its checklist line, key figures, comment, charts and tables. */
function chapterBody(flow: Flow, doc: ReportDocument, chapter: ReportDocument['chapters'][number]): void {
  const { t } = doc;
  flow.paragraph(`${t.document.checklistLine}${t.document.colon}${chapter.checklist.join(t.document.semicolon)}`, { font: 'I', color: GREY, after: 6 });
  if (chapter.summary.length) {
    flow.subheading(t.document.keyFiguresOfChapter);
    for (const s of chapter.summary) {
      const valueWidth = flow.m.width(s.text, 'B', 9);
      const lines = flow.m.wrap(s.label, 'R', 9, flow.width - valueWidth - 16);
      const height = lines.length * 9 * LEADING + 5;
      flow.ensure(height);
      // A figure and its label: one paragraph.
      flow.begin('P');
      flow.tagged(() => lines.forEach((line, i) => flow.text(line, MARGIN.side, flow.y + 2.5 + i * 9 * LEADING, { size: 9, color: GREY })));
      flow.tagged(() => flow.text(s.text, MARGIN.side + flow.width - valueWidth, flow.y + 2.5, { font: 'B', size: 9 }));
      flow.end();
      flow.y += height;
      flow.line(MARGIN.side, flow.y, MARGIN.side + flow.width, flow.y, '#cccccc', 0.5);
    }
  }
  if (chapter.comment || chapter.commentChanges) {
    flow.box(
      [
        { text: t.document.secretariatComment, style: { font: 'B', color: BLUE } },
        ...(chapter.commentChanged ? [{ text: changedNote(doc), style: { font: 'I' as const, color: '#8a4b00' } }] : []),
        ...(chapter.comment ?? []).map((text) => ({ text })),
        ...(chapter.commentChanges ? changesBox(doc, chapter.commentChanges) : []),
      ],
      { fill: '#fdf6e9', rule: '#E69F00' },
    );
  }
  for (const chart of chapter.charts)
    flow.chart(`${t.document.chart} — ${chart.title}`, chart.svg, chart.alt, `${t.document.textAlternative}${t.document.colon}${chart.alt}`);
  for (const table of chapter.tables) flow.table(table, t.document.none, table.title);
}

/** What changed since the issue a re-issue replaces: a note, then the marked text. */
function changesBox(doc: ReportDocument, changes: readonly TextChange[]): ({ text: string; style: Style } | { changes: readonly TextChange[] })[] {
  return [{ text: fill(doc.t.document.narrativeDiff, { version: doc.changedSince ?? '' }), style: { font: 'I', color: '#8a4b00', size: 8.5 } }, { changes }];
}

/** The headings the layout will make, in order (the contents' entries, before their pages are known). */
function headingsOf(doc: ReportDocument): Heading[] {
  const { t } = doc;
  return [
    { title: t.document.synthesis, id: 'synthese', page: 0 },
    { title: t.document.checklist, id: 'checklist', page: 0 },
    ...doc.chapters.map((c) => ({ title: `${c.number}. ${c.title}`, id: c.id, page: 0 })),
    ...doc.annexes.map((a, i) => ({ title: `${t.document.annex} ${String.fromCharCode(65 + i)}. ${a.title}`, id: a.id, page: 0 })),
  ];
}

/** The key figures, two by two in framed cells. */
function figureGrid(flow: Flow, doc: ReportDocument): void {
  const { t } = doc;
  const half = flow.width / 2;
  const inner = half - 10;
  const blocks = doc.synthesis.figures.map((f) => [
    { lines: [f.value], style: { font: 'B' as const, size: 14, color: BLUE } },
    { lines: flow.m.wrap(f.label, 'R', 8.5, inner), style: { size: 8.5 } },
    {
      lines: flow.m.wrap(`${t.document.change}${t.document.colon}${f.change}  (${t.document.previousValue}${t.document.colon}${f.previous})`, 'R', 7.5, inner),
      style: { size: 7.5, color: GREY },
    },
  ]);
  const heightOf = (block: (typeof blocks)[number]) => block.reduce((h, part) => h + part.lines.length * part.style.size * LEADING, 0) + 10;
  for (let i = 0; i < blocks.length; i += 2) {
    const pair = blocks.slice(i, i + 2);
    const height = Math.max(...pair.map(heightOf));
    flow.ensure(height);
    pair.forEach((block, k) => {
      const x = MARGIN.side + k * half;
      let y = flow.y + 5;
      // A figure: its value, its label and its change, a paragraph each.
      flow.begin('Div');
      for (const part of block) {
        flow.element('P', () => {
          for (const line of part.lines) {
            flow.text(line, x + 5, y, part.style);
            y += part.style.size * LEADING;
          }
        });
      }
      flow.end();
    });
    for (const x of [MARGIN.side, MARGIN.side + half, MARGIN.side + flow.width]) flow.line(x, flow.y, x, flow.y + height, '#b8c7d6', 0.5);
    flow.line(MARGIN.side, flow.y, MARGIN.side + flow.width, flow.y, '#b8c7d6', 0.5);
    flow.line(MARGIN.side, flow.y + height, MARGIN.side + flow.width, flow.y + height, '#b8c7d6', 0.5);
    flow.y += height;
  }
}

/**
 * The PDF, laid out by hand on pdfkit (see docs/architecture.md): cover, table of contents with
 * links and bookmarks, chapters each on a new page, tables with their header repeated on every
 * page, charts as vector SVG, running header and "page n / N" footer, DejaVu Sans embedded (full
 * French coverage), language and title in the metadata. A first pass measures (pages of the
 * headings, page count), the second draws and streams the pages out. Its dates are the cut-off's,
 * which also seed the file id, so the same report gives the same bytes.
 */
export function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const measure = new Measure();
  const dry = new Flow(null, measure, doc, null);
  layOut(dry, doc, []);
  const at = new Date(doc.cutoffInstant);
  const pdf = withFonts(
    new PDFDocument({
      autoFirstPage: false,
      size: 'A4',
      pdfVersion: '1.7',
      lang: doc.locale,
      tagged: true,
      displayTitle: true,
      info: {
        Title: doc.title,
        Author: `${doc.t.document.region} ${doc.regionName}`,
        Subject: doc.subtitle,
        Creator: 'SCORAN Ledger',
        Producer: 'SCORAN Ledger',
        CreationDate: at,
        ModDate: at,
      },
    }),
  );
  batchWrites(pdf);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const flow = new Flow(pdf, measure, doc, { pages: dry.page, headings: dry.headings });
  layOut(flow, doc, dry.headings);
  flow.finish();
  pdf.end();
  return done;
}
