import { describe, expect, it } from 'vitest';
import { finalizeBlocks } from '../../src/model/finalize.ts';
import { columnFractions } from '../../src/model/layout.ts';
import { closeTag, MarkupError, openTag, parseMarkup, type TagAttrs, type TagName } from '../../src/model/markup.ts';
import type { Block, Cell, DigitSystem, Heading, List, Paragraph, Row, Run, Table } from '../../src/model/types.ts';

/** `el('para', {}, 'text')`: one element of template output. */
function el(name: TagName, attrs: TagAttrs, ...content: string[]): string {
  return openTag(name, attrs) + content.join('') + closeTag(name);
}
const para = (...content: string[]): string => el('para', {}, ...content);
const b = (...content: string[]): string => el('b', {}, ...content);
const i = (...content: string[]): string => el('i', {}, ...content);
const u = (...content: string[]): string => el('u', {}, ...content);

function only<T extends Block['kind']>(source: string, kind: T): Extract<Block, { kind: T }> {
  const blocks = parseMarkup(source);
  expect(blocks).toHaveLength(1);
  expect(blocks[0]!.kind).toBe(kind);
  return blocks[0] as Extract<Block, { kind: T }>;
}

describe('parseMarkup: whitespace and runs', () => {
  it.each<{ name: string; source: string; runs: Run[] }>([
    { name: 'trims both ends', source: para('  ข้อความ  '), runs: [{ text: 'ข้อความ' }] },
    { name: 'collapses inner whitespace', source: para('ก   ข\n\n\tค'), runs: [{ text: 'ก ข ค' }] },
    { name: 'newlines at the ends disappear', source: para('\n    คะแนน 85.00\n  '), runs: [{ text: 'คะแนน 85.00' }] },
    {
      name: 'a space before a bold run is kept once',
      source: para('ก  ', b('  ข'), ' ค'),
      runs: [{ text: 'ก ' }, { text: 'ข', bold: true }, { text: ' ค' }],
    },
    {
      name: 'a space inside the end of a bold run is not doubled',
      source: para('ก ', b('ข '), ' ค'),
      runs: [{ text: 'ก ' }, { text: 'ข ', bold: true }, { text: 'ค' }],
    },
    {
      name: 'leading space of the block is dropped even inside bold',
      source: para('  ', b('  หัว'), ' ท้าย  '),
      runs: [{ text: 'หัว', bold: true }, { text: ' ท้าย' }],
    },
    {
      name: 'trailing space of the block is dropped even inside bold',
      source: para('ต้น ', b('ท้าย   ')),
      runs: [{ text: 'ต้น ' }, { text: 'ท้าย', bold: true }],
    },
    {
      name: 'a whitespace-only bold run disappears',
      source: para('ก ', b('   '), ' ข'),
      runs: [{ text: 'ก ข' }],
    },
    {
      name: 'adjacent runs with the same format merge',
      source: para(b('ก'), b('ข'), 'ค', 'ง'),
      runs: [{ text: 'กข', bold: true }, { text: 'คง' }],
    },
    {
      name: 'plain text split by an empty bold run merges',
      source: para('ก', b(''), 'ข'),
      runs: [{ text: 'กข' }],
    },
    {
      name: 'nested formats combine',
      source: para(b('ก', i('ข', u('ค'))), 'ง'),
      runs: [{ text: 'ก', bold: true }, { text: 'ข', bold: true, italic: true }, { text: 'ค', bold: true, italic: true, underline: true }, { text: 'ง' }],
    },
    {
      name: 'different formats do not merge',
      source: para(b('ก'), i('ข'), u('ค')),
      runs: [{ text: 'ก', bold: true }, { text: 'ข', italic: true }, { text: 'ค', underline: true }],
    },
    { name: 'an empty paragraph has no runs', source: para('  \n '), runs: [] },
    // A line break the clerk typed (LINE_BREAK, U+2028) is kept, alone, unlike the template's whitespace.
    { name: 'a typed line break is kept', source: para('ก\u2028ข'), runs: [{ text: 'ก\u2028ข' }] },
    { name: 'spaces beside a typed line break go', source: para('ก  \u2028  ข'), runs: [{ text: 'ก\u2028ข' }] },
    { name: 'a blank line typed is one line break', source: para('ก\u2028 \u2028\u2028ข'), runs: [{ text: 'ก\u2028ข' }] },
    { name: 'typed line breaks at the ends go', source: para(' \u2028ก\u2028 ', '\u2028'), runs: [{ text: 'ก' }] },
    {
      name: 'a typed line break between runs of different formats',
      source: para('ก ', b('\u2028 ข'), ' \u2028ค'),
      runs: [{ text: 'ก' }, { text: '\u2028ข', bold: true }, { text: '\u2028ค' }],
    },
    {
      name: 'a space run between a run and a typed line break goes',
      source: para(b('ก'), ' ', '\u2028ข'),
      runs: [{ text: 'ก', bold: true }, { text: '\u2028ข' }],
    },
  ])('$name', ({ source, runs }) => {
    expect(only(source, 'paragraph').runs).toEqual(runs);
  });

  it('whitespace between blocks means nothing', () => {
    const blocks = parseMarkup(`\n  ${para('ก')}\n\n   ${para('ข')}  \n`);
    expect(blocks).toEqual([
      { kind: 'paragraph', style: 'body', runs: [{ text: 'ก' }] },
      { kind: 'paragraph', style: 'body', runs: [{ text: 'ข' }] },
    ]);
  });

  it('nothing gives no blocks', () => {
    expect(parseMarkup('')).toEqual([]);
    expect(parseMarkup(' \n\t ')).toEqual([]);
  });
});

describe('parseMarkup: blocks', () => {
  it.each<{ name: string; source: string; block: Block }>([
    { name: 'title', source: el('title', {}, ' รายงาน ', b('ITA')), block: { kind: 'title', runs: [{ text: 'รายงาน ' }, { text: 'ITA', bold: true }] } },
    {
      name: 'heading defaults to level 1, numbered',
      source: el('heading', {}, 'หลักการ'),
      block: { kind: 'heading', level: 1, numbered: true, runs: [{ text: 'หลักการ' }] },
    },
    {
      name: 'heading level 2, unnumbered',
      source: el('heading', { level: 2, numbered: false }, 'จุดแข็ง'),
      block: { kind: 'heading', level: 2, numbered: false, runs: [{ text: 'จุดแข็ง' }] },
    },
    { name: 'para defaults to body', source: para('x'), block: { kind: 'paragraph', style: 'body', runs: [{ text: 'x' }] } },
    {
      name: 'para with a style',
      source: el('para', { style: 'center' }, 'x'),
      block: { kind: 'paragraph', style: 'center', runs: [{ text: 'x' }] },
    },
    {
      name: 'list',
      source: el('list', {}, '\n  ', el('item', {}, ' หนึ่ง '), '\n  ', el('item', {}, 'สอง ', b('ตัวหนา')), '\n'),
      block: { kind: 'list', items: [{ runs: [{ text: 'หนึ่ง' }] }, { runs: [{ text: 'สอง ' }, { text: 'ตัวหนา', bold: true }] }] },
    },
    { name: 'empty list', source: el('list', {}, '  '), block: { kind: 'list', items: [] } },
    {
      name: 'signature',
      source: el('signature', {}, '\n', el('line', {}, '(ลงชื่อ)'), ' ', el('line', {}, '  นาย  ก  '), el('line', {}, 'ผู้ว่าราชการจังหวัด')),
      block: { kind: 'signature', lines: [[{ text: '(ลงชื่อ)' }], [{ text: 'นาย ก' }], [{ text: 'ผู้ว่าราชการจังหวัด' }]] },
    },
    { name: 'page break', source: el('pagebreak', {}), block: { kind: 'pageBreak' } },
  ])('$name', ({ source, block }) => {
    expect(parseMarkup(source)).toEqual([block]);
  });

  const cell = (...content: string[]): string => el('cell', {}, ...content);
  const row = (attrs: TagAttrs, ...cells: string[]): string => el('row', attrs, ...cells);
  const plain = (text: string): Paragraph => ({ kind: 'paragraph', style: 'plain', runs: [{ text }] });

  it.each<{ name: string; source: string; cells: Cell[] }>([
    { name: 'bare text becomes a plain paragraph', source: cell('  การใช้งบประมาณ  '), cells: [{ blocks: [plain('การใช้งบประมาณ')] }] },
    {
      name: 'bare text with bold inside',
      source: cell(' ตัวชี้วัดที่ ', b('4'), ' '),
      cells: [{ blocks: [{ kind: 'paragraph', style: 'plain', runs: [{ text: 'ตัวชี้วัดที่ ' }, { text: '4', bold: true }] }] }],
    },
    {
      name: 'bold first after whitespace',
      source: cell('\n  ', b('หัว'), ' ตาม'),
      cells: [{ blocks: [{ kind: 'paragraph', style: 'plain', runs: [{ text: 'หัว', bold: true }, { text: ' ตาม' }] }] }],
    },
    {
      name: 'paragraphs in a cell default to plain',
      source: cell(' ', para('ก'), ' ', el('para', { style: 'right' }, 'ข')),
      cells: [{ blocks: [plain('ก'), { kind: 'paragraph', style: 'right', runs: [{ text: 'ข' }] }] }],
    },
    {
      name: 'a paragraph and a list in a cell',
      source: cell(para('ตัวชี้วัดที่ 4'), el('list', {}, el('item', {}, 'ก'), el('item', {}, 'ข'))),
      cells: [{ blocks: [plain('ตัวชี้วัดที่ 4'), { kind: 'list', items: [{ runs: [{ text: 'ก' }] }, { runs: [{ text: 'ข' }] }] }] }],
    },
    { name: 'an empty cell', source: cell('   '), cells: [{ blocks: [] }] },
  ])('cell: $name', ({ source, cells }) => {
    const table = only(el('table', {}, row({}, source)), 'table');
    expect(table.header).toEqual([]);
    expect(table.rows).toEqual([{ cells }]);
  });

  it('header rows (header: true) go to header, the rest to rows, in order', () => {
    const source = el(
      'table',
      {},
      '\n',
      row({ header: true }, cell('มาตรการ'), cell('ผู้รับผิดชอบ')),
      '\n',
      row({}, cell('ก'), cell('ข')),
      row({ header: false }, cell('ค'), cell('ง')),
      '\n',
    );
    const table = only(source, 'table');
    const texts = (rows: Row[]): string[][] =>
      rows.map((r) => r.cells.map((c) => c.blocks.map((bl) => (bl.kind === 'paragraph' ? bl.runs.map((x) => x.text).join('') : '')).join('')));
    expect(texts(table.header)).toEqual([['มาตรการ', 'ผู้รับผิดชอบ']]);
    expect(texts(table.rows)).toEqual([
      ['ก', 'ข'],
      ['ค', 'ง'],
    ]);
  });
});

describe('parseMarkup: errors', () => {
  const cell = (t: string): string => el('cell', {}, t);
  it.each([
    { name: 'text outside a block', source: 'ข้อความลอย' + para('x') },
    { name: 'text after the last block', source: para('x') + ' หลงมา ' },
    { name: 'text between list items', source: el('list', {}, el('item', {}, 'ก'), ' หลง ', el('item', {}, 'ข')) },
    { name: 'text between rows', source: el('table', {}, el('row', {}, cell('ก')), 'หลง') },
    { name: 'a mismatched close tag', source: openTag('para') + 'x' + closeTag('title') },
    { name: 'an unclosed bold run', source: openTag('para') + openTag('b') + 'x' + closeTag('para') },
    { name: 'a close tag with nothing open', source: closeTag('para') },
    { name: 'a block never closed', source: openTag('para') + 'x' },
    { name: 'an unterminated tag', source: '\u0001{"tag":"para"' },
    {
      name: 'rows with different cell counts',
      source: el('table', {}, el('row', {}, cell('ก'), cell('ข')), el('row', {}, cell('ค'))),
    },
    {
      name: 'a header row wider than the body',
      source: el('table', {}, el('row', { header: true }, cell('ก'), cell('ข'), cell('ค')), el('row', {}, cell('ง'), cell('จ'))),
    },
    { name: 'an item at document level', source: el('item', {}, 'x') },
    { name: 'a cell at document level', source: cell('x') },
    { name: 'a paragraph inside a list', source: el('list', {}, para('x')) },
    { name: 'a list inside a paragraph', source: el('para', {}, el('list', {}, el('item', {}, 'x'))) },
    { name: 'an unknown paragraph style', source: el('para', { style: 'justify' }, 'x') },
    { name: 'heading level 4', source: el('heading', { level: 4 }, 'x') },
    { name: 'a page break with content', source: el('pagebreak', {}, 'x') },
  ])('$name', ({ source }) => {
    expect(() => parseMarkup(source)).toThrow(MarkupError);
  });

  it('names the different cell counts', () => {
    const source = el('table', {}, el('row', {}, cell('ก'), cell('ข')), el('row', {}, cell('ค')));
    expect(() => parseMarkup(source)).toThrow(/2, 1/);
  });
});

// ---------------------------------------------------------------------------------------------

const runs = (text: string): Run[] => [{ text }];
const heading = (level: 1 | 2 | 3, text: string, numbered = true): Heading => ({ kind: 'heading', level, numbered, runs: runs(text) });
const list = (...items: string[]): List => ({ kind: 'list', items: items.map((t) => ({ runs: runs(t) })) });
const body = (text: string): Paragraph => ({ kind: 'paragraph', style: 'body', runs: runs(text) });
const tableOf = (header: Cell[][], rows: Cell[][]): Table => ({
  kind: 'table',
  header: header.map((cells) => ({ cells })),
  rows: rows.map((cells) => ({ cells })),
});
const textCell = (text: string): Cell => ({ blocks: [{ kind: 'paragraph', style: 'plain', runs: runs(text) }] });

const headingNumbers = (blocks: Block[]): (string | undefined)[] =>
  blocks.filter((bl): bl is Heading => bl.kind === 'heading').map((h) => h.number);
const markers = (l: Block | undefined): (string | undefined)[] => (l as List).items.map((it) => it.marker);

describe('finalizeBlocks: heading numbers', () => {
  it.each<{ name: string; blocks: Block[]; arabic: (string | undefined)[]; thai: (string | undefined)[] }>([
    {
      name: 'sections',
      blocks: [heading(1, 'ก'), heading(1, 'ข'), heading(1, 'ค')],
      arabic: ['1.', '2.', '3.'],
      thai: ['๑.', '๒.', '๓.'],
    },
    {
      name: 'subsections reset under a new section',
      blocks: [heading(1, 'ก'), heading(1, 'ข'), heading(2, 'ข1'), heading(2, 'ข2'), heading(1, 'ค'), heading(2, 'ค1')],
      arabic: ['1.', '2.', '2.1', '2.2', '3.', '3.1'],
      thai: ['๑.', '๒.', '๒.๑', '๒.๒', '๓.', '๓.๑'],
    },
    {
      name: 'level 3 under level 2',
      blocks: [heading(1, 'ก'), heading(2, 'ก1'), heading(3, 'ก1a'), heading(3, 'ก1b'), heading(2, 'ก2'), heading(3, 'ก2a')],
      arabic: ['1.', '1.1', '1.1.1', '1.1.2', '1.2', '1.2.1'],
      thai: ['๑.', '๑.๑', '๑.๑.๑', '๑.๑.๒', '๑.๒', '๑.๒.๑'],
    },
    {
      name: 'unnumbered headings are skipped',
      blocks: [heading(1, 'ปก', false), heading(1, 'ก'), heading(2, 'ก1'), heading(2, 'หมายเหตุ', false), heading(2, 'ก2'), heading(1, 'ข')],
      arabic: [undefined, '1.', '1.1', undefined, '1.2', '2.'],
      thai: [undefined, '๑.', '๑.๑', undefined, '๑.๒', '๒.'],
    },
    {
      name: 'ten sections',
      blocks: Array.from({ length: 10 }, (_, k) => heading(1, `h${k}`)),
      arabic: ['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.', '10.'],
      thai: ['๑.', '๒.', '๓.', '๔.', '๕.', '๖.', '๗.', '๘.', '๙.', '๑๐.'],
    },
  ])('$name', ({ blocks, arabic, thai }) => {
    expect(headingNumbers(finalizeBlocks(blocks, 'arabic'))).toEqual(arabic);
    expect(headingNumbers(finalizeBlocks(blocks, 'thai'))).toEqual(thai);
  });

  it('numbers only headings, and leaves the input untouched', () => {
    const blocks: Block[] = [heading(1, 'ก'), body('x'), heading(1, 'ข')];
    const before = structuredClone(blocks);
    const out = finalizeBlocks(blocks, 'arabic');
    expect(blocks).toEqual(before);
    expect(out[1]).toEqual(body('x'));
  });
});

describe('finalizeBlocks: list markers', () => {
  it.each<{ digits: DigitSystem; first: string[]; second: string[] }>([
    { digits: 'arabic', first: ['1.', '2.', '3.'], second: ['1.', '2.'] },
    { digits: 'thai', first: ['๑.', '๒.', '๓.'], second: ['๑.', '๒.'] },
  ])('restart per list at document level ($digits)', ({ digits, first, second }) => {
    const out = finalizeBlocks([list('ก', 'ข', 'ค'), body('x'), list('ง', 'จ')], digits);
    expect(markers(out[0])).toEqual(first);
    expect(markers(out[2])).toEqual(second);
  });

  it('ten items in Thai', () => {
    const out = finalizeBlocks([list(...'กขคงจฉชซฌญ'.split(''))], 'thai');
    expect(markers(out[0])).toEqual(['๑.', '๒.', '๓.', '๔.', '๕.', '๖.', '๗.', '๘.', '๙.', '๑๐.']);
  });

  it.each<{ digits: DigitSystem; want: string[][] }>([
    { digits: 'arabic', want: [['1.', '2.'], ['1.', '2.', '3.'], ['1.']] },
    { digits: 'thai', want: [['๑.', '๒.'], ['๑.', '๒.', '๓.'], ['๑.']] },
  ])('restart per list in table cells, header rows too ($digits)', ({ digits, want }) => {
    const table = tableOf(
      [[{ blocks: [list('h1', 'h2')] }]],
      [[{ blocks: [body('ตัวชี้วัด'), list('a', 'b', 'c')] }], [{ blocks: [list('d')] }]],
    );
    const [out] = finalizeBlocks([table], digits) as [Table];
    expect(markers(out.header[0]!.cells[0]!.blocks[0])).toEqual(want[0]);
    expect(markers(out.rows[0]!.cells[0]!.blocks[1])).toEqual(want[1]);
    expect(markers(out.rows[1]!.cells[0]!.blocks[0])).toEqual(want[2]);
  });
});

describe('finalizeBlocks: digits', () => {
  const allText = (bl: Block): string[] => {
    switch (bl.kind) {
      case 'title':
      case 'paragraph':
      case 'heading':
        return bl.runs.map((r) => r.text);
      case 'list':
        return bl.items.flatMap((it) => it.runs.map((r) => r.text));
      case 'signature':
        return bl.lines.flatMap((l) => l.map((r) => r.text));
      case 'table':
        return [...bl.header, ...bl.rows].flatMap((r) => r.cells.flatMap((c) => c.blocks.flatMap(allText)));
      default:
        return [];
    }
  };

  it.each<{ input: string; thai: string; arabic: string }>([
    { input: 'คะแนน 93.51 ปี 2566', thai: 'คะแนน ๙๓.๕๑ ปี ๒๕๖๖', arabic: 'คะแนน 93.51 ปี 2566' },
    { input: 'ปี ๒๕๖๖', thai: 'ปี ๒๕๖๖', arabic: 'ปี 2566' },
    { input: 'ดู https://example.go.th/2566 ปี 2566', thai: 'ดู https://example.go.th/2566 ปี ๒๕๖๖', arabic: 'ดู https://example.go.th/2566 ปี 2566' },
    { input: 'อีเมล saraban2566@example.go.th', thai: 'อีเมล saraban2566@example.go.th', arabic: 'อีเมล saraban2566@example.go.th' },
    { input: 'ไม่มีตัวเลข', thai: 'ไม่มีตัวเลข', arabic: 'ไม่มีตัวเลข' },
  ])('"$input" in every kind of block', ({ input, thai, arabic }) => {
    const blocks: Block[] = [
      { kind: 'title', runs: runs(input) },
      { kind: 'heading', level: 1, numbered: true, runs: runs(input) },
      body(input),
      list(input),
      { kind: 'signature', lines: [runs(input)] },
      tableOf([[textCell(input)]], [[{ blocks: [list(input)] }]]),
    ];
    for (const [digits, want] of [
      ['thai', thai],
      ['arabic', arabic],
    ] as const) {
      const texts = finalizeBlocks(blocks, digits).flatMap(allText);
      expect(texts).toHaveLength(7);
      for (const t of texts) expect(t).toBe(want);
    }
  });

  it('keeps run formats while converting', () => {
    const [out] = finalizeBlocks([{ kind: 'paragraph', style: 'center', runs: [{ text: '85', bold: true, underline: true }] }], 'thai');
    expect(out).toEqual({ kind: 'paragraph', style: 'center', runs: [{ text: '๘๕', bold: true, underline: true }] });
  });

  it('a page break passes through', () => {
    expect(finalizeBlocks([{ kind: 'pageBreak' }], 'thai')).toEqual([{ kind: 'pageBreak' }]);
  });
});

describe('finalizeBlocks on parsed markup', () => {
  it('numbers and converts a small report', () => {
    const source = [
      el('heading', {}, 'หลักการ'),
      el('heading', {}, 'ผลการประเมิน'),
      el('heading', { level: 2 }, 'จุดแข็ง'),
      el('list', {}, el('item', {}, 'ตัวชี้วัดที่ 10 คะแนน 100')),
    ].join('\n');
    const out = finalizeBlocks(parseMarkup(source), 'thai');
    expect(headingNumbers(out)).toEqual(['๑.', '๒.', '๒.๑']);
    expect(out[3]).toEqual({ kind: 'list', items: [{ marker: '๑.', runs: [{ text: 'ตัวชี้วัดที่ ๑๐ คะแนน ๑๐๐' }] }] });
  });
});

// ---------------------------------------------------------------------------------------------

describe('columnFractions', () => {
  const LONG = 'ประชาสัมพันธ์แนวทางการใช้ทรัพย์สินของราชการ ผ่านช่องทางต่าง ๆ ให้บุคลากรได้รับรู้ และแต่งตั้งคณะทำงาน กำกับดูแล ตรวจสอบ';
  const row = (...texts: string[]): Cell[] => texts.map(textCell);

  const TABLES: { name: string; table: Table; long: number; short: number }[] = [
    {
      name: 'measures table (4 columns)',
      table: tableOf(
        [row('มาตรการ', 'ขั้นตอนหรือวิธีการ', 'ผู้รับผิดชอบ', 'การกำกับติดตาม')],
        [
          row('การใช้ทรัพย์สิน', LONG, 'ส่วนราชการ', 'รายงานผลไตรมาส 2'),
          row('การเปิดเผยข้อมูล', LONG + LONG, 'ส่วนราชการ', 'รายงานผลไตรมาส 2'),
        ],
      ),
      long: 1,
      short: 2,
    },
    {
      name: 'two columns, a number and a long text',
      table: tableOf([row('ที่', 'ประเด็น')], [row('1', LONG), row('2', LONG)]),
      long: 1,
      short: 0,
    },
    {
      name: 'six columns with tiny labels',
      table: tableOf([], [row('1', '2', '3', '4', LONG, '5')]),
      long: 4,
      short: 0,
    },
    {
      name: 'eight columns (the floor takes most of the width)',
      table: tableOf([], [row('a', 'b', 'c', 'd', 'e', 'f', 'g', LONG)]),
      long: 7,
      short: 0,
    },
  ];

  it.each(TABLES)('$name: sums to 1, long wider than short, nothing below the floor', ({ table, long, short }) => {
    const f = columnFractions(table);
    const columns = table.rows[0]!.cells.length;
    expect(f).toHaveLength(columns);
    expect(Math.abs(f.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-9);
    expect(f[long]!).toBeGreaterThan(f[short]!);
    const floor = Math.min(0.12, 1 / columns);
    for (const x of f) expect(x).toBeGreaterThanOrEqual(floor - 1e-12);
  });

  it.each([0.05, 0.12, 0.2, 0.24])('custom floor %s is respected', (minFraction) => {
    const table = tableOf([], [row('1', 'ก', LONG, 'ข')]);
    const f = columnFractions(table, minFraction);
    expect(Math.abs(f.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-9);
    for (const x of f) expect(x).toBeGreaterThanOrEqual(Math.min(minFraction, 1 / 4) - 1e-12);
    expect(f[2]!).toBeGreaterThan(f[0]!);
  });

  it.each([
    { columns: 10, minFraction: 0.12 },
    { columns: 4, minFraction: 0.25 },
  ])('a floor of 1/$columns ($minFraction ≥ 1/$columns) makes the $columns columns equal', ({ columns, minFraction }) => {
    const texts = Array.from({ length: columns }, (_, k) => (k === columns - 1 ? LONG : String(k)));
    const f = columnFractions(tableOf([], [row(...texts)]), minFraction);
    for (const x of f) expect(x).toBeCloseTo(1 / columns, 12);
  });

  // BUG (src/model/layout.ts columnFractions): when every column's share is exactly the floor
  // (equal content and floor = 1/n), deficit and surplus are both 0 and the redistribution
  // computes 0·0/0 = NaN for every column. With the default floor 0.12 this happens for any
  // table of 9 or more columns with equal cell texts; the DOCX exporter then gets NaN widths.
  it.each([
    { columns: 9, minFraction: 0.12, text: 'a' },
    { columns: 12, minFraction: 0.12, text: 'abcd' },
    { columns: 2, minFraction: 0.5, text: 'ก' },
    { columns: 4, minFraction: 0.3, text: 'ข้อความ' },
  ])('$columns equal columns with floor $minFraction give equal finite widths', ({ columns, minFraction, text }) => {
    const f = columnFractions(tableOf([], [row(...Array.from({ length: columns }, () => text))]), minFraction);
    expect(f).toHaveLength(columns);
    for (const x of f) expect(x).toBeCloseTo(1 / columns, 12);
  });

  it('equal content gives equal columns', () => {
    const f = columnFractions(tableOf([row('หัว', 'หัว', 'หัว')], [row('ข้อความ', 'ข้อความ', 'ข้อความ')]));
    for (const x of f) expect(x).toBeCloseTo(1 / 3, 12);
  });

  it('a header-only table is sized by the header', () => {
    const f = columnFractions(tableOf([row('ก', 'ข้อความที่ยาวกว่ามากในหัวตาราง')], []));
    expect(f).toHaveLength(2);
    expect(f[1]!).toBeGreaterThan(f[0]!);
    expect(Math.abs(f[0]! + f[1]! - 1)).toBeLessThan(1e-9);
  });

  it('an empty table has no columns', () => {
    expect(columnFractions(tableOf([], []))).toEqual([]);
  });

  it('Thai marks above and below take no width', () => {
    // same consonants, one column with vowels and tone marks above/below: same width
    const f = columnFractions(tableOf([], [row('กกกกกกกกกก', 'กิ่กี้กุ๊กู๋กึกกกกก')]));
    expect(f[0]!).toBeCloseTo(f[1]!, 12);
  });
});
