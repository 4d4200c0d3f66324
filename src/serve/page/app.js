// The clerk's page: a form over one data file. Every change is checked by the server with the same
// rules as `ita-report check`, findings are shown beside their fields, and the PDF preview is
// rendered again shortly after the clerk stops typing.

const $ = (selector) => document.querySelector(selector);
const thaiDigits = (s) => String(s).replace(/[0-9]/g, (d) => '๐๑๒๓๔๕๖๗๘๙'[Number(d)]);

const state = { path: '', raw: null, create: false, framework: null, previewUrl: null };

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

/** A row of a list section with move up / move down / remove. */
function rowTools(list, index, rerender) {
  const tools = document.createElement('span');
  tools.className = 'tools';
  const button = (text, title, action) => {
    const b = document.createElement('button');
    Object.assign(b, { type: 'button', textContent: text, title });
    b.onclick = () => {
      action();
      rerender();
      changed();
    };
    tools.append(b);
  };
  button('↑', 'เลื่อนขึ้น', () => index > 0 && list.splice(index - 1, 0, ...list.splice(index, 1)));
  button('↓', 'เลื่อนลง', () => index < list.length - 1 && list.splice(index + 1, 0, ...list.splice(index, 1)));
  button('ลบ', 'ลบรายการนี้', () => list.splice(index, 1));
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
    div.append(rowTools(list, i, renderMeasures));
    div.append(textField(`มาตรการที่ ${thaiDigits(i + 1)}`, `measures[${i}].title`, () => m.title, (v) => (m.title = v)));
    m.steps ??= [];
    m.steps.forEach((step, k) => {
      const stepRow = document.createElement('div');
      stepRow.className = 'row';
      stepRow.append(rowTools(m.steps, k, renderMeasures));
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
    div.append(budgetField(m, i), periodField(m, i));
    div.append(textField('การกำกับติดตาม', `measures[${i}].monitoring`, () => m.monitoring, (v) => (m.monitoring = v)));
    box.append(div);
  });
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

/** Period: none, a quarter of the fiscal year, dates from–to, or free text. */
function periodField(m, i) {
  const box = document.createElement('div');
  box.dataset.path = `measures[${i}].period`;
  const label = document.createElement('label');
  label.textContent = 'ระยะเวลาดำเนินการ ';
  const kindOf = (p) => (p == null ? '' : typeof p === 'string' ? 'text' : 'quarter' in p ? 'quarter' : 'dates');
  const select = document.createElement('select');
  for (const [value, text] of [['', '— ไม่ระบุ —'], ['quarter', 'ไตรมาสของปีงบประมาณ'], ['dates', 'ช่วงวันที่'], ['text', 'ข้อความ']]) select.append(new Option(text, value));
  select.value = kindOf(m.period);
  label.append(select);
  box.append(label);
  const detail = document.createElement('span');
  box.append(detail);
  const draw = () => {
    detail.replaceChildren();
    const kind = select.value;
    if (kind === 'quarter') {
      const q = document.createElement('select');
      for (const n of [1, 2, 3, 4]) q.append(new Option(`ไตรมาสที่ ${thaiDigits(n)}`, String(n)));
      q.value = String(m.period?.quarter ?? 1);
      q.onchange = () => {
        m.period = { quarter: Number(q.value) };
        changed();
      };
      detail.append(q);
    } else if (kind === 'dates') {
      for (const key of ['from', 'to']) {
        const d = document.createElement('input');
        d.type = 'date';
        d.value = m.period?.[key] ?? '';
        d.oninput = () => {
          m.period = { from: m.period?.from ?? '', to: m.period?.to ?? '', [key]: d.value };
          changed();
        };
        detail.append(key === 'from' ? 'ตั้งแต่ ' : ' ถึง ', d);
      }
    } else if (kind === 'text') {
      const t = document.createElement('input');
      t.type = 'text';
      t.value = typeof m.period === 'string' ? m.period : '';
      t.oninput = () => {
        m.period = t.value;
        changed();
      };
      detail.append(t);
    }
  };
  select.onchange = () => {
    const kind = select.value;
    if (kind === '') delete m.period;
    else if (kind === 'quarter') m.period = { quarter: 1 };
    else if (kind === 'dates') m.period = { from: '', to: '' };
    else m.period = '';
    draw();
    changed();
  };
  draw();
  return box;
}

function renderForm() {
  bindSimpleFields();
  renderScores();
  renderIssues('urgent');
  renderIssues('improve');
  renderMeasures();
  $('#form').hidden = false;
  $('#preview-pane').hidden = false;
}

// ---- findings beside their fields --------------------------------------------------------------

/** `measures[2].steps[0]` → `measures[2].steps` → `measures[2]` → `measures` → ''. */
function parentPath(path) {
  const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
  return parent === path ? '' : parent;
}

function showFindings(report) {
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
      (field.closest('label') ?? field).after(note);
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
    showFindings(await res.json());
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
for (const radio of document.querySelectorAll('input[name=kind]')) radio.onchange = preview;
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
