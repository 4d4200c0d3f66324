/**
 * The style sheet of the page: the official Thai government document format
 * (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ and its typing guidance) and every other layout
 * number of the documents, each defined once here, in points (1/72 inch). Both exporters read
 * it and convert to their own units, each through one helper: the DOCX in `docx/units.ts`
 * (twips, half-points, eighths of a point, pixels), the PDF and the chart use points as they are.
 * To change a margin, an indent, a gap or a rule, change it here (test/export/style-sheet.test.ts
 * keeps layout numbers out of the exporters).
 *
 * The regulation states the page in centimetres, so those are written in centimetres and
 * converted once, below.
 */

/** Centimetres to points. */
const cm = (value: number): number => (value * 72) / 2.54;

/** A4 and the official margins, in centimetres as the regulation gives them. */
const PAGE_CM = { width: 21.0, height: 29.7 } as const;
const MARGINS_CM = { top: 2.5, bottom: 2.0, left: 3.0, right: 2.0 } as const;
const FONT_SIZE = 16;
const HEADING_SPACE = 12;

export const officialFormat = {
  /** A4. */
  page: { width: cm(PAGE_CM.width), height: cm(PAGE_CM.height) },
  margins: { top: cm(MARGINS_CM.top), bottom: cm(MARGINS_CM.bottom), left: cm(MARGINS_CM.left), right: cm(MARGINS_CM.right) },
  /** The text area: its edges measured from the page's left and top edges, its width and height. */
  textArea: {
    left: cm(MARGINS_CM.left),
    right: cm(PAGE_CM.width - MARGINS_CM.right),
    top: cm(MARGINS_CM.top),
    bottom: cm(PAGE_CM.height - MARGINS_CM.bottom),
    width: cm(PAGE_CM.width - MARGINS_CM.left - MARGINS_CM.right),
    height: cm(PAGE_CM.height - MARGINS_CM.bottom) - cm(MARGINS_CM.top),
  },
  /** Distance of the page-number header from the top edge. */
  headerDistance: cm(1.25),
  /** Distance of Word's footer from the bottom edge: half the bottom margin. */
  footerDistance: cm(MARGINS_CM.bottom / 2),
  /** Space between the text area and the continuation words (คำต่อหน้า) under it (PDF). */
  continuationGap: 2,
  fontSize: FONT_SIZE,
  fontName: 'TH SarabunPSK',
  /** Line pitch as a multiple of the font's own line height: single. */
  lineSpacing: 1,
  /** First-line indent of body paragraphs; numbered points and level-2 headings start there too. */
  firstLineIndent: cm(2.5),
  /** Hanging indent of numbered points: the least room for the marker. */
  listIndent: cm(0.6),
  /** Space before a level-1 heading; a title block ends with the same space. */
  headingSpaceBefore: HEADING_SPACE,
  /** Space before a level-2 heading. */
  subheadingSpaceBefore: HEADING_SPACE / 2,
  /** Space after a body or plain paragraph; a table is followed by an empty line and this. */
  paragraphSpaceAfter: 6,
  /** Space above and below a chart. */
  chartSpaceAround: 6,
  signature: {
    /** The signature block's lines are centred right of this share of the text width. */
    indentFraction: 0.4,
    /** Space above the signature block. */
    spaceBefore: 24,
  },
  table: {
    /**
     * Left and right padding of a table cell; none above and below (the Thai line pitch already
     * leaves room under the rules).
     */
    cellPaddingX: cm(0.15),
    cellPaddingY: 0,
    /** Width of the table's rules. */
    ruleWidth: 0.5,
  },
  /**
   * The head of an official ประกาศ: the emblem 3 cm high, centred at the top of the first page,
   * its drawing scaled to that height whatever the picture's own size; the title lines follow
   * right under it.
   */
  emblem: {
    height: cm(3.0),
    /** Space between the emblem and the title line under it. */
    spaceAfter: 6,
  },
  /** The short centred rule (เส้นคั่น) under the head of a ประกาศ. */
  rule: {
    length: cm(5.0),
    /** Space between the title's last line and the rule. */
    spaceBefore: 6,
    /** Thickness. */
    weight: 0.75,
  },
  /**
   * The bar chart (drawn in points: its SVG's pixels are points). It spans the text area; its
   * height grows with the bars.
   */
  chart: {
    /** Its text looks like TH SarabunPSK 14 pt, two points below the body, as figure text is. */
    textSize: FONT_SIZE - 2,
    /** Earlier years' values are printed smaller: this share of the text size. */
    earlierValueScale: 0.85,
    /** Height of one group of bars: one series, or several (each bar as high as its value's label). */
    groupHeight: { single: 22, several: 38 },
    /** Height of everything but the bars: the axis, its labels, the legend. */
    frameHeight: 58,
    /** The value axis from 0 to the chart's maximum in this many intervals. */
    valueIntervals: 5,
    /** Space around the plot (the axis labels inside it). */
    grid: { left: 2, right: 34, top: 18, bottom: 30 },
    /** Between the bars of a group, and between groups, as shares of a bar and of a group. */
    barGap: '15%',
    barCategoryGap: '25%',
    /** A bar's value: its distance from the bar's end, and the white ground around it. */
    valueDistance: 3,
    valuePadding: [0, 1],
    /** The pass-mark line and the white ground of its label. */
    markWidth: 1,
    markLabelPadding: [0, 2],
    /** Between a category label and the axis. */
    categoryLabelMargin: 6,
    /** Legend keys and the gap between entries. */
    legend: { itemWidth: 14, itemHeight: 9, itemGap: 16 },
  },
  /** Resolution of the PNG the DOCX carries of a picture (the emblem) for Word without SVG. */
  pictureDpi: 220,
} as const;

/** Width of the text area in points: what tables and charts span in both exporters. */
export const contentWidthPoints = officialFormat.textArea.width;
