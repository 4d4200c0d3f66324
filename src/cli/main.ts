import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parseShard, type Shard } from '../batch/shard.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../export/formats.ts';
import { UsageError } from '../files/files.ts';
import { DOCUMENT_CHOICES, EXIT, warn, type BatchCliOptions, type BuildOptions, type CommonOptions, type DocumentChoice } from './common.ts';
import type { MergeCliOptions } from './commands.ts';

export { EXIT, MAX_PRINTED_FINDINGS } from './common.ts';

/**
 * The program: its commands, options and help. What a command does is in commands.ts, imported
 * when a command runs, so that `--help`, `--version` and a mistyped option answer at once.
 */
const commands = () => import('./commands.ts');

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
      process.exitCode = await (await commands()).build(paths, opts);
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
      process.exitCode = await (await commands()).batch(dataDir, opts);
    });

  program
    .command('merge')
    .description('รวมผลของงาน batch ที่แบ่งเป็นหลายส่วน (--shard) ในโฟลเดอร์เดียว (merge the manifests of a sharded batch into one account)')
    .argument('<out-dir>', 'โฟลเดอร์ผลลัพธ์ที่รวมเอกสารของทุกส่วนไว้ (the output folder holding every shard\'s documents and manifest)')
    .option('--data <dir>', 'โฟลเดอร์ข้อมูล: ตรวจว่าทุกไฟล์มีส่วนที่สร้างแล้ว (the data folder: check that every file was covered)')
    .option('-y, --year <years>', 'เฉพาะปีงบประมาณเหล่านี้ เมื่อใช้ --data (only these fiscal-year folders, with --data)', parseYears)
    .option('--json <file>', 'เขียนผลรวมเป็น JSON ด้วย (also write the account as JSON)')
    .action(async (outDir: string, opts: MergeCliOptions) => {
      process.exitCode = await (await commands()).merge(outDir, opts);
    });

  program
    .command('serve')
    .description('เปิดหน้าเว็บในเครื่องสำหรับกรอกข้อมูลและดาวน์โหลดเอกสาร (start the local web page)')
    .option('-d, --data <dir>', 'โฟลเดอร์ข้อมูล (data folder)', 'data')
    .option('-p, --port <n>', 'พอร์ต (port)', parsePositive, 8566)
    .option('--host <address>', 'ที่อยู่ที่รับการเชื่อมต่อ (address to listen on)', '127.0.0.1')
    .action(async (opts: { data: string; port: number; host: string }) => {
      await (await commands()).serve(opts);
    });

  program
    .command('check')
    .description('ตรวจสอบไฟล์ข้อมูลและแสดงข้อค้นพบ (validate data files and print findings)')
    .argument('<paths...>', 'ไฟล์ .yaml หรือโฟลเดอร์ (data files or folders)')
    .addOption(strict)
    .action(async (paths: string[], opts: CommonOptions) => {
      process.exitCode = await (await commands()).check(paths, opts);
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
    // Only an error loads what it takes to tell what it is.
    const [{ FontFileError }, { FrameworkError }, { debugDetail, describeUnexpected }] = await Promise.all([
      import('../fonts/fonts.ts'),
      import('../data/frameworks.ts'),
      import('../messages/internal.ts'),
    ]);
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

// Run as a program (bin/ita-report.js, `tsx src/cli/main.ts`, the compiled dist/cli.js), not when a test imports it.
const invokedDirectly = process.argv[1] !== undefined && /(?:^|[\\/])(main\.ts|cli\.js|ita-report(\.js)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  process.exitCode = await main(process.argv);
}
