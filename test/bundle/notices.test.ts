import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageFolders, thirdPartyNotices } from '../../src/bundle/notices.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('packageFolders: the packages a bundle took code from', () => {
  it.each([
    [['node_modules/pdfkit/js/pdfkit.js'], ['node_modules/pdfkit']],
    [['node_modules/@resvg/resvg-wasm/index.js'], ['node_modules/@resvg/resvg-wasm']],
    [['node_modules/pdfkit/node_modules/base64-js/index.js', 'node_modules/base64-js/index.js'], ['node_modules/base64-js', 'node_modules/pdfkit/node_modules/base64-js']],
    [['/work/main/node_modules/yaml/dist/index.js'], ['/work/main/node_modules/yaml']],
    [['node_modules/fflate/esm/index.mjs', 'node_modules/fflate/esm/browser.js'], ['node_modules/fflate']],
    [['src/thai/digits.ts', 'ita-report-codegen:validator/data'], []],
  ])('%j → %j', (files, folders) => {
    expect(packageFolders(files)).toEqual(folders);
  });
});

describe('thirdPartyNotices', () => {
  it('names each package with its version and stated licence, and carries its licence and notice files; the fonts and the emblem by their own files', () => {
    const text = thirdPartyNotices(ROOT, ['node_modules/echarts/dist/echarts.common.min.js', 'node_modules/@resvg/resvg-wasm/index.js', 'src/engine.ts'], ['fonts/Laksaman.ttf', 'assets/garuda.svg']);
    expect(text).toMatch(/^echarts \d+\.\d+\.\d+\nLicence: Apache-2\.0\n/m);
    // Apache-2.0 asks for the NOTICE file too.
    expect(text).toContain('--- NOTICE ---');
    expect(text).toContain('Apache License');
    // A package without a licence file: what its package.json states, said as such.
    expect(text).toMatch(/@resvg\/resvg-wasm \d+\.\d+\.\d+\nLicence: MPL-2\.0\n[\s\S]*?ships no licence file; its package\.json states MPL-2\.0/);
    expect(text).toContain('fonts/COPYING-Laksaman');
    expect(text).toContain('fonts/COPYING-DejaVu');
    expect(text).toContain('assets/README.md');
    // Our own sources are not third-party code.
    expect(text).not.toContain('src/engine.ts');
  });
});
