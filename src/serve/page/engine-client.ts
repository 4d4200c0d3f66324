import type { Message } from '../api.ts';
import type { ENGINE_GLOBAL as ENGINE_NAME, EngineAnswer, EngineFunction, EngineRequest, EngineRequestName, EngineRequests } from '../../web/protocol.ts';
import { Refused } from './backend.ts';

/**
 * The engine running in the browser (the static site): one script (`engine.js`, built by
 * `bundleWebEngine` of src/bundle/web-engine.ts) that answers the requests of src/web/protocol.ts.
 *
 * It is started as a Web Worker, so that rendering a document never freezes the form. Where a
 * worker cannot start (a page opened from a folder, file://, where Chrome refuses workers), the
 * same script is loaded as a classic `<script>`, which then defines the global function
 * `itaReportEngine(request: EngineRequest): Promise<EngineAnswer>` (ENGINE_GLOBAL), and the
 * requests are answered in the page itself.
 */

/**
 * The global function the engine script defines when it is loaded as a classic script: the
 * protocol's name, written again because the page takes nothing but types from src/web (its
 * type says it must be the same string).
 */
export const ENGINE_GLOBAL: typeof ENGINE_NAME = 'itaReportEngine';

/** Why the engine did not answer: it stopped, or it could not be loaded at all. */
const ENGINE_STOPPED: Message = {
  th: 'ส่วนประมวลผลของหน้าเว็บหยุดทำงาน ให้ลองใหม่อีกครั้ง หากยังเป็นอยู่ให้โหลดหน้าเว็บใหม่',
  en: 'the page\'s engine stopped; try again, and reload the page if it happens again',
};
const ENGINE_MISSING = (url: string): Message => ({
  th: `โหลดส่วนประมวลผลของหน้าเว็บ (${url}) ไม่ได้ ให้โหลดหน้าเว็บใหม่`,
  en: `the page's engine (${url}) could not be loaded; reload the page`,
});

export interface EngineClient {
  /** The engine's answer, or a Refused with its message (Thai and English). */
  ask<K extends EngineRequestName>(name: K, input: EngineRequests[K]['input']): Promise<EngineRequests[K]['output']>;
}

export function startEngine(engineUrl: string): EngineClient {
  let nextId = 1;
  /** Requests sent and not answered yet, to be sent again if the worker turns out not to start. */
  const pending = new Map<number, { request: EngineRequest; settle: (answer: EngineAnswer) => void }>();
  let worker: Worker | null = null;
  let inPage: Promise<EngineFunction> | null = null;
  /** Workers cannot start here (file://, a policy): every request is answered in the page. */
  let workersRefused = false;

  /** The engine as a classic script in the page: its global function, once the script has run. */
  const loadInPage = (): Promise<EngineFunction> =>
    (inPage ??= new Promise<EngineFunction>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = engineUrl;
      script.onload = () => {
        const found = (globalThis as Record<string, unknown>)[ENGINE_GLOBAL];
        if (typeof found === 'function') resolve(found as EngineFunction);
        else reject(new Refused(ENGINE_MISSING(engineUrl)));
      };
      script.onerror = () => reject(new Refused(ENGINE_MISSING(engineUrl)));
      document.head.append(script);
    }));

  const askInPage = (request: EngineRequest, settle: (answer: EngineAnswer) => void): void => {
    loadInPage()
      .then((answerOne) => answerOne(request))
      .then(settle, (err: unknown) => settle({ id: request.id, ok: false, error: err instanceof Refused ? err.said : { th: ENGINE_STOPPED.th, en: `${ENGINE_STOPPED.en}: ${String(err)}` } }));
  };

  /** No worker after all: what was sent to it is answered in the page. */
  const fallBackToPage = (): void => {
    workersRefused = true;
    worker?.terminate();
    worker = null;
    const waiting = [...pending.values()];
    pending.clear();
    for (const { request, settle } of waiting) askInPage(request, settle);
  };

  const startWorker = (): Worker | null => {
    try {
      // A classic worker: the engine script is one IIFE, the same file the fallback loads.
      const started = new Worker(engineUrl);
      let answered = false;
      started.onmessage = (event: MessageEvent<EngineAnswer>) => {
        answered = true;
        const waiting = pending.get(event.data.id);
        pending.delete(event.data.id);
        waiting?.settle(event.data);
      };
      started.onerror = (event) => {
        event.preventDefault();
        // Never answered: the script could not start as a worker (file://, a policy): run it in
        // the page. After an answer, the engine itself failed: every request waiting is refused,
        // and the next one starts a fresh worker.
        if (!answered) return fallBackToPage();
        started.terminate();
        if (worker === started) worker = null;
        const waiting = [...pending.values()];
        pending.clear();
        for (const { request, settle } of waiting) settle({ id: request.id, ok: false, error: ENGINE_STOPPED });
      };
      return started;
    } catch {
      // Chrome throws at once for a page opened from a folder (file://).
      return null;
    }
  };

  // Started now, not at the first request: the engine loads its fonts and templates while the
  // clerk picks a file.
  worker = startWorker();
  if (!worker) workersRefused = true;

  return {
    ask(name, input) {
      const request = { id: nextId++, name, input } as EngineRequest;
      return new Promise((resolve, reject) => {
        const settle = (answer: EngineAnswer): void => {
          if (answer.ok) resolve(answer.output as EngineRequests[typeof name]['output']);
          else reject(new Refused(answer.error));
        };
        if (workersRefused) return askInPage(request, settle);
        // After the engine failed, a fresh worker.
        worker ??= startWorker();
        if (!worker) {
          workersRefused = true;
          return askInPage(request, settle);
        }
        pending.set(request.id, { request, settle });
        worker.postMessage(request);
      });
    },
  };
}
