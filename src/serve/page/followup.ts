import { dateField, periodField, textField } from './controls.ts';
import { $, status, thaiDigits } from './dom.ts';
import { showFindings } from './findings.ts';
import { kind, renderKinds, setKind } from './preview.ts';
import { followupKindOf, ROUNDS, roundName, roundsOf } from './rounds.ts';
import { changed, form, state, type EvidenceForm, type MeasureProgressForm, type PeriodForm, type Round, type RoundForm, type StepForm } from './state.ts';

// ---- progress on the measures: the follow-up report ---------------------------------------------

// The status words the documents print, which the page writes; a file may also hold the short
// English codes, shown as the words.
const STATUS_WORDS = ['ดำเนินการแล้วเสร็จ', 'อยู่ระหว่างดำเนินการ', 'ยังไม่ได้ดำเนินการ'] as const;
const STATUS_CODES: Record<string, string> = { done: STATUS_WORDS[0], in_progress: STATUS_WORDS[1], not_started: STATUS_WORDS[2] };
const STEP_KEYS = ['status', 'result', 'when', 'evidence', 'problems', 'suggestions'];
const MEASURE_KEYS = ['steps', 'problems', 'suggestions'];

/** An entry with its keys in the documented order (others after), keys without a value left out. */
function tidy<T extends object>(entry: T, order: string[]): T {
  const values = { ...entry } as Record<string, unknown>;
  const keys = [...order, ...Object.keys(values).filter((k) => !order.includes(k))];
  // The same entry without its undefined values: still a T, whose keys are optional.
  return Object.fromEntries(keys.filter((k) => values[k] !== undefined).map((k) => [k, values[k]])) as T;
}

const stepOf = (r: Round, m: string, n: string): StepForm | undefined => state.raw?.followup?.[r]?.measures?.[m]?.steps?.[n];
const measureOf = (r: Round, m: string): MeasureProgressForm | undefined => state.raw?.followup?.[r]?.measures?.[m];

/**
 * Writes one key of a measure's progress (`n` null) or of a step's. An entry left with nothing in
 * it is removed, so that a step nobody touched stays absent (not started), and a measure with no
 * step given has no entry.
 */
function setProgress(r: Round, m: string, n: string | null, key: string, value: unknown): void {
  const round = form().followup![r]!;
  const measures = (round.measures ??= {});
  const measure: Record<string, unknown> = { ...(measures[m] ?? {}) };
  if (n === null) measure[key] = value;
  else {
    const steps: Record<string, StepForm> = { ...(measures[m]?.steps ?? {}) };
    // `key` is one of STEP_KEYS (or a key the file has besides), `value` what the field gives for it.
    const step = tidy({ ...(steps[n] ?? {}), [key]: value } as StepForm, STEP_KEYS);
    if (Object.keys(step).length === 0) delete steps[n];
    else steps[n] = step;
    measure.steps = Object.keys(steps).length === 0 ? undefined : steps;
  }
  // As for a step: a key of MEASURE_KEYS and the value its field gives.
  const tidied = tidy(measure as MeasureProgressForm, MEASURE_KEYS);
  if (Object.keys(tidied).length === 0) delete measures[m];
  else measures[m] = tidied;
}

/**
 * Measures or steps of §6 moved or removed: their progress follows them in every round (progress
 * of a removed one goes with it). `mapOf(round)` is the map by number to renumber.
 */
export function renumberProgress(order: number[], length: number, mapOf: (round: RoundForm) => Record<string, unknown> | undefined): void {
  for (const r of roundsOf()) {
    const round = roundOf(r);
    const old = round && mapOf(round);
    if (!old) continue;
    const renumbered: Record<string, unknown> = {};
    // Numbers past the list as it was (progress for a measure or step that did not exist: an error) stay.
    for (const [k, v] of Object.entries(old)) if (Number(k) > length) renumbered[k] = v;
    order.forEach((from, to) => {
      if (old[from + 1] !== undefined) renumbered[to + 1] = old[from + 1];
    });
    for (const k of Object.keys(old)) delete old[k];
    Object.assign(old, renumbered);
  }
}

const roundOf = (r: Round) => state.raw?.followup?.[r];

/** A text field of the progress part; empty leaves the key out. */
function progressText(labelText: string, aria: string, path: string, get: () => string | undefined, set: (value: string | undefined) => void): HTMLLabelElement {
  return textField(labelText, path, get, (value) => set(value.trim() === '' ? undefined : value), { rows: 2, aria });
}

interface EvidenceRow {
  /** The item as it is in the file; written back as it was while the row is not touched. */
  item: EvidenceForm | undefined;
  title: string;
  url: string;
  touched: boolean;
  titleInput?: HTMLInputElement;
  urlInput?: HTMLInputElement;
}

/**
 * A step's evidence: rows of a title and an optional web address, added and removed. A row with
 * nothing typed is not written; a title alone is written as text, with an address as {title, url};
 * rows the clerk did not touch are written back as they were.
 */
function evidenceField(r: Round, m: string, n: string, context: string): HTMLElement {
  const path = `followup.${r}.measures.${m}.steps.${n}.evidence`;
  const box = document.createElement('div');
  box.className = 'evidence';
  box.dataset.path = path;
  const title = document.createElement('span');
  title.className = 'field-name';
  title.textContent = 'หลักฐาน (ชื่อเอกสาร และที่อยู่เว็บถ้ามี)';
  const list = document.createElement('div');
  const rows: EvidenceRow[] = (stepOf(r, m, n)?.evidence ?? []).map((item) => ({
    item,
    title: typeof item === 'string' ? item : (item?.title ?? ''),
    url: typeof item === 'object' && item !== null ? (item.url ?? '') : '',
    touched: false,
  }));
  const written = (row: EvidenceRow): EvidenceForm | undefined => {
    if (!row.touched) return row.item;
    const t = row.title.trim() === '' ? undefined : row.title;
    const url = row.url.trim() === '' ? undefined : row.url.trim();
    if (url === undefined && t !== undefined && !(typeof row.item === 'object' && row.item !== null)) return t;
    return { ...(t !== undefined && { title: t }), ...(url !== undefined && { url }) };
  };
  const filled = (row: EvidenceRow) => !row.touched || row.title.trim() !== '' || row.url.trim() !== '';
  /**
   * Gives each filled row the path its finding will name and, with `write`, writes the rows into the
   * data (drawing alone writes nothing: opening a file changes nothing in it).
   */
  const sync = (write = true) => {
    const items: (EvidenceForm | undefined)[] = [];
    for (const row of rows) {
      if (filled(row)) {
        row.titleInput?.setAttribute('data-path', `${path}[${items.length}].title`);
        row.urlInput?.setAttribute('data-path', `${path}[${items.length}].url`);
        items.push(written(row));
      } else {
        row.titleInput?.removeAttribute('data-path');
        row.urlInput?.removeAttribute('data-path');
      }
    }
    if (write) setProgress(r, m, n, 'evidence', items.length === 0 ? undefined : items);
  };
  const draw = () => {
    list.replaceChildren();
    rows.forEach((row, i) => {
      const div = document.createElement('div');
      div.className = 'evidence-row';
      const no = `หลักฐานที่ ${thaiDigits(i + 1)}`;
      const field = (name: string, key: 'title' | 'url', type: string, placeholder: string) => {
        const input = document.createElement('input');
        Object.assign(input, { type, placeholder, value: row[key] });
        input.setAttribute('aria-label', `${name} ${no} ${context}`);
        input.oninput = () => {
          row[key] = input.value;
          row.touched = true;
          sync();
          changed();
        };
        div.append(input);
        return input;
      };
      const number = document.createElement('span');
      number.textContent = `${thaiDigits(i + 1)}.`;
      div.append(number);
      row.titleInput = field('ชื่อหลักฐาน', 'title', 'text', 'ชื่อหลักฐาน เช่น หนังสือแจ้งเวียน ที่ …');
      row.urlInput = field('ที่อยู่เว็บ', 'url', 'url', 'ที่อยู่เว็บ (ถ้ามี) https://…');
      const remove = document.createElement('button');
      Object.assign(remove, { type: 'button', textContent: 'ลบ', title: 'ลบหลักฐานนี้' });
      remove.setAttribute('aria-label', `ลบ${no} ${context}`);
      remove.onclick = () => {
        if ((row.title.trim() !== '' || row.url.trim() !== '') && !confirm(`ลบ${no} ${context} หรือไม่ (delete this evidence?)`)) return;
        rows.splice(i, 1);
        draw();
        sync();
        changed();
        (rows[i]?.titleInput ?? add).focus();
      };
      div.append(remove);
      list.append(div);
    });
    sync(false);
  };
  const add = document.createElement('button');
  Object.assign(add, { type: 'button', textContent: '+ เพิ่มหลักฐาน' });
  add.setAttribute('aria-label', `เพิ่มหลักฐาน ${context}`);
  add.onclick = () => {
    rows.push({ item: undefined, title: '', url: '', touched: true });
    draw();
    // The keyboard goes on in the new row.
    rows.at(-1)?.titleInput?.focus();
  };
  box.append(title, list, add);
  draw();
  return box;
}

/** Two fields side by side (problems and suggestions). */
function pairOf(a: HTMLElement, b: HTMLElement): HTMLElement {
  const div = document.createElement('div');
  div.className = 'pair';
  div.append(a, b);
  return div;
}

/** A step's status, result, when, evidence, problems and suggestions in round `r`. */
function stepProgress(r: Round, m: string, n: string, text: string): HTMLElement {
  const context = `มาตรการที่ ${thaiDigits(m)} ขั้นตอนที่ ${thaiDigits(n)}`;
  const path = `followup.${r}.measures.${m}.steps.${n}`;
  const box = document.createElement('div');
  box.className = 'row step';
  box.dataset.path = path;
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', context);
  const heading = document.createElement('p');
  heading.className = 'step-text';
  const no = document.createElement('strong');
  no.textContent = `ขั้นตอนที่ ${thaiDigits(n)} `;
  const words = document.createElement('span');
  words.dataset.stepText = `${m}.${n}`;
  words.textContent = text;
  heading.append(no, words);
  box.append(heading);

  const statusLabel = document.createElement('label');
  statusLabel.textContent = 'สถานะ ';
  const select = document.createElement('select');
  select.dataset.path = `${path}.status`;
  select.setAttribute('aria-label', `สถานะ ${context}`);
  select.append(new Option('— ยังไม่ระบุ (นับเป็นยังไม่ได้ดำเนินการ) —', ''), ...STATUS_WORDS.map((w) => new Option(w, w)));
  const status = stepOf(r, m, n)?.status;
  select.value = (status === undefined ? undefined : STATUS_CODES[status]) ?? status ?? '';
  select.onchange = () => {
    setProgress(r, m, n, 'status', select.value === '' ? undefined : select.value);
    changed();
  };
  statusLabel.append(select);
  const field = <K extends keyof StepForm>(key: K): [() => StepForm[K], (v: StepForm[K]) => void] => [() => stepOf(r, m, n)?.[key], (v) => setProgress(r, m, n, key, v)];
  const [getWhen, setWhen] = field('when');
  const line = document.createElement('div');
  line.className = 'step-line';
  line.append(statusLabel, periodField({ path: `${path}.when`, label: 'เมื่อ ', get: getWhen, set: (v: PeriodForm | undefined) => setWhen(v), context }));
  box.append(line);
  box.append(progressText('ผลการดำเนินการ', `ผลการดำเนินการ ${context}`, `${path}.result`, ...field('result')));
  box.append(evidenceField(r, m, n, context));
  box.append(
    pairOf(
      progressText('ปัญหาอุปสรรค', `ปัญหาอุปสรรค ${context}`, `${path}.problems`, ...field('problems')),
      progressText('ข้อเสนอแนะ', `ข้อเสนอแนะ ${context}`, `${path}.suggestions`, ...field('suggestions')),
    ),
  );
  return box;
}

/** The round chooser, the rounds to add, and the chosen round's progress by measure and step. */
export function renderFollowup(): void {
  const raw = form();
  const bar = $('#followup-rounds');
  const box = $('#followup');
  bar.replaceChildren();
  box.replaceChildren();
  delete box.dataset.path;
  const rounds = roundsOf();
  if (state.round === null || !rounds.includes(state.round)) state.round = rounds[0] ?? null;
  if (rounds.length > 0) {
    const label = document.createElement('label');
    label.textContent = 'รอบที่กรอก ';
    const select = document.createElement('select');
    select.id = 'followup-round';
    for (const r of rounds) select.append(new Option(roundName(r), r));
    select.value = state.round ?? '';
    select.onchange = () => {
      // One of the rounds just listed.
      state.round = select.value as Round;
      renderFollowup();
      // The preview follows the round when it shows a follow-up report.
      if (kind().startsWith('followup-')) setKind(followupKindOf(state.round));
      $('#followup-round').focus();
    };
    label.append(select);
    bar.append(label);
  }
  for (const r of ROUNDS.filter((x) => !rounds.includes(x))) {
    const add = document.createElement('button');
    Object.assign(add, { type: 'button', textContent: `+ เพิ่ม${roundName(r)}` });
    add.dataset.addRound = r;
    add.onclick = () => addRound(r);
    bar.append(add);
  }
  if (state.round) {
    const round = state.round;
    const remove = document.createElement('button');
    Object.assign(remove, { type: 'button', textContent: `ลบ${roundName(round)}`, title: 'ลบผลการดำเนินการทั้งรอบออกจากไฟล์' });
    remove.onclick = () => {
      if (!confirm(`ลบผลการดำเนินการ${roundName(round)}ทั้งหมดออกจากไฟล์หรือไม่`)) return;
      const followup = form().followup ?? {};
      delete followup[round];
      // Text of the round that could not be read goes with the round.
      for (const path of [...state.unreadable.keys()]) if (path.startsWith(`followup.${round}.`)) state.unreadable.delete(path);
      if (Object.keys(followup).length === 0) delete form().followup;
      renderFollowup();
      changed();
    };
    bar.append(remove);
  }
  renderKinds();
  if (!state.round) {
    const none = document.createElement('p');
    none.className = 'hint';
    none.textContent = 'ยังไม่มีผลการดำเนินการในไฟล์นี้: เพิ่มรอบเพื่อกรอกผลของแต่ละขั้นตอน';
    box.append(none);
    return;
  }
  const r = state.round;
  box.dataset.path = `followup.${r}.measures`;
  const asOf = document.createElement('label');
  asOf.textContent = `ข้อมูล ณ วันที่ (เว้นว่างได้: ใช้วันสิ้นรอบ ${r === '6' ? '๓๑ มีนาคม' : '๓๐ กันยายน'}) `;
  const { box: date } = dateField({
    path: `followup.${r}.as_of`,
    get: () => roundOf(r)?.as_of,
    set: (v) => {
      const followup = form().followup ?? {};
      followup[r] = tidy({ ...followup[r], as_of: v }, ['as_of', 'measures']);
    },
  });
  date.firstElementChild?.setAttribute('aria-label', `ข้อมูล ณ วันที่ ${roundName(r)}`);
  asOf.append(date);
  box.append(asOf);
  const measures = Array.isArray(raw.measures) ? raw.measures : [];
  measures.forEach((measure, i) => {
    const m = String(i + 1);
    const context = `มาตรการที่ ${thaiDigits(m)}`;
    const div = document.createElement('div');
    div.className = 'row measure-progress';
    div.dataset.path = `followup.${r}.measures.${m}`;
    div.setAttribute('role', 'group');
    div.setAttribute('aria-label', context);
    const heading = document.createElement('h3');
    heading.append(`${context} `);
    const title = document.createElement('span');
    title.dataset.measureTitle = m;
    title.textContent = measure?.title ?? '';
    heading.append(title);
    div.append(heading);
    (Array.isArray(measure?.steps) ? measure.steps : []).forEach((text, k) => div.append(stepProgress(r, m, String(k + 1), String(text ?? ''))));
    const field = (key: 'problems' | 'suggestions'): [() => string | undefined, (v: string | undefined) => void] => [() => measureOf(r, m)?.[key], (v) => setProgress(r, m, null, key, v)];
    div.append(
      pairOf(
        progressText('ปัญหาอุปสรรคของมาตรการ', `ปัญหาอุปสรรคของมาตรการ ${context}`, `followup.${r}.measures.${m}.problems`, ...field('problems')),
        progressText('ข้อเสนอแนะของมาตรการ', `ข้อเสนอแนะของมาตรการ ${context}`, `followup.${r}.measures.${m}.suggestions`, ...field('suggestions')),
      ),
    );
    box.append(div);
  });
  if (measures.length === 0) {
    const none = document.createElement('p');
    none.className = 'hint';
    none.textContent = 'ยังไม่มีมาตรการในหัวข้อ ๖';
    box.append(none);
  }
  // Findings of the fields just drawn.
  if (state.report) showFindings(state.report);
}

/** A round not in the file yet: added empty (every step not started), chosen, and previewed. */
function addRound(r: Round): void {
  const raw = form();
  const followup = (raw.followup ??= {});
  followup[r] = { measures: {} };
  // Six months before twelve, whatever was added first.
  raw.followup = Object.fromEntries(ROUNDS.filter((x) => followup[x] != null).map((x) => [x, followup[x]]));
  state.round = r;
  renderFollowup();
  setKind(followupKindOf(r), false);
  status(`เพิ่ม${roundName(r)}แล้ว: เลือกสถานะของแต่ละขั้นตอน`);
  $('#followup-round').focus();
  changed();
}

/** Titles of measures and texts of steps typed in §6 show at once in the progress part. */
export function refreshFollowupLabels(): void {
  const measures = state.raw?.measures;
  for (const el of document.querySelectorAll<HTMLElement>('[data-measure-title]')) el.textContent = measures?.[Number(el.dataset.measureTitle) - 1]?.title ?? '';
  for (const el of document.querySelectorAll<HTMLElement>('[data-step-text]')) {
    const [m = 0, n = 0] = (el.dataset.stepText ?? '').split('.').map(Number);
    el.textContent = String(measures?.[m - 1]?.steps?.[n - 1] ?? '');
  }
}
