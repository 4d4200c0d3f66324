import { backend } from './backends.ts';
import { $, downloadBlob, status, messageOf } from './dom.ts';
import { showFindings } from './findings.ts';
import { followupKindOf, roundName, roundsOf } from './rounds.ts';
import { form, state } from './state.ts';

// ---- which document the preview shows --------------------------------------------------------------

/** The document the preview shows and the downloads give. */
export const kind = (): string => $<HTMLInputElement>('input[name=kind]:checked').value;

/** The report, the announcement, and the follow-up report of each round the form has. */
export function renderKinds(): void {
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
  renderDownloads();
}

/**
 * Every document the form has, each as PDF and DOCX, in one place (#downloads): no need to show a
 * document to download it. Named as the radios of the preview name them.
 */
function renderDownloads(): void {
  const box = $('#downloads');
  box.replaceChildren();
  const title = document.createElement('span');
  title.textContent = 'ดาวน์โหลด';
  box.append(title);
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=kind]')) {
    const name = radio.closest('label')?.textContent?.trim() ?? radio.value;
    const group = document.createElement('span');
    group.className = 'download';
    group.append(`${name} `);
    for (const format of ['pdf', 'docx'] as const) {
      const b = document.createElement('button');
      Object.assign(b, { type: 'button', textContent: format.toUpperCase() });
      b.dataset.download = `${radio.value}.${format}`;
      b.setAttribute('aria-label', `ดาวน์โหลด${name} ${format.toUpperCase()}`);
      b.onclick = () => download(format, radio.value);
      group.append(b);
    }
    box.append(group);
  }
}

/**
 * The file name of a download: the agency, the fiscal year and the document
 * (`จังหวัดนครปฐม-2566-report.pdf`), so that a folder of them reads by agency and year. Characters
 * Windows refuses in a file name, and spaces, become "-".
 */
function downloadName(documentKind: string, format: string): string {
  const raw = state.raw;
  const agency = typeof raw?.agency === 'string' ? raw.agency.replace(/[\\/:*?"<>|\u0000-\u001f\s]+/g, '-').replace(/^-+|-+$/g, '') : '';
  const year = raw?.fiscal_year == null ? '' : String(raw.fiscal_year);
  return [agency, year, documentKind].filter((p) => p !== '').join('-') + `.${format}`;
}

// ---- whether the preview shows the form as it is ---------------------------------------------------

/**
 * Marks the preview as not the form as it is now (`why`, Thai first), or, with null, as the form's:
 * a document kept while the form cannot make one is greyed out under the words why, never shown as
 * if it were current.
 */
function stale(why: string | null): void {
  $('#preview-pane').classList.toggle('stale', why !== null);
  $('#preview-note').textContent = why ?? '';
  $('#preview-note').hidden = why === null;
}

/** Another file or year in the form: the last one's document goes at once, until this one's is rendered. */
export function clearPreview(): void {
  previewing?.abort();
  previewing = null;
  if (state.previewUrl) URL.revokeObjectURL(state.previewUrl);
  state.previewUrl = null;
  const frame = $<HTMLIFrameElement>('#preview');
  frame.removeAttribute('src');
  frame.hidden = true;
  stale('กำลังสร้างตัวอย่างของไฟล์ที่เปิด… (rendering the preview of the file opened)');
}

const UNREADABLE = 'ตัวอย่างนี้ไม่ตรงกับแบบฟอร์ม: มีช่องที่อ่านไม่ได้ (กรอบสีแดง) แก้ก่อนจึงจะแสดงเอกสารใหม่ (out of date: a field cannot be read)';

/** Chooses the document of the preview; false when the form has no such document. */
export function setKind(value: string, show = true): boolean {
  const radio = document.querySelector<HTMLInputElement>(`input[name=kind][value="${CSS.escape(value)}"]`);
  if (!radio) return false;
  if (!radio.checked) {
    radio.checked = true;
    if (show && state.raw) void preview();
  }
  return true;
}

// ---- checking, preview, download -----------------------------------------------------------------

export async function check(): Promise<void> {
  showFindings(await backend.check(state.path, form()));
}

/**
 * What the preview and the downloads last put in the status line: theirs to replace or clear. A
 * preview that lands a moment after a save leaves the clerk's "saved" (or any other action's
 * words) alone, and clears its own "fix the errors first" once the document renders again.
 */
let documentSaid = '';
function say(text: string): void {
  documentSaid = text;
  status(text);
}
const statusIsOurs = (): boolean => {
  const shown = $('#status').textContent ?? '';
  return shown === '' || shown === documentSaid;
};

/** A document of the form; `preview`: for the preview pane (else a download). */
async function render(format: 'pdf' | 'docx', { signal, documentKind = kind(), preview = false }: { signal?: AbortSignal; documentKind?: string; preview?: boolean } = {}): Promise<Blob | null> {
  const rendered = await backend.render(state.path, form(), documentKind, format, signal);
  // A document the data cannot make (a round it does not have), said as such.
  if ('refused' in rendered) {
    say(`${rendered.refused.th} (${rendered.refused.en})`);
    return null;
  }
  if ('invalid' in rendered) {
    showFindings(rendered.invalid);
    // The preview says it in its own pane, leaving the status line to what the clerk did (a new file, a save).
    if (preview) stale('ตัวอย่างนี้ไม่ตรงกับแบบฟอร์ม: แก้ข้อผิดพลาดในแบบฟอร์มก่อนจึงจะแสดงเอกสารใหม่ (out of date: the form has errors)');
    else say('แก้ข้อผิดพลาดก่อนจึงจะสร้างเอกสารได้ (fix the errors first)');
    return null;
  }
  return rendered.blob;
}

// A preview that is not wanted any more (the clerk typed on) is called off, so that the server
// drops it from its queue instead of rendering every state of the form one after the other.
let previewing: AbortController | null = null;
const PREVIEWING = 'กำลังสร้างตัวอย่าง…';

export async function preview(): Promise<void> {
  previewing?.abort();
  // Without the text the clerk sees in a field, the document would not be the form's.
  if (state.unreadable.size > 0) {
    previewing = null;
    stale(UNREADABLE);
    return;
  }
  const controller = new AbortController();
  previewing = controller;
  if (statusIsOurs()) say(PREVIEWING);
  const blob = await render('pdf', { signal: controller.signal, preview: true }).catch((e: unknown) => (controller.signal.aborted ? null : say(messageOf(e))));
  if (!blob || controller.signal.aborted) return;
  previewing = null;
  if (state.previewUrl) URL.revokeObjectURL(state.previewUrl);
  state.previewUrl = URL.createObjectURL(blob);
  const frame = $<HTMLIFrameElement>('#preview');
  frame.src = state.previewUrl;
  frame.hidden = false;
  stale(null);
  if (statusIsOurs()) say('');
}

/** Downloads a document of the form (the one shown, unless `documentKind` says which), named by agency and year. */
export async function download(format: 'pdf' | 'docx', documentKind = kind()): Promise<void> {
  if (state.unreadable.size > 0) {
    say('ยังดาวน์โหลดไม่ได้: มีช่องที่อ่านไม่ได้ (กรอบสีแดง) แก้ก่อน (not downloaded: a field cannot be read)');
    return;
  }
  const blob = await render(format, { documentKind }).catch((e: unknown) => say(messageOf(e)));
  if (!blob) return;
  downloadBlob(blob, downloadName(documentKind, format));
}
