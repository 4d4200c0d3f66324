import type { Report } from '../api.ts';
import { $, announce, markInvalid, thaiDigits, withId } from './dom.ts';
import { state } from './state.ts';

// ---- findings beside their fields --------------------------------------------------------------

/** `measures[2].steps[0]` → `measures[2].steps` → `measures[2]` → `measures` → ''. */
function parentPath(path: string): string {
  const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
  return parent === path ? '' : parent;
}

/**
 * The engine's Thai words with the numbers that follow a Thai word in Thai digits ("ตัวชี้วัดที่ 1" →
 * "ตัวชี้วัดที่ ๑"), as the labels beside them write them. Numbers after anything else stay as they
 * are: they are what is typed into a file or a field ("framework: 2568", "frameworks/2569.yaml").
 */
const thaiNumbers = (th: string): string => th.replace(/([ก-๛]) ?(?=[0-9])([0-9][0-9.,]*)/g, (whole) => thaiDigits(whole));

/**
 * What only whoever maintains the program can do (which framework file to add), folded away after
 * the clerk's words: the clerk reads first what is theirs, and can show it to the maintainer.
 */
export function forMaintainer(words: { th: string; en: string }): HTMLDetailsElement {
  const details = document.createElement('details');
  details.className = 'for-maintainer';
  const summary = document.createElement('summary');
  summary.textContent = 'สำหรับผู้ดูแลโปรแกรม (for the program\'s maintainer)';
  details.append(summary, `${words.th} (${words.en})`);
  return details;
}

/** The errors last shown (path and words), so that only new ones are read out. */
let errorsShown = new Set<string>();

export function showFindings(report: Report): void {
  // Kept, to be shown again beside fields drawn anew (another round of progress).
  state.report = report;
  for (const old of document.querySelectorAll('.finding')) old.remove();
  for (const old of document.querySelectorAll('.invalid')) {
    old.classList.remove('invalid');
    markInvalid(old);
  }
  // Each field described by its own note (typed fields, controls.ts) and nothing of the last check.
  for (const old of document.querySelectorAll<HTMLElement>('[data-findings]')) {
    const own = old.dataset.describedby;
    if (own) old.setAttribute('aria-describedby', own);
    else old.removeAttribute('aria-describedby');
    delete old.dataset.findings;
  }
  const general = $('#general-findings');
  const errors = new Set<string>();
  const fresh: string[] = [];
  (report.findings ?? []).forEach((f, n) => {
    const note = document.createElement('span');
    note.className = `finding ${f.severity}`;
    note.id = `finding-${n}`;
    const th = thaiNumbers(f.th);
    note.textContent = `${f.severity === 'error' ? 'ข้อผิดพลาด' : 'คำเตือน'}: ${th} (${f.en})`;
    if (f.maintainer) note.append(' ', forMaintainer(f.maintainer));
    // The nearest field: the path itself, or its parent (a missing key is reported on its parent).
    let path = f.path;
    let field: HTMLElement | null = null;
    while (path && !(field = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`))) path = parentPath(path);
    if (field) {
      if (f.severity === 'error') field.classList.add('invalid');
      markInvalid(field);
      // Tied to the field: a screen reader says it with the field's name.
      field.dataset.findings = '';
      field.setAttribute('aria-describedby', withId(field.getAttribute('aria-describedby'), note.id));
      (field.closest('label, .evidence-row') ?? field).after(note);
    } else general.append(note);
    if (f.severity === 'error') {
      const key = `${f.path} ${f.th}`;
      errors.add(key);
      if (!errorsShown.has(key)) fresh.push(th);
    }
  });
  // New errors are read out as they appear (once, not at every check while they stay).
  if (fresh.length > 0) announce(`ข้อผิดพลาด${fresh.length > 1 ? ` ${thaiDigits(fresh.length)} รายการ` : ''}: ${fresh[0]}`);
  errorsShown = errors;
  const o = report.overall;
  $('#computed').textContent = o
    ? `คำนวณจากคะแนนรายตัวชี้วัดได้ ${o.computed == null ? '–' : thaiDigits(o.computed.toFixed(2))} (ระดับ ${o.computedLevel ?? '–'}) · คะแนนที่ประกาศ ${thaiDigits(o.declared.toFixed(2))} อยู่ในระดับ ${o.level}` +
      (o.rating ? ` · ผลการประเมิน “${o.rating.words}”${o.rating.words === o.rating.rule ? '' : ` (ตามเกณฑ์ได้ “${o.rating.rule}”)`}` : '')
    : '';
  // The tools as percents of their maximum: what the rating in words looks at.
  $('#tool-scores').textContent = o
    ? o.tools.map((t) => `${t.id} ร้อยละ ${t.score == null ? '–' : thaiDigits(t.score.toFixed(2))} ${t.passed ? '✓ ถึงเกณฑ์' : '✗ ต่ำกว่าเกณฑ์'} ${thaiDigits(String(o.passMark))}`).join(' · ')
    : '';
}
