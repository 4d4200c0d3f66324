/**
 * A request of the web page that the engine refuses: the HTTP status the server answers with and
 * the message shown to the clerk, Thai first with English beside it for support staff. The page
 * shows `th (en)`. Thrown by the answers both the server and the browser's engine give
 * (`answers.ts`); the browser has no status line and passes the message on.
 */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly th: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** What an unexpected failure looks like to the page: a message, never a stack trace. */
export const internalError = (err: unknown): Refusal =>
  new Refusal(500, 'เกิดข้อผิดพลาดภายในโปรแกรม กรุณาแจ้งผู้ดูแลพร้อมไฟล์ข้อมูล', `internal error, please report it with the data file: ${err instanceof Error ? err.message : String(err)}`);
