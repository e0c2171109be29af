import { deflateSync } from 'node:zlib';

/**
 * The tagged PDF's structure tree, written by us on pdfkit's object numbering (see
 * docs/architecture.md, "The PDF is tagged"). pdfkit's own API (`struct`, `markStructureContent`)
 * writes each element as its own uncompressed object through its generic converter, with
 * per-element bookkeeping: on a report of 6,000 table rows (66,000 cells) that was most of the PDF's
 * time and 5 of its 6 MB. Here an element is a few strings, and its object, once it ends, goes into
 * a compressed object stream (PDF 1.5) with hundreds of others; so do the parent tree's arrays, one
 * per page, written as the page ends. The file then ends with a cross-reference stream (which can
 * point into object streams) instead of pdfkit's table. The tree is the one pdfkit's API would
 * make: same element types, attributes and marked contents, read back by the tests with poppler.
 */

/** The pdfkit 0.19 internals the writer uses (pinned by the version; pdfkit's own tagging uses the same). */
interface PdfkitReference {
  id: number;
  data: Record<string, unknown>;
}
interface PdfkitTagging {
  ref(data?: Record<string, unknown>): PdfkitReference;
  _offsets: (number | null)[];
  _offset: number;
  _waiting: number;
  _write(data: string | Buffer): void;
  _finalize(): void;
  _root: PdfkitReference;
  _info: PdfkitReference;
  _id: Buffer;
  push(chunk: null): boolean;
  getMarkInfoDictionary(): PdfkitReference;
  getStructTreeRoot(): PdfkitReference;
  getStructParentTree(): { get(key: number): PdfkitReference[]; add(key: number, value: PdfkitReference): void };
  createStructParentTreeNextKey(): number;
  page: { structParentTreeKey: number; dictionary: PdfkitReference & { data: { StructParents?: number } } };
  addContent(data: string): void;
}

/** What an element may carry: a text alternative (figures), what to read instead of its content, a table header's scope. */
export interface ElementOptions {
  alt?: string;
  actual?: string;
  scope?: 'Column' | 'Row' | 'Both';
}

interface OpenElement {
  ref: PdfkitReference;
  type: string;
  /** Its entries after /S, written as they are. */
  entries: string;
  /** Its page (the page of its first marked content) and its children so far, as PDF operands. */
  page: PdfkitReference | null;
  kids: string[];
}

/** A PDF text string: UTF-16BE with its byte-order mark, in hex (no escaping to get wrong). */
export function pdfText(text: string): string {
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** Objects per object stream: large enough to compress well, small enough to hold little. */
const PER_STREAM = 500;

export class StructureWriter {
  /** The elements open, innermost last; the first is the tree's root. */
  private readonly open: OpenElement[] = [];
  private readonly doc: PdfkitTagging;
  /** The elements of the current page's marked contents, by marked-content id. */
  private pageParents: number[] = [];
  /** The objects waiting for the next object stream. */
  private batch: { id: number; body: string }[] = [];
  /** Where each object written in an object stream is: [stream's object number, index in it]. */
  private readonly compressed = new Map<number, [number, number]>();

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc as unknown as PdfkitTagging;
    this.doc.getMarkInfoDictionary();
    this.doc._finalize = () => this.finalize();
  }

  /** Opens an element inside the one open (the first is the child of the tree's root). */
  begin(type: string, options: ElementOptions = {}): void {
    let entries = '';
    if (options.alt) entries += ` /Alt ${pdfText(options.alt)}`;
    if (options.actual) entries += ` /ActualText ${pdfText(options.actual)}`;
    if (options.scope) entries += ` /A <</O /Table /Scope /${options.scope}>>`;
    const element: OpenElement = { ref: this.doc.ref(), type, entries, page: null, kids: [] };
    const parent = this.open.at(-1);
    if (parent) parent.kids.push(`${element.ref.id} 0 R`);
    else this.doc.getStructTreeRoot().data.K = [element.ref];
    this.open.push(element);
  }

  /** Closes the innermost element and writes its object. */
  end(): void {
    const element = this.open.pop();
    if (!element) return;
    const parent = this.open.at(-1)?.ref ?? this.doc.getStructTreeRoot();
    const page = element.page ? ` /Pg ${element.page.id} 0 R` : '';
    this.compress(element.ref, `<</S /${element.type}${element.entries} /P ${parent.id} 0 R${page} /K [${element.kids.join(' ')}]>>`);
    if (this.open.length === 0) this.writeBatch();
  }

  /** Before the page ends: its parent tree entry, the elements of its marked contents in order. */
  endPage(): void {
    if (this.pageParents.length === 0) return;
    const key = this.doc.page.dictionary.data.StructParents!;
    const ref = this.doc.ref();
    this.doc.getStructParentTree().add(key, ref);
    this.compress(ref, `[${this.pageParents.map((id) => `${id} 0 R`).join(' ')}]`);
    this.pageParents = [];
  }

  /** An object into the next object stream; the stream is written once it holds PER_STREAM. */
  private compress(ref: PdfkitReference, body: string): void {
    this.batch.push({ id: ref.id, body });
    // What pdfkit's own end of an object does: one object fewer to wait for before the file's end.
    this.doc._waiting--;
    if (this.batch.length >= PER_STREAM) this.writeBatch();
  }

  private writeBatch(): void {
    if (this.batch.length === 0) return;
    const doc = this.doc;
    const id = doc._offsets.length + 1;
    doc._offsets.push(null);
    let offset = 0;
    const header: string[] = [];
    for (const [index, object] of this.batch.entries()) {
      header.push(`${object.id} ${offset}`);
      offset += object.body.length + 1;
      this.compressed.set(object.id, [id, index]);
    }
    const head = header.join(' ') + '\n';
    const data = deflateSync(Buffer.from(head + this.batch.map((o) => o.body).join('\n') + '\n', 'latin1'));
    doc._offsets[id - 1] = doc._offset;
    doc._write(`${id} 0 obj\n<<\n/Type /ObjStm\n/N ${this.batch.length}\n/First ${head.length}\n/Filter /FlateDecode\n/Length ${data.length}\n>>\nstream`);
    doc._write(data);
    doc._write('\nendstream\nendobj');
    this.batch = [];
  }

  /**
   * The file's end in place of pdfkit's: a cross-reference stream, which says where each object is,
   * in the file or in an object stream, then the trailer's entries as its dictionary.
   */
  private finalize(): void {
    const doc = this.doc;
    this.writeBatch();
    const id = doc._offsets.length + 1;
    const at = doc._offset;
    const size = id + 1;
    // Each entry: a type byte, 4 bytes of offset (or the object stream's number), 2 of generation (or index).
    const table = Buffer.alloc(size * 7);
    table.writeUInt8(0, 0);
    table.writeUInt16BE(65535, 5);
    const entry = (n: number, type: number, field: number, index: number) => {
      table.writeUInt8(type, n * 7);
      table.writeUInt32BE(field, n * 7 + 1);
      table.writeUInt16BE(index, n * 7 + 5);
    };
    doc._offsets.forEach((offset, i) => {
      const inStream = this.compressed.get(i + 1);
      if (inStream) entry(i + 1, 2, inStream[0], inStream[1]);
      else entry(i + 1, 1, offset ?? 0, 0);
    });
    entry(id, 1, at, 0);
    const data = deflateSync(table);
    const fileId = `<${doc._id.toString('hex')}>`;
    doc._write(
      `${id} 0 obj\n<<\n/Type /XRef\n/Size ${size}\n/W [1 4 2]\n/Root ${doc._root.id} 0 R\n/Info ${doc._info.id} 0 R\n/ID [${fileId} ${fileId}]\n/Filter /FlateDecode\n/Length ${data.length}\n>>\nstream`,
    );
    doc._write(data);
    doc._write(`\nendstream\nendobj\nstartxref\n${at}\n%%EOF`);
    doc.push(null);
  }

  /** What `draw` puts on the page, as a marked content of the element open (drawing order is reading order). */
  mark(draw: () => void, options: { actual?: string } = {}): void {
    const element = this.open.at(-1);
    if (!element) return draw();
    const doc = this.doc;
    const page = doc.page.dictionary;
    // The page's key in the parent tree, taken at its first marked content.
    void doc.page.structParentTreeKey;
    const mcid = this.pageParents.length;
    this.pageParents.push(element.ref.id);
    const actual = options.actual === undefined ? '' : ` /ActualText ${pdfText(options.actual)}`;
    doc.addContent(`/${element.type} <</MCID ${mcid}${actual}>> BDC`);
    draw();
    doc.addContent('EMC');
    element.page ??= page;
    element.kids.push(element.page === page ? String(mcid) : `<<\n/Type /MCR\n/Pg ${page.id} 0 R\n/MCID ${mcid}\n>>`);
  }

  /** What `draw` puts on the page outside the structure: rules, shading, running header and footer. */
  artifact(draw: () => void, type: 'Pagination' | 'Layout'): void {
    this.doc.addContent(`/Artifact <<\n/Type /${type}\n>> BDC`);
    draw();
    this.doc.addContent('EMC');
  }

  /**
   * The `structParent` pdfkit's annotations accept: the annotation becomes an object reference of the
   * element open (a Link), with its own key in the parent tree.
   */
  annotationParent(): { add(annotation: { annotationRef: PdfkitReference }): void } | undefined {
    const element = this.open.at(-1);
    if (!element) return undefined;
    return {
      add: ({ annotationRef }) => {
        const key = this.doc.createStructParentTreeNextKey();
        annotationRef.data.StructParent = key;
        this.doc.getStructParentTree().add(key, element.ref);
        element.kids.push(`<<\n/Type /OBJR\n/Obj ${annotationRef.id} 0 R\n/Pg ${this.doc.page.dictionary.id} 0 R\n>>`);
      },
    };
  }
}
