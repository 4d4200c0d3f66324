import type { Answers, ErrorAnswer } from '../api.ts';
import { newFilePath } from '../../data/new-file.ts';
import type { Backend } from './backend.ts';
import { answer, api } from './requests.ts';

/** The engine behind `ita-report serve`: its HTTP routes (src/serve/server.ts, typed in src/serve/api.ts). */
export const serverBackend: Backend = {
  mode: 'server',

  async framework(year) {
    const res = await fetch(`/api/framework?year=${encodeURIComponent(String(year))}&fallback=1`);
    return res.ok ? answer('GET /api/framework', res) : null;
  },

  async files() {
    return answer('GET /api/files', await api('GET', '/api/files'));
  },

  async open(source) {
    // The server's page lists the server's files: only a path reaches here.
    const path = 'path' in source ? source.path : source.picked.name;
    return answer('GET /api/file', await api('GET', `/api/file?path=${encodeURIComponent(path)}`));
  },

  async check(path, raw) {
    return answer('POST /api/check', await api('POST', '/api/check', { raw, path }));
  },

  async render(path, raw, kind, format, signal) {
    const res = await api('POST', '/api/render', { raw, kind, format, path }, signal);
    if (res.status !== 422) return { blob: await res.blob() };
    // The findings that stop the document, or a refusal (a document the data cannot make).
    const refused = (await res.json()) as Answers['POST /api/render'] | ErrorAnswer;
    return 'error' in refused ? { refused: refused.error } : { invalid: refused };
  },

  async save(path, raw, create) {
    const report = await answer('POST /api/save', await api('POST', '/api/save', { path, raw, create }));
    return { report, said: `บันทึกแล้ว ${path}`, path };
  },

  async nextYear(path) {
    return answer('POST /api/new-year', await api('POST', '/api/new-year', { from: path }));
  },

  newFilePath,
};
