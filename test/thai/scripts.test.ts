import { describe, expect, it } from 'vitest';
import * as thai from '../../src/thai/index.ts';
import { scriptRuns, visibleLength, type ScriptRun } from '../../src/thai/scripts.ts';

const T = (text: string): ScriptRun => ({ text, script: 'thai' });
const O = (text: string): ScriptRun => ({ text, script: 'other' });

describe('scriptRuns: Latin and Thai written together are separate runs', () => {
  it.each<[string, ScriptRun[]]>([
    ['ITAที่', [O('ITA'), T('ที่')]],
    ['ที่ITA', [T('ที่'), O('ITA')]],
    ['(ITA)ปั้น', [O('(ITA)'), T('ปั้น')]],
    ['e-Serviceของ', [O('e-Service'), T('ของ')]],
    ['ระดับ AA ผ่าน', [T('ระดับ '), O('AA '), T('ผ่าน')]],
    ['café\u0301ที่', [O('café\u0301'), T('ที่')]], // a combining accent stays with its letter
  ])('%j → %j', (text, expected) => {
    expect(scriptRuns(text)).toEqual(expected);
  });
});

describe('scriptRuns: neutral characters join the run before them', () => {
  it.each<[string, ScriptRun[]]>([
    ['ที่ 93.68 คะแนน', [T('ที่ 93.68 คะแนน')]],
    ['ผู้ใหญ่ น้ำ', [T('ผู้ใหญ่ น้ำ')]],
    ['ITA 2566', [O('ITA 2566')]],
    ['คะแนน (ร้อยละ 85%)', [T('คะแนน (ร้อยละ 85%)')]],
    ['ก\u00A0ข\u200Bค', [T('ก\u00A0ข\u200Bค')]],
    ['ITA: ที่', [O('ITA: '), T('ที่')]],
    ['(๑) ITA', [T('(๑) '), O('ITA')]], // Thai digits are Thai
    ['฿5 $5', [T('฿5 $5')]], // ฿ is in the Thai block, so it counts as Thai
  ])('%j → %j', (text, expected) => {
    expect(scriptRuns(text)).toEqual(expected);
  });
});

describe('scriptRuns: neutral characters at the start join the first letter after them', () => {
  it.each<[string, ScriptRun[]]>([
    ['', []],
    ['  ก', [T('  ก')]],
    ['(ITA)', [O('(ITA)')]],
    ['“ก” ITA', [T('“ก” '), O('ITA')]],
    ['2566 ITA ที่', [O('2566 ITA '), T('ที่')]],
    ['93.68', [O('93.68')]], // nothing but neutral characters
    ['   ', [O('   ')]],
  ])('%j → %j', (text, expected) => {
    expect(scriptRuns(text)).toEqual(expected);
  });
});

describe('scriptRuns: properties', () => {
  it.each([
    'การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ได้คะแนน ๙๓.๖๘ คะแนน อยู่ในระดับ AA ผ่านเกณฑ์การประเมินที่ร้อยละ ๘๕ ผู้ใหญ่บ้าน น้ำประปา ที่ปรึกษา e-Serviceของหน่วยงาน ต่างๆ กรุงเทพฯ',
    'ผ่านระบบ e-Service/e-Office ในช่วง COVID-19 ทางอีเมล itas@nacc.go.th 👍 ภายใน 15 ธ.ค. 2566',
  ])('%s', (text) => {
    const runs = scriptRuns(text);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    runs.forEach((run, i) => {
      expect(run.text).not.toBe('');
      if (i > 0) expect(run.script).not.toBe(runs[i - 1]!.script);
      if (run.script === 'thai') expect(run.text).not.toMatch(/\p{L}(?<!\p{Script=Thai})/u);
      else expect(run.text).not.toMatch(/[\u0E00-\u0E7F]/);
    });
  });

  it('is re-exported from src/thai/index.ts', () => {
    expect(thai.scriptRuns).toBe(scriptRuns);
  });
});

describe('visibleLength: what occupies the line', () => {
  it.each<[string, number]>([
    ['', 0],
    ['ITA', 3],
    ['ที่', 1],
    ['ผู้ใหญ่', 4],
    ['น้ำ', 2],
    ['ปั้น', 2],
    ['ตัวชี้วัด', 5],
    ['๙๓.๖๘', 5],
  ])('%j → %i', (text, n) => {
    expect(visibleLength(text)).toBe(n);
  });
});
