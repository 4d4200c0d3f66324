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
  /**
   * The head of an official ประกาศ (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ): the emblem 3 cm
   * high, centred at the top of the first page, its drawing scaled to that height whatever the
   * picture's own size; the title lines follow right under it.
   */
  emblemHeight: 3.0,
  /** Space between the emblem and the title line under it, in points. */
  emblemSpaceAfter: 6,
  /** The short centred rule (เส้นคั่น) under the head of a ประกาศ: its length in centimetres. */
  ruleWidth: 5.0,
  /** Space between the title's last line and the rule, in points. */
  ruleSpaceBefore: 6,
  /** Thickness of the rule, in points. */
  ruleWeight: 0.75,
} as const;

/** Width of the text area in points: what tables and charts span in both exporters. */
export const contentWidthPoints = ((officialFormat.page.width - officialFormat.margins.left - officialFormat.margins.right) * 72) / 2.54;
