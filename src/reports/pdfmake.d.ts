// pdfmake 0.3 ships no types; the few entry points the report uses.
declare module 'pdfmake' {
  interface PdfMake {
    setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}

// The SVG-to-PDFKit copy pdfmake ships (it draws the charts); the call the report makes.
declare module 'pdfmake/js/3rd-party/svg-to-pdfkit.js' {
  function svgToPdf(
    doc: PDFKit.PDFDocument,
    svg: string,
    x: number,
    y: number,
    options: { width: number; height: number; assumePt: boolean; fontCallback: (family: string, bold: boolean, italic: boolean) => string },
  ): void;
  export default svgToPdf;
}
