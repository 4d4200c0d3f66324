import { byLabel, followRows, numberField, periodField, readDate, readNumber, rowTools, textField, dateShown, typedField, type NumberKind } from './controls.ts';
import { measureText, namesYear, type LastYear } from '../../data/carried.ts';
import { $, thaiDigits, withId } from './dom.ts';
import { renderFollowup, renumberProgress } from './followup.ts';
import { ROUNDS } from './rounds.ts';
import { changed, form, state, type MeasureForm, type State } from './state.ts';

// ---- reading and writing the form -------------------------------------------------------------

/** The sections of the form that list issues by indicator (§4 and §5). */
export type IssueSection = 'urgent' | 'improve';

function getIn(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), obj);
}

function setIn(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  // Each key on the way is an object, made when missing (a file may hold something else there: then it fails as in JS).
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
}

/**
 * The fields of index.html that hold one value each, by their data-path. Those with a data-type
 * (`score`, `year`, `date`) read what is typed (controls.ts, typedField); the others are text.
 */
function bindSimpleFields(yearChanged: () => void): void {
  for (const input of document.querySelectorAll<HTMLInputElement>('#form > fieldset > label > input[data-path]')) {
    const path = input.dataset.path ?? '';
    const get = () => getIn(state.raw, path);
    const set = (value: unknown) => setIn(form(), path, value);
    const type = input.dataset.type;
    if (type === 'date') typedField(input, { path, get, set, read: readDate, shown: dateShown });
    else if (type) {
      // index.html's data-type of a number field is one of the NumberKinds.
      const kind = type as NumberKind;
      typedField(input, { path, get, set, read: (text) => readNumber(text, kind), after: () => (path === 'fiscal_year' || path === 'assessment_year') && !state.unreadable.has(path) && yearChanged() });
    } else {
      input.value = String(get() ?? '');
      input.oninput = () => {
        setIn(form(), path, input.value.trim() === '' ? undefined : input.value);
        changed();
      };
    }
  }
}

export function renderScores(): void {
  const raw = form();
  const box = $('#scores');
  box.replaceChildren();
  const indicators = state.framework?.indicators ?? Array.from({ length: 10 }, (_, i) => ({ number: i + 1, name: '' }));
  raw.scores ??= {};
  // The form's scores when typed in (as the form is then).
  const scores = () => (form().scores ??= {});
  for (const ind of indicators) {
    const label = document.createElement('label');
    label.textContent = `ตัวชี้วัดที่ ${thaiDigits(ind.number)} ${ind.name}`;
    const { box: field } = numberField('score', {
      path: `scores.${ind.number}`,
      get: () => scores()[ind.number],
      set: (v) => (v === undefined ? delete scores()[ind.number] : (scores()[ind.number] = v)),
    });
    label.append(field);
    box.append(label);
  }
}

export function renderIssues(section: IssueSection): void {
  const box = $(`#${section}`);
  box.replaceChildren();
  const list = (form()[section] ??= []);
  list.forEach((row, i) => {
    const div = document.createElement('div');
    div.className = 'row';
    const sectionNo = section === 'urgent' ? 4 : 5;
    const rowName = (k: number) => `แถวที่ ${thaiDigits(k + 1)} ของหัวข้อ ${thaiDigits(sectionNo)}`;
    const label = document.createElement('label');
    label.textContent = 'ตัวชี้วัด';
    const select = document.createElement('select');
    select.dataset.path = `${section}[${i}].indicator`;
    select.setAttribute('aria-label', `ตัวชี้วัด ${rowName(i)}`);
    for (const ind of state.framework?.indicators ?? []) select.append(new Option(`${thaiDigits(ind.number)}. ${ind.name}`, String(ind.number)));
    select.value = String(row.indicator ?? '');
    select.onchange = () => {
      row.indicator = Number(select.value);
      changed();
    };
    label.append(select);
    div.append(label);
    div.append(
      textField('ประเด็น (บรรทัดละหนึ่งข้อ)', `${section}[${i}].points`, () => (row.points ?? []).join('\n'), (v) => (row.points = v.split('\n').filter((l) => l.trim() !== '')), { rows: 3, aria: `ประเด็น ${rowName(i)} (บรรทัดละหนึ่งข้อ)` }),
    );
    // The row's ↑ ↓ ลบ after its fields, for the keyboard as a step's are (style.css draws them at its top right).
    div.append(
      rowTools(list, i, () => renderIssues(section), {
        nameOf: (k) => ({ th: `ตัวชี้วัด${rowName(k)}`, en: `row ${k + 1} of section ${sectionNo}` }),
        takes: 'พร้อมประเด็นของแถว',
        after: () => document.querySelector(`[data-add="${section}"]`),
      }),
    );
    box.append(div);
  });
}

export function renderMeasures(): void {
  const box = $('#measures');
  box.replaceChildren();
  const list = (form().measures ??= []);
  list.forEach((m, i) => {
    const div = document.createElement('div');
    div.className = 'row';
    div.append(textField(`มาตรการที่ ${thaiDigits(i + 1)}`, `measures[${i}].title`, () => m.title, (v) => (m.title = v)));
    markCarried(div, m, i);
    const measure = `มาตรการที่ ${thaiDigits(i + 1)}`;
    const steps = (m.steps ??= []);
    steps.forEach((step, k) => {
      const stepRow = document.createElement('div');
      // The step's text before its ↑ ↓ ลบ, so that Tab from the measure's title reaches it first (style.css draws the buttons beside it).
      stepRow.className = 'row';
      stepRow.append(textField(`ขั้นตอนที่ ${thaiDigits(k + 1)}`, `measures[${i}].steps[${k}]`, () => step, (v) => (steps[k] = v), { rows: 3, aria: `ขั้นตอนที่ ${thaiDigits(k + 1)} ของ${measure}` }));
      stepRow.append(
        rowTools(steps, k, renderMeasures, {
          moved: (order, length) => {
            renumberProgress(order, length, (round) => round.measures?.[i + 1]?.steps);
            for (const r of ROUNDS) followRows(order, length, (j) => `followup.${r}.measures.${i + 1}.steps.${j + 1}`);
          },
          nameOf: (j) => ({ th: `ขั้นตอนที่ ${thaiDigits(j + 1)} ของ${measure}`, en: `step ${j + 1} of measure ${i + 1}` }),
          takes: 'พร้อมผลการดำเนินการของขั้นตอนนี้',
          after: () => byLabel(`เพิ่มขั้นตอนใน${measure}`) ?? null,
        }),
      );
      div.append(stepRow);
    });
    const addStep = document.createElement('button');
    Object.assign(addStep, { type: 'button', textContent: '+ เพิ่มขั้นตอน' });
    addStep.setAttribute('aria-label', `เพิ่มขั้นตอนใน${measure}`);
    addStep.onclick = () => {
      steps.push('');
      renderMeasures();
      changed();
      // The keyboard goes on in the new step.
      document.querySelector<HTMLElement>(`[data-path="measures[${i}].steps[${steps.length - 1}]"]`)?.focus();
    };
    div.append(addStep);
    div.append(textField('ผู้รับผิดชอบ', `measures[${i}].owner`, () => m.owner, (v) => (m.owner = v), { aria: `ผู้รับผิดชอบ ${measure}` }));
    div.append(
      budgetField(m, i),
      periodField({
        path: `measures[${i}].period`,
        label: 'ระยะเวลาดำเนินการ ',
        get: () => m.period,
        set: (v) => (v === undefined ? delete m.period : (m.period = v)),
        context: measure,
      }),
    );
    div.append(textField('การกำกับติดตาม', `measures[${i}].monitoring`, () => m.monitoring, (v) => (m.monitoring = v), { aria: `การกำกับติดตาม ${measure}` }));
    // The measure's ↑ ↓ ลบ after all its fields, for the keyboard (style.css draws them at its top right).
    div.append(
      rowTools(list, i, renderMeasures, {
        moved: (order, length) => {
          renumberProgress(order, length, (round) => round.measures);
          for (const r of ROUNDS) followRows(order, length, (k) => `followup.${r}.measures.${k + 1}`);
        },
        nameOf: (k) => ({ th: `มาตรการที่ ${thaiDigits(k + 1)}`, en: `measure ${k + 1}` }),
        takes: `${m.title?.trim() ? `“${m.title.trim()}” ` : ''}พร้อมขั้นตอนทั้งหมดและผลการดำเนินการของมาตรการนี้`,
        after: () => document.querySelector('[data-add="measures"]'),
        pathOf: (index) => `measures[${index}]`,
      }),
    );
    box.append(div);
  });
  // The progress part lists the measures and steps of §6: it follows them.
  renderFollowup();
}

/**
 * A file opened with last year's file beside it: its measures whose words are still those of a
 * measure of last year's are carried over (marked as after เริ่มปีใหม่จากไฟล์นี้, until edited),
 * and any that names last year is flagged. So the marks survive saving and opening again without
 * anything written into the data file for them. Null without last year's file: nothing to compare.
 */
export function carriedOver(lastYear: LastYear | undefined, measures: readonly MeasureForm[]): State['carried'] {
  if (!lastYear) return null;
  const texts = new Set(lastYear.measures);
  return { from: lastYear.fiscalYear, measures: new WeakSet(measures.filter((m) => texts.has(measureText(m)))) };
}

/**
 * Beside a measure carried over from last year's file (state.carried): that it is last year's,
 * until the clerk edits it, and, while its text still names last year's fiscal year, that it does.
 * Copied text is the likeliest thing a clerk forgets to change: "ในปีงบประมาณ พ.ศ. ๒๕๖๖" printed
 * in the 2567 announcement.
 */
function markCarried(div: HTMLElement, m: MeasureForm, i: number): void {
  const carried = state.carried;
  if (!carried) return;
  const note = document.createElement('p');
  note.className = 'carried-note';
  note.id = `carried-note-${i}`;
  const say = (): void => {
    const parts: string[] = [];
    const namesLastYear = namesYear(m, carried.from);
    if (carried.measures.has(m)) parts.push('มาตรการจากปีก่อน: ตรวจข้อความและปีงบประมาณในข้อความ (carried over from last year: check the text and the fiscal year in it)');
    if (namesLastYear) parts.push(`ข้อความยังระบุปี ${thaiDigits(carried.from)} ซึ่งเป็นปีงบประมาณที่แล้ว (the text still names ${carried.from}, last fiscal year)`);
    note.textContent = parts.join(' · ');
    note.hidden = parts.length === 0;
    note.classList.toggle('names-last-year', namesLastYear);
  };
  // Any typing or choosing in the measure's fields is the clerk's edit of it.
  const edited = (): void => {
    carried.measures.delete(m);
    say();
  };
  div.addEventListener('input', edited);
  div.addEventListener('change', edited);
  say();
  div.querySelector(`[data-path="measures[${i}].title"]`)?.closest('label')?.after(note);
  // A screen reader hears the note with the measure's title (findings.ts keeps dataset.describedby
  // among the title's descriptions when it adds and removes its own).
  const title = div.querySelector<HTMLElement>(`[data-path="measures[${i}].title"]`);
  if (title) {
    title.dataset.describedby = note.id;
    title.setAttribute('aria-describedby', withId(title.getAttribute('aria-describedby'), note.id));
  }
}

/** Budget in baht; empty leaves it out, 0 prints ไม่ใช้งบประมาณ. */
function budgetField(m: MeasureForm, i: number): HTMLLabelElement {
  const label = document.createElement('label');
  label.textContent = 'งบประมาณ (บาท เช่น ๕๐,๐๐๐ หรือ 1.5 ล้าน, 0 = ไม่ใช้งบประมาณ, เว้นว่างได้) ';
  const { box, input } = numberField('amount', {
    path: `measures[${i}].budget`,
    get: () => m.budget,
    set: (v) => (v === undefined ? delete m.budget : (m.budget = v)),
  });
  input.setAttribute('aria-label', `งบประมาณ (บาท) มาตรการที่ ${thaiDigits(i + 1)}`);
  label.append(box);
  return label;
}

/** The whole form drawn for the file just opened or made. `yearChanged`: a year field was typed in. */
export function renderForm(yearChanged: () => void): void {
  // A file opened shows its first round of progress.
  state.round = null;
  state.report = null;
  // Another file: no text of the last one is waiting to be read.
  state.unreadable.clear();
  bindSimpleFields(yearChanged);
  renderScores();
  renderIssues('urgent');
  renderIssues('improve');
  renderMeasures();
  $('#form').hidden = false;
  $('#preview-pane').hidden = false;
}
