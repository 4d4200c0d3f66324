import { deflateSync } from 'node:zlib';
import { unzlibSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { STREAM_DEFLATE_LEVEL } from '../../src/export/pdf/pdfkit-hooks.ts';
import * as hooks from '../../src/export/pdf/pdfkit-hooks.ts';
import { renderSample } from '../helpers/sample.ts';

/**
 * pdfkit's streams are deflated by the hook of pdfkit-hooks.ts with fflate, not by Node's zlib
 * (native), so that a browser, whose bundle has no Node zlib, writes the same bytes
 * (test/web/engine-browser.test.ts). This fails when the hook stops taking effect: a pdfkit
 * upgrade that moves the compression, or a change that loses the hook.
 */

/** Each stream of the file as it is written: its bytes and whether its dictionary says FlateDecode. */
function streams(pdf: Uint8Array): { data: Uint8Array; flate: boolean; dict: string }[] {
  const raw = Buffer.from(pdf);
  const out: { data: Uint8Array; flate: boolean; dict: string }[] = [];
  let at = 0;
  for (;;) {
    const start = raw.indexOf('\nstream\n', at, 'latin1');
    if (start < 0) break;
    const end = raw.indexOf('\nendstream', start + 8, 'latin1');
    const dict = raw.subarray(raw.lastIndexOf(' obj\n', start, 'latin1'), start).toString('latin1');
    out.push({ data: raw.subarray(start + 8, end), flate: dict.includes('/FlateDecode'), dict });
    at = end + 10;
  }
  return out;
}

describe('the deflate of PDF streams (pdfkit-hooks.ts)', () => {
  it('is fflate\'s at STREAM_DEFLATE_LEVEL for every stream, not Node\'s zlib', async () => {
    const before = hooks.streamsDeflated;
    const { report } = await renderSample({ formats: ['pdf'], kinds: ['report'] });
    const all = streams(report.bytes);
    // Every stream is compressed, and by the hook; but the XMP metadata, which pdfkit leaves plain
    // (`compress = false`) for readers that look for it.
    expect(all.filter((s) => !s.flate).map((s) => s.dict.includes('/Type /Metadata'))).toEqual([true]);
    const found = all.filter((s) => s.flate);
    expect(found.length).toBeGreaterThan(5);
    expect(hooks.streamsDeflated - before).toBe(found.length);
    let nodeWouldDiffer = 0;
    for (const { data } of found) {
      const plain = unzlibSync(data);
      expect(Buffer.from(zlibSync(plain, { level: STREAM_DEFLATE_LEVEL })).equals(Buffer.from(data))).toBe(true);
      if (!deflateSync(plain).equals(Buffer.from(data))) nodeWouldDiffer++;
    }
    // The check can tell the two apart: Node's zlib writes other bytes for these streams.
    expect(nodeWouldDiffer).toBeGreaterThan(0);
  }, 60_000);
});
