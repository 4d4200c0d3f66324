import path from 'node:path';
import { fieldTitle } from '../data/schema.ts';
import type { FieldPath, Finding } from '../data/types.ts';
import type { Checked } from '../engine.ts';
import { messageFor } from './catalogue.ts';
import { formatPath } from './field-path.ts';

const SEVERITY = { error: 'ข้อผิดพลาด (error)', warning: 'คำเตือน (warning)' } as const;

/**
 * One finding per line, as editors and CI understand it (file:line:col), then the message in Thai
 * with English beside it, then the field by its key and by its name on the form.
 */
export function formatFinding(checked: Checked, finding: Finding): string {
  const file = path.relative(process.cwd(), checked.file) || checked.file;
  const at = finding.at ?? checked.source?.locate(finding.path);
  const where = at ? `${file}:${at.line}:${at.col}` : file;
  const message = messageFor(finding);
  const field = finding.path.length > 0 ? ` [${formatPath(finding.path)}${titleOf(finding.path)}]` : '';
  // What only the program's maintainer can do is said too: whoever runs `check` may be them.
  const maintainer = message.maintainer ? ` · สำหรับผู้ดูแลโปรแกรม: ${message.maintainer.th} (for the program's maintainer: ${message.maintainer.en})` : '';
  return `${where}: ${SEVERITY[finding.severity]}: ${message.th} (${message.en})${maintainer}${field}`;
}

function titleOf(p: FieldPath): string {
  const title = fieldTitle(p);
  return title ? `: ${title}` : '';
}
