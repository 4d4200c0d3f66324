/**
 * The official Thai government document format (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ and its
 * typing guidance), shared by every exporter so DOCX and PDF lay out the same page.
 */
export const officialFormat = {
  /** A4 in centimetres. */
  page: { width: 21.0, height: 29.7 },
  margins: { top: 2.5, bottom: 2.0, left: 3.0, right: 2.0 },
  /** Distance of the page-number header from the top edge. */
  headerDistance: 1.25,
  fontSize: 16,
  /** First-line indent of body paragraphs. */
  firstLineIndent: 2.5,
  /** Hanging indent of numbered points. */
  listIndent: 0.6,
  /** The signature block starts at the middle of the text area. */
  signatureIndentFraction: 0.4,
  /** Space before a section heading, in points. */
  headingSpaceBefore: 12,
  /**
   * Left and right padding of a table cell, in centimetres; none above and below (the Thai line
   * pitch already leaves room under the rules).
   */
  cellPadding: 0.15,
  /** Space after a paragraph and after a table, in points. */
  paragraphSpaceAfter: 6,
  fontName: 'TH SarabunPSK',
} as const;

/** Width of the text area in points: what tables and charts span in both exporters. */
export const contentWidthPoints = ((officialFormat.page.width - officialFormat.margins.left - officialFormat.margins.right) * 72) / 2.54;
