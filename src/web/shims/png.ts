/**
 * png-js, which pdfkit reads PNG pictures with: the engine draws no PNG into a PDF (the emblem is
 * vectors, the chart too), and png-js's browser build needs a zlib port with Node's assert and
 * util. Refused by name should a PNG ever reach pdfkit in the browser.
 */
export default class PNG {
  constructor() {
    throw new Error('PNG pictures are not drawn into a PDF by ita-report\'s engine in the browser');
  }
}
