import { readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { isAtomicTemp } from '../files/files.ts';

/**
 * Saves write `<file>.yaml.tmp-<pid>-<8 hex>` and rename it over the file (writeFileAtomic). A
 * server killed between the two leaves the temporary file behind; these find and remove them.
 */
const SAVE_TEMP = /^(.+\.ya?ml)\.tmp-(\d+)-[0-9a-f]{8}$/i;

/** A save takes milliseconds: a temporary file this old is left over whatever wrote it. */
const STALE_AFTER_MS = 60 * 60 * 1000;

const running = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes the left-over temporary files of saves in a folder (and its subfolders when `recursive`):
 * those of a process that no longer runs, those of this process except the saves it is making
 * (`saving`: the data files being written now), and any older than an hour (a process id may have
 * been given to another program since). Another live server's save in progress is left alone.
 * Answers the files removed.
 */
export async function sweepSaveTemps(dir: string, options: { recursive: boolean; saving?: { has(file: string): boolean } }): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: options.recursive });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = SAVE_TEMP.exec(entry.name);
    if (!match || !entry.isFile() || !isAtomicTemp(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const target = path.join(entry.parentPath, match[1]!);
    const pid = Number(match[2]);
    let stale = pid === process.pid ? !options.saving?.has(target) : !running(pid);
    if (!stale) stale = await stat(file).then((s) => Date.now() - s.mtimeMs > STALE_AFTER_MS, () => false);
    if (stale && (await unlink(file).then(() => true, () => false))) removed.push(file);
  }
  return removed;
}
