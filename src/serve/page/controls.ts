import { thaiDigits } from './dom.ts';
import { changed, type PeriodForm } from './state.ts';

// ---- controls that several parts of the form use -------------------------------------------------

/**
 * A row of a list section with move up / move down / remove. `moved`, when given, is told where
 * each row came from (`order[new index] = old index`) and how many rows there were, so that what
 * refers to rows by number (the progress of measures and steps) follows them.
 */
export function rowTools(list: unknown[], index: number, rerender: () => void, moved?: (order: number[], length: number) => void): HTMLElement {
  const tools = document.createElement('span');
  tools.className = 'tools';
  const button = (text: string, title: string, action: (a: unknown[]) => unknown) => {
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
      const dates: Partial<Record<'from' | 'to', HTMLInputElement>> = {};
      for (const key of ['from', 'to'] as const) {
        const d = document.createElement('input');
        d.type = 'date';
        named(d, key === 'from' ? 'ตั้งแต่วันที่' : 'ถึงวันที่');
        d.value = given?.[key] ?? '';
        dates[key] = d;
        d.oninput = () => {
          const value = Object.fromEntries((['from', 'to'] as const).flatMap((k) => (dates[k]?.value ? [[k, dates[k].value]] : [])));
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
