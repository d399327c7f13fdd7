import { maskCardNumbers } from '../chat/sensitive.js';
import type { BatchCaseResult } from './batch-report.js';
import type { CaseSummary } from './case-summary.js';

export const BATCH_CSV_NAME = 'batch-report.csv';

const HEADER = ['case', 'dispute id', 'client', 'amount', 'due', 'status', 'pages', 'size', 'file'];

/**
 * One line per case for a spreadsheet (RFC 4180: CRLF line ends, cells with a comma, quote or
 * line break quoted). A cell a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed
 * with ' (OWASP's CSV injection advice), and card numbers are masked in every cell.
 */
export function formatBatchCsv(results: readonly BatchCaseResult[], summaries: ReadonlyMap<string, CaseSummary>): string {
  const rows = results.map((r) => {
    const s = summaries.get(r.path) ?? {};
    const built = r.status !== 'failed';
    return [
      r.case,
      s.disputeId ?? '',
      s.client ?? '',
      s.amount ?? '',
      s.due ?? '',
      r.status,
      built && r.pages !== undefined ? String(r.pages) : '',
      built && r.bytes !== undefined ? String(r.bytes) : '',
      built ? r.output : '',
    ];
  });
  return [HEADER, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** One cell, masked, defused and quoted as needed. */
export function csvCell(value: string): string {
  let text = maskCardNumbers(value).text;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
