import { backend } from './backends.ts';
import { $, status, messageOf } from './dom.ts';
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
}

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

async function render(format: 'pdf' | 'docx', signal?: AbortSignal): Promise<Blob | null> {
  const rendered = await backend.render(state.path, form(), kind(), format, signal);
  // A document the data cannot make (a round it does not have), said as such.
  if ('refused' in rendered) {
    say(`${rendered.refused.th} (${rendered.refused.en})`);
    return null;
  }
  if ('invalid' in rendered) {
    showFindings(rendered.invalid);
    say('แก้ข้อผิดพลาดก่อนจึงจะแสดงเอกสารได้');
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
  const controller = new AbortController();
  previewing = controller;
  if (statusIsOurs()) say(PREVIEWING);
  const blob = await render('pdf', controller.signal).catch((e: unknown) => (controller.signal.aborted ? null : say(messageOf(e))));
  if (!blob || controller.signal.aborted) return;
  previewing = null;
  if (state.previewUrl) URL.revokeObjectURL(state.previewUrl);
  state.previewUrl = URL.createObjectURL(blob);
  $<HTMLIFrameElement>('#preview').src = state.previewUrl;
  if (statusIsOurs()) say('');
}

export async function download(format: 'pdf' | 'docx'): Promise<void> {
  const blob = await render(format).catch((e: unknown) => say(messageOf(e)));
  if (!blob) return;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${kind()}.${format}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
