/** A minimal valid data file (framework 2565, scores 1 and 2 given); tests edit it. */
export const MINIMAL = [
  'agency: จังหวัดทดสอบ',
  'fiscal_year: 2566',
  'overall:',
  '  score: 90',
  'scores:',
  '  1: 90',
  '  2: 91.5',
  'measures:',
  '  - title: มาตรการ',
  '    steps:',
  '      - ขั้นตอนแรก',
  '      - ขั้นตอนที่สอง',
  '    owner: ผู้รับผิดชอบ',
  '    monitoring: รายงานผล',
  'signatory:',
  '  position: ผู้ว่าราชการจังหวัด',
  '',
].join('\n');

/** Replaces exactly one occurrence of `from` (the fixture must not drift silently). */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
