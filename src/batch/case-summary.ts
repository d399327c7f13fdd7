import { readFile } from 'node:fs/promises';
import { MANIFEST_NAMES } from '../case/discover-files.js';
import { parseManifest } from '../case/load-manifest.js';
import { formatAmount } from '../evidence/describe.js';
import { joinPath } from '../io/case-fs.js';

/** What batch-report.csv says about a case besides its build: read from its case.yaml. */
export interface CaseSummary {
  readonly disputeId?: string;
  readonly client?: string;
  readonly amount?: string;
  readonly due?: string;
}

/**
 * The case's id, client, amount and due date as case.yaml gives them (card numbers already
 * masked by the manifest reader); a manifest that does not parse gives an empty summary,
 * its build says why.
 */
export async function readCaseSummary(caseFolder: string): Promise<CaseSummary> {
  for (const name of MANIFEST_NAMES) {
    let text: string;
    try {
      text = await readFile(joinPath(caseFolder, name), 'utf8');
    } catch {
      continue;
    }
    const m = parseManifest(name, text).manifest;
    if (!m) return {};
    const client = m.client?.name ?? m.client?.email;
    // Intl puts a no-break space after the code; a spreadsheet's filter expects a plain one.
    const amount = formatAmount(m.amount, m.currency)?.replace(/\u00a0/g, ' ');
    return {
      ...(m.case !== undefined ? { disputeId: m.case } : {}),
      ...(client ? { client } : {}),
      ...(amount ? { amount } : {}),
      ...(m.due ? { due: m.due } : {}),
    };
  }
  return {};
}
