import { toThaiDigits } from '../../thai/digits.ts';

/** The element a selector names on the page; a missing one is a fault of the page itself. */
export function $<E extends Element = HTMLElement>(selector: string): E {
  const found = document.querySelector<E>(selector);
  if (!found) throw new Error(`the page has no ${selector}`);
  return found;
}

/** A number or text with Thai digits, as the documents print them (src/thai/digits.ts). */
export const thaiDigits = (s: number | string): string => toThaiDigits(String(s));

/**
 * The status line under the title, a live region. `heard`: words a screen reader hears after
 * `text` that the eye reads in full elsewhere (the framework's notice in the form): the line sits
 * in the sticky header, which may not grow past two lines at 1366×768.
 */
export function status(text: string, heard = ''): void {
  const line = $('#status');
  line.textContent = text;
  if (!heard) return;
  const aside = document.createElement('span');
  aside.className = 'visually-hidden';
  aside.textContent = ` · ${heard}`;
  line.append(aside);
}

/** Hands `blob` to the browser as a download named `name`. */
export function downloadBlob(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  // Let go once the browser has surely taken the file.
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** What a failed request or task says, for the status line. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Says `text` through the page's live region (index.html's #announce), so that a screen reader
 * reads out what went wrong without the clerk leaving the field. Emptied first, so that the same
 * words said again are read again.
 */
export function announce(text: string): void {
  const region = $('#announce');
  region.textContent = '';
  requestAnimationFrame(() => (region.textContent = text));
}

/** `ids` (an aria-describedby) with `id` last when `on`, without it otherwise. */
export const withId = (ids: string | null | undefined, id: string, on = true): string => [...(ids ?? '').split(' ').filter((t) => t && t !== id), ...(on ? [id] : [])].join(' ');

/** `aria-invalid` from both ways a field can be wrong: a finding of the check, or text that cannot be read. */
export function markInvalid(field: Element): void {
  if (field.classList.contains('invalid') || field.classList.contains('unreadable')) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
}
