import path from 'node:path';
import { runBatch } from '../batch/batch.ts';
import { complete, mergeShards } from '../batch/merge.ts';
import { logReporter, mergeLines, terminalReporter } from '../batch/progress.ts';
import { buildFile, yearOfFolder } from '../build/build.ts';
import { DOCUMENT_KINDS, isFollowupKind } from '../compose/compose.ts';
import { expandInputs, UsageError, writeFileAtomic } from '../files/files.ts';
import { fontSetFromFile } from '../fonts/user.ts';
import { portInUseMessage } from '../messages/catalogue.ts';
import { formatFinding } from '../messages/findings.ts';
import { debugDetail, describeUnexpected } from '../messages/internal.ts';
import { checkFile, hasErrors, OUTPUT_FORMATS, type RenderOptions } from '../pipeline.ts';
import { createAppServer, listen } from '../serve/server.ts';
import { EXIT, log, MAX_PRINTED_FINDINGS, warn, type BatchCliOptions, type BuildOptions, type CommonOptions, type DocumentChoice, type DocumentOptions } from './common.ts';

/**
 * What each command does, loaded only when a command runs (main.ts imports it on demand), so that
 * `--help` or a usage error answers without loading the engine.
 */

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

export async function check(inputs: string[], options: CommonOptions): Promise<number> {
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

export async function build(inputs: string[], options: BuildOptions): Promise<number> {
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

export async function batch(dataDir: string, options: BatchCliOptions): Promise<number> {
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

export interface MergeCliOptions {
  data?: string;
  year?: number[];
  json?: string;
}

export async function merge(outDir: string, opts: MergeCliOptions): Promise<number> {
  const report = await mergeShards({ outDir, ...(opts.data && { dataDir: opts.data }), ...(opts.year && { years: opts.year }) });
  for (const line of mergeLines(report)) log(line);
  if (opts.json) await writeFileAtomic(path.resolve(opts.json), Buffer.from(JSON.stringify(report, null, 1) + '\n'));
  const internal = report.failed.filter((f) => f.internal).length;
  return internal > 0 ? EXIT.internal : complete(report) ? EXIT.ok : EXIT.invalid;
}

export async function serve(opts: { data: string; port: number; host: string }): Promise<never> {
  const options = { dataDir: opts.data, port: opts.port, host: opts.host };
  const port = await listen(createAppServer(options), options).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    const m = portInUseMessage({ host: opts.host, port: opts.port });
    throw new UsageError(`ข้อผิดพลาด (error): ${m.th} (${m.en})`);
  });
  log(`เปิดเบราว์เซอร์ที่ (open in your browser): http://127.0.0.1:${port}/`);
  log('กด Ctrl-C เพื่อหยุด (Ctrl-C stops the server)');
  // Keep running until interrupted.
  return new Promise<never>(() => undefined);
}
