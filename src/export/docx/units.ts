/** Word measures in twentieths of a point (twips); 1 cm = 566.93 twips, rounded to whole twips. */
export const cm = (value: number): number => Math.round((value * 1440) / 2.54);

/** Half-points, the unit of w:sz. */
export const halfPoints = (points: number): number => Math.round(points * 2);

export const A4 = { width: 11906, height: 16838 } as const;
