import { toThaiDigits } from '../../thai/digits.ts';

/** The element a selector names on the page; a missing one is a fault of the page itself. */
export function $<E extends Element = HTMLElement>(selector: string): E {
  const found = document.querySelector<E>(selector);
  if (!found) throw new Error(`the page has no ${selector}`);
  return found;
}

/** A number or text with Thai digits, as the documents print them (src/thai/digits.ts). */
export const thaiDigits = (s: number | string): string => toThaiDigits(String(s));

/** The status line under the title. */
export function status(text: string): void {
  $('#status').textContent = text;
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

/** `aria-invalid` from both ways a field can be wrong: a finding of the check, or text that cannot be read. */
export function markInvalid(field: Element): void {
  if (field.classList.contains('invalid') || field.classList.contains('unreadable')) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
}
