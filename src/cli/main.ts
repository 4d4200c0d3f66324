import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { runBatch } from '../batch/batch.ts';
import { parseShard, type Shard } from '../batch/plan.ts';
import { complete, mergeShards } from '../batch/merge.ts';
import { logReporter, mergeLines, terminalReporter } from '../batch/progress.ts';
import { createAppServer, listen } from '../serve/server.ts';
import { DOCUMENT_KINDS, isFollowupKind } from '../compose/compose.ts';
import { FrameworkError } from '../data/frameworks.ts';
import { FontFileError, fontSetFromFile } from '../fonts/fonts.ts';
import type { DigitSystem } from '../model/types.ts';
import { checkFile, hasErrors, OUTPUT_FORMATS, type OutputFormat, type RenderOptions } from '../pipeline.ts';
import { buildFile, yearOfFolder } from '../build/build.ts';
import { formatFinding } from '../messages/findings.ts';
import { expandInputs, UsageError, writeFileAtomic } from '../files/files.ts';
import { debugDetail, describeUnexpected } from '../messages/internal.ts';

/**
 * Exit codes: 0 all written, 1 invalid data (or warnings under --strict, or a file the system
 * would not let us read or write), 2 usage error, 3 internal error (a bug: please report it).
 */
export const EXIT = { ok: 0, invalid: 1, usage: 2, internal: 3 } as const;

/** At most this many findings are printed per file; the rest are counted. */
export const MAX_PRINTED_FINDINGS = 100;

interface CommonOptions {
  strict: boolean;
}

/** The options `build` and `batch` share: where to write, and what the documents look like. */
interface DocumentOptions {
  out: string;
  format?: OutputFormat[];
  digits: DigitSystem;
  font?: string;
  pdfFont?: string;
  justify: boolean;
  continuation: boolean;
  charts: boolean;
  previousYear: boolean;
  documents?: DocumentChoice[];
}

type BuildOptions = CommonOptions & DocumentOptions & { previous?: string };

/**
 * The rendering options of the command line. A missing font file is the user's setting, not a
 * data file's fault: it stops the command before any file.
 */
function renderOptions(options: DocumentOptions): RenderOptions {
  const formats = options.format ?? [...OUTPUT_FORMATS];
  if (options.pdfFont && formats.includes('pdf')) fontSetFromFile(options.pdfFont);
  const { digits, font, pdfFont, justify, continuation, charts, previousYear } = options;
  const kinds = options.documents && DOCUMENT_KINDS.filter((kind) => options.documents!.includes(isFollowupKind(kind) ? 'followup' : (kind as DocumentChoice)));
  return { formats, digits, font, pdfFont, justify, continuation, charts, previousYear, ...(kinds && { kinds }) };
}

/** Adds the shared options to a command, with the same names and help in both. */
function withDocumentOptions(command: Command): Command {
  return command
    .option('-o, --out <dir>', 'โฟลเดอร์ผลลัพธ์ (output folder)', 'out')
    .option('-f, --format <formats>', `รูปแบบไฟล์ (${OUTPUT_FORMATS.join(', ')})`, parseFormats)
    .option('--documents <list>', `เอกสารที่จะสร้าง (${DOCUMENT_CHOICES.join(', ')}; ค่าเริ่มต้น: ทั้งหมด, followup เมื่อไฟล์มี followup:) (the documents to make; default all, followup when the file has rounds of progress)`, parseDocuments)
    .addOption(new Option('--digits <system>', 'ตัวเลขในเอกสาร (digits in the documents)').choices(['thai', 'arabic']).default('thai'))
    .option('--font <name>', 'ชื่อฟอนต์ใน DOCX (font name in the DOCX)', 'TH SarabunPSK')
    .option('--pdf-font <file>', 'ไฟล์ฟอนต์ตัวปกติสำหรับ PDF เช่น THSarabunNew.ttf (regular face of a font file for the PDF; default: bundled Laksaman)')
    .option('--no-justify', 'PDF: จัดชิดซ้ายแทนการกระจายแบบไทย (PDF: left-align body text instead of Thai distributed)')
    .option('--no-continuation', 'PDF: ไม่ใส่คำต่อหน้าท้ายหน้า (PDF: no continuation words at the foot of pages)')
    .option('--no-charts', 'ไม่ใส่แผนภูมิคะแนนรายตัวชี้วัด (leave the indicator chart out)')
    .option('--no-previous-year', 'ไม่เปรียบเทียบกับไฟล์ของปีก่อน (do not compare with the previous year\'s file)');
}

const log = (line: string): void => void process.stdout.write(line + '\n');
const warn = (line: string): void => void process.stderr.write(line + '\n');

/**
 * Reports the findings (the first MAX_PRINTED_FINDINGS, then how many more); returns whether the
 * file may go on to be written.
 */
function report(checked: Awaited<ReturnType<typeof checkFile>>, strict: boolean): boolean {
  for (const finding of checked.findings.slice(0, MAX_PRINTED_FINDINGS)) warn(formatFinding(checked, finding));
  const more = checked.findings.length - MAX_PRINTED_FINDINGS;
  if (more > 0) {
    const rel = path.relative(process.cwd(), checked.file) || checked.file;
    warn(`${rel}: … และอีก ${more.toLocaleString('en-US')} รายการ (and ${more.toLocaleString('en-US')} more)`);
  }
  if (hasErrors(checked.findings) || !checked.analysis) return false;
  return !(strict && checked.findings.length > 0);
}

/** How the files of a command ended: invalid (or unwritable) ones, and ones that hit a bug. */
interface Tally {
  failed: number;
  internal: number;
}

const exitCode = (tally: Tally): number => (tally.internal > 0 ? EXIT.internal : tally.failed > 0 ? EXIT.invalid : EXIT.ok);

/**
 * Runs one file's work; an exception (not a finding) is reported with the file's name, counted,
 * and the other files go on.
 */
async function guarded(file: string, tally: Tally, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    const rel = path.relative(process.cwd(), file) || file;
    const unexpected = describeUnexpected(err, rel);
    warn(unexpected.line);
    for (const line of debugDetail(err)) warn(line);
    if (unexpected.internal) tally.internal++;
    else tally.failed++;
  }
}

async function check(inputs: string[], options: CommonOptions): Promise<number> {
  const files = await expandInputs(inputs);
  const tally: Tally = { failed: 0, internal: 0 };
  for (const file of files) {
    await guarded(file, tally, async () => {
      const checked = await checkFile(file);
      const ok = report(checked, options.strict);
      const rel = path.relative(process.cwd(), file) || file;
      if (!ok) tally.failed++;
      else if (checked.findings.length === 0) log(`ถูกต้อง (ok): ${rel}`);
      else log(`ใช้ได้ มีคำเตือน ${checked.findings.length} รายการ (ok with ${checked.findings.length} warning(s)): ${rel}`);
    });
  }
  if (files.length === 0) warn('ไม่พบไฟล์ข้อมูล .yaml (no .yaml data files found)');
  return exitCode(tally);
}

async function build(inputs: string[], options: BuildOptions): Promise<number> {
  const render = renderOptions(options);
  const files = await expandInputs(inputs);
  if (options.previous !== undefined && files.length !== 1) {
    warn('--previous ใช้ได้กับไฟล์ข้อมูลไฟล์เดียว (--previous takes one data file to build)');
    return EXIT.usage;
  }
  const previous = options.previous !== undefined ? path.resolve(options.previous) : options.previousYear ? undefined : false;
  const tally: Tally = { failed: 0, internal: 0 };
  for (const file of files) {
    const rel = path.relative(process.cwd(), file) || file;
    await guarded(file, tally, async () => {
      const built = await buildFile({
        file,
        options: render,
        check: previous === undefined ? {} : { previous },
        strict: options.strict,
        folderYear: yearOfFolder(file),
        out: { dir: options.out },
        onChecked: (checked) => {
          if (!report(checked, options.strict)) return;
          if (render.kinds?.some(isFollowupKind) && checked.analysis?.followup.length === 0) {
            warn(`${rel}: ไม่มีข้อมูลผลการดำเนินการตามมาตรการ (followup:) จึงไม่มีรายงานผลการดำเนินการ (no followup: rounds in this file, so no follow-up report)`);
          }
        },
        onWritten: (target) => log(`เขียนแล้ว (wrote): ${path.relative(process.cwd(), target) || target}`),
      });
      if (built.status === 'refused') {
        // Findings were printed as the file was checked; the year-folder rule is said here.
        if (built.why === 'folder-year') warn(`${rel}: ${built.reason}`);
        warn(`ไม่ได้สร้างเอกสารจาก ${rel} (nothing written for this file)`);
        tally.failed++;
      }
    });
  }
  if (files.length === 0) warn('ไม่พบไฟล์ข้อมูล .yaml (no .yaml data files found)');
  return exitCode(tally);
}

interface BatchCliOptions extends DocumentOptions {
  year?: number[];
  jobs: number;
  force: boolean;
  prune: boolean;
  shard?: Shard;
}

async function batch(dataDir: string, options: BatchCliOptions): Promise<number> {
  const render = renderOptions(options);
  const reporter = process.stderr.isTTY ? terminalReporter(process.stderr) : logReporter(warn);
  const summary = await runBatch(
    {
      dataDir,
      outDir: options.out,
      render,
      years: options.year,
      jobs: options.jobs,
      force: options.force,
      prune: options.prune,
      shard: options.shard,
    },
    reporter,
  );
  if (summary.interrupted) return 130;
  return exitCode({ failed: summary.failed.length, internal: summary.failed.filter((f) => f.internal).length });
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`ต้องเป็นจำนวนเต็มบวก (a positive whole number): ${value}`);
  return n;
}

function parseYears(value: string, previous: number[] | undefined): number[] {
  const years = value.split(',').map((y) => Number(y.trim()));
  if (years.some((y) => !Number.isInteger(y) || y < 2500 || y > 2700)) {
    throw new InvalidArgumentError(`ปีงบประมาณ พ.ศ. เช่น 2567 (a B.E. fiscal year, e.g. 2567): ${value}`);
  }
  return [...new Set([...(previous ?? []), ...years])];
}

function parseShardOption(value: string): Shard {
  const shard = parseShard(value, process.env);
  if (shard) return shard;
  const completion = process.env.JOB_COMPLETION_INDEX;
  if (/^\s*\d+\s*$/.test(value) && completion !== undefined) {
    throw new InvalidArgumentError(
      `JOB_COMPLETION_INDEX=${completion} ไม่อยู่ในช่วง 0 ถึง ${Number(value) - 1} ของ --shard ${value.trim()} (JOB_COMPLETION_INDEX must be 0 … N-1 for --shard N)`,
    );
  }
  if (/^\s*\d+\s*$/.test(value)) {
    throw new InvalidArgumentError(
      `--shard ${value.trim()} ใช้ได้เมื่อมีตัวแปร JOB_COMPLETION_INDEX (งานแบบ Indexed ของ Kubernetes) มิฉะนั้นใช้ K/N เช่น 1/${value.trim()} (--shard N takes its index from JOB_COMPLETION_INDEX, as in a Kubernetes Indexed Job; elsewhere use K/N)`,
    );
  }
  throw new InvalidArgumentError(`ใช้รูปแบบ K/N เช่น 1/3 หรือ N ในงานแบบ Indexed ของ Kubernetes (use K/N, e.g. 1/3, or N with JOB_COMPLETION_INDEX): ${value}`);
}

function parseFormats(value: string, previous: OutputFormat[] | undefined): OutputFormat[] {
  const formats = value.split(',').map((s) => s.trim().toLowerCase());
  for (const f of formats) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) {
      throw new InvalidArgumentError(`รูปแบบ "${f}" ไม่รองรับ ใช้ได้: ${OUTPUT_FORMATS.join(', ')} (unsupported format)`);
    }
  }
  return [...new Set([...(previous ?? []), ...(formats as OutputFormat[])])];
}

/** What --documents names: followup stands for the follow-up report of each round the file has. */
const DOCUMENT_CHOICES = ['report', 'announcement', 'followup'] as const;
type DocumentChoice = (typeof DOCUMENT_CHOICES)[number];

function parseDocuments(value: string, previous: DocumentChoice[] | undefined): DocumentChoice[] {
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  for (const name of names) {
    if (!(DOCUMENT_CHOICES as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(`ไม่มีเอกสาร "${name}" ใช้ได้: ${DOCUMENT_CHOICES.join(', ')} (unknown document)`);
    }
  }
  if (names.length === 0) throw new InvalidArgumentError(`ระบุเอกสารอย่างน้อยหนึ่งอย่าง: ${DOCUMENT_CHOICES.join(', ')} (name at least one document)`);
  return [...new Set([...(previous ?? []), ...(names as DocumentChoice[])])];
}

export function createProgram(): Command {
  const program = new Command()
    .name('ita-report')
    .description('สร้างรายงานการวิเคราะห์ผลการประเมิน ITA และประกาศมาตรการ จากไฟล์ข้อมูล YAML\n(builds the ITA analysis report and measures announcement from YAML data files)')
    .showHelpAfterError()
    .option('--debug', 'แสดงรายละเอียดของข้อผิดพลาดภายในโปรแกรม (print the stack of an internal error; also ITA_REPORT_DEBUG=1)')
    .hook('preAction', (command) => {
      // One switch for this process and the batch's worker threads, which read the environment.
      if (command.opts<{ debug?: boolean }>().debug) process.env.ITA_REPORT_DEBUG = '1';
    })
    .exitOverride();
  const strict = new Option('--strict', 'ถือว่าคำเตือนเป็นข้อผิดพลาด (treat warnings as errors)').default(false);

  withDocumentOptions(
    program
      .command('build')
      .description('สร้างเอกสาร (write the report and the announcement)')
      .argument('<paths...>', 'ไฟล์ .yaml หรือโฟลเดอร์ (data files or folders)'),
  )
    .addOption(strict)
    .option('--previous <file>', 'ไฟล์ข้อมูลปีก่อนที่จะเปรียบเทียบ (the previous year\'s data file; default: <data>/<year-1>/<same name>.yaml)')
    .action(async (paths: string[], opts: BuildOptions) => {
      process.exitCode = await build(paths, opts);
    });

  withDocumentOptions(
    program
      .command('batch')
      .description('สร้างเอกสารของทุกหน่วยงานในโฟลเดอร์ data/<ปี>/<หน่วยงาน>.yaml (build every agency of a data tree, incrementally, in parallel)')
      .argument('<data-dir>', 'โฟลเดอร์ข้อมูล (data folder, e.g. data)'),
  )
    .option('-y, --year <years>', 'เฉพาะปีงบประมาณ เช่น 2567 หรือ 2566,2567 (only these fiscal-year folders)', parseYears)
    .option('-j, --jobs <n>', 'จำนวนเธรดทำงาน (worker threads)', parsePositive, availableParallelism())
    .option('--force', 'สร้างใหม่ทั้งหมด ไม่ข้ามไฟล์ที่ไม่เปลี่ยน (rebuild everything)', false)
    .option('--prune', 'ลบเอกสารที่ไม่มีไฟล์ข้อมูลแล้ว (remove documents whose data file is gone)', false)
    .option(
      '--shard <K/N>',
      'ทำเฉพาะส่วนที่ K จาก N ส่วน สำหรับแบ่งงานหลายเครื่อง หรือ N เมื่อ K มาจาก JOB_COMPLETION_INDEX ของ Kubernetes (take share K of N, for several machines; N alone takes K from a Kubernetes Indexed Job\'s JOB_COMPLETION_INDEX, 0-based)',
      parseShardOption,
    )
    .action(async (dataDir: string, opts: BatchCliOptions) => {
      process.exitCode = await batch(dataDir, opts);
    });

  program
    .command('merge')
    .description('รวมผลของงาน batch ที่แบ่งเป็นหลายส่วน (--shard) ในโฟลเดอร์เดียว (merge the manifests of a sharded batch into one account)')
    .argument('<out-dir>', 'โฟลเดอร์ผลลัพธ์ที่รวมเอกสารของทุกส่วนไว้ (the output folder holding every shard\'s documents and manifest)')
    .option('--data <dir>', 'โฟลเดอร์ข้อมูล: ตรวจว่าทุกไฟล์มีส่วนที่สร้างแล้ว (the data folder: check that every file was covered)')
    .option('-y, --year <years>', 'เฉพาะปีงบประมาณเหล่านี้ เมื่อใช้ --data (only these fiscal-year folders, with --data)', parseYears)
    .option('--json <file>', 'เขียนผลรวมเป็น JSON ด้วย (also write the account as JSON)')
    .action(async (outDir: string, opts: { data?: string; year?: number[]; json?: string }) => {
      const report = await mergeShards({ outDir, ...(opts.data && { dataDir: opts.data }), ...(opts.year && { years: opts.year }) });
      for (const line of mergeLines(report)) log(line);
      if (opts.json) await writeFileAtomic(path.resolve(opts.json), Buffer.from(JSON.stringify(report, null, 1) + '\n'));
      const internal = report.failed.filter((f) => f.internal).length;
      process.exitCode = internal > 0 ? EXIT.internal : complete(report) ? EXIT.ok : EXIT.invalid;
    });

  program
    .command('serve')
    .description('เปิดหน้าเว็บในเครื่องสำหรับกรอกข้อมูลและดาวน์โหลดเอกสาร (start the local web page)')
    .option('-d, --data <dir>', 'โฟลเดอร์ข้อมูล (data folder)', 'data')
    .option('-p, --port <n>', 'พอร์ต (port)', parsePositive, 8566)
    .option('--host <address>', 'ที่อยู่ที่รับการเชื่อมต่อ (address to listen on)', '127.0.0.1')
    .action(async (opts: { data: string; port: number; host: string }) => {
      const options = { dataDir: opts.data, port: opts.port, host: opts.host };
      const port = await listen(createAppServer(options), options);
      log(`เปิดเบราว์เซอร์ที่ (open in your browser): http://127.0.0.1:${port}/`);
      log('กด Ctrl-C เพื่อหยุด (Ctrl-C stops the server)');
      // Keep running until interrupted.
      await new Promise<never>(() => undefined);
    });

  program
    .command('check')
    .description('ตรวจสอบไฟล์ข้อมูลและแสดงข้อค้นพบ (validate data files and print findings)')
    .argument('<paths...>', 'ไฟล์ .yaml หรือโฟลเดอร์ (data files or folders)')
    .addOption(strict)
    .action(async (paths: string[], opts: CommonOptions) => {
      process.exitCode = await check(paths, opts);
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await createProgram().parseAsync(argv);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      warn(err.message);
      return EXIT.usage;
    }
    if (err instanceof FontFileError) {
      warn(`ไม่พบไฟล์ฟอนต์ ${err.file} (font file not found)`);
      if (err.tried.length > 1) warn(`ค้นหาแล้ว (looked for): ${err.tried.join(', ')}`);
      return EXIT.usage;
    }
    if (err instanceof FrameworkError) {
      warn(`กรอบการประเมินในโปรแกรมเสียหาย (the tool's framework file is broken): ${err.message}`);
      return EXIT.invalid;
    }
    // Anything else is a bug (or the system refusing a file), said in one line, not a stack.
    const unexpected = describeUnexpected(err);
    warn(unexpected.line);
    for (const line of debugDetail(err)) warn(line);
    return unexpected.internal ? EXIT.internal : EXIT.invalid;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /(?:^|[\\/])(main\.ts|ita-report(\.js)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  process.exitCode = await main(process.argv);
}
