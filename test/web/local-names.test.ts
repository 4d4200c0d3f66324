import { describe, expect, it } from 'vitest';
import { checkDataPath, PathError } from '../../src/serve/guard.ts';
import { localFileName, newFileInFolder, nextYearFileName, nextYearInFolder, outsideFolder } from '../../src/serve/page/local-names.ts';

/** The server's refusal of a path, Thai and English. */
const serverSays = (path: string): { th: string; en: string } | undefined => {
  try {
    checkDataPath(path);
    return undefined;
  } catch (err) {
    if (err instanceof PathError) return { th: err.th, en: err.en };
    throw err;
  }
};

/** The static site's file names on the clerk's computer (src/serve/page/local-names.ts). */
describe('file names on the clerk\'s computer', () => {
  it('a new agency\'s file carries its fiscal year; a name a new file may not have is refused', () => {
    expect(localFileName(2567, 'nakhon-pathom')).toBe('nakhon-pathom-2567.yaml');
    expect(localFileName(2567, 'Nakhon Pathom')).toBeUndefined();
    expect(localFileName(2559, 'nakhon-pathom')).toBeUndefined();
  });

  it('next year\'s file is named beside this one, its year replaced or added', () => {
    expect(nextYearFileName('nakhon-pathom.yaml', 2567)).toBe('nakhon-pathom-2567.yaml');
    expect(nextYearFileName('nakhon-pathom-2566.yaml', 2567)).toBe('nakhon-pathom-2567.yaml');
    expect(nextYearFileName('นครปฐม_2566.yml', 2567)).toBe('นครปฐม-2567.yaml');
    expect(nextYearFileName('2566.yaml', 2567)).toBe('ita-2567.yaml');
  });

  it('in a folder the clerk opened: next year\'s file goes where last year\'s is looked for, a new agency\'s as the folder keeps its years', () => {
    expect(nextYearInFolder('2566/nakhon-pathom.yaml', 2567)).toBe('2567/nakhon-pathom.yaml');
    expect(nextYearInFolder('nakhon-pathom-2566.yaml', 2567)).toBe('nakhon-pathom-2567.yaml');
    expect(nextYearInFolder('nakhon-pathom.yaml', 2567)).toBe('nakhon-pathom-2567.yaml');
    // A folder that is not the file's year is no year folder: the name carries the year.
    expect(nextYearInFolder('เก่า/nakhon-pathom-2566.yaml', 2567)).toBe('เก่า/nakhon-pathom-2567.yaml');
    expect(nextYearInFolder('2560/nakhon-pathom.yaml', 2567)).toBe('2560/nakhon-pathom-2567.yaml');
    expect(newFileInFolder(true, 2567, 'จังหวัดนครปฐม')).toBe('2567/จังหวัดนครปฐม.yaml');
    expect(newFileInFolder(false, 2567, 'จังหวัดนครปฐม')).toBe('จังหวัดนครปฐม-2567.yaml');
    expect(newFileInFolder(true, 2567, 'a/b')).toBeUndefined();
  });

  it('a path leaving the folder the clerk opened is refused in the words the server refuses it with', () => {
    for (const path of ['../x.yaml', '2567/../../x.yaml', '/etc/x.yaml', 'C:/x.yaml']) {
      expect(outsideFolder(path), path).toEqual(serverSays(path));
      expect(outsideFolder(path)?.th).toBe(`ไม่อนุญาตให้เปิดไฟล์นอกโฟลเดอร์ข้อมูล: "${path}"`);
    }
    expect(outsideFolder('2567/x.yaml')).toBeUndefined();
    expect(outsideFolder('x-2567.yaml')).toBeUndefined();
  });
});
