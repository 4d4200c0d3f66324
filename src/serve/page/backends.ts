import type { Backend } from './backend.ts';
import { localBackend } from './local-backend.ts';
import { serverBackend } from './server-backend.ts';

/**
 * The backend of this page, chosen once as it starts: index.html's `ita-report-backend` meta says
 * "server" (as `ita-report serve` serves it) or "local" (as the static build writes it), and
 * `ita-report-engine` names the engine script, relative to the page.
 */
function pickBackend(): Backend {
  const meta = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content;
  if (meta('ita-report-backend') !== 'local') return serverBackend;
  return localBackend(new URL(meta('ita-report-engine') ?? 'engine.js', document.baseURI).href);
}

export const backend: Backend = pickBackend();
