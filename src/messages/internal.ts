import { excerpt, UnplacedTextError } from '../export/pdf/placement.ts';
import { internalErrorMessage, systemErrorMessage, unplacedTextMessage } from './catalogue.ts';

/**
 * Exceptions that are not findings about a data file. Findings (invalid data) are the clerk's to
 * fix and are reported with their place; an error of the operating system (a folder that cannot be
 * written, a full disk) is the machine's; anything else is a bug in the tool, reported as such
 * with its own exit code, and with its stack only on request.
 */

/** Whether to print stacks: `--debug` (which sets it) or ITA_REPORT_DEBUG=1 in the environment. */
export const debugEnabled = (): boolean => /^(1|true|yes)$/i.test(process.env.ITA_REPORT_DEBUG ?? '');

/** An error the operating system raised (EACCES, ENOSPC, …), as Node reports them. */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  const e = err as NodeJS.ErrnoException | null;
  return err instanceof Error && typeof e?.code === 'string' && typeof e.syscall === 'string';
}

/** "TypeError: x is undefined": the kind and the first line of an error, without its stack. */
export function firstLine(err: unknown): string {
  if (!(err instanceof Error)) return String(err).split('\n')[0] ?? '';
  const message = err.message.split('\n')[0] ?? '';
  return err.name && err.name !== 'Error' ? `${err.name}: ${message}` : message;
}

/** The stack of an error, when debugging is on; nothing otherwise. */
export function debugDetail(err: unknown): string[] {
  if (!debugEnabled() || !(err instanceof Error) || !err.stack) return [];
  return [err.stack];
}

export interface Unexpected {
  /** True for a bug (exit 3), false for an error of the operating system (exit 1). */
  internal: boolean;
  /** One line, Thai first with English beside, for a person. */
  line: string;
}

/** Words an exception that escaped the checks; `file` is the data file it happened on, if any. */
export function describeUnexpected(err: unknown, file?: string): Unexpected {
  const where = file ? `${file}: ` : '';
  if (isSystemError(err)) {
    const m = systemErrorMessage(err.message.split('\n')[0] ?? err.code ?? '');
    return { internal: false, line: `${where}ข้อผิดพลาด (error): ${m.th} (${m.en})` };
  }
  if (err instanceof UnplacedTextError && err.unplaced.length > 0) {
    const first = err.unplaced[0]!;
    const m = unplacedTextMessage({ count: err.unplaced.length, excerpt: excerpt(first.text), ...(first.page !== undefined && { page: first.page }) });
    return { internal: true, line: `${where}${m.th} (${m.en})` };
  }
  const m = internalErrorMessage(firstLine(err));
  return { internal: true, line: `${where}${m.th} (${m.en})` };
}
