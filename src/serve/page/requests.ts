import type { Answers, ErrorAnswer } from '../api.ts';

/**
 * Requests to the server. A refusal (but 422, which the callers read: findings, or a document the
 * data cannot make) becomes an Error whose message is the server's, Thai first.
 */
export async function api(method: 'GET' | 'POST', url: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!res.ok && res.status !== 422) {
    // Every refusal of the server is an ErrorAnswer; one that is not JSON is named by its status.
    const error = (await res.json().catch(() => ({ error: { th: res.statusText, en: '' } }))) as ErrorAnswer;
    throw new Error(`${error.error.th} (${error.error.en})`);
  }
  return res;
}

/** A route's JSON answer, of the type the server states for it (src/serve/api.ts). */
export async function answer<R extends keyof Answers>(_route: R, res: Response): Promise<Answers[R]> {
  // JSON is untyped; the server types each answer with `satisfies Answers[route]`.
  return (await res.json()) as Answers[R];
}
