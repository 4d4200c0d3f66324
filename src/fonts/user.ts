import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { officialFormat as F } from '../style/official-format.ts';
import { FontFileError, registerFontFile, type FaceName, type PdfFontSet } from './fonts.ts';

/**
 * A user's font for the PDF (`--pdf-font`), on Node: found and read from the file system here, and
 * handed to the font service (fonts.ts, which reads nothing itself) as bytes.
 */

const STYLE_SUFFIXES: Record<Exclude<FaceName, 'normal'>, string[]> = {
  bold: ['Bold'],
  italics: ['Italic'],
  bolditalics: ['BoldItalic', 'Bold Italic', 'Bold-Italic'],
};

const userSets = new Map<string, PdfFontSet>();

/**
 * A font set from the user's regular face ("THSarabunNew.ttf"); the other faces are found beside
 * it under the names the SIPA fonts ship with ("THSarabunNew Bold.ttf") or with a hyphen
 * ("Sarabun-Bold.ttf"). TH Sarabun is drawn at its own 16 pt. Bold is required (headings use it);
 * a missing italic face falls back to the upright one, as the templates do not use italics.
 */
export function fontSetFromFile(regular: string): PdfFontSet {
  const normal = path.resolve(regular);
  // A batch asks for the same set for every agency: the faces are looked for (and read) once.
  const known = userSets.get(normal);
  if (known) return known;
  if (!existsSync(normal)) throw new FontFileError(normal, [normal]);
  const dir = path.dirname(normal);
  const ext = path.extname(normal);
  const stem = path.basename(normal, ext).replace(/[-_ ]?Regular$/i, '');
  const find = (suffixes: string[]): { found?: string; tried: string[] } => {
    const tried = suffixes.flatMap((s) => [' ', '-', '_', ''].map((sep) => path.join(dir, `${stem}${sep}${s}${ext}`)));
    return { found: tried.find((f) => existsSync(f)), tried };
  };
  const bold = find(STYLE_SUFFIXES.bold);
  if (!bold.found) throw new FontFileError(bold.tried[0]!, bold.tried);
  const italics = find(STYLE_SUFFIXES.italics).found ?? normal;
  const bolditalics = find(STYLE_SUFFIXES.bolditalics).found ?? bold.found;
  const set: PdfFontSet = {
    family: `User:${normal}`,
    files: { normal, bold: bold.found, italics, bolditalics },
    bodySize: F.fontSize,
  };
  for (const file of new Set(Object.values(set.files))) registerFontFile(file, readFileSync(file));
  userSets.set(normal, set);
  return set;
}
