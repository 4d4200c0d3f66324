import { roundRange } from '../../src/analysis/followup.ts';
import type { FieldPath, RawData } from '../../src/data/types.ts';
import { withoutInvisible } from '../../src/fonts/shaping.ts';
import type { DigitSystem } from '../../src/model/types.ts';
import { bahtText } from '../../src/thai/baht.ts';
import { formatThaiDate } from '../../src/thai/dates.ts';
import { convertDigits } from '../../src/thai/digits.ts';
import { quarterRange } from '../../src/thai/fiscal.ts';
import { normalizeThai } from '../../src/thai/normalize.ts';
import { formatAmount, formatScore } from '../../src/thai/numbers.ts';
import { FRAMEWORKS } from './limits.ts';

/**
 * Which strings of a data file each document must hold, worked out from the templates:
 *
 * - report.hbs: the agency (titles, §2, §3), principles (§1), the official overall score (§2),
 *   the agency's own explanation of every indicator of the framework (§3: each indicator is a
 *   strength or a weakness), urgent points (§4), improve points (§5), and the measures table (§6);
 * - proclamation.hbs and announcement.hbs (the announcement's two forms, `announcement.form`): the
 *   agency (the ประกาศ's head, or the title), the intro when given, the measures table, and the
 *   signature block (date, name, position; a dotted line for a position not given);
 * - partials/measures-table.hbs, in both: each measure's title, steps, owner and monitoring, its
 *   budget as an amount and in words (or ไม่ใช้งบประมาณ), and its period (text, or dates);
 * - followup.hbs, one document per round the file has (followup-6-months, followup-12-months):
 *   the agency, the date the round reports up to (as_of, else the round's end), every measure's
 *   title and owner and every one of its steps (a step the round says nothing about is listed
 *   too), and of that round only: each step's result, its `when` (text; a range as two dates; a
 *   quarter as ไตรมาสที่ N and its dates), its evidence (title, and web address when given),
 *   problems and suggestions, and each measure's problems and suggestions.
 *
 * Each string is compared after what the pipeline does to it: the loader's Thai repair
 * (normalizeThai) and trim of the agency, the digit conversion of the documents (convertDigits,
 * which keeps web and e-mail addresses), and, for the PDF, the characters that draw nothing
 * (withoutInvisible: a PDF reader cannot copy what was not drawn). White space is squashed on
 * both sides: Thai lines break without a space.
 */

export type FollowupKind = 'followup-6-months' | 'followup-12-months';
export type Kind = 'report' | 'announcement' | FollowupKind;

export interface ExpectedString {
  /** Where it comes from, as it is written (`measures[2].steps[0]`). */
  field: string;
  /** The field as a path, for the findings about it; absent for derived text (budgets, dates). */
  path?: FieldPath;
  /** As written in the data file (or derived, for budgets and dates). */
  text: string;
}

/** The report and the announcement always; a follow-up report for each round the file has. */
export type Expected = Record<'report' | 'announcement', ExpectedString[]> & Partial<Record<FollowupKind, ExpectedString[]>>;

const ROUNDS = [
  { key: '6', months: 6, kind: 'followup-6-months' },
  { key: '12', months: 12, kind: 'followup-12-months' },
] as const;

/** The documents a valid file gives: the report, the announcement, a follow-up report per round. */
export function expectedKinds(data: RawData): Kind[] {
  return ['report', 'announcement', ...ROUNDS.filter((r) => data.followup?.[r.key] !== undefined).map((r) => r.kind)];
}

/** `measures[2].steps[0]` as a path. */
const pathOf = (field: string): FieldPath => Array.from(field.matchAll(/\[(\d+)\]|([^.[\]]+)/g), (m) => (m[1] !== undefined ? Number(m[1]) : m[2]!));

export function expectedStrings(data: RawData): Expected {
  const report: ExpectedString[] = [];
  const announcement: ExpectedString[] = [];
  const entry = (field: string, text: string, derived: boolean): ExpectedString => (derived ? { field, text } : { field, path: pathOf(field), text });
  const both = (field: string, text: string, derived = false): void => {
    report.push(entry(field, text, derived));
    announcement.push(entry(field, text, derived));
  };
  both('agency', data.agency);
  report.push({ field: 'overall.score', text: formatScore(data.overall.score) });
  if (data.principles !== undefined) report.push(entry('principles', data.principles, false));
  const assessmentYear = data.assessment_year ?? data.fiscal_year - 1;
  const framework = FRAMEWORKS.find((f) => f.year === (data.framework ?? assessmentYear));
  for (const [key, text] of Object.entries(data.explanations ?? {})) {
    if (framework?.indicators.some((i) => String(i.number) === key)) report.push({ field: `explanations.${key}`, path: ['explanations', key], text });
  }
  for (const section of ['urgent', 'improve'] as const) {
    data[section]?.forEach((row, r) => row.points.forEach((p, i) => report.push({ field: `${section}[${r}].points[${i}]`, path: [section, r, 'points', i], text: p })));
  }
  data.measures.forEach((m, i) => {
    const at = `measures[${i}]`;
    both(`${at}.title`, m.title);
    m.steps.forEach((s, j) => both(`${at}.steps[${j}]`, s));
    both(`${at}.owner`, m.owner);
    both(`${at}.monitoring`, m.monitoring);
    if (m.budget !== undefined) {
      if (m.budget === 0) both(`${at}.budget`, 'ไม่ใช้งบประมาณ', true);
      else {
        both(`${at}.budget`, formatAmount(m.budget), true);
        both(`${at}.budget (words)`, bahtText(m.budget), true);
      }
    }
    const p = m.period;
    if (typeof p === 'string') both(`${at}.period`, p);
    else if (p && 'from' in p) both(`${at}.period`, `${formatThaiDate(p.from)} – ${formatThaiDate(p.to)}`, true);
    else if (p) {
      const range = quarterRange(data.fiscal_year, p.quarter);
      both(`${at}.period`, `${formatThaiDate(range.start)} – ${formatThaiDate(range.end)}`, true);
    }
  });
  if (data.announcement?.intro !== undefined) announcement.push(entry('announcement.intro', data.announcement.intro, false));
  const signatory = data.signatory ?? {};
  if (signatory.date !== undefined) announcement.push({ field: 'signatory.date', text: formatThaiDate(signatory.date) });
  if (signatory.name !== undefined) announcement.push(entry('signatory.name', signatory.name, false));
  // A position not given, or blank, leaves a dotted line to fill in by hand.
  if (signatory.position === undefined || BLANK.test(signatory.position)) announcement.push({ field: 'signatory.position (dotted line)', text: DOTTED_LINE });
  else announcement.push(entry('signatory.position', signatory.position, false));
  return { report, announcement, ...followupStrings(data) };
}

/** The strings of each follow-up report (templates/followup.hbs), by document kind. */
function followupStrings(data: RawData): Partial<Record<FollowupKind, ExpectedString[]>> {
  const out: Partial<Record<FollowupKind, ExpectedString[]>> = {};
  for (const { key, months, kind } of ROUNDS) {
    const round = data.followup?.[key];
    if (!round) continue;
    const list: ExpectedString[] = [];
    const written = (field: string, text: string, path: FieldPath): void => void list.push({ field, path, text });
    list.push({ field: 'agency', path: ['agency'], text: data.agency });
    list.push({ field: `followup.${key}.as_of`, text: formatThaiDate(round.as_of ?? roundRange(data.fiscal_year, months).end) });
    // Every measure of §6 and every one of its steps, whatever the round says about them.
    data.measures.forEach((m, i) => {
      written(`measures[${i}].title`, m.title, ['measures', i, 'title']);
      written(`measures[${i}].owner`, m.owner, ['measures', i, 'owner']);
      m.steps.forEach((s, j) => written(`measures[${i}].steps[${j}]`, s, ['measures', i, 'steps', j]));
    });
    for (const [m, measure] of Object.entries(round.measures)) {
      const at: FieldPath = ['followup', key, 'measures', m];
      const text = (path: FieldPath, value: string | undefined): void => {
        if (value !== undefined) written(path.join('.'), value, path);
      };
      for (const [n, step] of Object.entries(measure.steps ?? {})) {
        const s: FieldPath = [...at, 'steps', n];
        text([...s, 'result'], step.result);
        const when = step.when;
        if (typeof when === 'string') text([...s, 'when'], when);
        else if (when && 'from' in when) list.push({ field: `${s.join('.')}.when`, text: `${formatThaiDate(when.from)} – ${formatThaiDate(when.to)}` });
        else if (when) {
          const range = quarterRange(data.fiscal_year, when.quarter);
          list.push({ field: `${s.join('.')}.when`, text: `ไตรมาสที่ ${when.quarter} (${formatThaiDate(range.start)} – ${formatThaiDate(range.end)})` });
        }
        step.evidence?.forEach((e, k) => {
          if (typeof e === 'string') text([...s, 'evidence', k], e);
          else {
            text([...s, 'evidence', k, 'title'], e.title);
            text([...s, 'evidence', k, 'url'], e.url);
          }
        });
        text([...s, 'problems'], step.problems);
        text([...s, 'suggestions'], step.suggestions);
      }
      text([...at, 'problems'], measure.problems);
      text([...at, 'suggestions'], measure.suggestions);
    }
    out[kind] = list;
  }
  return out;
}

/** A text that prints nothing, as the loader judges a blank signatory name or position. */
const BLANK = /^[\s\p{Default_Ignorable_Code_Point}]*$/u;

/** The line of dots that templates/partials/announcement-signature.hbs leaves for a name or position to fill in. */
export const DOTTED_LINE = '.'.repeat(45);

/** Removes all white space: Thai lines break between words without a space. */
export const squash = (s: string): string => s.replace(/\s+/g, '');

/**
 * What pdf.js does to the text it extracts (its `normalizeUnicode`, copied from pdfjs-dist 5):
 * compatibility ligatures and presentation forms, a few spaces and symbols are given in NFKC. It is
 * the reader's choice, not the PDF's content, so the expected text is read the same way.
 */
const PDFJS_NORMALIZED =
  /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;
const asPdfjsReads = (s: string): string => s.replace(PDFJS_NORMALIZED, (_m, p1: string | undefined) => (p1 ? p1.normalize('NFKC') : 'ſt'));

/**
 * Format and other default-ignorable characters (bidi marks, joiners, the BOM, the soft hyphen,
 * the grapheme joiner) draw nothing, so a PDF reader has nothing to copy them from; the exporter
 * drops some of them (withoutInvisible) and pdf.js reads the others as spaces.
 */
export const DRAW_NOTHING = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * The marks drawn on one letter, in a fixed order: the PDF's text gives them as its shaper ordered
 * them (Thai vowels above and below before tone marks: src/fonts/shaping.ts, spellingOrder),
 * face by face when a letter's marks come from two faces (ạ̈ิ: the fallback face's ạ̈, then
 * Laksaman's ิ), which is not always the order typed. Marks on one letter in another order are not
 * lost text, so both sides are compared in NFD, without white space, with each run of marks sorted
 * by code point. On the page, the gap between two cells ends a run (extract.ts): a cell that starts
 * with a lone mark does not lend it to the cell before.
 */
const MARK_RUN = /\p{M}{2,}/gu;
export const canonicalMarks = (s: string): string =>
  s.normalize('NFD').replace(MARK_RUN, (run) => Array.from(run).sort().join(''));

/**
 * A string as it must appear in a document's text, squashed. In the PDF: `drop` names characters
 * drawn as boxes (see properties.ts, undrawableWarned), which pdf.js copies as U+0000 and the
 * comparison leaves out; marks in canonical order (canonicalMarks).
 */
export function inDocument(text: string, digits: DigitSystem, format: 'pdf' | 'docx', drop: ReadonlySet<string> = new Set()): string {
  const shown = convertDigits(normalizeThai(text), digits);
  if (format === 'docx') return squash(shown);
  // What the PDF draws: no invisible characters (marks they kept apart meet: ท่ี‌่ → ที่่), and a
  // box for each character of `drop`: a base of its marks while they are put in order, then left
  // out, as pdfBodyPages leaves out pdf.js's U+0000.
  const drawn = canonicalMarks(squash(asPdfjsReads(withoutInvisible(shown).replace(DRAW_NOTHING, ''))));
  const copied = drop.size === 0 ? drawn : Array.from(drawn).filter((ch) => !drop.has(ch)).join('');
  // Marks at the very start have no letter of the string to sit on: the PDF draws them on their
  // own and pdf.js places them where it likes (before the gap it reads between two cells), so the
  // string is looked for from its first letter.
  return copied.replace(/^\p{M}+/u, '');
}
