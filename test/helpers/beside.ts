import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * What the command line reads beside a data file (issue 16), for the tests that give the same to
 * the engine in the browser: Sample Agency's two years (test/fixtures/two-years), the 2567 file
 * naming an emblem of its own, kept side by side in a folder as the static site names them.
 */
const FIXTURE = new URL('../fixtures/two-years/', import.meta.url);

/** A small emblem: a rectangle with a circle. */
export const SEAL = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect x="20" y="10" width="160" height="80" fill="#1f4e79"/><circle cx="100" cy="50" r="30" fill="#fff"/></svg>\n';
export const EMBLEM_LINE = 'announcement:\n  emblem: emblems/seal.svg\n';
/** Last year's file. */
export const BEFORE = readFileSync(new URL('2566/sample-agency.yaml', FIXTURE), 'utf8');
/** This year's file as in the fixtures, without an emblem. */
export const NOW_PLAIN = readFileSync(new URL('2567/sample-agency.yaml', FIXTURE), 'utf8');
/** This year's file, naming the emblem. */
export const NOW = NOW_PLAIN + EMBLEM_LINE;

/** A new folder with sample-agency-2566.yaml, sample-agency-2567.yaml (NOW) and emblems/seal.svg; returns it. */
export function writeBesideFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  mkdirSync(path.join(dir, 'emblems'));
  writeFileSync(path.join(dir, 'emblems/seal.svg'), SEAL);
  writeFileSync(path.join(dir, 'sample-agency-2566.yaml'), BEFORE);
  writeFileSync(path.join(dir, 'sample-agency-2567.yaml'), NOW);
  return dir;
}
