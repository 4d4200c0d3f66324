import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.ts';
import { ratingOf, toolScores, type ToolScore } from '../../src/analysis/overall.ts';
import { FrameworkError, loadFramework, parseFramework, type Framework } from '../../src/data/frameworks.ts';
import { parseReportData } from '../../src/data/load.ts';
import { edit, MINIMAL } from '../helpers/minimal.ts';

const framework = (year: number): Framework => {
  const f = loadFramework(year);
  if (!f) throw new Error(`frameworks/${year}.yaml is missing`);
  return f;
};

const tools = (iit: number, eit: number, oit: number): ToolScore[] =>
  [['IIT', iit, 30], ['EIT', eit, 30], ['OIT', oit, 40]].map(([id, score, weight]) => ({ id: String(id), name: String(id), weight: Number(weight), score: Number(score) }));

describe('the rating in words, by the rule in the framework file', () => {
  // overall, IIT, EIT, OIT (tools as percents of their maximum) → the rule's band, and the band
  // above with the tools that kept the agency out when the overall alone would have reached it.
  const cases: [number, number, number, number, string, string?, string[]?][] = [
    [100, 100, 100, 100, 'ผ่านดีเยี่ยม'],
    [95, 95, 95, 95, 'ผ่านดีเยี่ยม'],
    [98.5, 94.99, 100, 100, 'ผ่านดี', 'ผ่านดีเยี่ยม', ['IIT']],
    [96, 90, 90, 100, 'ผ่านดี', 'ผ่านดีเยี่ยม', ['IIT', 'EIT']],
    [94.99, 100, 100, 90, 'ผ่านดี'],
    // The published case of 2568: 94.64 with EIT under 85 is ผ่าน, not ผ่านดี.
    [94.64, 98, 84.13, 100, 'ผ่าน', 'ผ่านดี', ['EIT']],
    [96, 100, 80, 100, 'ผ่าน', 'ผ่านดี', ['EIT']],
    [85, 85, 85, 85, 'ผ่านดี'],
    [85, 85, 84.99, 85.01, 'ผ่าน', 'ผ่านดี', ['EIT']],
    [84.99, 100, 100, 70, 'ต้องปรับปรุง'],
    [70, 70, 70, 70, 'ต้องปรับปรุง'],
    [69.99, 90, 90, 40, 'ต้องปรับปรุงโดยด่วน'],
    [0, 0, 0, 0, 'ต้องปรับปรุงโดยด่วน'],
  ];
  for (const year of [2566, 2567, 2568]) {
    it.each(cases)(`${year}: overall %d, IIT %d, EIT %d, OIT %d → %s`, (total, iit, eit, oit, words, above, held) => {
      const outcome = ratingOf(total, tools(iit, eit, oit), framework(year).rating!);
      expect(outcome?.band.words).toBe(words);
      expect(outcome?.heldBack?.band.words).toBe(above);
      expect(outcome?.heldBack?.tools.map((t) => t.id)).toEqual(held);
    });
  }

  it('marks the bands below the pass mark as unconfirmed and the top three as likely, as the notes do', () => {
    const marks = framework(2568).rating!.map((b) => `${b.words}:${b.status}`);
    expect(marks).toEqual(['ผ่านดีเยี่ยม:L', 'ผ่านดี:L', 'ผ่าน:L', 'ต้องปรับปรุง:U', 'ต้องปรับปรุงโดยด่วน:U']);
  });

  it('has no rule before the 2566 assessment', () => {
    expect(framework(2565).rating).toBeUndefined();
  });

  it('gives no rating while a tool has no score', () => {
    const partial = tools(90, 90, 90).map((t, i) => (i === 1 ? { ...t, score: undefined } : t));
    expect(ratingOf(90, partial, framework(2567).rating!)).toBeUndefined();
  });
});

describe('tool scores as percents of their maximum', () => {
  it('are the weighted mean of the tool\'s indicators, rounded to hundredths as printed', () => {
    const scores = new Map([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, n <= 5 ? 98 : n <= 8 ? [84.99, 85, 85][n - 6]! : 100]));
    const byId = Object.fromEntries(toolScores(framework(2567), scores).map((t) => [t.id, t.score]));
    // EIT: (84.99 + 85 + 85) / 3 = 84.9967, printed 85.00, and 85.00 reaches 85.
    expect(byId).toEqual({ IIT: 98, EIT: 85, OIT: 100 });
  });

  it('weights unequal indicators by their weights', () => {
    const text = readFileSync(new URL('../../frameworks/2567.yaml', import.meta.url), 'utf8')
      .replace(/(number: 9\n\s+name: .*\n\s+tool: OIT\n\s+weight: )20/, '$130')
      .replace(/(number: 10\n\s+name: .*\n\s+tool: OIT\n\s+weight: )20/, '$110');
    const unequal = parseFramework(text, 'unequal.yaml');
    const scores = new Map([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, n === 9 ? 90 : 60]));
    // (90 × 30 + 60 × 10) / 40 = 82.5, where the plain mean would be 75.
    expect(toolScores(unequal, scores).find((t) => t.id === 'OIT')?.score).toBe(82.5);
  });
});

describe('a broken rating rule in a framework file is refused', () => {
  const base = readFileSync(new URL('../../frameworks/2567.yaml', import.meta.url), 'utf8');
  const withRating = (rating: string): string => base.slice(0, base.indexOf('\nrating:')) + `\nrating:\n${rating}`;
  it.each([
    ['a band that can never apply', '  - { words: ผ่าน, min: 85, status: L }\n  - { words: ผ่านดี, min: 85, each_tool: 85, status: L }\n  - { words: ต่ำ, min: 0, status: U }\n', /ผ่านดี can never apply/],
    ['no band at 0', '  - { words: ผ่าน, min: 85, status: L }\n', /last rating band must start at 0/],
    ['the same words twice', '  - { words: ผ่าน, min: 85, status: L }\n  - { words: ผ่าน, min: 0, status: U }\n', /ผ่าน appears twice/],
    ['an unknown status mark', '  - { words: ผ่าน, min: 0, status: X }\n', /status/],
  ])('%s', (_name, rating, error) => {
    expect(() => parseFramework(withRating(rating), 'broken.yaml')).toThrow(FrameworkError);
    expect(() => parseFramework(withRating(rating), 'broken.yaml')).toThrow(error);
  });
});

describe('the rating in the analysis', () => {
  /** A 2567 assessment (fiscal 2568) with the published case's split: 94.64 overall, EIT under 85. */
  const held = (overall: string): string => {
    let text = edit(edit(MINIMAL, 'fiscal_year: 2566', 'fiscal_year: 2568'), '  score: 90', `  score: 94.64${overall}`);
    const scores = { 1: 98, 2: 98, 3: 98, 4: 98, 5: 98, 6: 84.1, 7: 84.2, 8: 84.1, 9: 100, 10: 100 };
    text = edit(text, '  1: 90\n  2: 91.5\n', Object.entries(scores).map(([n, s]) => `  ${n}: ${s}\n`).join(''));
    return text;
  };
  const analysed = (text: string) => {
    const loaded = parseReportData(text, 'test.yaml');
    if (!loaded.data) throw new Error(JSON.stringify(loaded.findings));
    return analyse(loaded.data, framework(loaded.data.frameworkYear));
  };

  it('states the rule\'s rating, the tools that held it back, and warns about nothing', () => {
    const a = analysed(held(''));
    expect(a.rating?.words).toBe('ผ่าน');
    expect(a.rating?.heldBack?.words).toBe('ผ่านดี');
    expect(a.rating?.heldBack?.tools.map((t) => [t.id, t.score])).toEqual([['EIT', 84.13]]);
    expect(a.tools.map((t) => [t.id, t.score, t.passed])).toEqual([['IIT', 98, true], ['EIT', 84.13, false], ['OIT', 100, true]]);
    expect(a.findings).toEqual([]);
  });

  it('prints a declared rating that differs from the rule, with a warning, and gives no reason', () => {
    const a = analysed(held('\n  rating: ผ่านดี'));
    expect(a.rating?.words).toBe('ผ่านดี');
    expect(a.rating?.heldBack).toBeUndefined();
    expect(a.findings).toMatchObject([{ severity: 'warning', code: 'overall.rating-mismatch', path: ['overall', 'rating'], params: { declared: 'ผ่านดี', rule: 'ผ่าน' } }]);
  });

  it('accepts a declared rating equal to the rule without a word', () => {
    expect(analysed(held('\n  rating: ผ่าน')).findings).toEqual([]);
  });

  it('asks the clerk to confirm a rating from an unconfirmed band, unless it is declared', () => {
    const low = (rating: string): string => {
      let text = edit(MINIMAL, 'fiscal_year: 2566', 'fiscal_year: 2568');
      text = edit(text, '  score: 90', `  score: 80${rating}`);
      return edit(text, '  1: 90\n  2: 91.5\n', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `  ${n}: 80\n`).join(''));
    };
    const a = analysed(low(''));
    expect(a.rating?.words).toBe('ต้องปรับปรุง');
    expect(a.findings).toMatchObject([{ code: 'overall.rating-unconfirmed', path: ['overall', 'score'] }]);
    expect(analysed(low('\n  rating: ต้องปรับปรุง')).findings).toEqual([]);
  });

  it('says nothing about a rating in a year without a rule, and warns when one is declared', () => {
    const before = edit(edit(MINIMAL, '  score: 90', '  score: 90\n  rating: ผ่าน'), '  1: 90\n  2: 91.5\n', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `  ${n}: 90\n`).join(''));
    const a = analysed(before);
    expect(a.rating).toBeUndefined();
    expect(a.findings).toMatchObject([{ code: 'overall.rating-no-rule', path: ['overall', 'rating'], params: { framework: 2565 } }]);
  });
});
