import cliProgress from 'cli-progress';
import type { BatchReporter, BatchSummary } from './batch.ts';
import type { JobResult } from './job.ts';
import { complete, type MergeReport } from './merge.ts';

/**
 * Progress a person can follow: a bar with counts and time left on a terminal, plain lines in a
 * log (CI, a file), where a redrawn bar would be noise.
 */

type Write = (line: string) => void;

/** ✗ for a file that failed (its data, or the system), ‼ for a bug in the tool. */
const mark = (result: JobResult): string => (result.internal ? '‼' : '✗');

const seconds = (ms: number): string => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

export function summaryLines(s: BatchSummary): string[] {
  const internal = s.failed.filter((f) => f.internal).length;
  // Failures that are bugs in the tool are counted apart from invalid data: they exit 3.
  const bugs = internal > 0 ? ` · ในจำนวนนี้เป็นข้อผิดพลาดภายในโปรแกรม ${internal} (of which internal errors: ${internal})` : '';
  const lines = [
    `สรุป (summary): ${s.total} ไฟล์ (files) · เขียน ${s.written} (written) · ข้าม ${s.skipped} (unchanged, skipped) · ล้มเหลว ${s.failed.length} (failed)${bugs} · ${seconds(s.ms)}`,
  ];
  if (s.warnings > 0) lines.push(`คำเตือน ${s.warnings} รายการ (warnings): ดูด้วย ita-report check (see ita-report check)`);
  for (const f of s.failed) lines.push(`  ${f.internal ? '‼' : '✗'} ${f.key}: ${f.reason}`);
  if (internal > 0) {
    lines.push(
      `ข้อผิดพลาดภายในโปรแกรม ${internal} ไฟล์ (‼) ไม่ใช่ความผิดของข้อมูล โปรดแจ้งผู้ดูแลโปรแกรม พร้อมชื่อไฟล์และข้อความ (${internal} internal error(s), marked ‼: bugs in ita-report, not faults of the data; please report them with the file names and messages)`,
    );
  }
  if (s.orphans.length > 0) {
    const done = s.removed.length > 0;
    lines.push(
      done
        ? `ลบเอกสารที่ไม่มีไฟล์ข้อมูลแล้ว ${s.removed.length} ไฟล์ (removed documents whose data file is gone)`
        : `เอกสารที่ไม่มีไฟล์ข้อมูลแล้ว ${s.orphans.length} ไฟล์ ลบได้ด้วย --prune (documents whose data file is gone; --prune removes them)`,
    );
    for (const o of s.orphans.slice(0, 20)) lines.push(`  - ${o}`);
    if (s.orphans.length > 20) lines.push(`  … ${s.orphans.length - 20} more`);
  }
  if (s.interrupted) lines.push('ถูกขัดจังหวะ เรียกคำสั่งเดิมอีกครั้งเพื่อทำต่อ (interrupted: run the same command again to finish)');
  return lines;
}

/** A redrawn bar on a terminal; failures are printed above it as they happen. */
export function terminalReporter(stream: NodeJS.WriteStream): BatchReporter {
  const bar = new cliProgress.SingleBar(
    {
      format: '{bar} {percentage}% | {value}/{total} | เขียน {written} · ล้มเหลว {failed} | เหลือ (ETA) {eta_formatted}',
      stream,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let written = 0;
  let failed = 0;
  return {
    start(total, toBuild) {
      stream.write(`${total} ไฟล์ข้อมูล (data files): สร้าง ${toBuild} (to build) · ข้าม ${total - toBuild} (unchanged)\n`);
      if (toBuild > 0) bar.start(toBuild, 0, { written, failed });
    },
    done(result: JobResult) {
      if (result.status === 'written') written++;
      else {
        failed++;
        // Clear the bar's line, print the failure, and let the bar redraw below it.
        stream.write(`\r\x1b[K${mark(result)} ${result.key}: ${result.reason ?? ''}\n`);
      }
      bar.increment(1, { written, failed });
    },
    end(summary) {
      bar.stop();
      for (const line of summaryLines(summary)) stream.write(line + '\n');
    },
  };
}

/** Plain lines: every failure, and a progress line at most every few seconds. */
export function logReporter(write: Write, everyMs = 5000): BatchReporter {
  let total = 0;
  let done = 0;
  let written = 0;
  let failed = 0;
  let start = 0;
  let last = 0;
  return {
    start(all, toBuild) {
      total = toBuild;
      start = performance.now();
      last = start;
      write(`${all} ไฟล์ข้อมูล (data files): สร้าง ${toBuild} (to build) · ข้าม ${all - toBuild} (unchanged)`);
    },
    done(result) {
      done++;
      if (result.status === 'written') written++;
      else {
        failed++;
        write(`${mark(result)} ${result.key}: ${result.reason ?? ''}`);
      }
      const now = performance.now();
      if (now - last >= everyMs || done === total) {
        last = now;
        const eta = done > 0 ? ((now - start) / done) * (total - done) : 0;
        write(`[${done}/${total}] เขียน ${written} (written) · ล้มเหลว ${failed} (failed) · เหลือประมาณ ${seconds(eta)} (ETA)`);
      }
    },
    end(summary) {
      for (const line of summaryLines(summary)) write(line);
    },
  };
}

/** What a merge of shards found, for a person: counts first, then each thing to act on. */
export function mergeLines(r: MergeReport): string[] {
  if (r.count === undefined) return ['ไม่พบไฟล์ .ita-report-manifest.K-of-N.json ในโฟลเดอร์นี้ (no shard manifests in this folder: run batch --shard first)'];
  const list = (items: readonly string[], mark: string) => [...items.slice(0, 50).map((i) => `  ${mark} ${i}`), ...(items.length > 50 ? [`  … ${items.length - 50} more`] : [])];
  const internal = r.failed.filter((f) => f.internal).length;
  const lines = [
    `รวมผล ${r.shards.length} จาก ${r.count} ส่วน (shards merged): หน่วยงานที่มีเอกสารครบ ${r.written} (written) · เอกสาร ${r.documents} ไฟล์ (documents) · ล้มเหลว ${r.failed.length} (failed)`,
  ];
  if (r.missingShards.length > 0) lines.push(`ไม่มีผลของส่วนที่ ${r.missingShards.join(', ')} จาก ${r.count} (these shards did not report: run them again)`);
  if (r.unusable.length > 0) lines.push(`ใช้ไม่ได้ (unreadable, or of another shard count):`, ...list(r.unusable, '-'));
  if (r.failed.length > 0) lines.push(...r.failed.slice(0, 200).map((f) => `  ${f.internal ? '‼' : '✗'} ${f.key}: ${f.reason}`), ...(r.failed.length > 200 ? [`  … ${r.failed.length - 200} more`] : []));
  if (internal > 0) lines.push(`ในจำนวนนี้เป็นข้อผิดพลาดภายในโปรแกรม ${internal} (‼: bugs in ita-report, please report them)`);
  if (r.missingDocuments.length > 0) lines.push(`เอกสารที่บันทึกไว้แต่ไม่อยู่ในโฟลเดอร์ ${r.missingDocuments.length} ไฟล์ (documents recorded but not here: copy them in, or run the shard again)`, ...list(r.missingDocuments, '-'));
  if (r.notCovered.length > 0) lines.push(`ไฟล์ข้อมูลที่ยังไม่มีส่วนใดสร้าง ${r.notCovered.length} ไฟล์ (data files no shard recorded)`, ...list(r.notCovered, '-'));
  if (complete(r)) lines.push('ครบทุกส่วน ไม่มีข้อผิดพลาด (complete: every shard reported, nothing failed or missing)');
  return lines;
}
