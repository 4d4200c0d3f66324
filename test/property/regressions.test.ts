import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { anyTextProperty, brokenFileProperty, cliWritesNothingProperty, historyProperty, validFileInFreshProcess } from './properties.ts';
import { asBrokenCase, readRegression } from './regression-file.ts';

/**
 * Every counterexample the property tests found, kept as a data file in regressions/ (the header
 * is described in regression-file.ts; files in regressions/helpers/ are rendered before others).
 * Valid files run in a fresh process each, so that no other file's rendering changes the outcome.
 * Those whose fix is pending are `it.fails`, with the reason in their status line: when the fix
 * lands, the test fails until the file's status says "fixed".
 */

const DIR = fileURLToPath(new URL('./regressions/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('property regressions (test/property/regressions/)', () => {
  for (const name of files) {
    const r = readRegression(path.join(DIR, name));
    const title = `${name}: ${r.property}${r.note ? ` — ${r.note.split('\n')[0]!.slice(0, 120)}` : ''}`;
    const test = r.status === 'open' ? it.fails : it;
    test(title, async () => {
      if (r.kind === 'broken' && r.expect.length === 0) {
        await anyTextProperty(r); // a file with random edits: no error is expected, none may throw
        return;
      }
      if (r.kind === 'broken') {
        await brokenFileProperty(asBrokenCase(r));
        await cliWritesNothingProperty(asBrokenCase(r));
        return;
      }
      const before = r.before ? [path.join(DIR, r.before)] : [];
      if (r.property === 'deterministic') await historyProperty(r.file, before, r.render);
      else await validFileInFreshProcess(r.file, r.render, before);
    });
  }
});
