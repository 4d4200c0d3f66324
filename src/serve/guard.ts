import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The rules that keep a local server local. A page on any website can make the browser send
 * requests to 127.0.0.1; these decide which requests come from our own page.
 */

/** Host headers the server answers to: its own loopback address and port, nothing else (DNS rebinding). */
export function allowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

/** An Origin header, when the browser sends one, must be our own page's. */
export function allowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`].includes(origin.toLowerCase());
}

export class PathError extends Error {}

/**
 * A data file named by the page, as a path inside the data folder: relative, a .yaml file, and
 * still inside the folder after following symbolic links. Anything else is refused.
 */
export function resolveDataFile(dataDir: string, relative: string, mustExist = true): string {
  if (typeof relative !== 'string' || relative === '' || relative.includes('\0')) throw new PathError('no file named');
  if (path.isAbsolute(relative) || relative.split(/[\\/]/).includes('..')) throw new PathError('outside the data folder');
  if (!/\.ya?ml$/i.test(relative)) throw new PathError('not a .yaml file');
  const root = realpathSync(dataDir);
  const target = path.resolve(root, relative);
  const inside = (p: string) => p.startsWith(root + path.sep);
  if (!inside(target)) throw new PathError('outside the data folder');
  if (mustExist) {
    const real = realpathSync(target);
    if (!inside(real)) throw new PathError('outside the data folder');
    return real;
  }
  // A new file: its folder must exist inside the data folder, or be a new fiscal-year folder
  // right under it (data/2567/), which the caller creates.
  if (/^\d{4}$/.test(path.relative(root, path.dirname(target))) && !existsSync(path.dirname(target))) return target;
  const folder = realpathSync(path.dirname(target));
  if (folder !== root && !inside(folder)) throw new PathError('outside the data folder');
  return path.join(folder, path.basename(target));
}
