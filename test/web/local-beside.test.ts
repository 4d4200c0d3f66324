import { describe, expect, it } from 'vitest';
import { besideFor, missingFor } from '../../src/serve/page/local-beside.ts';

/** What the static site hands the engine from the files the clerk gave beside the data file (issue 16). */

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const withEmblem = { agency: 'x', announcement: { emblem: '../emblems/seal.svg' } };

describe('besideFor', () => {
  it('hands over nothing when nothing was given', () => {
    expect(besideFor([], withEmblem, 'x-2567.yaml')).toEqual({});
  });

  it("takes last year's file by its name first, else the YAML file given, and the emblem by the last part of the path the data writes", () => {
    const given = [
      { name: 'other.yaml', bytes: bytes('other: 1\n') },
      { name: 'x-2566.yaml', bytes: bytes('\uFEFFagency: x\n') },
      { name: 'seal.svg', bytes: bytes('<svg/>') },
    ];
    expect(besideFor(given, withEmblem, 'x-2567.yaml')).toEqual({
      previous: { name: 'x-2566.yaml', text: 'agency: x\n' },
      files: [{ path: '../emblems/seal.svg', bytes: bytes('<svg/>') }],
    });
    expect(besideFor(given, { agency: 'x' }, 'x.yaml')).toEqual({ previous: { name: 'other.yaml', text: 'other: 1\n' } });
  });

  it('leaves out a YAML file that is not UTF-8, and an SVG of another name', () => {
    expect(besideFor([{ name: 'x-2566.yaml', bytes: new Uint8Array([0xff, 0xfe, 0x41]) }, { name: 'logo.svg', bytes: bytes('<svg/>') }], withEmblem, 'x-2567.yaml')).toEqual({});
  });
});

describe('missingFor', () => {
  it('says, Thai first, what the documents lack for want of a file', () => {
    expect(missingFor([], withEmblem).map((m) => m.th)).toEqual([
      'รายงานไม่มีการเปรียบเทียบกับปีก่อน เพราะยังไม่ได้ให้ไฟล์ข้อมูลของปีก่อน (กด “ไฟล์ของปีก่อน / ตราสัญลักษณ์ (ถ้ามี)”)',
      'ประกาศไม่มีตราสัญลักษณ์ของหน่วยงาน เพราะยังไม่ได้ให้ไฟล์ seal.svg',
    ]);
    expect(missingFor([], { agency: 'x' }).map((m) => m.en)).toEqual(["the report has no comparison with the previous year: last year's data file was not given"]);
    expect(missingFor([{ name: 'x-2566.yaml', bytes: bytes('a: 1\n') }, { name: 'seal.svg', bytes: bytes('<svg/>') }], withEmblem)).toEqual([]);
  });
});
