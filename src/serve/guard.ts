import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { previousYearFile } from '../files/previous.ts';

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

/**
 * Why a path named by the page is refused: it points outside the data folder (403), it is not a
 * plain data file name (400), or it is a symbolic link the server would have to replace (403).
 */
export type Refusal = 'outside' | 'name' | 'symlink';

/** A refused path, with the message for the clerk (Thai) and for support (English), both naming the path. */
export class PathError extends Error {
  constructor(
    readonly refusal: Refusal,
    readonly th: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/**
 * One part of a data file's path (a folder or the file name): letters of any script (Thai with its
 * vowel and tone marks), digits, "-", "_" and "."; not starting with a dot (hidden files, "." and
 * ".."). Nothing that a decoder could turn into a separator ("%2f", "\") and no invisible characters.
 */
const SAFE_PART = /^[\p{L}\p{M}\p{N}_-][\p{L}\p{M}\p{N}_.-]*$/u;
const DATA_FILE = /^.+\.ya?ml$/i;
/** File systems hold names of up to 255 bytes; a Thai letter takes 3 in UTF-8. */
const PART_BYTES = 255;

/** A name as it is shown in a message: quoted, shortened, control characters made visible. */
const shown = (name: string): string => {
  const short = [...name].length > 80 ? `${[...name].slice(0, 80).join('')}…` : name;
  return JSON.stringify(short);
};
const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const RULE_TH = 'ชื่อไฟล์และโฟลเดอร์ใช้ได้เฉพาะตัวอักษร (ไทยหรืออังกฤษ) ตัวเลข - _ และ . โดยไม่ขึ้นต้นด้วยจุด และชื่อไฟล์ลงท้ายด้วย .yaml';
const RULE_EN = 'names of files and folders may hold letters (Thai or Latin), digits, - _ and ., not starting with a dot, and a file name ends in .yaml';

const badName = (relative: string, th: string, en: string): PathError =>
  new PathError('name', `ชื่อไฟล์ ${shown(relative)} ใช้ไม่ได้: ${th} (${RULE_TH})`, `file name ${shown(relative)} refused: ${en} (${RULE_EN})`);
const outside = (relative: string): PathError =>
  new PathError('outside', `ไม่อนุญาตให้เปิดไฟล์นอกโฟลเดอร์ข้อมูล: ${shown(relative)}`, `refused: ${shown(relative)} is outside the data folder`);

/**
 * Checks the form of a path named by the page, before the file system is asked anything:
 * relative, inside (no ".."), and every part a plain name, the last a `.yaml` file.
 */
export function checkDataPath(relative: unknown): string {
  if (typeof relative !== 'string' || relative === '') {
    throw new PathError('name', 'ไม่ได้ระบุชื่อไฟล์ (ต้องเป็นชื่อไฟล์ .yaml ในโฟลเดอร์ข้อมูล เช่น 2566/nakhon-pathom.yaml)', 'no file named (give a .yaml file in the data folder, e.g. 2566/nakhon-pathom.yaml)');
  }
  if (path.isAbsolute(relative) || /^[a-z]:/i.test(relative) || relative.split(/[\\/]/).includes('..')) throw outside(relative);
  const parts = relative.split('/');
  for (const part of parts) {
    if (part === '') throw badName(relative, 'มีส่วนของชื่อที่ว่าง (// หรือ / ที่ต้นหรือท้าย)', 'an empty part (// or a leading or trailing /)');
    if (part.startsWith('.')) throw badName(relative, `${shown(part)} ขึ้นต้นด้วยจุด (ไฟล์ซ่อน)`, `${shown(part)} starts with a dot (a hidden file)`);
    const bad = [...part].find((ch) => !SAFE_PART.test(`a${ch}`));
    if (bad !== undefined) {
      const which = /[\p{L}\p{N}\p{P}\p{S}]/u.test(bad) ? `"${bad}"` : codePoint(bad);
      throw badName(relative, `${shown(part)} มีอักขระ ${which} ที่ใช้ในชื่อไม่ได้`, `${shown(part)} holds the character ${which}`);
    }
    if (Buffer.byteLength(part) > PART_BYTES) throw badName(relative, `${shown(part)} ยาวเกินไป`, `${shown(part)} is too long`);
  }
  if (!DATA_FILE.test(parts.at(-1)!)) throw badName(relative, 'ไม่ใช่ไฟล์ .yaml', 'not a .yaml file');
  return relative;
}

/**
 * What the server means to do with a data file: read it (it must exist; symbolic links inside
 * the data folder are followed), write over it (it must exist and not be a symbolic link: the
 * rename of an atomic write would replace the link itself), create it (no link may be there, not
 * even a dangling one; the caller refuses an existing file), or only place a form in the data tree
 * (read when the file exists, else where it would be created): where its previous year is.
 */
export type Access = 'read' | 'write' | 'create' | 'place';

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;
const lstatOrNull = (p: string) => {
  try {
    return lstatSync(p);
  } catch (err) {
    if (code(err) === 'ENOENT' || code(err) === 'ENOTDIR') return null;
    throw err;
  }
};

/** A file system error that means "not there" to the caller (404), with the path it concerns. */
const missing = (what: string): NodeJS.ErrnoException => Object.assign(new Error(`no such file: ${what}`), { code: 'ENOENT' });

/** The data folder after following symbolic links, and a test of being inside it. */
function rootOf(dataDir: string): { root: string; inside: (p: string) => boolean } {
  const root = realpathSync(dataDir);
  return { root, inside: (p: string) => p.startsWith(root + path.sep) };
}

/**
 * A data file named by the page, as a path inside the data folder: relative, a plain `.yaml` name,
 * and still inside the folder after following symbolic links. Anything else is refused.
 */
export function resolveDataFile(dataDir: string, given: unknown, access: Access = 'read'): string {
  const relative = checkDataPath(given);
  const { root, inside } = rootOf(dataDir);
  const target = path.resolve(root, relative);
  if (!inside(target)) throw outside(relative);
  if (access === 'read' || (access === 'place' && lstatOrNull(target) !== null)) {
    const real = realpathSync(target);
    if (!inside(real)) throw outside(relative);
    return real;
  }
  // A new file: its folder must exist inside the data folder, or be a new fiscal-year folder
  // right under it (data/2567/), which the caller creates.
  const dir = path.dirname(target);
  if (lstatOrNull(dir) === null) {
    if (access !== 'write' && /^\d{4}$/.test(path.relative(root, dir))) return target;
    throw missing(path.dirname(relative));
  }
  const folder = realpathSync(dir);
  if (folder !== root && !inside(folder)) throw outside(relative);
  const file = path.join(folder, path.basename(target));
  if (access === 'place') return file;
  const there = lstatOrNull(file);
  if (there?.isSymbolicLink()) {
    throw new PathError(
      'symlink',
      `ไม่บันทึกทับ ${shown(relative)} เพราะเป็นลิงก์ (symbolic link) ไม่ใช่ไฟล์ข้อมูล`,
      `refused: ${shown(relative)} is a symbolic link, not a data file; the server does not write through or over links`,
    );
  }
  if (access === 'write' && !there?.isFile()) throw missing(relative);
  return file;
}

/**
 * Last year's file of the same agency (data/2565/x.yaml for data/2566/x.yaml), confined like every
 * other read: only when it exists and is inside the data folder after following symbolic links (a
 * year folder that links out of the data folder is not read). False: nothing to compare with.
 */
export function confinedPreviousYear(dataDir: string, file: string, fiscalYear: number): string | false {
  const candidate = previousYearFile(file, fiscalYear);
  if (candidate === undefined) return false;
  try {
    const { inside } = rootOf(dataDir);
    const real = realpathSync(candidate);
    return inside(real) && statSync(real).isFile() ? real : false;
  } catch {
    return false;
  }
}
