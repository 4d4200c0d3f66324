/**
 * An answer of the web server that is not a success: the HTTP status and the message shown to the
 * clerk, Thai first with English beside it for support staff. The page shows `th (en)`.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly th: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** What an unexpected failure looks like to the page: a message, never a stack trace. */
export const internalError = (err: unknown): HttpError =>
  new HttpError(500, 'เกิดข้อผิดพลาดภายในโปรแกรม กรุณาแจ้งผู้ดูแลพร้อมไฟล์ข้อมูล', `internal error, please report it with the data file: ${err instanceof Error ? err.message : String(err)}`);
