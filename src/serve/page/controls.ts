import { formatThaiDate, parseIsoDate, readTypedDate } from '../../thai/dates.ts';
import { toArabicDigits } from '../../thai/digits.ts';
import { formatScore } from '../../thai/numbers.ts';
import { readTypedNumber } from '../../thai/typed-numbers.ts';
import { announce, markInvalid, thaiDigits } from './dom.ts';
import { changed, state, type PeriodForm } from './state.ts';

// ---- fields that read what the clerk types: numbers and dates -------------------------------------

/** Thai first, English beside, as every message to the clerk. */
export interface Said {
  th: string;
  en: string;
}

/**
 * What a typed field makes of its text: a value and how it was understood, nothing, or why not.
 * `aside`: a longer note on the value (how a score prints), in an element of its own so that the
 * scores' grid (style.css) can give it a line of its own instead of the narrow value column.
 */
export type Reading<T> = { ok: true; value: T; understood: string; aside?: string } | { ok: false; empty: true } | { ok: false; empty?: false; said: Said };

/** The number kinds of the form: a score (0–100, % allowed), an amount of baht, a B.E. year. */
export type NumberKind = 'score' | 'amount' | 'year';

const grouped = (n: number): string => thaiDigits(n.toLocaleString('en-US', { maximumFractionDigits: 20 }));

const NUMBER_SAID: Record<NumberKind, Record<'unreadable' | 'separators' | 'unit', Said>> = {
  score: {
    unreadable: { th: 'อ่านเป็นคะแนนไม่ได้ พิมพ์ตัวเลข เช่น ๙๒.๕ หรือ 92.5', en: 'not a number: type a score such as 92.5' },
    separators: { th: 'จุดหรือจุลภาคไม่เข้ารูปตัวเลข (หรือมีเว้นวรรคกลางตัวเลข) เช่น ๙๒.๕ หรือ ๙๒,๕', en: 'points or commas that fit no number, or a space between digits' },
    unit: { th: 'คะแนนใส่ได้เฉพาะตัวเลขหรือร้อยละ (%) ไม่ใช่บาท พัน หรือล้าน', en: 'a score is a number or a per cent, not an amount' },
  },
  amount: {
    unreadable: { th: 'อ่านเป็นจำนวนเงินไม่ได้ พิมพ์เช่น ๕๐,๐๐๐ หรือ 1.5 ล้าน', en: 'not an amount: type e.g. 50,000 or 1.5 ล้าน' },
    separators: { th: 'จุดหรือจุลภาคไม่เข้ารูปจำนวนเงิน (หรือมีเว้นวรรคกลางตัวเลข) เช่น ๕๐,๐๐๐ หรือ ๑๒,๕๐๐.๕๐', en: 'points or commas that fit no amount, or a space between digits' },
    unit: { th: 'งบประมาณเป็นบาท (พัน หมื่น แสน ล้าน ได้) ไม่ใช่ร้อยละ', en: 'a budget is in baht, not a per cent' },
  },
  year: {
    unreadable: { th: 'อ่านเป็นปีไม่ได้ พิมพ์ปี พ.ศ. เช่น ๒๕๖๗', en: 'not a year: type the B.E. year, e.g. 2567' },
    separators: { th: 'อ่านเป็นปีไม่ได้ พิมพ์ปี พ.ศ. เช่น ๒๕๖๗', en: 'not a year: type the B.E. year, e.g. 2567' },
    unit: { th: 'ปี พ.ศ. เป็นตัวเลขล้วน เช่น ๒๕๖๗', en: 'a year is digits only, e.g. 2567' },
  },
};

/** Reads a number field's text with the core's reader (src/thai/typed-numbers.ts). */
export function readNumber(text: string, kind: NumberKind): Reading<number> {
  const read = readTypedNumber(text, kind === 'amount' ? 'amount' : 'score');
  if (!read.ok) return read.reason === 'empty' ? { ok: false, empty: true } : { ok: false, said: NUMBER_SAID[kind][read.reason] };
  const { value } = read;
  if (kind === 'year') {
    if (!Number.isInteger(value) || /%|ร้อยละ/.test(text)) return { ok: false, said: NUMBER_SAID.year.unit };
    return { ok: true, value, understood: `= พ.ศ. ${thaiDigits(value)}` };
  }
  if (kind === 'amount') return { ok: true, value, understood: value === 0 ? '= ไม่ใช้งบประมาณ' : `= ${grouped(value)} บาท` };
  // The report prints a whole score without decimals and any other with two (formatScore, as the
  // reference report prints ร้อยละ ๑๐๐ and ๙๗ beside ๙๔.๗๘). Where that is not what was typed
  // ("89.00", "92.5", "99.999") the note says so, or the clerk finds "๘๙" in the report unexplained.
  const printed = formatScore(value);
  const typed = toArabicDigits(text).replace(/\s|%|ร้อยละ/g, '').replace(',', '.');
  const understood = `= ${grouped(value)}`;
  if (typed === printed) return { ok: true, value, understood };
  return { ok: true, value, understood, aside: ` (พิมพ์ในรายงานเป็น ${thaiDigits(printed)} · the report prints ${printed})` };
}

const DATE_SAID: Record<'unreadable' | 'month' | 'invalid', Said> = {
  unreadable: { th: 'อ่านเป็นวันที่ไม่ได้ พิมพ์วัน เดือน ปี พ.ศ. เช่น ๑๕ มกราคม ๒๕๖๗ หรือ 15/1/2567', en: 'not a date: type day, month, B.E. year, e.g. 15/1/2567' },
  month: { th: 'ไม่มีเดือนนี้ ใช้เลข ๑–๑๒ หรือชื่อเดือน เช่น ม.ค.', en: 'no such month: 1–12 or a Thai month name' },
  invalid: { th: 'ไม่มีวันที่นี้ในปฏิทิน', en: 'no such day in the calendar' },
};

/** An ISO date as the clerk reads it: "๑๕ มกราคม พ.ศ. ๒๕๖๗". */
const thaiDate = (iso: string): string => thaiDigits(formatThaiDate(iso));

/** Reads a date typed as day, month, B.E. year (src/thai/dates.ts) into the ISO date of the file. */
export function readDate(text: string): Reading<string> {
  const read = readTypedDate(text);
  if (!read.ok) return read.reason === 'empty' ? { ok: false, empty: true } : { ok: false, said: DATE_SAID[read.reason] };
  return { ok: true, value: read.date, understood: `= ${thaiDate(read.date)}` };
}

export interface TypedFieldOptions<T> {
  path: string;
  /** The value in the data, shown as the field's text when the form is drawn. */
  get: () => unknown;
  /** Writes the value read; undefined (nothing typed, or text that cannot be read) removes the key. */
  set: (value: T | undefined) => void;
  read: (text: string) => Reading<T>;
  /** The text shown for a value of the data (a date in Thai, not ISO). */
  shown?: (value: unknown) => string;
  /** After each keystroke's value is written, before the form is told of the change. */
  after?: () => void;
}

let noteCount = 0;

/**
 * Makes `input` a text field that reads what is typed or pasted: what it understood is shown beside
 * it, and what it cannot read is said beside it (a red border, `aria-invalid`, read out), the text
 * kept. Meanwhile the key is out of the data and the page refuses to save (state.unreadable): never
 * a stale number, never a silent drop. Text that cannot be read survives the field being drawn
 * again (a step added), by its path.
 */
export function typedField<T>(input: HTMLInputElement, { path, get, set, read, shown = (v) => (v == null ? '' : String(v)), after }: TypedFieldOptions<T>): HTMLInputElement {
  input.type = 'text';
  input.dataset.path = path;
  input.dataset.typed = '';
  if (input.nextElementSibling?.classList.contains('typed-note')) input.nextElementSibling.remove();
  const note = document.createElement('span');
  note.id = `typed-note-${++noteCount}`;
  note.className = 'typed-note';
  input.after(note);
  // The note is always among the field's descriptions (findings.ts adds the check's findings to it).
  input.dataset.describedby = note.id;
  input.setAttribute('aria-describedby', note.id);
  const show = (text: string): Reading<T> => {
    const reading = read(text);
    const wrong = !reading.ok && !reading.empty;
    const before = state.unreadable.get(path);
    if (!reading.ok && !reading.empty) {
      note.textContent = `อ่านไม่ได้: ${reading.said.th} (cannot read: ${reading.said.en})`;
      state.unreadable.set(path, text);
      // Said once as the field turns wrong, not at every key while it stays so.
      if (before === undefined) announce(`${input.getAttribute('aria-label') ?? input.closest('label')?.firstChild?.textContent ?? ''} อ่านไม่ได้: ${reading.said.th}`);
    } else {
      if (reading.ok) understand(note, reading);
      else note.textContent = '';
      state.unreadable.delete(path);
    }
    note.classList.toggle('error', wrong);
    note.classList.toggle('understood', reading.ok);
    input.classList.toggle('unreadable', wrong);
    markInvalid(input);
    return reading;
  };
  const pending = state.unreadable.get(path);
  if (pending !== undefined) {
    input.value = pending;
    show(pending);
  } else {
    const value = get();
    input.value = value == null ? '' : shown(value);
    // A value of the file that is not what this field reads is left to the check to speak of.
    const reading = read(input.value);
    if (reading.ok) understand(note, reading);
    note.classList.toggle('understood', reading.ok);
  }
  input.oninput = () => {
    const reading = show(input.value);
    set(reading.ok ? reading.value : undefined);
    after?.();
    changed();
  };
  return input;
}

/** The note beside a field: what was understood, and its aside (how a score prints) in a span of its own. */
function understand(note: HTMLElement, reading: { understood: string; aside?: string }): void {
  if (reading.aside === undefined) {
    note.textContent = reading.understood;
    return;
  }
  const aside = document.createElement('span');
  aside.className = 'typed-aside';
  aside.textContent = reading.aside;
  note.replaceChildren(reading.understood, aside);
}

/** A date's text: the ISO date of the file in Thai, anything else as it is. */
export const dateShown = (v: unknown): string => (typeof v === 'string' && parseIsoDate(v).ok ? thaiDate(v) : v == null ? '' : String(v));

/** A new typed field in a box of its own, with its note after it. */
function boxed<T>(input: HTMLInputElement, options: TypedFieldOptions<T>): { box: HTMLElement; input: HTMLInputElement } {
  const box = document.createElement('span');
  box.className = 'typed';
  box.append(input);
  return { box, input: typedField(input, options) };
}

/** A new text field for a date (day, month, B.E. year), never the browser's Christian-era picker. */
export function dateField(options: Omit<TypedFieldOptions<string>, 'read' | 'shown'>): { box: HTMLElement; input: HTMLInputElement } {
  const input = document.createElement('input');
  input.placeholder = 'เช่น ๑๕ มกราคม ๒๕๖๗';
  input.size = 20;
  return boxed(input, { ...options, read: readDate, shown: dateShown });
}

/** A new text field for a number, which takes Thai digits, a decimal comma, thousands, % or ล้าน. */
export function numberField(kind: NumberKind, options: Omit<TypedFieldOptions<number>, 'read'>): { box: HTMLElement; input: HTMLInputElement } {
  const input = document.createElement('input');
  input.inputMode = kind === 'year' ? 'numeric' : 'decimal';
  return boxed(input, { ...options, read: (text) => readNumber(text, kind) });
}

// ---- controls that several parts of the form use -------------------------------------------------

/** Whether a row holds anything the clerk typed or chose (an empty new row goes without asking). */
function hasContent(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return true;
  if (Array.isArray(value)) return value.some(hasContent);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasContent);
  return false;
}

export interface RowToolsOptions {
  /**
   * Told where each row came from (`order[new index] = old index`) and how many rows there were,
   * so that what refers to rows by number (the progress of measures and steps) follows them.
   */
  moved?: (order: number[], length: number) => void;
  /**
   * The row at `index` as the clerk knows it ("ขั้นตอนที่ ๒ ของมาตรการที่ ๑", "step 2 of measure 1"):
   * the buttons' names for a screen reader, and the question before it is removed.
   */
  nameOf: (index: number) => Said;
  /** What else the question says of the row (a measure's title, "พร้อมขั้นตอนทั้งหมด"). */
  takes?: string;
  /** The data-path of row `index` (`measures[2]`): text that cannot be read yet follows its row. */
  pathOf?: (index: number) => string;
  /** Where the keyboard goes when the last row is removed (the section's add button). */
  after?: () => HTMLElement | null;
}

/** Unread text (state.unreadable) of rows moved goes with them; that of a row removed goes with it. */
export function followRows(order: number[], length: number, pathOf: (index: number) => string): void {
  const entries = [...state.unreadable];
  state.unreadable.clear();
  for (const [path, text] of entries) {
    const from = Array.from({ length }, (_, i) => i).find((i) => path.startsWith(`${pathOf(i)}.`) || path.startsWith(`${pathOf(i)}[`));
    if (from === undefined) state.unreadable.set(path, text);
    else if (order.includes(from)) state.unreadable.set(pathOf(order.indexOf(from)) + path.slice(pathOf(from).length), text);
  }
}

/** The element whose aria-label is `label` exactly (labels hold quotes and digits a selector would need escaped). */
export const byLabel = (label: string): HTMLElement | undefined => [...document.querySelectorAll<HTMLElement>('[aria-label]')].find((e) => e.getAttribute('aria-label') === label);

/**
 * A row of a list section with move up / move down / remove, each named with the row for a screen
 * reader ("ลบขั้นตอนที่ ๒ ของมาตรการที่ ๑"). Removing a row that holds anything asks first, naming
 * it: one click never takes a measure with its steps. The keyboard stays with the row: a row moved
 * keeps it on the same button at its new place; after a removal it goes to the row that took its
 * place (its first field), else to `after`.
 */
export function rowTools(list: unknown[], index: number, rerender: () => void, { moved, nameOf, takes = '', pathOf, after }: RowToolsOptions): HTMLElement {
  const tools = document.createElement('span');
  tools.className = 'tools';
  const name = nameOf(index);
  const button = (text: string, label: (n: string) => string, title: string, action: (a: unknown[]) => unknown, ask?: () => boolean) => {
    const b = document.createElement('button');
    Object.assign(b, { type: 'button', textContent: text, title });
    b.setAttribute('aria-label', label(name.th));
    b.onclick = () => {
      if (ask && !ask()) return;
      const order = list.map((_, i) => i);
      const length = order.length;
      action(list);
      action(order);
      moved?.(order, length);
      if (pathOf) followRows(order, length, pathOf);
      rerender();
      changed();
      if (list.length === length) {
        const to = order.indexOf(index);
        (byLabel(label(nameOf(to).th)) ?? byLabel(`ลบ${nameOf(to).th}`))?.focus();
      } else {
        const at = Math.min(index, list.length - 1);
        const row = at < 0 ? undefined : byLabel(`ลบ${nameOf(at).th}`)?.closest('.row');
        (row?.querySelector<HTMLElement>(':scope > label > :is(input, textarea, select)') ?? row?.querySelector<HTMLElement>('input, textarea, select') ?? after?.())?.focus();
      }
    };
    tools.append(b);
  };
  button('↑', (n) => `เลื่อน${n}ขึ้น`, 'เลื่อนขึ้น', (a) => index > 0 && a.splice(index - 1, 0, ...a.splice(index, 1)));
  button('↓', (n) => `เลื่อน${n}ลง`, 'เลื่อนลง', (a) => index < a.length - 1 && a.splice(index + 1, 0, ...a.splice(index, 1)));
  button(
    'ลบ',
    (n) => `ลบ${n}`,
    'ลบรายการนี้',
    (a) => a.splice(index, 1),
    () => !hasContent(list[index]) || confirm(`ลบ${name.th}${takes ? ` ${takes}` : ''} หรือไม่\nสิ่งที่ลบจะหายไปเมื่อบันทึก\n\n(Delete ${name.en}?)`),
  );
  return tools;
}

/**
 * A labelled text field: one line, or a text area of `rows` lines; `aria` names it for a screen
 * reader where its label alone does not say which measure or step it is of.
 */
export function textField(labelText: string, path: string, get: () => string | undefined, set: (value: string) => void, { rows, aria }: { rows?: number; aria?: string } = {}): HTMLLabelElement {
  const label = document.createElement('label');
  label.textContent = labelText;
  const input = rows ? document.createElement('textarea') : document.createElement('input');
  if (input instanceof HTMLTextAreaElement) input.rows = rows ?? 1;
  else input.type = 'text';
  input.dataset.path = path;
  if (aria) input.setAttribute('aria-label', aria);
  input.value = get() ?? '';
  input.oninput = () => {
    set(input.value);
    changed();
  };
  label.append(input);
  return label;
}

export interface PeriodFieldOptions {
  path: string;
  label: string;
  get: () => PeriodForm | undefined;
  set: (value: PeriodForm | undefined) => void;
  /** Names the field for a screen reader. */
  context?: string;
}

/**
 * A period (a measure's `period`, a step's `when`): none, a quarter of the fiscal year, dates
 * from–to, or free text. Nothing is written until something is chosen or typed: dates not given
 * and empty text leave the key out. `context` names the field for a screen reader.
 */
export function periodField({ path, label: labelText, get, set, context = '' }: PeriodFieldOptions): HTMLElement {
  const box = document.createElement('div');
  box.className = 'period';
  box.dataset.path = path;
  const label = document.createElement('label');
  label.textContent = labelText;
  const kindOf = (p: PeriodForm | undefined | null) => (p == null ? '' : typeof p === 'string' ? 'text' : 'quarter' in p ? 'quarter' : 'dates');
  const select = document.createElement('select');
  if (context) select.setAttribute('aria-label', `${labelText.trim()} ${context}`);
  for (const [value, text] of [['', '— ไม่ระบุ —'], ['quarter', 'ไตรมาสของปีงบประมาณ'], ['dates', 'ช่วงวันที่'], ['text', 'ข้อความ']] as const) select.append(new Option(text, value));
  select.value = kindOf(get());
  label.append(select);
  box.append(label);
  const detail = document.createElement('span');
  box.append(detail);
  const named = (input: HTMLElement, name: string) => context && input.setAttribute('aria-label', `${name} ${context}`);
  const draw = () => {
    detail.replaceChildren();
    const kind = select.value;
    const p = get();
    const given = typeof p === 'object' && p !== null ? p : undefined;
    if (kind === 'quarter') {
      const q = document.createElement('select');
      named(q, 'ไตรมาส');
      for (const n of [1, 2, 3, 4]) q.append(new Option(`ไตรมาสที่ ${thaiDigits(n)}`, String(n)));
      q.value = String(given?.quarter ?? 1);
      q.onchange = () => {
        set({ quarter: Number(q.value) });
        changed();
      };
      detail.append(q);
    } else if (kind === 'dates') {
      for (const key of ['from', 'to'] as const) {
        const { box: part, input: d } = dateField({
          path: `${path}.${key}`,
          get: () => given?.[key],
          // Each date writes its own key; the other one stays as it is in the data.
          set: (v) => {
            const now = get();
            const dates: Partial<Record<'from' | 'to', string>> = typeof now === 'object' && now !== null ? { from: now.from, to: now.to } : {};
            dates[key] = v;
            const value = Object.fromEntries((['from', 'to'] as const).flatMap((k) => (dates[k] ? [[k, dates[k]]] : [])));
            set(Object.keys(value).length === 0 ? undefined : value);
          },
        });
        named(d, key === 'from' ? 'ตั้งแต่วันที่' : 'ถึงวันที่');
        detail.append(key === 'from' ? 'ตั้งแต่ ' : ' ถึง ', part);
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
