import { execFileSync, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkerPool } from '../../src/batch/pool.ts';
import { composeDocuments } from '../../src/compose/compose.ts';
import { renderPdf } from '../../src/export/pdf/pdf.ts';
import { checkFile, type OutputFormat } from '../../src/pipeline.ts';
import { generateAgencies, writeAgencies } from './synthetic.ts';

/**
 * `npm run bench`: the figures of issue 4 on this machine, against its targets and against
 * LibreOffice converting the same DOCX, measured in the same run. Writes test/bench/results.md
 * and results.json. `--count N` (default 1000) agencies; `--quick` for a short trial run.
 */

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const countArg = args.indexOf('--count');
const COUNT = countArg >= 0 ? Number(args[countArg + 1]) : quick ? 60 : 1000;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'ita-bench-'));
// Other work on the machine skews every figure: the load is written down beside them.
const loadAtStart = loadavg()[0]!;
const log = (line: string) => process.stderr.write(line + '\n');

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const mb = (bytes: number) => { const v = bytes / 1024 / 1024; return `${v < 10 ? v.toFixed(1) : Math.round(v)} MB`; };

// The program as `npm ci` leaves it: compiled (dist/). A source edited since the last build would
// make bin/ita-report.js run the sources through tsx, and the shell's figures those of tsx.
{
  const { buildProgram } = await import('../../src/bundle/program.ts');
  await buildProgram(ROOT);
  log('dist/ compiled from the sources (npm run build)');
}

// --- data -----------------------------------------------------------------------------------
const dataDir = path.join(work, 'data');
const files = writeAgencies(dataDir, generateAgencies(COUNT));
log(`${files.length} synthetic agencies in ${dataDir}`);

// --- latency per agency, per format, cold and warm ---------------------------------------------
interface Latency {
  formats: string;
  coldMs: number;
  coldJobMs: number;
  p50: number;
  p95: number;
  samples: number;
}

async function latency(formats: OutputFormat[], samples: number): Promise<Latency> {
  const out = path.join(work, `latency-${formats.join('-')}`);
  const started = performance.now();
  const pool = new WorkerPool(1);
  const job = (i: number) => ({ key: String(i), file: files[i]!, outDir: out, folder: String(i), options: { formats, digits: 'thai' as const } });
  const first = await pool.run(job(0));
  const coldMs = performance.now() - started;
  const warm: number[] = [];
  for (let i = 1; i <= samples; i++) {
    const r = await pool.run(job(i % files.length));
    warm.push(r.ms.check + r.ms.render + r.ms.write);
  }
  await pool.close();
  return { formats: formats.join('+'), coldMs, coldJobMs: first.ms.check + first.ms.render + first.ms.write, p50: quantile(warm, 0.5), p95: quantile(warm, 0.95), samples };
}

const latencySamples = quick ? 30 : 200;
const latencies: Latency[] = [];
for (const formats of [['docx'], ['pdf'], ['docx', 'pdf']] as OutputFormat[][]) {
  latencies.push(await latency(formats, latencySamples));
  log(`latency ${latencies.at(-1)!.formats}: p50 ${ms(latencies.at(-1)!.p50)}`);
}

// --- throughput, memory, incremental ------------------------------------------------------------
interface RunResult {
  ms: number;
  written: number;
  skipped: number;
  failed: number;
  maxRssBytes: number;
  workerHeapPeakBytes: number;
  wallMs: number;
}

function batchRun(subset: string, out: string, jobs: number, force: boolean): RunResult {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(HERE, 'run-batch.ts'), subset, out, String(jobs), force ? '1' : '0'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`batch run failed: ${child.stderr}`);
  const line = child.stdout.trim().split('\n').pop()!;
  return { ...(JSON.parse(line) as Omit<RunResult, 'wallMs'>), wallMs: performance.now() - started };
}

/** A data folder with the first n agencies (hard links: the batch does not follow symlinks). */
function subsetOf(n: number): string {
  const dir = path.join(work, `subset-${n}`);
  for (const file of files.slice(0, n)) {
    const rel = path.relative(dataDir, file);
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    linkSync(file, path.join(dir, rel));
  }
  return dir;
}

const sizes = quick ? [COUNT / 2, COUNT] : [250, 500, COUNT];
const scaling: { count: number; jobs: number; run: RunResult }[] = [];
for (const n of sizes) {
  const run = batchRun(n === COUNT ? dataDir : subsetOf(n), path.join(work, `out-${n}-2`), 2, true);
  scaling.push({ count: n, jobs: 2, run });
  log(`batch ${n} agencies, 2 workers: ${(run.ms / 1000).toFixed(1)} s`);
}
const oneWorker = batchRun(dataDir, path.join(work, `out-${COUNT}-1`), 1, true);
log(`batch ${COUNT} agencies, 1 worker: ${(oneWorker.ms / 1000).toFixed(1)} s`);
const twoWorkers = scaling.at(-1)!.run;
const noop = batchRun(dataDir, path.join(work, `out-${COUNT}-2`), 2, false);
log(`no-op re-run: ${ms(noop.ms)} (${noop.skipped} skipped)`);

// --- LibreOffice, the same DOCX, in the same run ----------------------------------------------------
interface Versus {
  documents: number;
  oursMs: number;
  sofficePerFileMs: number;
  sofficeOneCallPerDocMs: number;
}
let versus: Versus | undefined;
const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
if (soffice) {
  const n = 5;
  const docxDir = path.join(work, `out-${COUNT}-2`);
  const reports = readdirSync(docxDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'report.docx')
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
    .slice(0, n);
  const profile = `file://${path.join(work, 'lo-profile')}`;
  const convert = (inputs: string[], outdir: string) =>
    execFileSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outdir, ...inputs], { stdio: 'ignore' });
  convert([reports[0]!], path.join(work, 'lo-warmup')); // the first start creates the profile
  let t = performance.now();
  for (const [i, r] of reports.entries()) convert([r], path.join(work, `lo-${i}`));
  const perFile = (performance.now() - t) / reports.length;
  // Same basenames would overwrite each other in one folder; copy under distinct names.
  const flat = path.join(work, 'lo-flat');
  mkdirSync(flat);
  const renamed = reports.map((r, i) => {
    const target = path.join(flat, `report-${i}.docx`);
    execFileSync('cp', [r, target]);
    return target;
  });
  t = performance.now();
  convert(renamed, path.join(work, 'lo-all'));
  const oneCall = (performance.now() - t) / reports.length;
  // Ours: the same reports to PDF from their data (check, compose, render), warm.
  const keys = reports.map((r) => path.relative(docxDir, path.dirname(r)));
  const sources = keys.map((k) => path.join(dataDir, `${k}.yaml`));
  const renderReport = async (file: string) => {
    const checked = await checkFile(file);
    const models = composeDocuments(checked.data!, checked.framework!, checked.analysis!, { digits: 'thai' });
    return renderPdf(models.report);
  };
  for (const s of sources) await renderReport(s);
  const rounds = 5;
  t = performance.now();
  for (let k = 0; k < rounds; k++) for (const s of sources) await renderReport(s);
  const ours = (performance.now() - t) / (rounds * sources.length);
  versus = { documents: reports.length, oursMs: ours, sofficePerFileMs: perFile, sofficeOneCallPerDocMs: oneCall };
  log(`LibreOffice ${ms(perFile)} per file, ours ${ms(ours)}`);
}

// --- from the shell: what a clerk or a script waits for ------------------------------------------------
const BIN = path.join(ROOT, 'bin', 'ita-report.js');
const SAMPLE = path.join(ROOT, 'data', '2566', 'nakhon-pathom.yaml');

/** Whole-process wall times of `node bin/ita-report.js …`: median of `runs`, after one to fill the OS cache. */
function shell(args: string[], runs: number): number {
  const once = () => {
    const started = performance.now();
    const child = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`ita-report ${args.join(' ')} failed: ${child.stderr}`);
    return performance.now() - started;
  };
  once();
  return quantile(Array.from({ length: runs }, once), 0.5);
}
const cliRuns = quick ? 3 : 9;
const cliBuildMs = shell(['build', SAMPLE, '--out', path.join(work, 'cli-build')], cliRuns);
// The build shapes the sample's words ahead (src/fonts/shaped-at-build.ts): an agency of its own
// words shows what a clerk whose file is not the sample waits for.
const OTHER = files[0]!;
const cliOtherMs = shell(['build', OTHER, '--out', path.join(work, 'cli-build-other')], cliRuns);
const cliHelpMs = shell(['--help'], cliRuns);
log(`ita-report build (sample, four documents): ${ms(cliBuildMs)}; another agency: ${ms(cliOtherMs)}; --help: ${ms(cliHelpMs)}`);

// --- the web page: a keystroke to the new preview, in Chromium ---------------------------------------------
/** Run in the page (a function: the page's CSP refuses strings to evaluate): the preview is not `previous`. */
type PageDocument = { document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null } };
const previewChanged = (previous: string | null) => (globalThis as unknown as PageDocument).document.querySelector('#preview')?.getAttribute('src') !== previous;

/** Each sample: a letter typed at the end of the agency's name, and the time to the new preview. */
async function keystrokesToPreview(page: import('playwright-core').Page, samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const before = await page.getAttribute('#preview', 'src');
    await page.focus('[data-path="agency"]');
    await page.keyboard.press('End');
    const started = performance.now();
    await page.keyboard.type(i % 2 === 0 ? 'ก' : 'ข');
    await page.waitForFunction(previewChanged, before, { polling: 5, timeout: 60_000 });
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * `measure` with a new page of a fresh Chromium, against `server`: its result, or "not measured"
 * and why (a bench run without a browser still writes the rest); the browser and the server are
 * closed either way.
 */
async function inChromium<T>(server: { close(done: () => void): unknown }, measure: (page: import('playwright-core').Page) => Promise<T>): Promise<T | string> {
  const { launchChromium } = await import('../helpers/browser.ts');
  let browser: Awaited<ReturnType<typeof launchChromium>>['browser'] | undefined;
  try {
    ({ browser } = await launchChromium());
    return await measure(await browser.newPage());
  } catch (err) {
    return `not measured: ${(err as Error).message.split('\n')[0]}`;
  } finally {
    await browser?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

interface PageTiming {
  keystrokeToPreviewMs: number;
  samples: number;
}
async function pageTiming(samples: number): Promise<PageTiming | string> {
  const { createAppServer, listen } = await import('../../src/serve/server.ts');
  const data = path.join(work, 'page-data');
  mkdirSync(path.join(data, '2566'), { recursive: true });
  linkSync(SAMPLE, path.join(data, '2566', 'nakhon-pathom.yaml'));
  const server = createAppServer({ dataDir: data, port: 0 });
  const port = await listen(server, { dataDir: data, port: 0 });
  return inChromium(server, async (page) => {
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.selectOption('#file', '2566/nakhon-pathom.yaml');
    await page.waitForFunction(previewChanged, null, { timeout: 60_000 });
    const times = await keystrokesToPreview(page, samples);
    return { keystrokeToPreviewMs: quantile(times, 0.5), samples };
  });
}
const pageResult = await pageTiming(quick ? 3 : 9);
const webPage = typeof pageResult === 'string' ? undefined : pageResult;
log(webPage ? `web page, keystroke to new preview: ${ms(webPage.keystrokeToPreviewMs)}` : `web page: ${pageResult as string}`);

// --- the static site (issue 16): its download, and opening it to the first preview, in Chromium -------
interface SiteTiming {
  /** Every file of dist/web, raw and gzip-compressed (what a web server sends compressed). */
  rawBytes: number;
  gzipBytes: number;
  /** From asking for the page to its form being ready (engine loading meanwhile). */
  pageReadyMs: number;
  /** From the file handed to the page (the clerk's pick) to the report's preview shown. */
  openToPreviewMs: number;
  /** A keystroke in the agency's name to the new preview, the engine in the browser, median. */
  keystrokeToPreviewMs: number;
  samples: number;
}
async function siteTiming(samples: number): Promise<SiteTiming | string> {
  const { gzipSync } = await import('node:zlib');
  const { readFileSync, readdirSync: list } = await import('node:fs');
  const { listenLocally, staticSiteServer } = await import('../helpers/static-site.ts');
  const { buildSite } = await import('../../src/bundle/site.ts');
  const dir = path.join(work, 'site');
  await buildSite(ROOT, dir);
  const files = list(dir);
  const rawBytes = files.reduce((n, f) => n + readFileSync(path.join(dir, f)).length, 0);
  const gzipBytes = files.reduce((n, f) => n + gzipSync(readFileSync(path.join(dir, f))).length, 0);
  const server = staticSiteServer(dir);
  const address = await listenLocally(server);
  return inChromium(server, async (page) => {
    const asked = performance.now();
    await page.goto(address);
    await page.waitForSelector('#open-input', { state: 'attached' });
    const pageReadyMs = performance.now() - asked;
    const opened = performance.now();
    await page.setInputFiles('#open-input', { name: 'nakhon-pathom.yaml', mimeType: 'application/x-yaml', buffer: readFileSync(SAMPLE) });
    await page.waitForFunction(previewChanged, null, { polling: 5, timeout: 60_000 });
    const openToPreviewMs = performance.now() - opened;
    const times = await keystrokesToPreview(page, samples);
    return { rawBytes, gzipBytes, pageReadyMs, openToPreviewMs, keystrokeToPreviewMs: quantile(times, 0.5), samples };
  });
}
const siteResult = await siteTiming(quick ? 3 : 9);
const site = typeof siteResult === 'string' ? undefined : siteResult;
log(site ? `static site: ${mb(site.gzipBytes)} gzip, page ready ${ms(site.pageReadyMs)}, file to first preview ${ms(site.openToPreviewMs)}, keystroke ${ms(site.keystrokeToPreviewMs)}` : `static site: ${siteResult as string}`);

// --- report ---------------------------------------------------------------------------------------------
const both = latencies.find((l) => l.formats === 'docx+pdf')!;
const perAgency = (r: RunResult, n: number) => r.ms / n;
const linear = scaling.map((s) => ({ count: s.count, msPerAgency: perAgency(s.run, s.count) }));
// Linear in the count: the time per agency of the largest run within a quarter of the smallest's.
const linearity = Math.max(...linear.map((l) => l.msPerAgency)) / Math.min(...linear.map((l) => l.msPerAgency));
const targets = [
  { what: 'one agency (report + announcement, DOCX + PDF), warm worker, p50', target: 100, value: both.p50, unit: 'ms' },
  { what: `${COUNT} agencies, full build, 2 workers`, target: (60_000 * COUNT) / 1000, value: twoWorkers.ms, unit: 'ms' },
  { what: `linear in the count (slowest ÷ fastest time per agency over ${sizes.join(', ')})`, target: 1.25, value: linearity, unit: 'ratio' },
  { what: `no-op re-run over ${COUNT}`, target: 3000, value: noop.ms, unit: 'ms' },
  { what: '`ita-report build` of the sample from the shell (four documents, whole process)', target: 500, value: cliBuildMs, unit: 'ms' },
  { what: '`ita-report --help` from the shell', target: 150, value: cliHelpMs, unit: 'ms' },
  ...(webPage ? [{ what: 'web page: a keystroke to the new preview of the report (Chromium)', target: 300, value: webPage.keystrokeToPreviewMs, unit: 'ms' }] : []),
  ...(site
    ? [
        { what: 'static site (issue 16): everything to download, gzip', target: 5 * 1024 * 1024, value: site.gzipBytes, unit: 'bytes' },
        { what: 'static site (issue 16): page asked for, then the file opened, to the first preview (Chromium)', target: 2000, value: site.pageReadyMs + site.openToPreviewMs, unit: 'ms' },
      ]
    : []),
  { what: 'resident memory per worker process (process RSS with 1 worker)', target: 300 * 1024 * 1024, value: oneWorker.maxRssBytes, unit: 'bytes' },
  ...(versus
    ? [
        { what: 'our PDF from data vs `soffice --convert-to pdf` of our DOCX, warm (times faster)', target: 25, value: versus.sofficePerFileMs / versus.oursMs, unit: '×', higherIsBetter: true },
        { what: 'one-file `ita-report build` (four documents) vs one soffice call for one PDF (times faster)', target: 1, value: versus.sofficePerFileMs / cliBuildMs, unit: '×', higherIsBetter: true },
      ]
    : []),
];
const show = (v: number, unit: string) =>
  unit === 'ms' ? (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : ms(v)) : unit === 'bytes' ? mb(v) : unit === 'ratio' ? v.toFixed(2) : `${v.toFixed(1)}×`;
const verdict = (t: (typeof targets)[number]) => {
  const higher = 'higherIsBetter' in t && t.higherIsBetter;
  const met = higher ? t.value >= t.target : t.value <= t.target;
  const by = higher ? t.target / t.value : t.value / t.target;
  return met ? 'met' : `missed by ${((by - 1) * 100).toFixed(0)} % (${show(t.value, t.unit)} vs ${show(t.target, t.unit)})`;
};

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  memory: mb(totalmem()),
  node: process.version,
  os: `${process.platform} ${release()}`,
  load: `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end (${availableParallelism()} cores; the bench itself uses up to 2)`,
};
const results = { date: new Date().toISOString(), machine, count: COUNT, latencies, scaling: linear, oneWorker, twoWorkers, noop, versus, cli: { buildMs: cliBuildMs, helpMs: cliHelpMs }, webPage: webPage ?? pageResult, site: site ?? siteResult, targets: targets.map((t) => ({ ...t, verdict: verdict(t) })) };
const md = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` (test/bench/bench.ts) on ${results.date.slice(0, 10)}, ${COUNT} synthetic agencies (test/bench/synthetic.ts).`,
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory} RAM, Node ${machine.node}, ${machine.os}; ${machine.load}.`,
  '',
  '## Targets (issue 15)',
  '',
  '| what | target | measured | verdict |',
  '| --- | --- | --- | --- |',
  ...targets.map((t) => `| ${t.what} | ${'higherIsBetter' in t ? '≥' : '≤'} ${show(t.target, t.unit)} | ${show(t.value, t.unit)} | ${verdict(t)} |`),
  '',
  '## Latency per agency (check, render, write both documents), one worker thread',
  '',
  '| formats | cold: new worker to first agency done | first agency itself | warm p50 | warm p95 | warm samples |',
  '| --- | --- | --- | --- | --- | --- |',
  ...latencies.map((l) => `| ${l.formats} | ${ms(l.coldMs)} | ${ms(l.coldJobMs)} | ${ms(l.p50)} | ${ms(l.p95)} | ${l.samples} |`),
  '',
  '## Throughput (DOCX + PDF, both documents, --force)',
  '',
  '| agencies | workers | time | per agency | agencies/s | peak RSS (process) | largest worker heap |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...[...scaling.map((s) => ({ n: s.count, j: s.jobs, r: s.run })), { n: COUNT, j: 1, r: oneWorker }].map(
    ({ n, j, r }) => `| ${n} | ${j} | ${(r.ms / 1000).toFixed(1)} s | ${ms(r.ms / n)} | ${((n * 1000) / r.ms).toFixed(1)} | ${mb(r.maxRssBytes)} | ${mb(r.workerHeapPeakBytes)} |`,
  ),
  '',
  `Scaling with 2 workers: ${linear.map((l) => `${l.count} → ${ms(l.msPerAgency)}/agency`).join(', ')} (linear when the per-agency time stays flat).`,
  '',
  `No-op re-run over ${COUNT} (nothing changed): ${ms(noop.ms)} inside the command, ${ms(noop.wallMs)} including starting Node; ${noop.skipped} skipped, ${noop.written} written.`,
  '',
  '## From the shell and the page',
  '',
  `\`node bin/ita-report.js build data/2566/nakhon-pathom.yaml\` (report and announcement, DOCX and PDF, whole process, median of ${cliRuns}): ${ms(cliBuildMs)}; a synthetic agency (\`${path.relative(dataDir, OTHER)}\`, words of its own, which the build did not shape ahead): ${ms(cliOtherMs)}; \`--help\`: ${ms(cliHelpMs)}.`,
  '',
  webPage
    ? `The web page (\`ita-report serve\`, Chromium): from a keystroke in the agency's name to the new preview of the report in the page, median of ${webPage.samples}: ${ms(webPage.keystrokeToPreviewMs)}.`
    : `The web page: ${pageResult as string}.`,
  '',
  site
    ? `The static site (\`npm run build:web\`, the engine in the browser, Chromium, served from 127.0.0.1): ${mb(site.rawBytes)} in all, ${mb(site.gzipBytes)} gzip-compressed; the page ready ${ms(site.pageReadyMs)} after it was asked for; the report's preview ${ms(site.openToPreviewMs)} after the file was opened; a keystroke to the new preview, median of ${site.samples}: ${ms(site.keystrokeToPreviewMs)}.`
    : `The static site: ${siteResult as string}.`,
  '',
  ...(versus
    ? [
        '## Against LibreOffice',
        '',
        `The same ${versus.documents} report DOCX files converted with \`soffice --headless --convert-to pdf\` (warm profile): ${ms(versus.sofficePerFileMs)} per file with one call per file, ${ms(versus.sofficeOneCallPerDocMs)} per file when all go in one call. ita-report makes the same report's PDF from its data (check, compose, render) in ${ms(versus.oursMs)}: ${(versus.sofficePerFileMs / versus.oursMs).toFixed(1)}× faster (${(versus.sofficeOneCallPerDocMs / versus.oursMs).toFixed(1)}× against the one-call figure).`,
      ]
    : ['LibreOffice is not installed here: no comparison.']),
  '',
];
if (!quick) {
  writeFileSync(path.join(HERE, 'results.md'), md.join('\n'));
  writeFileSync(path.join(HERE, 'results.json'), JSON.stringify(results, null, 1) + '\n');
}
process.stdout.write(md.join('\n'));
rmSync(work, { recursive: true, force: true });
