import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';

/** One part of a .docx package as text (word/document.xml, word/styles.xml, …). */
export function docxPart(bytes: Uint8Array, part: string): string {
  const file = unzipSync(bytes)[part];
  if (!file) throw new Error(`no ${part} in the package`);
  return strFromU8(file);
}

/** The text Word would show, read by an independent reader (mammoth), one paragraph a line. */
export async function docxText(bytes: Uint8Array): Promise<string[]> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Rows of every table in document order, each cell's paragraphs joined by a space. */
export function docxTables(bytes: Uint8Array): string[][][] {
  const xml = docxPart(bytes, 'word/document.xml');
  const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
  return tables.map((table) =>
    (table.match(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g) ?? []).map((row) =>
      (row.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((cell) =>
        (cell.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [])
          .map((p) => (p.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g) ?? []).map((t) => (t === '<w:tab/>' ? ' ' : t.replace(/<[^>]+>/g, ''))).join(''))
          .join(' ')
          .trim(),
      ),
    ),
  );
}

/** Paragraphs of word/document.xml with their style id, in order (tables included). */
export function docxParagraphs(bytes: Uint8Array): { style: string; text: string }[] {
  const xml = docxPart(bytes, 'word/document.xml');
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(p)?.[1] ?? '',
    text: (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''),
  }));
}
