// The clerk's page: a form over one data file. Every change is checked by the server with the same
// rules as `ita-report check`, findings are shown beside their fields, and the PDF preview is
// rendered again shortly after the clerk stops typing.
//
// Bundled with what it imports into one script by the server (src/bundle/bundle.ts); the rules it
// shares with the server (Thai digits, the fiscal year, a new file) are the core's own modules.

import { defaultAssessmentYear, newDataFile, newFilePath, statingFramework } from '../../data/new-file.ts';
import { fiscalYearOf } from '../../thai/fiscal.ts';
import { $, messageOf, status } from './dom.ts';
import { renderForm, renderIssues, renderMeasures, renderScores, type IssueSection } from './fields.ts';
import { showFindings } from './findings.ts';
import { refreshFollowupLabels } from './followup.ts';
import { check, download, preview } from './preview.ts';
import { answer, api } from './requests.ts';
import { changed, form, onChanged, state, type FormData } from './state.ts';

/** The framework a file is checked against: the one it states, else its assessment year's. */
const frameworkYearOf = (raw: FormData): unknown => raw.framework ?? raw.assessment_year ?? defaultAssessmentYear(Number(raw.fiscal_year));

/** The framework (indicator names) follows the assessment year. */
let yearTimer: ReturnType<typeof setTimeout> | undefined;
function yearChanged(): void {
  clearTimeout(yearTimer);
  yearTimer = setTimeout(async () => {
    await useFramework(frameworkYearOf(form()));
    renderScores();
    renderIssues('urgent');
    renderIssues('improve');
  }, 400);
}

let checkTimer: ReturnType<typeof setTimeout> | undefined;
let previewTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * The pause after the last keystroke before the form is checked and the preview rendered: long
 * enough that a word typed at speed is one request, short enough that the preview follows at once
 * (a render of the report takes about 0.1 s; a preview the clerk typed past is called off).
 */
const TYPING_PAUSE_MS = 250;
onChanged(() => {
  $<HTMLButtonElement>('#save').disabled = false;
  refreshFollowupLabels();
  clearTimeout(checkTimer);
  clearTimeout(previewTimer);
  checkTimer = setTimeout(check, TYPING_PAUSE_MS);
  previewTimer = setTimeout(preview, TYPING_PAUSE_MS);
});

// ---- opening, starting and saving files ------------------------------------------------------------

async function save(): Promise<void> {
  const res = await api('POST', '/api/save', { path: state.path, raw: state.raw, create: state.create }).catch((e: unknown) => {
    status(messageOf(e));
    return null;
  });
  if (!res) return;
  state.create = false;
  showFindings(await answer('POST /api/save', res));
  $<HTMLButtonElement>('#save').disabled = true;
  status(`บันทึกแล้ว ${state.path}`);
  await loadFileList(state.path);
}

/**
 * The framework whose indicator names label the form. A new file (`fallback`) whose assessment year
 * has no framework yet gets the latest one before it, stated in the file after assessment_year;
 * the notice that says so is returned for the status line.
 */
async function useFramework(year: unknown, fallback = false): Promise<string> {
  const res = await fetch(`/api/framework?year=${encodeURIComponent(String(year))}${fallback ? '&fallback=1' : ''}`);
  const framework = res.ok ? await answer('GET /api/framework', res) : null;
  state.framework = framework;
  const notice = framework?.notice;
  if (!fallback || !framework || !notice) return '';
  state.raw = statingFramework(form(), framework.year);
  return ` · ${notice.th} (${notice.en})`;
}

async function open(path: string): Promise<void> {
  const res = await api('GET', `/api/file?path=${encodeURIComponent(path)}`);
  const file = await answer('GET /api/file', res);
  state.path = path;
  state.create = false;
  // The file as it is on disk: what the form expects of it, and what differs is in its findings.
  state.raw = (file.raw ?? {}) as FormData;
  await useFramework(frameworkYearOf(state.raw));
  renderForm(yearChanged);
  showFindings(file);
  $<HTMLButtonElement>('#new-year').disabled = false;
  $<HTMLButtonElement>('#save').disabled = true;
  void preview();
}

async function newYear(): Promise<void> {
  const res = await api('POST', '/api/new-year', { from: state.path });
  const next = await answer('POST /api/new-year', res);
  state.path = next.path;
  state.create = true;
  state.raw = next.raw;
  await useFramework(frameworkYearOf(state.raw));
  renderForm(yearChanged);
  $<HTMLButtonElement>('#save').disabled = false;
  status(`ไฟล์ใหม่ ${next.path}: กรอกคะแนนของปีนี้ แล้วกดบันทึก${next.notice ? ` · ${next.notice.th} (${next.notice.en})` : ''}`);
  void check();
}

/** A new agency's file (src/data/new-file.ts: its name, its place and what it starts with). */
function newAgency(): void {
  const year = Number($<HTMLInputElement>('#new-year-value').value);
  const name = $<HTMLInputElement>('#new-name').value.trim();
  const path = newFilePath(year, name);
  if (path === undefined) {
    status('ใส่ปีงบประมาณ และชื่อไฟล์เป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือ - (e.g. nakhon-pathom)');
    return;
  }
  state.path = path;
  state.create = true;
  state.raw = newDataFile({ agency: '', fiscalYear: year });
  $('#new-agency-form').hidden = true;
  void useFramework(defaultAssessmentYear(year), true).then((notice) => {
    renderForm(yearChanged);
    $<HTMLButtonElement>('#save').disabled = false;
    status(`ไฟล์ใหม่ ${state.path}: กรอกข้อมูลแล้วกดบันทึก${notice}`);
    void check();
  });
}

async function loadFileList(selected = ''): Promise<void> {
  const { files, refused = [] } = await answer('GET /api/files', await api('GET', '/api/files'));
  const select = $<HTMLSelectElement>('#file');
  select.replaceChildren(new Option('— เลือกหน่วยงานและปี —', ''), ...files.map((f) => new Option(f, f)));
  select.value = selected;
  // Files whose names the page cannot use are named, so that they can be renamed (unless the
  // status line says something else already, such as "saved").
  if (refused.length > 0 && !$('#status').textContent) status(refused.map((r) => `${r.th} (${r.en})`).join(' · '));
}

const fileSelect = $<HTMLSelectElement>('#file');
fileSelect.onchange = () => fileSelect.value && open(fileSelect.value).catch((err: unknown) => status(messageOf(err)));
$('#new-year').onclick = () => newYear().catch((err: unknown) => status(messageOf(err)));
$('#new-agency').onclick = () => {
  $('#new-agency-form').hidden = false;
  // This fiscal year, by the clerk's calendar.
  const today = new Date();
  $<HTMLInputElement>('#new-year-value').value ||= String(fiscalYearOf(today.getFullYear(), today.getMonth() + 1));
};
$('#new-agency-create').onclick = newAgency;
$('#save').onclick = save;
$('#download-pdf').onclick = () => download('pdf');
$('#download-docx').onclick = () => download('docx');
// The document radios, the follow-up reports' among them, are drawn again as rounds come and go.
$('#kinds').onchange = preview;
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-add]')) {
  button.onclick = () => {
    const section = button.dataset.add;
    if (section === 'measures') {
      (form().measures ??= []).push({ title: '', steps: [''], owner: '', monitoring: '' });
      renderMeasures();
    } else {
      // index.html's other data-add sections are §4 and §5.
      const issues = section as IssueSection;
      (form()[issues] ??= []).push({ indicator: state.framework?.indicators[0]?.number ?? 1, points: [] });
      renderIssues(issues);
    }
    changed();
  };
}

// ?file=2566/agency.yaml opens that file directly (a bookmark per agency).
const initial = new URLSearchParams(location.search).get('file') ?? '';
loadFileList(initial)
  .then(() => (initial ? open(initial) : undefined))
  .catch((err: unknown) => status(messageOf(err)));
