import { describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../src/batch/batch.ts';
import type { JobResult } from '../../src/batch/job.ts';
import { logReporter, summaryLines, terminalReporter } from '../../src/batch/progress.ts';

const result = (key: string, status: JobResult['status'], reason?: string): JobResult => ({
  key,
  status,
  outputs: [],
  warnings: 0,
  ...(reason && { reason }),
  ms: { check: 1, render: 1, write: 1 },
  heapUsed: 0,
});
const summary = (over: Partial<BatchSummary> = {}): BatchSummary => ({
  total: 3,
  written: 2,
  skipped: 0,
  failed: [{ key: '2567/b.yaml', reason: 'bad' }],
  warnings: 0,
  orphans: [],
  removed: [],
  interrupted: false,
  ms: 1234,
  ...over,
});

describe('batch progress', () => {
  it('draws a bar with counts on a terminal and prints failures above it', () => {
    let written = '';
    const stream = { isTTY: true, columns: 100, write: (s: string) => ((written += s), true), cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => stream, removeListener: () => stream } as unknown as NodeJS.WriteStream;
    const reporter = terminalReporter(stream);
    reporter.start(3, 3);
    reporter.done(result('2567/a.yaml', 'written'));
    reporter.done(result('2567/b.yaml', 'failed', 'bad'));
    reporter.done(result('2567/c.yaml', 'written'));
    reporter.end(summary());
    expect(written).toContain('3 ไฟล์ข้อมูล (data files): สร้าง 3 (to build)');
    expect(written).toContain('✗ 2567/b.yaml: bad');
    expect(written).toMatch(/3\/3 \| เขียน 2 · ล้มเหลว 1/);
    expect(written).toContain('สรุป (summary): 3 ไฟล์ (files) · เขียน 2 (written) · ข้าม 0 (unchanged, skipped) · ล้มเหลว 1 (failed) · 1.2 s');
  });

  it('writes plain lines for a log: failures, throttled progress, the last one always', () => {
    const lines: string[] = [];
    const reporter = logReporter((l) => lines.push(l), 60_000);
    reporter.start(4, 3);
    reporter.done(result('a', 'written'));
    reporter.done(result('b', 'failed', 'bad'));
    reporter.done(result('c', 'written'));
    reporter.end(summary());
    expect(lines[0]).toBe('4 ไฟล์ข้อมูล (data files): สร้าง 3 (to build) · ข้าม 1 (unchanged)');
    expect(lines).toContain('✗ b: bad');
    expect(lines.filter((l) => l.startsWith('['))).toEqual(['[3/3] เขียน 2 (written) · ล้มเหลว 1 (failed) · เหลือประมาณ 0.0 s (ETA)']);
    expect(lines.some((l) => l.includes('\x1b'))).toBe(false);
  });

  it('summarises orphans, pruning and interruption', () => {
    const orphans = Array.from({ length: 22 }, (_, i) => `2566/x${i}/report.pdf`);
    expect(summaryLines(summary({ orphans }))).toContain('เอกสารที่ไม่มีไฟล์ข้อมูลแล้ว 22 ไฟล์ ลบได้ด้วย --prune (documents whose data file is gone; --prune removes them)');
    expect(summaryLines(summary({ orphans })).at(-1)).toBe('  … 2 more');
    expect(summaryLines(summary({ orphans: ['a'], removed: ['a'] }))).toContain('ลบเอกสารที่ไม่มีไฟล์ข้อมูลแล้ว 1 ไฟล์ (removed documents whose data file is gone)');
    expect(summaryLines(summary({ interrupted: true })).at(-1)).toContain('interrupted: run the same command again to finish');
  });
});
