/**
 * pdfkit turns every piece it writes into its own Buffer: each operator added to a page's content,
 * and each line of the file (an object's header, its dictionary, `endobj`, each row of the cross-
 * reference table), the latter pushed one by one through its output stream. A report of 6,000 table
 * rows writes about 300,000 of them. This batches both, with the same bytes: a page's operators are
 * joined and written to the page at once before the page ends, and the file's lines are pushed in
 * chunks of about 64 KiB. It patches the one document given, on pdfkit 0.19's internals (`addContent`,
 * `_write`, `push`, `page.write`); other documents are untouched.
 */
interface PdfkitOutput {
  addContent(data: string): unknown;
  addPage(options?: unknown): unknown;
  end(): void;
  page: { write(chunk: string): void };
  _write(data: string | Buffer): void;
  _offset: number;
  push(chunk: Buffer | null): boolean;
}

const CHUNK = 64 * 1024;

export function batchWrites(document: PDFKit.PDFDocument): void {
  const doc = document as unknown as PdfkitOutput;
  const operators: string[] = [];
  const writeOperators = () => {
    if (operators.length) doc.page.write(operators.join('\n'));
    operators.length = 0;
  };
  doc.addContent = (data: string) => {
    operators.push(data);
    return doc;
  };
  const addPage = doc.addPage.bind(doc);
  doc.addPage = (options?: unknown) => {
    writeOperators();
    return addPage(options);
  };
  const end = doc.end.bind(doc);
  doc.end = () => {
    writeOperators();
    end();
  };

  // The file's lines: pdfkit's strings are binary (one char a byte), so lengths are byte counts.
  let lines: string[] = [];
  let size = 0;
  const push = doc.push.bind(doc);
  const pushLines = () => {
    if (lines.length) push(Buffer.from(lines.join(''), 'latin1'));
    lines = [];
    size = 0;
  };
  doc._write = (data: string | Buffer) => {
    if (typeof data === 'string') {
      lines.push(data, '\n');
      size += data.length + 1;
      doc._offset += data.length + 1;
      if (size >= CHUNK) pushLines();
    } else {
      pushLines();
      push(data);
      doc._offset += data.length;
    }
  };
  doc.push = (chunk: Buffer | null) => {
    pushLines();
    return push(chunk);
  };
}
