import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { RawData } from '../../src/data/types.ts';
import { decodeUtf8 } from '../../src/data/load.ts';
import type { RenderChoice } from './arbitraries.ts';
import type { BrokenCase, ExpectedError } from './broken.ts';

/**
 * A counterexample kept as a file (test/property/regressions/*.yaml): the data file as it failed,
 * with comment lines at its top that say what it is:
 *
 *   # property-test: valid file …      (or: broken file …)
 *   # property: content                 which property failed: content, exception, rejected,
 *                                       documents, deterministic, expected-error, located, cli
 *   # status: open — <why, who fixes>   open: marked `it.fails` until the fix lands; fixed: must pass
 *   # render: {"digits":"thai",…}       valid files: the render options
 *   # expect: [{"codes":[…],"path":[…],"line":12}]   broken files: the errors it must get
 *   # before: other.yaml                rendered first in the same process (history-dependent bugs)
 *
 * Everything after the header is the data file, read by the loader like any other.
 */

export interface RegressionFile {
  file: string;
  kind: 'valid' | 'broken';
  property: string;
  status: 'open' | 'fixed' | 'new';
  /** The rest of the status line: why it is open, or what fixed it. */
  note: string;
  render: RenderChoice;
  expect: ExpectedError[];
  before?: string;
  bytes: Uint8Array;
  /** The data as the test reads it (valid files), for the strings it must hold. */
  data?: RawData;
}

const DEFAULT_RENDER: RenderChoice = { digits: 'thai', charts: true, justify: true, continuation: true };

export function readRegression(file: string): RegressionFile {
  const bytes = new Uint8Array(readFileSync(file));
  // The header is ASCII or UTF-8 comment lines, even in front of a file that is not UTF-8.
  const head = Buffer.from(bytes.subarray(0, 16_384)).toString('latin1');
  const fields = new Map<string, string>();
  let last = '';
  for (const raw of head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').split(/\r?\n/)) {
    if (!raw.startsWith('#')) break;
    const m = /^# ([a-z-]+): ?(.*)$/.exec(raw);
    if (m) {
      last = m[1]!;
      fields.set(last, Buffer.from(m[2]!, 'latin1').toString('utf8'));
    } else if (/^# {3}/.test(raw) && last) fields.set(last, `${fields.get(last)}\n${Buffer.from(raw.slice(4), 'latin1').toString('utf8')}`);
  }
  const kind = (fields.get('property-test') ?? '').startsWith('broken') ? 'broken' : 'valid';
  const statusLine = fields.get('status') ?? 'new';
  const status = statusLine.startsWith('open') ? 'open' : statusLine.startsWith('fixed') ? 'fixed' : 'new';
  const text = decodeUtf8(bytes);
  return {
    file,
    kind,
    property: fields.get('property') ?? 'content',
    status,
    note: statusLine.replace(/^(open|fixed|new)\s*[—-]?\s*/, ''),
    render: { ...DEFAULT_RENDER, ...(fields.has('render') ? (JSON.parse(fields.get('render')!) as Partial<RenderChoice>) : {}) },
    expect: fields.has('expect') ? (JSON.parse(fields.get('expect')!) as ExpectedError[]) : [{}],
    before: fields.get('before'),
    bytes,
    data: kind === 'valid' && text !== undefined ? (parse(text.replace(/^\uFEFF/, '')) as RawData) : undefined,
  };
}

export const asBrokenCase = (r: RegressionFile): BrokenCase => ({ name: r.file, bytes: r.bytes, expect: r.expect });
