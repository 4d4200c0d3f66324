import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

const DATA_FILE = /\.ya?ml$/i;

export class UsageError extends Error {}

/** Expands files and folders (recursively) into data files, sorted so runs are repeatable. */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch {
      throw new UsageError(`ไม่พบไฟล์หรือโฟลเดอร์ "${input}" (no such file or folder)`);
    }
    if (info.isDirectory()) files.push(...(await walk(input)));
    else files.push(input);
  }
  return [...new Set(files)];
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(full)));
    else if (entry.isFile() && DATA_FILE.test(entry.name)) found.push(full);
  }
  return found;
}

/**
 * Every file under a folder, or the path itself when it is a file; nothing when it does not exist.
 */
export async function filesUnder(target: string): Promise<string[]> {
  try {
    const entries = await readdir(target, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? [target] : [];
  }
}

const tempName = (target: string): string => `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;

/** A temporary file of writeFileAtomic, left behind when a process was killed mid-write. */
export const isAtomicTemp = (file: string): boolean => /\.tmp-\d+-[0-9a-f]{8}$/.test(file);

/**
 * Writes a file so that readers only ever see the old or the complete new content: the bytes go
 * to a temporary file in the same folder, are flushed to disk, and then renamed over the target.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempName(target);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/**
 * Reads a file of at most `maxBytes`: its bytes, its size when it is larger (then it is never read
 * into memory: the size is asked of the open file), or why it could not be read (the error's code).
 */
export async function readFileUpTo(file: string, maxBytes: number): Promise<{ bytes: Uint8Array } | { size: number } | { reason: string }> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return { size };
      return { bytes: await handle.readFile() };
    } finally {
      await handle.close();
    }
  } catch (err) {
    return { reason: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
}
