import type { Report } from '../api.ts';
import { $, thaiDigits } from './dom.ts';
import { state } from './state.ts';

// ---- findings beside their fields --------------------------------------------------------------

/** `measures[2].steps[0]` → `measures[2].steps` → `measures[2]` → `measures` → ''. */
function parentPath(path: string): string {
  const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
  return parent === path ? '' : parent;
}

export function showFindings(report: Report): void {
  // Kept, to be shown again beside fields drawn anew (another round of progress).
  state.report = report;
  for (const old of document.querySelectorAll('.finding')) old.remove();
  for (const old of document.querySelectorAll('.invalid')) old.classList.remove('invalid');
  const general = $('#general-findings');
  for (const f of report.findings ?? []) {
    const note = document.createElement('span');
    note.className = `finding ${f.severity}`;
    note.textContent = `${f.severity === 'error' ? 'ข้อผิดพลาด' : 'คำเตือน'}: ${f.th} (${f.en})`;
    // The nearest field: the path itself, or its parent (a missing key is reported on its parent).
    let path = f.path;
    let field: Element | null = null;
    while (path && !(field = document.querySelector(`[data-path="${CSS.escape(path)}"]`))) path = parentPath(path);
    if (field) {
      if (f.severity === 'error') field.classList.add('invalid');
      (field.closest('label, .evidence-row') ?? field).after(note);
    } else general.append(note);
  }
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
