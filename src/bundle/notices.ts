import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The notices the static site must carry: its engine.js and app.js are copies of other people's
 * code (pdfmake, pdfkit, fontkit, docx, ECharts, resvg…) and its engine carries the fonts, and
 * their licences (MIT, ISC, BSD, Apache-2.0, MPL-2.0, the fonts' own) ask that a copy keep their
 * copyright and licence texts. A site published by an agency (GitHub Pages, an intranet) is such a
 * copy, so the build writes THIRD-PARTY-NOTICES.txt beside it, from what esbuild put in the
 * bundles: every package a bundle took code from, with the licence its package.json states and the
 * licence and notice files it ships; and the fonts' and the emblem's files.
 */

/**
 * The package folders that files come from (`node_modules/pdfkit`, `node_modules/@resvg/resvg-wasm`,
 * a package nested in another's `node_modules` by its deepest folder), sorted, each once.
 * Files outside node_modules are left out.
 */
export function packageFolders(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    const normal = file.split(path.sep).join('/');
    const at = normal.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const [first, second] = normal.slice(at + 'node_modules/'.length).split('/');
    if (!first) continue;
    const name = first.startsWith('@') && second ? `${first}/${second}` : first;
    folders.add(`${normal.slice(0, at)}node_modules/${name}`);
  }
  return [...folders].sort();
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)([-._].*)?$/i;

interface PackageJson {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: { type?: string }[];
  homepage?: string;
  repository?: string | { url?: string };
}

/** A package's section: name, version, stated licence, where it lives, and its licence files' texts. */
function packageNotice(root: string, folder: string): string {
  const dir = path.resolve(root, folder);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
  const licence =
    typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? pkg.licenses?.map((l) => l.type).filter(Boolean).join(' OR ') ?? 'not stated');
  const where = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? pkg.homepage);
  const files = readdirSync(dir)
    .filter((name) => LICENCE_FILE.test(name))
    .sort();
  const head = [`${pkg.name ?? folder}${pkg.version ? ` ${pkg.version}` : ''}`, `Licence: ${licence}`, ...(where ? [`Source: ${where}`] : [])];
  const texts = files.map((name) => `--- ${name} ---\n${readFileSync(path.join(dir, name), 'utf8').trim()}`);
  if (texts.length === 0) texts.push(`(The package ships no licence file; its package.json states ${licence}.)`);
  return [...head, '', ...texts].join('\n');
}

/** The tool's own files a bundle carries (fonts, the emblem), by path from the package root: the files that say whose they are. */
function toolFileNotices(root: string, toolFiles: readonly string[]): string[] {
  const folders = [...new Set(toolFiles.map((file) => file.split('/')[0]!))].sort();
  const sections: string[] = [];
  for (const folder of folders.filter((f) => f === 'fonts' || f === 'assets')) {
    const dir = path.join(root, folder);
    const names = readdirSync(dir)
      .filter((name) => name === 'README.md' || LICENCE_FILE.test(name))
      .sort();
    for (const name of names) sections.push(`${folder}/${name}\n\n${readFileSync(path.join(dir, name), 'utf8').trim()}`);
  }
  return sections;
}

/**
 * THIRD-PARTY-NOTICES.txt: the packages of `files` (what esbuild bundled), then the tool's files in
 * `toolFiles` (the fonts and the emblem the engine carries). Fails when a package folder cannot be
 * read: a site without its notices is not to be published.
 */
export function thirdPartyNotices(root: string, files: readonly string[], toolFiles: readonly string[] = []): string {
  const own = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
  const folders = packageFolders(files).filter((folder) => existsSync(path.resolve(root, folder, 'package.json')));
  const rule = '\n\n' + '='.repeat(78) + '\n\n';
  const intro = [
    `${own.name ?? 'ita-report'} ${own.version ?? ''}: the web page without a server (npm run build:web).`,
    'Its engine.js and app.js contain the code of the packages below, and engine.js the fonts and',
    'the emblem below; each is used under its licence, whose text follows.',
    '',
    'ข้อความสัญญาอนุญาตของซอฟต์แวร์และฟอนต์ที่หน้าเว็บนี้ใช้ (the licences of the software and fonts this page uses)',
  ].join('\n');
  return [intro, ...folders.map((folder) => packageNotice(root, folder)), ...toolFileNotices(root, toolFiles)].join(rule) + '\n';
}
