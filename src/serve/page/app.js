// The clerk's page: a form over one data file. Every change is checked by the server with the same
// rules as `ita-report check`, findings are shown beside their fields, and the PDF preview is
// rendered again shortly after the clerk stops typing.

const $ = (selector) => document.querySelector(selector);
const thaiDigits = (s) => String(s).replace(/[0-9]/g, (d) => '๐๑๒๓๔๕๖๗๘๙'[Number(d)]);

const state = { path: '', raw: null, create: false, framework: null, previewUrl: null, round: null, report: null };

async function api(method, url, body, signal) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!res.ok && res.status !== 422) {
    const error = await res.json().catch(() => ({ error: { th: res.statusText, en: '' } }));
    throw new Error(`${error.error.th} (${error.error.en})`);
  }
  return res;
}

function status(text) {
  $('#status').textContent = text;
}

// ---- reading and writing the form -------------------------------------------------------------

function getIn(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function setIn(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  const last = keys[keys.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = value;
}

function valueOf(input) {
  const text = input.value.trim();
  if (text === '') return undefined;
  if (input.dataset.type === 'int') return Number.parseInt(text, 10);
  if (input.dataset.type === 'num') return Number(text);
  return input.value;
}

function bindSimpleFields() {
  for (const input of document.querySelectorAll('#form > fieldset > label > input[data-path]')) {
    const value = getIn(state.raw, input.dataset.path);
    input.value = value == null ? '' : String(value);
    input.oninput = () => {
      setIn(state.raw, input.dataset.path, valueOf(input));
      if (input.dataset.path === 'fiscal_year' || input.dataset.path === 'assessment_year') yearChanged();
      changed();
    };
  }
}

/** The framework (indicator names) follows the assessment year. */
let yearTimer;
function yearChanged() {
  clearTimeout(yearTimer);
  yearTimer = setTimeout(async () => {
    await useFramework(state.raw.framework ?? state.raw.assessment_year ?? Number(state.raw.fiscal_year) - 1);
    renderScores();
    renderIssues('urgent');
    renderIssues('improve');
  }, 400);
}

function renderScores() {
  const box = $('#scores');
  box.replaceChildren();
  const indicators = state.framework?.indicators ?? Array.from({ length: 10 }, (_, i) => ({ number: i + 1, name: '' }));
  state.raw.scores ??= {};
  for (const ind of indicators) {
    const label = document.createElement('label');
    label.textContent = `ตัวชี้วัดที่ ${thaiDigits(ind.number)} ${ind.name}`;
    const input = document.createElement('input');
    Object.assign(input, { type: 'number', step: '0.01', min: '0', max: '100' });
    input.dataset.path = `scores.${ind.number}`;
    input.dataset.type = 'num';
    const value = state.raw.scores[ind.number];
    input.value = value == null ? '' : String(value);
    input.oninput = () => {
      const v = valueOf(input);
      if (v === undefined) delete state.raw.scores[ind.number];
      else state.raw.scores[ind.number] = v;
      changed();
    };
    label.append(input);
    box.append(label);
  }
}

/**
 * A row of a list section with move up / move down / remove. `moved`, when given, is told where
 * each row came from (`order[new index] = old index`) and how many rows there were, so that what
 * refers to rows by number (the progress of measures and steps) follows them.
 */
function rowTools(list, index, rerender, moved) {
  const tools = document.createElement('span');
  tools.className = 'tools';
  const button = (text, title, action) => {
    const b = document.createElement('button');
    Object.assign(b, { type: 'button', textContent: text, title });
    b.onclick = () => {
      const order = list.map((_, i) => i);
      const length = order.length;
      action(list);
      action(order);
      moved?.(order, length);
      rerender();
      changed();
    };
    tools.append(b);
  };
  button('↑', 'เลื่อนขึ้น', (a) => index > 0 && a.splice(index - 1, 0, ...a.splice(index, 1)));
  button('↓', 'เลื่อนลง', (a) => index < a.length - 1 && a.splice(index + 1, 0, ...a.splice(index, 1)));
  button('ลบ', 'ลบรายการนี้', (a) => a.splice(index, 1));
  return tools;
}

function textField(labelText, path, get, set, multiline = false) {
  const label = document.createElement('label');
  label.textContent = labelText;
  const input = document.createElement(multiline ? 'textarea' : 'input');
  if (!multiline) input.type = 'text';
  input.rows = 3;
  input.dataset.path = path;
  input.value = get() ?? '';
  input.oninput = () => {
    set(input.value);
    changed();
  };
  label.append(input);
  return label;
}

function renderIssues(section) {
  const box = $(`#${section}`);
  box.replaceChildren();
  const list = (state.raw[section] ??= []);
  list.forEach((row, i) => {
    const div = document.createElement('div');
    div.className = 'row';
    div.append(rowTools(list, i, () => renderIssues(section)));
    const label = document.createElement('label');
    label.textContent = 'ตัวชี้วัด';
    const select = document.createElement('select');
    select.dataset.path = `${section}[${i}].indicator`;
    for (const ind of state.framework?.indicators ?? []) select.append(new Option(`${thaiDigits(ind.number)}. ${ind.name}`, String(ind.number)));
    select.value = String(row.indicator ?? '');
    select.onchange = () => {
      row.indicator = Number(select.value);
      changed();
    };
    label.append(select);
    div.append(label);
    div.append(
      textField('ประเด็น (บรรทัดละหนึ่งข้อ)', `${section}[${i}].points`, () => (row.points ?? []).join('\n'), (v) => (row.points = v.split('\n').filter((l) => l.trim() !== '')), true),
    );
    box.append(div);
  });
}

function renderMeasures() {
  const box = $('#measures');
  box.replaceChildren();
  const list = (state.raw.measures ??= []);
  list.forEach((m, i) => {
    const div = document.createElement('div');
    div.className = 'row';
    div.append(rowTools(list, i, renderMeasures, (order, length) => renumberProgress(order, length, (round) => round.measures)));
    div.append(textField(`มาตรการที่ ${thaiDigits(i + 1)}`, `measures[${i}].title`, () => m.title, (v) => (m.title = v)));
    m.steps ??= [];
    m.steps.forEach((step, k) => {
      const stepRow = document.createElement('div');
      stepRow.className = 'row';
      stepRow.append(rowTools(m.steps, k, renderMeasures, (order, length) => renumberProgress(order, length, (round) => round.measures?.[i + 1]?.steps)));
      stepRow.append(textField(`ขั้นตอนที่ ${thaiDigits(k + 1)}`, `measures[${i}].steps[${k}]`, () => step, (v) => (m.steps[k] = v), true));
      div.append(stepRow);
    });
    const addStep = document.createElement('button');
    Object.assign(addStep, { type: 'button', textContent: '+ เพิ่มขั้นตอน' });
    addStep.onclick = () => {
      m.steps.push('');
      renderMeasures();
      changed();
    };
    div.append(addStep);
    div.append(textField('ผู้รับผิดชอบ', `measures[${i}].owner`, () => m.owner, (v) => (m.owner = v)));
    div.append(
      budgetField(m, i),
      periodField({
        path: `measures[${i}].period`,
        label: 'ระยะเวลาดำเนินการ ',
        get: () => m.period,
        set: (v) => (v === undefined ? delete m.period : (m.period = v)),
      }),
    );
    div.append(textField('การกำกับติดตาม', `measures[${i}].monitoring`, () => m.monitoring, (v) => (m.monitoring = v)));
    box.append(div);
  });
  // The progress part lists the measures and steps of §6: it follows them.
  renderFollowup();
}

/** Budget in baht; empty leaves it out, 0 prints ไม่ใช้งบประมาณ. */
function budgetField(m, i) {
  const label = document.createElement('label');
  label.textContent = 'งบประมาณ (บาท, 0 = ไม่ใช้งบประมาณ, เว้นว่างได้)';
  const input = document.createElement('input');
  Object.assign(input, { type: 'number', min: '0', step: '0.01' });
  input.dataset.path = `measures[${i}].budget`;
  input.value = m.budget == null ? '' : String(m.budget);
  input.oninput = () => {
    if (input.value.trim() === '') delete m.budget;
    else m.budget = Number(input.value);
    changed();
  };
  label.append(input);
  return label;
}

/**
 * A period (a measure's `period`, a step's `when`): none, a quarter of the fiscal year, dates
 * from–to, or free text. Nothing is written until something is chosen or typed: dates not given
 * and empty text leave the key out. `context` names the field for a screen reader.
 */
function periodField({ path, label: labelText, get, set, context = '' }) {
  const box = document.createElement('div');
  box.className = 'period';
  box.dataset.path = path;
  const label = document.createElement('label');
  label.textContent = labelText;
  const kindOf = (p) => (p == null ? '' : typeof p === 'string' ? 'text' : 'quarter' in p ? 'quarter' : 'dates');
  const select = document.createElement('select');
  if (context) select.setAttribute('aria-label', `${labelText.trim()} ${context}`);
  for (const [value, text] of [['', '— ไม่ระบุ —'], ['quarter', 'ไตรมาสของปีงบประมาณ'], ['dates', 'ช่วงวันที่'], ['text', 'ข้อความ']]) select.append(new Option(text, value));
  select.value = kindOf(get());
  label.append(select);
  box.append(label);
  const detail = document.createElement('span');
  box.append(detail);
  const named = (input, name) => context && input.setAttribute('aria-label', `${name} ${context}`);
  const draw = () => {
    detail.replaceChildren();
    const kind = select.value;
    const p = get();
    if (kind === 'quarter') {
      const q = document.createElement('select');
      named(q, 'ไตรมาส');
      for (const n of [1, 2, 3, 4]) q.append(new Option(`ไตรมาสที่ ${thaiDigits(n)}`, String(n)));
      q.value = String(p?.quarter ?? 1);
      q.onchange = () => {
        set({ quarter: Number(q.value) });
        changed();
      };
      detail.append(q);
    } else if (kind === 'dates') {
      const dates = {};
      for (const key of ['from', 'to']) {
        const d = document.createElement('input');
        d.type = 'date';
        named(d, key === 'from' ? 'ตั้งแต่วันที่' : 'ถึงวันที่');
        d.value = typeof p === 'object' && p !== null ? (p[key] ?? '') : '';
        dates[key] = d;
        d.oninput = () => {
          const value = Object.fromEntries(['from', 'to'].filter((k) => dates[k]?.value).map((k) => [k, dates[k].value]));
          set(Object.keys(value).length === 0 ? undefined : value);
          changed();
        };
        detail.append(key === 'from' ? 'ตั้งแต่ ' : ' ถึง ', d);
      }
    } else if (kind === 'text') {
      const t = document.createElement('input');
      t.type = 'text';
      named(t, labelText.trim());
      t.value = typeof p === 'string' ? p : '';
      t.oninput = () => {
        set(t.value.trim() === '' ? undefined : t.value);
        changed();
      };
      detail.append(t);
    }
  };
  select.onchange = () => {
    const kind = select.value;
    // A quarter has a value at once (ไตรมาสที่ ๑); dates and text wait until they are typed.
    set(kind === 'quarter' ? { quarter: 1 } : undefined);
    draw();
    changed();
  };
  draw();
  return box;
}

function renderForm() {
  // A file opened shows its first round of progress.
  state.round = null;
  state.report = null;
  bindSimpleFields();
  renderScores();
  renderIssues('urgent');
  renderIssues('improve');
  renderMeasures();
  $('#form').hidden = false;
  $('#preview-pane').hidden = false;
}

// ---- progress on the measures: the follow-up report ---------------------------------------------

// Rounds of the follow-up report (followup."6", followup."12") and the status words the documents
// print, which the page writes; a file may also hold the short English codes, shown as the words.
const ROUNDS = ['6', '12'];
const STATUS_WORDS = ['ดำเนินการแล้วเสร็จ', 'อยู่ระหว่างดำเนินการ', 'ยังไม่ได้ดำเนินการ'];
const STATUS_CODES = { done: STATUS_WORDS[0], in_progress: STATUS_WORDS[1], not_started: STATUS_WORDS[2] };
const STEP_KEYS = ['status', 'result', 'when', 'evidence', 'problems', 'suggestions'];
const MEASURE_KEYS = ['steps', 'problems', 'suggestions'];
const roundName = (r) => `รอบ ${thaiDigits(r)} เดือน`;
const followupKindOf = (r) => `followup-${r}-months`;
const roundsOf = () => ROUNDS.filter((r) => state.raw.followup?.[r] != null);

/** An entry with its keys in the documented order (others after), keys without a value left out. */
function tidy(entry, order) {
  const keys = [...order, ...Object.keys(entry).filter((k) => !order.includes(k))];
  return Object.fromEntries(keys.filter((k) => entry[k] !== undefined).map((k) => [k, entry[k]]));
}

const stepOf = (r, m, n) => state.raw.followup?.[r]?.measures?.[m]?.steps?.[n];
const measureOf = (r, m) => state.raw.followup?.[r]?.measures?.[m];

/**
 * Writes one key of a measure's progress (`n` null) or of a step's. An entry left with nothing in
 * it is removed, so that a step nobody touched stays absent (not started), and a measure with no
 * step given has no entry.
 */
function setProgress(r, m, n, key, value) {
  const round = state.raw.followup[r];
  const measures = (round.measures ??= {});
  const measure = { ...(measures[m] ?? {}) };
  if (n === null) measure[key] = value;
  else {
    const steps = { ...(measure.steps ?? {}) };
    const step = tidy({ ...(steps[n] ?? {}), [key]: value }, STEP_KEYS);
    if (Object.keys(step).length === 0) delete steps[n];
    else steps[n] = step;
    measure.steps = Object.keys(steps).length === 0 ? undefined : steps;
  }
  const tidied = tidy(measure, MEASURE_KEYS);
  if (Object.keys(tidied).length === 0) delete measures[m];
  else measures[m] = tidied;
}

/**
 * Measures or steps of §6 moved or removed: their progress follows them in every round (progress
 * of a removed one goes with it). `mapOf(round)` is the map by number to renumber.
 */
function renumberProgress(order, length, mapOf) {
  for (const r of roundsOf()) {
    const round = state.raw.followup[r];
    const old = mapOf(round);
    if (!old) continue;
    const renumbered = {};
    // Numbers past the list as it was (progress for a measure or step that did not exist: an error) stay.
    for (const [k, v] of Object.entries(old)) if (Number(k) > length) renumbered[k] = v;
    order.forEach((from, to) => {
      if (old[from + 1] !== undefined) renumbered[to + 1] = old[from + 1];
    });
    for (const k of Object.keys(old)) delete old[k];
    Object.assign(old, renumbered);
  }
}

/** A text field of the progress part; empty leaves the key out. */
function progressText(labelText, aria, path, get, set, multiline = true) {
  const label = document.createElement('label');
  label.textContent = labelText;
  const input = document.createElement(multiline ? 'textarea' : 'input');
  if (multiline) input.rows = 2;
  else input.type = 'text';
  input.dataset.path = path;
  input.setAttribute('aria-label', aria);
  input.value = get() ?? '';
  input.oninput = () => {
    set(input.value.trim() === '' ? undefined : input.value);
    changed();
  };
  label.append(input);
  return label;
}

/**
 * A step's evidence: rows of a title and an optional web address, added and removed. A row with
 * nothing typed is not written; a title alone is written as text, with an address as {title, url};
 * rows the clerk did not touch are written back as they were.
 */
function evidenceField(r, m, n, context) {
  const path = `followup.${r}.measures.${m}.steps.${n}.evidence`;
  const box = document.createElement('div');
  box.className = 'evidence';
  box.dataset.path = path;
  const title = document.createElement('span');
  title.className = 'field-name';
  title.textContent = 'หลักฐาน (ชื่อเอกสาร และที่อยู่เว็บถ้ามี)';
  const list = document.createElement('div');
  const rows = (stepOf(r, m, n)?.evidence ?? []).map((item) => ({
    item,
    title: typeof item === 'string' ? item : (item?.title ?? ''),
    url: typeof item === 'object' && item !== null ? (item.url ?? '') : '',
    touched: false,
  }));
  const written = (row) => {
    if (!row.touched) return row.item;
    const t = row.title.trim() === '' ? undefined : row.title;
    const url = row.url.trim() === '' ? undefined : row.url.trim();
    if (url === undefined && t !== undefined && !(typeof row.item === 'object' && row.item !== null)) return t;
    return { ...(t !== undefined && { title: t }), ...(url !== undefined && { url }) };
  };
  const filled = (row) => !row.touched || row.title.trim() !== '' || row.url.trim() !== '';
  /**
   * Gives each filled row the path its finding will name and, with `write`, writes the rows into the
   * data (drawing alone writes nothing: opening a file changes nothing in it).
   */
  const sync = (write = true) => {
    const items = [];
    for (const row of rows) {
      if (filled(row)) {
        row.titleInput.dataset.path = `${path}[${items.length}].title`;
        row.urlInput.dataset.path = `${path}[${items.length}].url`;
        items.push(written(row));
      } else {
        delete row.titleInput.dataset.path;
        delete row.urlInput.dataset.path;
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
      const field = (name, key, type, placeholder) => {
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
    rows[rows.length - 1].titleInput.focus();
  };
  box.append(title, list, add);
  draw();
  return box;
}

/** Two fields side by side (problems and suggestions). */
function pairOf(a, b) {
  const div = document.createElement('div');
  div.className = 'pair';
  div.append(a, b);
  return div;
}

/** A step's status, result, when, evidence, problems and suggestions in round `r`. */
function stepProgress(r, m, n, text) {
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
  select.value = STATUS_CODES[status] ?? status ?? '';
  select.onchange = () => {
    setProgress(r, m, n, 'status', select.value === '' ? undefined : select.value);
    changed();
  };
  statusLabel.append(select);
  const field = (key) => [() => stepOf(r, m, n)?.[key], (v) => setProgress(r, m, n, key, v)];
  const [getWhen, setWhen] = field('when');
  const line = document.createElement('div');
  line.className = 'step-line';
  line.append(statusLabel, periodField({ path: `${path}.when`, label: 'เมื่อ ', get: getWhen, set: setWhen, context }));
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
function renderFollowup() {
  const bar = $('#followup-rounds');
  const box = $('#followup');
  bar.replaceChildren();
  box.replaceChildren();
  delete box.dataset.path;
  const rounds = roundsOf();
  if (!rounds.includes(state.round)) state.round = rounds[0] ?? null;
  if (rounds.length > 0) {
    const label = document.createElement('label');
    label.textContent = 'รอบที่กรอก ';
    const select = document.createElement('select');
    select.id = 'followup-round';
    for (const r of rounds) select.append(new Option(roundName(r), r));
    select.value = state.round;
    select.onchange = () => {
      state.round = select.value;
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
    const remove = document.createElement('button');
    Object.assign(remove, { type: 'button', textContent: `ลบ${roundName(state.round)}`, title: 'ลบผลการดำเนินการทั้งรอบออกจากไฟล์' });
    remove.onclick = () => {
      if (!confirm(`ลบผลการดำเนินการ${roundName(state.round)}ทั้งหมดออกจากไฟล์หรือไม่`)) return;
      delete state.raw.followup[state.round];
      if (Object.keys(state.raw.followup).length === 0) delete state.raw.followup;
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
  const date = document.createElement('input');
  date.type = 'date';
  date.dataset.path = `followup.${r}.as_of`;
  date.setAttribute('aria-label', `ข้อมูล ณ วันที่ ${roundName(r)}`);
  date.value = state.raw.followup[r].as_of ?? '';
  date.oninput = () => {
    const round = state.raw.followup[r];
    state.raw.followup[r] = tidy({ ...round, as_of: date.value === '' ? undefined : date.value }, ['as_of', 'measures']);
    changed();
  };
  asOf.append(date);
  box.append(asOf);
  const measures = Array.isArray(state.raw.measures) ? state.raw.measures : [];
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
    const field = (key) => [() => measureOf(r, m)?.[key], (v) => setProgress(r, m, null, key, v)];
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
function addRound(r) {
  state.raw.followup ??= {};
  state.raw.followup[r] = { measures: {} };
  // Six months before twelve, whatever was added first.
  state.raw.followup = Object.fromEntries(ROUNDS.filter((x) => state.raw.followup[x] != null).map((x) => [x, state.raw.followup[x]]));
  state.round = r;
  renderFollowup();
  setKind(followupKindOf(r), false);
  status(`เพิ่ม${roundName(r)}แล้ว: เลือกสถานะของแต่ละขั้นตอน`);
  $('#followup-round').focus();
  changed();
}

/** Titles of measures and texts of steps typed in §6 show at once in the progress part. */
function refreshFollowupLabels() {
  for (const el of document.querySelectorAll('[data-measure-title]')) el.textContent = state.raw.measures?.[Number(el.dataset.measureTitle) - 1]?.title ?? '';
  for (const el of document.querySelectorAll('[data-step-text]')) {
    const [m, n] = el.dataset.stepText.split('.').map(Number);
    el.textContent = String(state.raw.measures?.[m - 1]?.steps?.[n - 1] ?? '');
  }
}

// ---- which document the preview shows --------------------------------------------------------------

/** The report, the announcement, and the follow-up report of each round the form has. */
function renderKinds() {
  const box = $('#kinds');
  const current = kind();
  for (const old of box.querySelectorAll('label.followup-kind')) old.remove();
  for (const r of roundsOf()) {
    const label = document.createElement('label');
    label.className = 'followup-kind';
    const radio = Object.assign(document.createElement('input'), { type: 'radio', name: 'kind', value: followupKindOf(r) });
    label.append(radio, ` ผลการดำเนินการ${roundName(r)}`);
    box.append(label);
  }
  // A round that is gone: back to the report.
  if (!setKind(current, false)) setKind('report', current.startsWith('followup-'));
}

/** Chooses the document of the preview; false when the form has no such document. */
function setKind(value, show = true) {
  const radio = document.querySelector(`input[name=kind][value="${CSS.escape(value)}"]`);
  if (!radio) return false;
  if (!radio.checked) {
    radio.checked = true;
    if (show && state.raw) preview();
  }
  return true;
}

// ---- findings beside their fields --------------------------------------------------------------

/** `measures[2].steps[0]` → `measures[2].steps` → `measures[2]` → `measures` → ''. */
function parentPath(path) {
  const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
  return parent === path ? '' : parent;
}

function showFindings(report) {
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
    let field = null;
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

// ---- checking, preview, download, save ------------------------------------------------------------

let checkTimer;
let previewTimer;
function changed() {
  $('#save').disabled = false;
  refreshFollowupLabels();
  clearTimeout(checkTimer);
  clearTimeout(previewTimer);
  checkTimer = setTimeout(check, 250);
  previewTimer = setTimeout(preview, 1200);
}

async function check() {
  const res = await api('POST', '/api/check', { raw: state.raw, path: state.path });
  showFindings(await res.json());
}

const kind = () => document.querySelector('input[name=kind]:checked').value;

async function render(format, signal) {
  const res = await api('POST', '/api/render', { raw: state.raw, kind: kind(), format, path: state.path }, signal);
  if (res.status === 422) {
    const answer = await res.json();
    // A document the data cannot make (a round it does not have), said as such.
    if (answer.error) {
      status(`${answer.error.th} (${answer.error.en})`);
      return null;
    }
    showFindings(answer);
    status('แก้ข้อผิดพลาดก่อนจึงจะแสดงเอกสารได้');
    return null;
  }
  return res.blob();
}

// A preview that is not wanted any more (the clerk typed on) is called off, so that the server
// drops it from its queue instead of rendering every state of the form one after the other.
let previewing = null;

async function preview() {
  previewing?.abort();
  const controller = new AbortController();
  previewing = controller;
  status('กำลังสร้างตัวอย่าง…');
  const blob = await render('pdf', controller.signal).catch((e) => (controller.signal.aborted ? null : status(e.message)));
  if (!blob || controller.signal.aborted) return;
  previewing = null;
  if (state.previewUrl) URL.revokeObjectURL(state.previewUrl);
  state.previewUrl = URL.createObjectURL(blob);
  $('#preview').src = state.previewUrl;
  status('');
}

async function download(format) {
  const blob = await render(format).catch((e) => status(e.message));
  if (!blob) return;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${kind()}.${format}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

async function save() {
  const res = await api('POST', '/api/save', { path: state.path, raw: state.raw, create: state.create }).catch((e) => {
    status(e.message);
    return null;
  });
  if (!res) return;
  state.create = false;
  showFindings(await res.json());
  $('#save').disabled = true;
  status(`บันทึกแล้ว ${state.path}`);
  await loadFileList(state.path);
}

/**
 * The framework whose indicator names label the form. A new file (`fallback`) whose assessment year
 * has no framework yet gets the latest one before it, stated in the file after assessment_year;
 * the notice that says so is returned for the status line.
 */
async function useFramework(year, fallback = false) {
  const res = await fetch(`/api/framework?year=${encodeURIComponent(year)}${fallback ? '&fallback=1' : ''}`);
  state.framework = res.ok ? await res.json() : null;
  const notice = state.framework?.notice;
  if (!fallback || !notice) return '';
  state.raw = Object.fromEntries(Object.entries(state.raw).flatMap(([k, v]) => (k === 'assessment_year' ? [[k, v], ['framework', state.framework.year]] : [[k, v]])));
  return ` · ${notice.th} (${notice.en})`;
}

async function open(path) {
  const res = await api('GET', `/api/file?path=${encodeURIComponent(path)}`);
  const file = await res.json();
  state.path = path;
  state.create = false;
  state.raw = file.raw ?? {};
  await useFramework(state.raw.framework ?? state.raw.assessment_year ?? Number(state.raw.fiscal_year) - 1);
  renderForm();
  showFindings(file);
  $('#new-year').disabled = false;
  $('#save').disabled = true;
  preview();
}

async function newYear() {
  const res = await api('POST', '/api/new-year', { from: state.path });
  const next = await res.json();
  state.path = next.path;
  state.create = true;
  state.raw = next.raw;
  await useFramework(state.raw.framework ?? state.raw.assessment_year);
  renderForm();
  $('#save').disabled = false;
  status(`ไฟล์ใหม่ ${next.path}: กรอกคะแนนของปีนี้ แล้วกดบันทึก${next.notice ? ` · ${next.notice.th} (${next.notice.en})` : ''}`);
  check();
}

function newAgency() {
  const year = Number($('#new-year-value').value);
  const name = $('#new-name').value.trim();
  if (!Number.isInteger(year) || year < 2560 || !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    status('ใส่ปีงบประมาณ และชื่อไฟล์เป็นอักษรอังกฤษตัวเล็ก ตัวเลข หรือ - (e.g. nakhon-pathom)');
    return;
  }
  state.path = `${year}/${name}.yaml`;
  state.create = true;
  state.raw = { agency: '', fiscal_year: year, assessment_year: year - 1, overall: { score: null }, scores: {}, urgent: [], improve: [], measures: [], signatory: { position: '' } };
  $('#new-agency-form').hidden = true;
  useFramework(year - 1, true).then((notice) => {
    renderForm();
    $('#save').disabled = false;
    status(`ไฟล์ใหม่ ${state.path}: กรอกข้อมูลแล้วกดบันทึก${notice}`);
    check();
  });
}

async function loadFileList(selected = '') {
  const { files, refused = [] } = await (await api('GET', '/api/files')).json();
  const select = $('#file');
  select.replaceChildren(new Option('— เลือกหน่วยงานและปี —', ''), ...files.map((f) => new Option(f, f)));
  select.value = selected;
  // Files whose names the page cannot use are named, so that they can be renamed (unless the
  // status line says something else already, such as "saved").
  if (refused.length > 0 && !$('#status').textContent) status(refused.map((r) => `${r.th} (${r.en})`).join(' · '));
}

$('#file').onchange = (e) => e.target.value && open(e.target.value).catch((err) => status(err.message));
$('#new-year').onclick = () => newYear().catch((err) => status(err.message));
$('#new-agency').onclick = () => {
  $('#new-agency-form').hidden = false;
  $('#new-year-value').value ||= String(new Date().getFullYear() + 543 + (new Date().getMonth() >= 9 ? 1 : 0));
};
$('#new-agency-create').onclick = newAgency;
$('#save').onclick = save;
$('#download-pdf').onclick = () => download('pdf');
$('#download-docx').onclick = () => download('docx');
// The document radios, the follow-up reports' among them, are drawn again as rounds come and go.
$('#kinds').onchange = preview;
for (const button of document.querySelectorAll('[data-add]')) {
  button.onclick = () => {
    const section = button.dataset.add;
    if (section === 'measures') {
      (state.raw.measures ??= []).push({ title: '', steps: [''], owner: '', monitoring: '' });
      renderMeasures();
    } else {
      (state.raw[section] ??= []).push({ indicator: state.framework?.indicators[0]?.number ?? 1, points: [] });
      renderIssues(section);
    }
    changed();
  };
}

// ?file=2566/agency.yaml opens that file directly (a bookmark per agency).
const initial = new URLSearchParams(location.search).get('file') ?? '';
loadFileList(initial)
  .then(() => initial && open(initial))
  .catch((err) => status(err.message));
