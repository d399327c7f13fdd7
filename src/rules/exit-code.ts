import type { Finding } from '../evidence/model.js';
import { findingKind } from './codes.js';

/** Findings that say the processor's limits cannot be met: exit 4, as build's BudgetError, so check and build agree. */
const BUDGET_CODES = new Set(['PACKET_OVER_PAGE_LIMIT', 'PACKET_LIKELY_OVER_SIZE']);

/**
 * check's and build's exit code from what was found: 2 a broken manifest or input, 1 problems
 * (warnings too with `strict`), 4 when the only errors are the limits, else 0.
 */
export function exitCodeFor(findings: readonly Finding[], strict: boolean): 0 | 1 | 2 | 4 {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.some((f) => findingKind(f) === 'input')) return 2;
  if (errors.length > 0) return errors.every((f) => BUDGET_CODES.has(f.code)) ? 4 : 1;
  if (strict && findings.some((f) => f.severity === 'warning')) return 1;
  return 0;
}
