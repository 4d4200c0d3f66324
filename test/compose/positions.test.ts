import { describe, expect, it } from 'vitest';
import { compileDocumentTemplate, TemplateError } from '../../src/compose/engine.ts';
import { MarkupError, parseMarkup } from '../../src/model/markup.ts';

/** Renders a template text of the test's own, named templates/test.hbs, and parses its markup. */
function run(source: string, view: object): unknown {
  const output = compileDocumentTemplate('templates/test.hbs', source)(view);
  return parseMarkup(output.markup);
}

/** What run() throws: its class and message. */
function failure(source: string, view: object): { error: unknown; message: string } {
  try {
    run(source, view);
  } catch (error) {
    return { error, message: (error as Error).message };
  }
  throw new Error('no error');
}

const row = { indicator: { number: 1, name: 'การปฏิบัติหน้าที่' }, points: ['ก'] };

describe('template and markup errors name the template file and line', () => {
  it.each([
    {
      name: 'a misspelt field in the document template',
      source: '{{#Para}}\n{{agency}}\n{{#B}}{{agency_name}}{{/B}}{{/Para}}',
      view: { agency: 'ก' },
      kind: TemplateError,
      at: 'templates/test.hbs:3:',
      says: /"agency_name" not defined/,
    },
    {
      name: 'a field the view lacks, used in a partial (issues-table.hbs, line 5)',
      source: '{{#Para}}x{{/Para}}\n{{> issues-table rows=rows}}',
      view: { rows: [row] },
      kind: TemplateError,
      at: 'templates/partials/issues-table.hbs:5:',
      says: /"points_heading" not defined/,
    },
    {
      name: 'a misspelt field inside an each of a partial (issues-table.hbs, line 9)',
      source: '{{> issues-table rows=rows points_heading="ข"}}',
      view: { rows: [{ points: ['ก'] }] },
      kind: TemplateError,
      at: 'templates/partials/issues-table.hbs:9:',
      says: /"number" not defined/,
    },
    {
      name: 'a helper given a wrong value',
      source: '{{#Para}}\n\n{{score total}}{{/Para}}',
      view: { total: 'ร้อย' },
      kind: TemplateError,
      at: 'templates/test.hbs:3:',
      says: /score expects a number/,
    },
    {
      name: 'a Handlebars syntax error',
      source: '{{#Para}}\nx\n{{agency}{{/Para}}',
      view: { agency: 'ก' },
      kind: TemplateError,
      at: 'templates/test.hbs:3:',
      says: /Parse error/,
    },
    {
      name: 'a block closed by the wrong name',
      source: '{{#Para}}\n{{#if x}}\ny\n{{/Para}}',
      view: { x: true },
      kind: TemplateError,
      at: 'templates/test.hbs:2:',
      says: /doesn't match/,
    },
    {
      name: 'a line counted after the front matter',
      source: '---\ntitle: ก\n---\n{{#Para}}\n{{agency_name}}{{/Para}}',
      view: {},
      kind: TemplateError,
      at: 'templates/test.hbs:5:',
      says: /not defined/,
    },
    {
      name: 'a table row with a missing cell: the line of the table',
      source: '{{#Para}}x{{/Para}}\n\n{{#Table}}\n  {{#Row}}{{#Cell}}ก{{/Cell}}{{#Cell}}ข{{/Cell}}{{/Row}}\n  {{#Row}}{{#Cell}}ค{{/Cell}}{{/Row}}\n{{/Table}}',
      view: {},
      kind: MarkupError,
      at: 'templates/test.hbs:3:',
      says: /different numbers of cells: 2, 1/,
    },
    {
      name: 'a paragraph inside a list: the line of the paragraph',
      source: '{{#List}}\n  {{#Para}}x{{/Para}}\n{{/List}}',
      view: {},
      kind: MarkupError,
      at: 'templates/test.hbs:2:',
      says: /a list holds items, found para/,
    },
    {
      name: 'text outside a block: the line of the enclosing row',
      source: '{{#Table}}\n{{#Row}}\nก\n{{/Row}}{{/Table}}',
      view: {},
      kind: MarkupError,
      at: 'templates/test.hbs:2:',
      says: /text outside a block in row/,
    },
    {
      name: 'an unknown paragraph style',
      source: '{{#Para}}x{{/Para}}\n{{#Para style="justify"}}y{{/Para}}',
      view: {},
      kind: MarkupError,
      at: 'templates/test.hbs:2:',
      says: /unknown paragraph style justify/,
    },
  ])('$name', ({ source, view, kind, at, says }) => {
    const { error, message } = failure(source, view);
    expect(error).toBeInstanceOf(kind);
    expect(message.startsWith(`${at} `)).toBe(true);
    expect(message).toMatch(says);
  });

  it('keeps positions out of the model', () => {
    const blocks = run('{{#Table}}\n{{#Row header=true}}{{#Cell}}ก{{/Cell}}{{/Row}}{{/Table}}\n{{#Para style="center"}}x{{/Para}}', {});
    expect(JSON.stringify(blocks)).not.toContain('test.hbs');
    expect(blocks).toEqual([
      { kind: 'table', header: [{ cells: [{ blocks: [{ kind: 'paragraph', style: 'plain', runs: [{ text: 'ก' }] }] }] }], rows: [] },
      { kind: 'paragraph', style: 'center', runs: [{ text: 'x' }] },
    ]);
  });
});
