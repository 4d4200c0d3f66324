import { describe, expect, it } from 'vitest';
import { localFileName, nextYearFileName } from '../../src/serve/page/local-names.ts';

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
});
