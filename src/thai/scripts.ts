/**
 * The font shaper (fontkit) picks one script per string it shapes. Latin glued to Thai, as in
 * "ITAที่", would be shaped with Latin rules and the Thai tone marks would land in the wrong
 * place, so text is cut into single-script runs before shaping.
 */

export type Script = 'thai' | 'other';

export interface ScriptRun {
  text: string;
  script: Script;
}

/** The whole Thai block, so Thai digits, ฿ and the marks shape with the letters around them. */
const THAI = /[\u0E00-\u0E7F]/;
/** Characters any script can shape: spaces, ASCII digits, punctuation, joiners, combining accents. */
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** Splits text into runs of one script so each run can be shaped with its own script's rules. runs.map(r=>r.text).join('') === text. */
export function scriptRuns(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  // Neutral characters before the first letter wait for it, so "(ITA" is not split at "(".
  let leading = '';
  let current: ScriptRun | undefined;
  for (const ch of text) {
    // A neutral character continues the run before it: "ที่ 93.68 คะแนน" stays one Thai run.
    if (NEUTRAL.test(ch) && !THAI.test(ch)) {
      if (current) current.text += ch;
      else leading += ch;
      continue;
    }
    const script: Script = THAI.test(ch) ? 'thai' : 'other';
    if (current?.script === script) {
      current.text += ch;
    } else {
      current = { text: leading + ch, script };
      leading = '';
      runs.push(current);
    }
  }
  if (leading !== '') runs.push({ text: leading, script: 'other' });
  return runs;
}

/**
 * Thai vowels and tone marks above and below the line, as a regular-expression class body: they
 * sit on a letter and take no room.
 */
export const THAI_MARKS = '\u0E31\u0E34-\u0E3A\u0E47-\u0E4E';
const ABOVE_BELOW = new RegExp(`[${THAI_MARKS}]`, 'g');

/** How many characters occupy the line: Thai marks above and below do not count. */
export function visibleLength(text: string): number {
  return text.replace(ABOVE_BELOW, '').length;
}
