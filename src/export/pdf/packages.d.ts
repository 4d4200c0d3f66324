// pdfmake and pdfkit ship no types (and @types/pdfmake describes another version): the modules
// this folder imports are declared as unknown here, and each file casts what it reads of them to
// the few members it uses (see pdf.ts and pdfkit-hooks.ts), which the tests exercise.
declare module 'pdfmake' {
  const pdfmake: unknown;
  export default pdfmake;
}
declare module 'pdfkit' {
  const PDFDocument: unknown;
  export default PDFDocument;
}
declare module 'pdfmake/js/LayoutBuilder.js' {
  const exports: unknown;
  export default exports;
}
declare module 'pdfmake/js/PDFDocument.js' {
  const exports: unknown;
  export default exports;
}
declare module 'pdfmake/js/Renderer.js' {
  const exports: unknown;
  export default exports;
}
declare module 'pdfmake/js/TableProcessor.js' {
  const exports: unknown;
  export default exports;
}
