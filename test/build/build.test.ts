import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFile, defaultFolder, yearOfFolder } from '../../src/build/build.ts';

const SAMPLE = fileURLToPath(new URL('../../data/2566/nakhon-pathom.yaml', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'ita-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('yearOfFolder', () => {
  it('reads the year of the folder a file is in, or of the first folder under a root', () => {
    expect(yearOfFolder('data/2566/x.yaml')).toBe(2566);
    expect(yearOfFolder('test/fixtures/followup/progress.yaml')).toBeUndefined();
    expect(yearOfFolder('/d/2567/sub/x.yaml', '/d')).toBe(2567);
    expect(yearOfFolder('/d/x.yaml', '/d')).toBeUndefined();
    expect(defaultFolder(2566, 'data/2566/x.yaml')).toBe(path.join('2566', 'x'));
  });
});

describe('buildFile', () => {
  it('refuses a file in another year\'s folder and writes nothing', async () => {
    const file = path.join(dir, 'data', '2567', 'nakhon-pathom.yaml');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, readFileSync(SAMPLE));
    const out = path.join(dir, 'out');
    const built = await buildFile({ file, options: { formats: ['docx'], digits: 'thai' }, folderYear: yearOfFolder(file), out: { dir: out } });
    expect(built.status).toBe('refused');
    expect(built.status === 'refused' && built.why).toBe('folder-year');
    expect(built.status === 'refused' && built.reason).toContain('fiscal_year is 2566');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses warnings under strict, before rendering', async () => {
    const built = await buildFile({ file: SAMPLE, options: { formats: ['docx'], digits: 'thai' }, strict: true });
    expect(built.status === 'refused' && built.why).toBe('strict');
  });
});
