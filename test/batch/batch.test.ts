import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseShard, shardOf } from '../../src/batch/plan.ts';
import { pdfText } from '../helpers/pdf.ts';
import { sampleText } from '../helpers/sample.ts';

const bin = new URL('../../bin/ita-report.js', import.meta.url).pathname;
const run = promisify(execFile);

async function cliWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: tmpdir(), env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const cli = (...args: string[]) => cliWith({}, ...args);

const fresh = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix));

/** Every file under a folder, relative to it, with sizes: what a run leaves behind. */
function tree(dir: string): Record<string, number> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .map((f) => [path.relative(dir, f), statSync(f).size] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
const documents = (dir: string): string[] => Object.keys(tree(dir)).filter((f) => /\.(docx|pdf)$/.test(f));

/** Resolves as soon as the first agency's four documents are in `out`. */
const firstAgencyWritten = (out: string): Promise<void> =>
  new Promise((resolve) => {
    const poll = setInterval(() => {
      if (documents(out).length >= 4) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });

/** A data tree of `n` valid agencies (variants of the sample) for fiscal year 2566. */
function dataTree(n: number): string {
  const dir = fresh('ita-batch-data-');
  mkdirSync(path.join(dir, '2566'));
  for (let i = 1; i <= n; i++) {
    const text = sampleText()
      .replace('agency: จังหวัดนครปฐม', `agency: หน่วยงานทดสอบที่ ${i}`)
      .replace('  1: 92.56 ', `  1: ${(80 + i / 10).toFixed(2)} `);
    writeFileSync(path.join(dir, '2566', `agency-${String(i).padStart(2, '0')}.yaml`), text);
  }
  return dir;
}

describe('ita-report batch', () => {
  it('writes every good file, names every bad one, writes nothing outside --out, and exits 1', async () => {
    const data = dataTree(2);
    const year = path.join(data, '2566');
    writeFileSync(path.join(year, 'broken.yaml'), 'agency: [unclosed\n');
    // Saved by a Windows editor in Windows-874: unreadable as the UTF-8 the tool expects.
    writeFileSync(path.join(year, 'windows-874.yaml'), Buffer.from([0x61, 0x67, 0x65, 0x6e, 0x63, 0x79, 0x3a, 0x20, 0xa8, 0xd1, 0xa7, 0xcb, 0xc7, 0xd1, 0xb4, 0x0a]));
    writeFileSync(path.join(year, 'dotdot.yaml'), sampleText().replace('agency: จังหวัดนครปฐม', 'agency: ../x'));
    writeFileSync(path.join(year, 'etc.yaml'), sampleText().replace('agency: จังหวัดนครปฐม', 'agency: /etc/x'));
    const unreadable = path.join(year, 'unreadable.yaml');
    writeFileSync(unreadable, sampleText());
    chmodSync(unreadable, 0o000);
    const root = process.getuid?.() === 0; // root reads it anyway; then it is simply a good file
    const parent = fresh('ita-batch-out-');
    const out = path.join(parent, 'out');
    const { code, stderr } = await cli('batch', data, '--out', out, '--jobs', '2');
    expect(code).toBe(1);
    expect(stderr).toMatch(/✗ 2566\/broken\.yaml: .*broken\.yaml:\d+:\d+: ข้อผิดพลาด \(error\)/);
    expect(stderr).toContain('✗ 2566/windows-874.yaml');
    expect(stderr).toContain('ไฟล์ไม่ได้บันทึกเป็น UTF-8');
    if (!root) expect(stderr).toMatch(/✗ 2566\/unreadable\.yaml: .*EACCES/);
    expect(stderr).toMatch(new RegExp(`สรุป \\(summary\\): 7 ไฟล์ \\(files\\) · เขียน ${root ? 5 : 4} \\(written\\) · ข้าม 0 \\(unchanged, skipped\\) · ล้มเหลว ${root ? 2 : 3} \\(failed\\)`));
    // Dangerous agency names are just names: documents go where the data file is, inside --out.
    expect(readdirSync(parent)).toEqual(['out']);
    const expected = ['agency-01', 'agency-02', 'dotdot', 'etc', ...(root ? ['unreadable'] : [])].flatMap((a) =>
      ['announcement.docx', 'announcement.pdf', 'report.docx', 'report.pdf'].map((f) => path.join('2566', a, f)),
    );
    expect(documents(out)).toEqual(expected.sort());
    expect(await pdfText(readFileSync(path.join(out, '2566/dotdot/report.pdf')))).toContain('ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของ../x');
  });

  it('skips what has not changed, rebuilds exactly what changed, and --force rebuilds all', async () => {
    const data = dataTree(3);
    const out = fresh('ita-batch-out-');
    expect((await cli('batch', data, '--out', out)).code).toBe(0);
    const first = tree(out);
    const again = await cli('batch', data, '--out', out);
    expect(again.stderr).toContain('เขียน 0 (written) · ข้าม 3 (unchanged, skipped)');
    // One data file changes: only its four documents are written again.
    const changed = path.join(data, '2566', 'agency-02.yaml');
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('  9: 97 ', '  9: 96 '));
    const before = Object.fromEntries(documents(out).map((f) => [f, statSync(path.join(out, f)).mtimeMs]));
    const partial = await cli('batch', data, '--out', out);
    expect(partial.stderr).toContain('เขียน 1 (written) · ข้าม 2 (unchanged, skipped)');
    const rewritten = documents(out).filter((f) => statSync(path.join(out, f)).mtimeMs !== before[f]);
    expect(rewritten).toEqual(['2566/agency-02/announcement.docx', '2566/agency-02/announcement.pdf', '2566/agency-02/report.docx', '2566/agency-02/report.pdf']);
    // A deleted document is noticed; other options rebuild everything; so does --force.
    rmSync(path.join(out, '2566/agency-03/report.pdf'));
    expect((await cli('batch', data, '--out', out)).stderr).toContain('เขียน 1 (written) · ข้าม 2');
    expect((await cli('batch', data, '--out', out, '--force')).stderr).toContain('เขียน 3 (written) · ข้าม 0');
    expect((await cli('batch', data, '--out', out, '--digits', 'arabic')).stderr).toContain('เขียน 3 (written) · ข้าม 0');
    expect(Object.keys(tree(out))).toEqual(Object.keys(first));
  });

  it('writes the follow-up report of each round incrementally, and --documents followup only those', async () => {
    const data = dataTree(1);
    const progress = readFileSync(new URL('../fixtures/followup/progress.yaml', import.meta.url), 'utf8');
    writeFileSync(path.join(data, '2566', 'agency-02.yaml'), progress);
    const out = fresh('ita-batch-out-');
    expect((await cli('batch', data, '--out', out, '--format', 'pdf')).code).toBe(0);
    expect(documents(out)).toEqual([
      '2566/agency-01/announcement.pdf', '2566/agency-01/report.pdf',
      '2566/agency-02/announcement.pdf', '2566/agency-02/followup-12-months.pdf', '2566/agency-02/followup-6-months.pdf', '2566/agency-02/report.pdf',
    ]);
    expect(await pdfText(readFileSync(path.join(out, '2566/agency-02/followup-6-months.pdf')))).toContain('รอบ ๖ เดือน');
    // Progress typed later: only that file is built again.
    writeFileSync(path.join(data, '2566', 'agency-02.yaml'), progress.replace('          3: { status: in_progress, result: อยู่ระหว่างแต่งตั้งคณะทำงาน }', '          3: { status: done, result: แต่งตั้งคณะทำงานแล้ว }'));
    expect((await cli('batch', data, '--out', out, '--format', 'pdf')).stderr).toContain('เขียน 1 (written) · ข้าม 1 (unchanged, skipped)');
    // Another choice of documents is another build of every file.
    const only = fresh('ita-batch-out-');
    expect((await cli('batch', data, '--out', only, '--documents', 'followup', '--format', 'pdf')).code).toBe(0);
    expect(documents(only)).toEqual(['2566/agency-02/followup-12-months.pdf', '2566/agency-02/followup-6-months.pdf']);
  });

  it('reports documents whose data file is gone, and removes them with --prune', async () => {
    const data = dataTree(3);
    const out = fresh('ita-batch-out-');
    expect((await cli('batch', data, '--out', out)).code).toBe(0);
    rmSync(path.join(data, '2566', 'agency-01.yaml'));
    const report = await cli('batch', data, '--out', out);
    expect(report.stderr).toContain('เอกสารที่ไม่มีไฟล์ข้อมูลแล้ว 4 ไฟล์ ลบได้ด้วย --prune');
    expect(report.stderr).toContain('  - 2566/agency-01/report.pdf');
    expect(documents(out)).toHaveLength(12);
    const pruned = await cli('batch', data, '--out', out, '--prune');
    expect(pruned.stderr).toContain('ลบเอกสารที่ไม่มีไฟล์ข้อมูลแล้ว 4 ไฟล์');
    expect(documents(out)).toHaveLength(8);
    expect(existsSync(path.join(out, '2566', 'agency-01'))).toBe(false);
    expect((await cli('batch', data, '--out', out)).stderr).not.toContain('ไม่มีไฟล์ข้อมูล');
    // A file that breaks keeps its last good documents: they are not orphans, and --prune leaves them.
    writeFileSync(path.join(data, '2566', 'agency-02.yaml'), 'agency: [unclosed\n');
    const broken = await cli('batch', data, '--out', out, '--prune');
    expect(broken.code).toBe(1);
    expect(broken.stderr).not.toContain('ไม่มีไฟล์ข้อมูล');
    expect(documents(out)).toHaveLength(8);
  });

  it('splits across machines: --shard 1/3, 2/3 and 3/3 together write exactly the files of one run', async () => {
    const data = dataTree(9);
    const full = fresh('ita-batch-out-');
    expect((await cli('batch', data, '--out', full, '--format', 'docx')).code).toBe(0);
    const shards = [1, 2, 3].map(() => fresh('ita-batch-shard-'));
    const written = await Promise.all(shards.map((dir, i) => cli('batch', data, '--out', dir, '--format', 'docx', '--shard', `${i + 1}/3`, '--jobs', '1')));
    expect(written.every((r) => r.code === 0)).toBe(true);
    const parts = shards.map(documents);
    expect(parts.every((p) => p.length > 0)).toBe(true);
    expect(parts.flat().sort()).toEqual(documents(full));
    for (const [i, dir] of shards.entries()) for (const f of parts[i]!) expect(readFileSync(path.join(dir, f)).equals(readFileSync(path.join(full, f)))).toBe(true);
  });

  it('filters by --year and --format', async () => {
    const data = dataTree(1);
    mkdirSync(path.join(data, '2567'));
    writeFileSync(path.join(data, '2567', 'next.yaml'), sampleText().replace('fiscal_year: 2566', 'fiscal_year: 2567').replace('assessment_year: 2565', 'assessment_year: 2566').replace('framework: 2565', 'framework: 2566'));
    const out = fresh('ita-batch-out-');
    expect((await cli('batch', data, '--out', out, '--year', '2567', '--format', 'pdf')).code).toBe(0);
    expect(documents(out)).toEqual(['2567/next/announcement.pdf', '2567/next/report.pdf']);
  });

  it('refuses a file in the wrong year\'s folder instead of writing it as that year', async () => {
    const data = dataTree(1);
    writeFileSync(path.join(data, '2566', 'copied.yaml'), sampleText().replace('fiscal_year: 2566', 'fiscal_year: 2567'));
    const { code, stderr } = await cli('batch', data, '--out', fresh('ita-batch-out-'));
    expect(code).toBe(1);
    expect(stderr).toContain('✗ 2566/copied.yaml: ไฟล์อยู่ในโฟลเดอร์ปี 2566 แต่ fiscal_year เป็น 2567');
  });

  it('leaves no partial document when killed half way, and a re-run equals a clean build', async () => {
    const data = dataTree(12);
    const out = fresh('ita-batch-out-');
    const child = spawn(process.execPath, [bin, 'batch', data, '--out', out, '--jobs', '1'], { stdio: 'ignore' });
    // Kill it as soon as the first agency's documents are there.
    await firstAgencyWritten(out);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const partial = documents(out);
    expect(partial.length).toBeLessThan(48);
    // Whatever is there is a whole document: every PDF reads, every DOCX is a zip that ends.
    for (const f of partial) {
      const bytes = readFileSync(path.join(out, f));
      if (f.endsWith('.pdf')) expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
      else expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    }
    const rerun = await cli('batch', data, '--out', out);
    expect(rerun.code).toBe(0);
    const clean = fresh('ita-batch-out-');
    expect((await cli('batch', data, '--out', clean)).code).toBe(0);
    const files = documents(clean);
    expect(files).toHaveLength(48);
    expect(Object.keys(tree(out)).filter((f) => /\.tmp-/.test(f))).toEqual([]);
    expect(documents(out)).toEqual(files);
    for (const f of files) expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(clean, f))), f).toBe(true);
  });

  it('stops cleanly on Ctrl-C (SIGINT): exit 130, what was written is recorded, a re-run finishes', async () => {
    const data = dataTree(10);
    const out = fresh('ita-batch-out-');
    const child = spawn(process.execPath, [bin, 'batch', data, '--out', out, '--jobs', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await firstAgencyWritten(out);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted: run the same command again to finish');
    const written = documents(out).length / 4;
    expect(written).toBeGreaterThanOrEqual(1);
    expect(written).toBeLessThan(10);
    const rerun = await cli('batch', data, '--out', out);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain(`เขียน ${10 - written} (written) · ข้าม ${written} (unchanged, skipped)`);
    expect(documents(out)).toHaveLength(40);
  });

  it('prints progress lines and a summary when its output is not a terminal', async () => {
    const { stderr } = await cli('batch', dataTree(2), '--out', fresh('ita-batch-out-'), '--jobs', '1');
    expect(stderr).toContain('2 ไฟล์ข้อมูล (data files): สร้าง 2 (to build) · ข้าม 0 (unchanged)');
    expect(stderr).toMatch(/\[2\/2\] เขียน 2 \(written\) · ล้มเหลว 0 \(failed\)/);
    expect(stderr).not.toContain('\x1b[');
  });

  it('rejects a bad --shard, --jobs or --year as a usage error', async () => {
    for (const args of [['--shard', '4/3'], ['--shard', 'x'], ['--jobs', '0'], ['--year', '66']]) {
      expect((await cli('batch', dataTree(1), ...args)).code, args.join(' ')).toBe(2);
    }
  });
});

describe('shards', () => {
  it.each([
    ['1/3', { index: 1, count: 3 }],
    ['3/3', { index: 3, count: 3 }],
    [' 2/5 ', { index: 2, count: 5 }],
    ['0/3', undefined],
    ['4/3', undefined],
    ['1/0', undefined],
    ['a/b', undefined],
  ])('parseShard(%j)', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  // A Kubernetes Indexed Job gives each pod JOB_COMPLETION_INDEX, 0-based; the count is the Job's
  // `completions`, written once in the pod template as `--shard N`.
  it.each([
    ['3', '0', { index: 1, count: 3 }],
    ['3', '2', { index: 3, count: 3 }],
    [' 3 ', ' 1 ', { index: 2, count: 3 }],
    ['3', '3', undefined],
    ['3', '-1', undefined],
    ['3', 'x', undefined],
    ['3', undefined, undefined],
    ['0', '0', undefined],
    ['1/3', '2', { index: 1, count: 3 }],
  ])('parseShard(%j) with JOB_COMPLETION_INDEX=%j', (text, index, shard) => {
    expect(parseShard(text, { JOB_COMPLETION_INDEX: index })).toEqual(shard);
  });

  it('puts every path in exactly one of N shards, the same on every machine, spread evenly', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `25${66 + (i % 3)}/agency-${i}.yaml`);
    const counts = [0, 0, 0];
    for (const key of keys) {
      const s = shardOf(key, 3);
      expect(s).toBeGreaterThanOrEqual(1);
      expect(s).toBeLessThanOrEqual(3);
      expect(shardOf(key, 3)).toBe(s);
      counts[s - 1]!++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(900);
    expect(shardOf('2566\\a.yaml'.replace(/\\/g, path.sep), 7)).toBe(shardOf('2566/a.yaml', 7));
  });
});

describe('ita-report batch: invalid data and internal errors apart (issue 11)', () => {
  /** A tree of files that all fail before rendering: an alias bomb, a year too early, and one more. */
  function failingTree(): string {
    const dir = fresh('ita-batch-limits-');
    mkdirSync(path.join(dir, '2566'));
    const bomb = `a: &a [${Array(50).fill('x').join(', ')}]\nb: &b [${Array(50).fill('*a').join(', ')}]\nc: [${Array(50).fill('*b').join(', ')}]\n`;
    writeFileSync(path.join(dir, '2566', 'bomb.yaml'), sampleText() + bomb);
    writeFileSync(path.join(dir, '2566', 'early.yaml'), sampleText().replace(/^fiscal_year: 2566/m, 'fiscal_year: 2523'));
    writeFileSync(path.join(dir, '2566', 'crash-me.yaml'), sampleText().replace(/^fiscal_year: 2566/m, 'fiscal_year: 2523'));
    return dir;
  }

  it('an alias bomb is invalid data at its line, not "rendering failed"; without a bug the run exits 1', async () => {
    const data = failingTree();
    const out = fresh('ita-batch-out-');
    const { code, stderr } = await cli('batch', data, '--out', out, '--jobs', '1');
    expect(code).toBe(1);
    expect(stderr).toMatch(/✗ 2566\/bomb\.yaml: \S*bomb\.yaml:\d+:4: ข้อผิดพลาด \(error\): ไฟล์ข้อมูลใช้ anchor หรือ alias ของ YAML \(&a\) ไม่ได้/);
    expect(stderr).toMatch(/✗ 2566\/early\.yaml: \S*early\.yaml:\d+:14: ข้อผิดพลาด \(error\): ต้องอยู่ระหว่าง ๒๕๒๔ ถึง ๒๖๔๓/);
    expect(stderr).not.toContain('rendering failed');
    expect(stderr).not.toContain('ReferenceError');
    expect(stderr).not.toContain('ข้อผิดพลาดภายในโปรแกรม');
    expect(stderr).toMatch(/ล้มเหลว 3 \(failed\) · \d/);
  });

  it('a bug in one file is marked ‼, counted apart in the summary, and the run exits 3', async () => {
    const data = failingTree();
    const out = fresh('ita-batch-out-');
    const { code, stderr } = await cliWith({ ITA_REPORT_TEST_CRASH: 'crash-me' }, 'batch', data, '--out', out, '--jobs', '1');
    expect(code).toBe(3);
    expect(stderr).toMatch(/‼ 2566\/crash-me\.yaml: ข้อผิดพลาดภายในโปรแกรม: TypeError: simulated internal error \(ITA_REPORT_TEST_CRASH\)/);
    expect(stderr).toContain('ล้มเหลว 3 (failed) · ในจำนวนนี้เป็นข้อผิดพลาดภายในโปรแกรม 1 (of which internal errors: 1)');
    expect(stderr).toContain('1 internal error(s), marked ‼: bugs in ita-report, not faults of the data; please report them');
    // The invalid files are still invalid data, reported as before.
    expect(stderr).toMatch(/ {2}✗ 2566\/bomb\.yaml: /);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe('a run split across machines, then merged (issue 15)', () => {
  it('pods of an Indexed Job (--shard N, JOB_COMPLETION_INDEX) cover every file; merge accounts for written, failed and missing', async () => {
    const data = dataTree(7);
    writeFileSync(path.join(data, '2566', 'broken.yaml'), 'agency: [unclosed\n');
    const out = fresh('ita-batch-pods-');
    // Three pods of one Job, the same command, told apart only by the index the Job gives them.
    const pods = await Promise.all([0, 1, 2].map((i) => cliWith({ JOB_COMPLETION_INDEX: String(i) }, 'batch', data, '--out', out, '--format', 'docx', '--shard', '3', '--jobs', '1')));
    expect(pods.filter((p) => p.code === 1)).toHaveLength(1);
    expect(pods.filter((p) => p.code === 0)).toHaveLength(2);
    expect(readdirSync(out).filter((f) => f.startsWith('.ita-report-manifest.')).sort()).toEqual(['1-of-3', '2-of-3', '3-of-3'].map((k) => `.ita-report-manifest.${k}.json`));

    const json = path.join(fresh('ita-merge-'), 'merged.json');
    const merged = await cli('merge', out, '--data', data, '--json', json);
    expect(merged.code).toBe(1);
    expect(merged.stdout).toContain('รวมผล 3 จาก 3 ส่วน (shards merged): หน่วยงานที่มีเอกสารครบ 7 (written) · เอกสาร 14 ไฟล์ (documents) · ล้มเหลว 1 (failed)');
    expect(merged.stdout).toMatch(/✗ 2566\/broken\.yaml: .*broken\.yaml:\d+:\d+: ข้อผิดพลาด \(error\)/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { written: number; documents: number; failed: { key: string }[]; missingShards: number[]; notCovered: string[] };
    expect(report).toMatchObject({ count: 3, shards: [1, 2, 3], written: 7, documents: 14, missingShards: [], notCovered: [], missingDocuments: [] });
    expect(report.failed.map((f) => f.key)).toEqual(['2566/broken.yaml']);

    // The merged manifest lets one unsharded run carry on where the shards stopped.
    writeFileSync(path.join(data, '2566', 'broken.yaml'), sampleText().replace('agency: จังหวัดนครปฐม', 'agency: หน่วยงานที่แก้แล้ว'));
    const after = await cli('batch', data, '--out', out, '--format', 'docx');
    expect(after.code).toBe(0);
    expect(after.stderr).toContain('เขียน 1 (written) · ข้าม 7 (unchanged, skipped)');
  });

  it('names a shard that did not report, a document that did not arrive and a data file no shard covered', async () => {
    const data = dataTree(4);
    const out = fresh('ita-batch-pods-');
    for (const k of [1, 2, 3]) expect((await cli('batch', data, '--out', out, '--format', 'pdf', '--shard', `${k}/3`, '--jobs', '1')).code).toBe(0);
    const lost = documents(out)[0]!;
    rmSync(path.join(out, lost));
    const owner = readdirSync(out).find((f) => f.startsWith('.ita-report-manifest.') && readFileSync(path.join(out, f), 'utf8').includes('agency-04'))!;
    rmSync(path.join(out, owner));
    const { code, stdout } = await cli('merge', out, '--data', data);
    expect(code).toBe(1);
    const k = /\.(\d)-of-3\./.exec(owner)![1];
    expect(stdout).toContain(`ไม่มีผลของส่วนที่ ${k} จาก 3`);
    expect(stdout).toContain(`- 2566/agency-04.yaml`);
    if (!lost.startsWith('2566/agency-04/')) expect(stdout).toContain(`- ${lost}`);
    expect(stdout).not.toContain('ครบทุกส่วน');
  });

  it('says so when the folder holds no shard manifest, and a whole merge exits 0', async () => {
    const empty = await cli('merge', fresh('ita-merge-empty-'));
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain('no shard manifests in this folder');
    const data = dataTree(2);
    const out = fresh('ita-batch-pods-');
    for (const k of [1, 2]) expect((await cli('batch', data, '--out', out, '--format', 'pdf', '--shard', `${k}/2`, '--jobs', '1')).code).toBe(0);
    const whole = await cli('merge', out, '--data', data);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain('ครบทุกส่วน ไม่มีข้อผิดพลาด');
  });

  it('refuses --shard N outside an Indexed Job, and an index beyond N, as usage errors', async () => {
    const outside = await cli('batch', dataTree(1), '--shard', '3');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('JOB_COMPLETION_INDEX');
    const beyond = await cliWith({ JOB_COMPLETION_INDEX: '3' }, 'batch', dataTree(1), '--shard', '3');
    expect(beyond.code).toBe(2);
    expect(beyond.stderr).toContain('JOB_COMPLETION_INDEX=3 ไม่อยู่ในช่วง 0 ถึง 2');
  });
});

describe('the README\'s worked examples of a sharded run', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Every agency on N machines'), readme.indexOf('### Speed'));
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseAllDocuments(m[1]!).map((d) => d.toJS() as Record<string, unknown>));

  it('the Kubernetes Job is Indexed and its --shard N is its completion count', () => {
    const job = blocks[0]![0] as { kind: string; spec: { completionMode: string; completions: number; template: { spec: { containers: { command: string[] }[] } } } };
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    const command = job.spec.template.spec.containers[0]!.command.join(' ');
    expect(command).toContain(`--shard ${job.spec.completions} `);
    expect(parseShard(String(job.spec.completions), { JOB_COMPLETION_INDEX: String(job.spec.completions - 1) })).toEqual({ index: job.spec.completions, count: job.spec.completions });
  });

  it('the CI matrix runs shares 1 … N of N, and the merge job gathers every share', () => {
    const ci = blocks[1]![0] as { jobs: { shard: { strategy: { matrix: { k: number[] } }; steps: { run?: string }[] }; merge: { needs: string; steps: { run?: string; with?: { pattern?: string } }[] } } };
    const ks = ci.jobs.shard.strategy.matrix.k;
    const run = ci.jobs.shard.steps.map((s) => s.run ?? '').find((r) => r.includes('--shard'))!;
    const n = Number(/--shard \$\{\{ matrix\.k \}\}\/(\d+)/.exec(run)![1]);
    expect(ks).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(ci.jobs.merge.needs).toBe('shard');
    expect(ci.jobs.merge.steps.some((s) => s.run?.startsWith('npx ita-report merge out'))).toBe(true);
  });
});
