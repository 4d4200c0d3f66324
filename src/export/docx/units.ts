import { officialFormat as F } from '../../style/official-format.ts';

/**
 * The DOCX's units, from the points of the style sheet (official-format.ts). Word measures
 * lengths in twentieths of a point (twips), font sizes in half-points, borders in eighths of a
 * point, and docx sizes pictures in pixels of 1/96 inch; DrawingML (the chart part) measures in
 * EMUs and sets text in hundredths of a point.
 */

/** Points to whole twips. */
export const twips = (points: number): number => Math.round(points * 20);

/** Half-points, the unit of w:sz. */
export const halfPoints = (points: number): number => Math.round(points * 2);

/** Eighths of a point, the unit of a border's w:sz. */
export const eighthPoints = (points: number): number => Math.round(points * 8);

/** Points to pixels of 1/96 inch (unrounded: docx rounds the EMUs it writes). */
export const pixels = (points: number): number => (points * 96) / 72;

/** Points to English Metric Units (12,700 a point), DrawingML's lengths. */
export const emu = (points: number): number => Math.round(points * 12700);

/** Hundredths of a point, DrawingML's font sizes. */
export const hundredthPoints = (points: number): number => Math.round(points * 100);

/** Word's line spacing in 240ths of a line. */
export const lineSpacing = (lines: number): number => Math.round(lines * 240);

export const A4 = { width: twips(F.page.width), height: twips(F.page.height) } as const;
