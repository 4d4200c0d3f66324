// The clerk's page: a form over one data file. Every change is checked with the same rules as
// `ita-report check`, findings are shown beside their fields, and the PDF preview is rendered again
// shortly after the clerk stops typing. Whoever runs the engine, the server (`ita-report serve`) or
// the browser itself (the static site), is the backend (backend.ts, chosen in backends.ts).
//
// Bundled with what it imports into one script (src/bundle/bundle.ts): by the server for /app.js,
// by the static build for the site (src/bundle/site.ts). The rules it shares with the server (Thai
// digits, the fiscal year, a new file) are the core's own modules.

import { defaultAssessmentYear, FIRST_NEW_FISCAL_YEAR, newDataFile, newFileNameOf, newFileNameProblem, newFileYears, statingFramework, type NewFileYear } from '../../data/new-file.ts';
import { fiscalYearOf } from '../../thai/fiscal.ts';
import type { FileEntry, Message } from '../api.ts';
import type { PickedFile } from './backend.ts';
import { backend } from './backends.ts';
import { $, markInvalid, messageOf, status, thaiDigits, withId } from './dom.ts';
import { carriedOver, renderForm, renderIssues, renderMeasures, renderScores, type IssueSection } from './fields.ts';
import { forMaintainer, showFindings } from './findings.ts';
import { refreshFollowupLabels } from './followup.ts';
import { check, clearPreview, preview } from './preview.ts';
import { canPickFiles, Cancelled, pickFile, readPicked } from './local-files.ts';
import { canPickFolder } from './local-folder.ts';
import { keepForOffline } from './offline.ts';
import { changed, form, onChanged, state, type FormData } from './state.ts';

/** The framework a file is checked against: the one it states, else its assessment year's. */
const frameworkYearOf = (raw: FormData): unknown => raw.framework ?? raw.assessment_year ?? defaultAssessmentYear(Number(raw.fiscal_year));

/** The framework (indicator names) follows the assessment year. */
let yearTimer: ReturnType<typeof setTimeout> | undefined;
function yearChanged(): void {
  clearTimeout(yearTimer);
  yearTimer = setTimeout(async () => {
    // A new file follows its years: the framework it states is the one of its assessment year
    // now, or the newest before it (with the notice); a file that exists is labelled as it states.
    if (state.create) {
      delete form().framework;
      sayNewFile('กรอกข้อมูลแล้วกดบันทึก', await useFramework(frameworkYearOf(form()), true));
    } else await useFramework(frameworkYearOf(form()));
    renderScores();
    renderIssues('urgent');
    renderIssues('improve');
  }, 400);
}

let checkTimer: ReturnType<typeof setTimeout> | undefined;
let previewTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * The pause after the last keystroke before the form is checked and the preview rendered: long
 * enough that a burst of keys (a word typed at speed, a paste) is one request, short enough that
 * the preview is there within 0.3 s of the last key (issue 15: the report renders in about 0.1 s).
 * A slower typist starts a render between keys; the one typed past is called off.
 */
const TYPING_PAUSE_MS = 150;
onChanged(() => {
  $<HTMLButtonElement>('#save').disabled = false;
  refreshFollowupLabels();
  clearTimeout(checkTimer);
  clearTimeout(previewTimer);
  checkTimer = setTimeout(check, TYPING_PAUSE_MS);
  previewTimer = setTimeout(preview, TYPING_PAUSE_MS);
});

// ---- opening, starting and saving files ------------------------------------------------------------

/**
 * Saving is refused while a field's text cannot be read: its key is out of the data meanwhile, and
 * a save would write a file without what the clerk sees typed there. The first such field takes
 * the keyboard.
 */
function unreadableRefusal(): boolean {
  const paths = [...state.unreadable.keys()];
  if (paths.length === 0) return false;
  status(`ยังไม่ได้บันทึก: มีช่องที่อ่านไม่ได้ ${thaiDigits(paths.length)} ช่อง (กรอบสีแดง) แก้ให้ถูกหรือลบข้อความในช่องก่อน (not saved: ${paths.length} field(s) cannot be read; correct or empty them first)`);
  document.querySelector<HTMLElement>(`[data-path="${CSS.escape(paths[0]!)}"]`)?.focus();
  return true;
}

async function save(): Promise<void> {
  if (unreadableRefusal()) return;
  const saved = await backend.save(state.path, form(), state.create).catch((e: unknown) => {
    status(messageOf(e));
    return null;
  });
  if (!saved) return;
  state.create = false;
  state.path = saved.path;
  state.dirty = false;
  showFindings(saved.report);
  $<HTMLButtonElement>('#save').disabled = true;
  $<HTMLButtonElement>('#new-year').disabled = false;
  status(saved.said);
  await showFiles(state.path);
}

/**
 * The framework whose indicator names label the form. A new file (`fallback`) whose assessment year
 * has no framework yet gets the latest one before it, stated in the file after assessment_year;
 * the notice that says so is returned (for sayNewFile).
 */
async function useFramework(year: unknown, fallback = false): Promise<Message | undefined> {
  // The labels come from the newest framework before the year when the year has none, and stay
  // as they were when there is none at all (a year before 2562, a year half typed): never blank.
  // Only a new file states the framework; an opened one is checked as it is, its findings say why.
  const framework = await backend.framework(year);
  if (framework) state.framework = framework;
  const notice = framework?.notice;
  if (!fallback || !framework || !notice) return undefined;
  state.raw = statingFramework(form(), framework.year);
  return notice;
}

/** A framework's notice as a clerk reads it: Thai first, English beside, the maintainer's words folded away. */
const noticeNodes = (notice: Message): (string | Node)[] => [`${notice.th} (${notice.en})`, ...(notice.maintainer ? [' ', forMaintainer(notice.maintainer)] : [])];

/**
 * A new file's status line: its name and what to do. When its assessment year has no framework
 * yet, the notice is shown whole under the assessment year in the form, where it belongs, and tied
 * to that field; the status line only points there, because it sits in the sticky header, which
 * at 1366×768 may take two lines of it and not the form's working area (the walk found three).
 * A screen reader hears the whole notice from the status line all the same.
 */
function sayNewFile(todo: string, notice: Message | undefined): void {
  showNotice(notice);
  const year = state.framework?.year;
  const meanwhile = notice && year ? ` · ใช้กรอบการประเมินปี ${thaiDigits(year)} ไปก่อน: ดูหมายเหตุใต้ปีของผลการประเมิน (the ${year} framework meanwhile: see the note under the assessment year)` : '';
  status(`ไฟล์ใหม่ ${state.path}: ${todo}${meanwhile}`, notice ? `${notice.th} (${notice.en})` : '');
}

/** The notice under the assessment year (index.html's #framework-note), or none (a file opened). */
function showNotice(notice: Message | undefined): void {
  const note = $('#framework-note');
  note.replaceChildren(...(notice ? noticeNodes(notice) : []));
  note.hidden = !notice;
  // findings.ts puts dataset.describedby back after each check: the note stays among the descriptions.
  const year = $<HTMLInputElement>('[data-path="assessment_year"]');
  year.dataset.describedby = withId(year.dataset.describedby, note.id, !!notice);
  year.setAttribute('aria-describedby', withId(year.getAttribute('aria-describedby'), note.id, !!notice));
}

/** The keyboard goes on in the first field of the file just loaded: the button or list used is done with. */
const toFirstField = (): void => $('[data-path="agency"]').focus();

/** A file of the server's folder by its path, or one the clerk picked on their computer (the static site). */
async function open(source: { path: string } | { picked: PickedFile }): Promise<void> {
  const file = await backend.open(source);
  state.path = file.path;
  state.create = false;
  // The file as it is on disk: what the form expects of it, and what differs is in its findings.
  state.raw = (file.raw ?? {}) as FormData;
  state.carried = carriedOver(file.lastYear, state.raw.measures ?? []);
  state.dirty = false;
  clearPreview();
  await useFramework(frameworkYearOf(state.raw));
  renderForm(yearChanged);
  showNotice(undefined);
  showFindings(file);
  $<HTMLButtonElement>('#new-year').disabled = false;
  $<HTMLButtonElement>('#save').disabled = true;
  showFileName();
  void preview();
}

async function newYear(): Promise<void> {
  if (!discardChanges('เริ่มปีใหม่จากไฟล์ที่บันทึกไว้', 'start next year from the file as saved')) return;
  const next = await backend.nextYear(state.path);
  // A next year's file that exists already is offered before anything is typed into one that
  // could not be saved under its name (the server's folder; locally the clerk chooses where to save).
  const listing = await backend.files();
  if (listing?.files.includes(next.path)) {
    if (confirm(`มีไฟล์ของปีถัดไปอยู่แล้ว: ${next.path}\nเปิดไฟล์นั้นเพื่อแก้ไขต่อหรือไม่\n\n(Next year's file exists already: open it?)`)) {
      await open({ path: next.path });
      await showFiles(next.path);
      toFirstField();
      status(`เปิดไฟล์ของปีถัดไปที่มีอยู่แล้ว ${next.path} (opened next year's existing file)`);
    } else status(`ไม่ได้เริ่มไฟล์ใหม่: มีไฟล์ ${next.path} อยู่แล้ว เลือกไฟล์นั้นจากรายการเพื่อแก้ไข (not started: ${next.path} exists; choose it in the list)`);
    return;
  }
  state.path = next.path;
  state.dirty = false;
  clearPreview();
  state.create = true;
  state.raw = next.raw;
  // Every measure of next year's file is last year's until the clerk edits it (fields.ts marks them).
  state.carried = { from: next.raw.fiscal_year - 1, measures: new WeakSet(state.raw.measures ?? []) };
  await useFramework(frameworkYearOf(state.raw));
  renderForm(yearChanged);
  $<HTMLButtonElement>('#save').disabled = false;
  showFileName();
  // Not yet a file of the list: the list does not name last year's as the one open.
  $<HTMLSelectElement>('#file').value = '';
  toFirstField();
  sayNewFile('กรอกคะแนนของปีนี้ แล้วกดบันทึก', next.notice);
  void check();
  void preview();
}

/** A new agency's file (src/data/new-file.ts: its name, its place and what it starts with; the backend: where it goes). */
function newAgency(): void {
  // Only years with a framework (or the newest without one, noticed) are offered.
  const year = Number($<HTMLSelectElement>('#new-year-value').value);
  const name = $<HTMLInputElement>('#new-name').value.trim().normalize('NFC');
  const path = sayFileName() ? backend.newFilePath(year, name) : undefined;
  if (path === undefined) {
    // Why is beside the file name (sayFileName); the keyboard goes there to correct it.
    $('#new-name').focus();
    return;
  }
  if (!discardChanges('เริ่มไฟล์ของหน่วยงานใหม่', 'start a new agency')) return;
  state.path = path;
  state.create = true;
  state.dirty = false;
  state.carried = null;
  state.raw = newDataFile({ agency: $<HTMLInputElement>('#new-agency-name').value.trim().normalize('NFC'), fiscalYear: year });
  clearPreview();
  $('#new-agency-form').hidden = true;
  void useFramework(defaultAssessmentYear(year), true).then((notice) => {
    renderForm(yearChanged);
    $<HTMLButtonElement>('#save').disabled = false;
    showFileName();
    $<HTMLSelectElement>('#file').value = '';
    // The button pressed has gone with its form: the keyboard goes on in the new file's first field.
    toFirstField();
    sayNewFile('กรอกข้อมูลแล้วกดบันทึก', notice);
    void check();
    void preview();
  });
}

// ---- the years a new file may have -----------------------------------------------------------------

let offered: Promise<{ years: NewFileYear[]; chosen: number | undefined }> | undefined;
/**
 * The fiscal years a new file is offered (newFileYears), asked of the engine once: the frameworks
 * it has come with any framework it answers. The newest first, today's chosen (by the clerk's
 * calendar). Also the suggestions of the form's fiscal year field.
 */
async function offerYears(): Promise<void> {
  const today = new Date();
  const thisYear = fiscalYearOf(today.getFullYear(), today.getMonth() + 1);
  offered ??= backend.framework(thisYear - 1).then((latest) => {
    // An engine that does not list its frameworks: every assessment year up to today's, as before.
    const frameworkYears = latest?.years ?? Array.from({ length: Math.max(0, thisYear - FIRST_NEW_FISCAL_YEAR + 1) }, (_, i) => FIRST_NEW_FISCAL_YEAR - 1 + i);
    return newFileYears(frameworkYears, thisYear);
  });
  const { years, chosen } = await offered;
  const select = $<HTMLSelectElement>('#new-year-value');
  if (select.options.length === 0) {
    const latest = years.filter((y) => !y.meanwhile)[0]?.fiscalYear;
    select.replaceChildren(
      ...years.map(({ fiscalYear, meanwhile }) => {
        const label = `พ.ศ. ${thaiDigits(fiscalYear)}${meanwhile && latest ? ` (ใช้กรอบการประเมินปี ${thaiDigits(latest - 1)} ไปก่อน · ${latest - 1} framework meanwhile)` : ''}`;
        return new Option(label, String(fiscalYear));
      }),
    );
    if (chosen !== undefined) select.value = String(chosen);
  }
  $('#fiscal-years').replaceChildren(...years.map((y) => new Option(thaiDigits(y.fiscalYear), String(y.fiscalYear))));
  await sayYearNotice();
}

/** Beside the year chosen for a new file: whether its framework is an earlier one, used meanwhile. */
async function sayYearNotice(): Promise<void> {
  const year = Number($<HTMLSelectElement>('#new-year-value').value);
  const framework = year ? await backend.framework(defaultAssessmentYear(year)) : null;
  const { notice } = framework ?? {};
  $('#new-year-note').replaceChildren(...(notice ? noticeNodes(notice) : []));
}

/**
 * Beside the new file's name: where the file goes, or why the name cannot be one (Thai first,
 * English beside, the field marked). True when it can.
 */
function sayFileName(): boolean {
  const input = $<HTMLInputElement>('#new-name');
  const note = $('#new-name-note');
  const name = input.value.trim();
  const problem = newFileNameProblem(name);
  const path = problem ? undefined : backend.newFilePath(Number($<HTMLSelectElement>('#new-year-value').value), name);
  note.textContent = problem ? `${problem.th} (${problem.en})` : path ? `= ไฟล์ ${path} (file)` : '';
  note.classList.toggle('error', problem !== undefined);
  note.classList.toggle('understood', problem === undefined);
  input.classList.toggle('invalid', problem !== undefined);
  markInvalid(input);
  return problem === undefined;
}

/** On the static site, the name (in a folder opened, the path) of the file the form holds. */
function showFileName(): void {
  if (backend.mode !== 'local') return;
  $('#file-name').textContent = state.path ? `ไฟล์ ${state.path}${state.create ? ' (ยังไม่ได้บันทึก not saved yet)' : ''}` : 'ยังไม่ได้เปิดไฟล์ (no file open)';
}

/**
 * The files as a clerk knows them, "จังหวัดนครปฐม · ปีงบประมาณ ๒๕๖๖", in a group per fiscal year
 * (the server sorts them: newest year first, then agency); the path is the option's value and its
 * title. A file that states no agency or year is named by its path, and one that does not parse
 * says so, in a last group.
 */
function fileGroups(entries: FileEntry[]): HTMLElement[] {
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const entry of entries) {
    const { path, agency, fiscalYear, note } = entry;
    const key = fiscalYear === undefined ? 'other' : String(fiscalYear);
    let group = groups.get(key);
    if (!group) {
      group = document.createElement('optgroup');
      group.label = fiscalYear === undefined ? 'ไฟล์อื่น (other files)' : `ปีงบประมาณ ${thaiDigits(fiscalYear)}`;
      groups.set(key, group);
    }
    const text = note ? `${path} (${note.th} · ${note.en})` : agency && fiscalYear !== undefined ? `${agency} · ปีงบประมาณ ${thaiDigits(fiscalYear)}` : `${agency ?? path}${fiscalYear === undefined ? ' (ไม่ได้ระบุปีงบประมาณ · no fiscal year)' : ''}`;
    const option = new Option(text, path);
    option.title = path;
    group.append(option);
  }
  return [...groups.values()];
}

/** The server's folder, or the one the clerk opened on the static site, as a list, `selected` chosen in it; else the open file's name. */
async function showFiles(selected = ''): Promise<string[]> {
  const listing = await backend.files();
  if (!listing) {
    showFileName();
    return [];
  }
  const { files, refused = [], entries } = listing;
  const select = $<HTMLSelectElement>('#file');
  select.replaceChildren(new Option('— เลือกหน่วยงานและปี (agency and year) —', ''), ...(entries ? fileGroups(entries) : files.map((f) => new Option(f, f))));
  select.value = selected;
  // Files whose names the page cannot use are named, so that they can be renamed (unless the
  // status line says something else already, such as "saved").
  const said = refused.map((r) => `${r.th} (${r.en})`);
  if (said.length > 0 && !$('#status').textContent) status(said.join(' · '));
  // Returned for the file a link opens, which the status line names first (they are said after it).
  return said;
}

// The preview pane sticks below the header, whose height changes as its bar wraps or a form opens in it.
new ResizeObserver(() => document.documentElement.style.setProperty('--header-height', `${$('header').offsetHeight}px`)).observe($('header'));

// ---- unsaved work --------------------------------------------------------------------------------

/**
 * True when the form may be replaced: nothing changed since it was opened or saved, or the clerk
 * says to let the changes go. `th` and `en` say what replacing it is for ("เปิดไฟล์อื่น").
 */
function discardChanges(th: string, en: string): boolean {
  if (!state.dirty) return true;
  return confirm(`การแก้ไขในไฟล์ ${state.path} ยังไม่ได้บันทึก ถ้า${th} การแก้ไขนั้นจะหายไป\nกด OK เพื่อทิ้งการแก้ไข หรือ Cancel เพื่อกลับไปบันทึกก่อน\n\n(Unsaved changes will be lost if you ${en}. OK discards them; Cancel goes back.)`);
}

// The browser's own question before the page is closed or reloaded with unsaved work.
addEventListener('beforeunload', (event) => {
  if (!state.dirty) return;
  event.preventDefault();
  // Older Chromium asks only when returnValue is set.
  event.returnValue = '';
});

// Ctrl+S (Cmd+S on a Mac) saves, instead of the browser saving the page as HTML.
addEventListener('keydown', (event) => {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') return;
  event.preventDefault();
  if (!state.raw) return;
  if ($<HTMLButtonElement>('#save').disabled) status('ไม่มีการแก้ไขที่ต้องบันทึก (nothing to save)');
  else void save();
});

const fileSelect = $<HTMLSelectElement>('#file');
/**
 * An arrow key (or Home, End, a letter) on the closed list changes its choice at once, in Chrome
 * on Windows as in headless Chromium: the file is opened, and the keyboard stays on the list so
 * that the clerk can go on to the one they want; Enter then takes it to the form. A file chosen
 * from the opened list (whose keys the page does not see) or with the mouse takes the keyboard to
 * the form's first field at once.
 */
let browsing = false;
fileSelect.onkeydown = (event) => {
  if (event.key === 'Enter' && state.raw && !state.create && fileSelect.value === state.path) {
    event.preventDefault();
    toFirstField();
    return;
  }
  browsing = true;
  // The change a key makes comes with its keydown; the next one is the clerk's again.
  setTimeout(() => (browsing = false));
};
fileSelect.onchange = () => {
  if (!fileSelect.value) return;
  if (!discardChanges('เปิดไฟล์อื่น', 'open another file')) {
    fileSelect.value = state.create ? '' : state.path;
    return;
  }
  const onList = browsing;
  open({ path: fileSelect.value })
    .then(() => {
      if (!onList) toFirstField();
      sayOpened(onList);
    })
    .catch((err: unknown) => status(messageOf(err)));
};
$('#new-year').onclick = () => newYear().catch((err: unknown) => status(messageOf(err)));
$('#new-agency').onclick = () => {
  $('#new-agency-form').hidden = false;
  // What the page is doing now, not the last file's words; the form below is still that file's.
  status(`หน่วยงานใหม่: กรอกชื่อหน่วยงาน เลือกปีงบประมาณ แล้วกด “สร้าง” หรือ “ยกเลิก” (Esc)${state.raw ? ` · แบบฟอร์มด้านล่างยังเป็นไฟล์ ${state.path}` : ''} (new agency: name, fiscal year, then สร้าง, or ยกเลิก/Esc${state.raw ? `; the form below is still ${state.path}` : ''})`);
  // The agency's name first: the file name follows from it.
  $('#new-agency-name').focus();
  offerYears()
    .catch((err: unknown) => status(messageOf(err)));
};
$('#new-year-value').onchange = () => {
  void sayYearNotice();
  sayFileName();
};
const agencyName = $<HTMLInputElement>('#new-agency-name');
const fileName = $<HTMLInputElement>('#new-name');
agencyName.oninput = () => {
  // The file name follows the agency's until the clerk writes one of their own.
  if (fileName.dataset.edited) return;
  fileName.value = newFileNameOf(agencyName.value);
  sayFileName();
};
fileName.oninput = () => {
  // Emptied, it follows the agency's name again.
  if (fileName.value.trim() === '') delete fileName.dataset.edited;
  else fileName.dataset.edited = '1';
  sayFileName();
};
$('#new-agency-create').onclick = newAgency;
/** The new agency's form closed without a new file: the keyboard back on its button, the status line on the form as it is. */
function cancelNewAgency(): void {
  $('#new-agency-form').hidden = true;
  $('#new-agency').focus();
  status(state.raw ? `ยกเลิกหน่วยงานใหม่ แบบฟอร์มยังเป็นไฟล์ ${state.path}${state.create ? ' (ยังไม่ได้บันทึก)' : ''} (new agency cancelled; the form still holds ${state.path})` : 'ยกเลิกหน่วยงานใหม่ (new agency cancelled)');
}
$('#new-agency-cancel').onclick = cancelNewAgency;
$('#new-agency-form').onkeydown = (event) => {
  if (event.key === 'Escape') cancelNewAgency();
};
$('#save').onclick = save;
// The document radios, the follow-up reports' among them, are drawn again as rounds come and go.
$('#kinds').onchange = preview;
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-add]')) {
  button.onclick = () => {
    const section = button.dataset.add;
    // The keyboard goes on in the new row: its first field.
    let first: string;
    if (section === 'measures') {
      const measures = (form().measures ??= []);
      measures.push({ title: '', steps: [''], owner: '', monitoring: '' });
      renderMeasures();
      first = `measures[${measures.length - 1}].title`;
    } else {
      // index.html's other data-add sections are §4 and §5.
      const issues = section as IssueSection;
      const rows = (form()[issues] ??= []);
      rows.push({ indicator: state.framework?.indicators[0]?.number ?? 1, points: [] });
      renderIssues(issues);
      first = `${issues}[${rows.length - 1}].indicator`;
    }
    changed();
    document.querySelector<HTMLElement>(`[data-path="${CSS.escape(first)}"]`)?.focus();
  };
}

/**
 * The static site: what the documents lack because the clerk has not given its file (last year's
 * data, the emblem), said on the status line, or nothing.
 */
function sayMissingBeside(): void {
  status(missingBeside().join(' · '));
}

/**
 * Says in the status line, a live region, which file the form holds now, and on the static site
 * what its engine lacks beside it (last year's file, the emblem the data names). `onList`: the
 * keyboard is still on the file list, where Enter takes it to the form. `also`: more that the status
 * line must keep saying (the list's refused file names), after it.
 */
function sayOpened(onList = false, also: readonly string[] = []): void {
  const { agency, fiscal_year: year } = form();
  const what = [agency, year === undefined ? '' : `ปีงบประมาณ ${thaiDigits(year)}`].filter(Boolean).join(' ');
  const opened = `เปิดไฟล์ ${state.path} แล้ว${what ? `: ${what}` : ''}${onList ? ' · กด Enter เพื่อไปที่แบบฟอร์ม' : ''} (opened ${state.path}${onList ? '; Enter goes to the form' : ''})`;
  status([opened, ...(backend.mode === 'local' ? missingBeside() : []), ...also].join(' · '));
}

/** What the static site's engine lacks beside the form's file, one sentence each. */
function missingBeside(): string[] {
  const missing = state.raw ? (backend.missingBeside?.(state.raw) ?? []) : [];
  return missing.map((m) => `${m.th} (${m.en})`);
}

/**
 * The static site: the file list of a folder the clerk opened (folder mode), or the button for the
 * files given beside one file picked on its own (which leaves the folder).
 */
function showFolderMode(on: boolean): void {
  $('#file-choice').hidden = !on;
  $('#beside').hidden = on;
}

/** The static site where the browser opens folders: the clerk's data folder, listed as the server lists its own. */
async function openFolder(): Promise<void> {
  const name = await backend.openFolder?.();
  if (name === undefined) return;
  // Whatever the form held belongs to no file of this folder: it would be saved into it under its name.
  Object.assign(state, { path: '', raw: null, create: false, dirty: false, carried: null });
  clearPreview();
  $('#form').hidden = true;
  $('#preview-pane').hidden = true;
  $<HTMLButtonElement>('#save').disabled = true;
  $<HTMLButtonElement>('#new-year').disabled = true;
  showFolderMode(true);
  await showFiles();
  const count = $<HTMLSelectElement>('#file').querySelectorAll('option:not([value=""])').length;
  status(`เปิดโฟลเดอร์ ${name} แล้ว มีไฟล์ข้อมูล ${thaiDigits(count)} ไฟล์ เลือกหน่วยงานและปีจากรายการ (folder opened: ${count} data file(s); choose the agency and year in the list)`);
}

/** A file picked on the clerk's computer (the static site), opened in the form. */
const openPicked = (picked: Promise<PickedFile>): Promise<void> =>
  picked
    .then(async (file) => {
      await open({ picked: file });
      showFolderMode(false);
      $<HTMLButtonElement>('#beside').disabled = false;
      toFirstField();
      sayOpened();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Cancelled)) status(messageOf(err));
    });

if (backend.mode === 'local') {
  // No folder of files: the clerk opens theirs from disk, and the page says which one is open.
  $('#file-choice').hidden = true;
  $('#open').hidden = false;
  $('#file-name').hidden = false;
  const input = $<HTMLInputElement>('#open-input');
  // The picker where the browser has one (a save then writes to the same file), else the file input.
  $('#open').onclick = () => discardChanges('เปิดไฟล์อื่น', 'open another file') && (canPickFiles() ? void openPicked(pickFile()) : input.click());
  input.onchange = () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void openPicked(readPicked(file));
  };
  // Last year's file and the emblem, which the command line reads beside the data file: the page
  // cannot look beside a file it was handed, so the clerk hands them over too.
  const beside = $<HTMLInputElement>('#beside-input');
  $('#beside').hidden = false;
  $('#beside').onclick = () => beside.click();
  beside.onchange = async () => {
    const files = [...(beside.files ?? [])];
    beside.value = '';
    if (files.length === 0 || !backend.giveBeside) return;
    const lastYear = await backend.giveBeside(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))), form());
    if (lastYear) {
      // Marked as opening a file with last year's beside it marks them (the form as typed, not read again).
      state.carried = carriedOver(lastYear, form().measures ?? []);
      renderMeasures();
    }
    await Promise.all([check(), preview()]);
    sayMissingBeside();
  };
  if (backend.openFolder && canPickFolder()) {
    $('#open-folder').hidden = false;
    $('#open-folder').onclick = () =>
      discardChanges('เปิดโฟลเดอร์ข้อมูล', 'open the data folder') &&
      void openFolder().catch((err: unknown) => {
        if (!(err instanceof Cancelled)) status(messageOf(err));
      });
  }
  keepForOffline();
  showFileName();
  status('เปิดไฟล์ข้อมูลของหน่วยงาน หรือกด “หน่วยงานใหม่” ข้อมูลอยู่ในเครื่องนี้เท่านั้น (open your data file or start a new agency: the data stays on this computer)');
} else {
  // ?file=2566/agency.yaml opens that file directly (a bookmark per agency).
  const initial = new URLSearchParams(location.search).get('file') ?? '';
  showFiles(initial)
    .then(async (refused) => {
      if (!initial) return;
      await open({ path: initial });
      // Said as a file chosen in the list is, the refused names kept beside it.
      sayOpened(false, refused);
    })
    .catch((err: unknown) => status(messageOf(err)));
}
