import type { Finding } from '../evidence/model.js';
import { findingKind } from './codes.js';

/** check's and build's exit code from what was found: 2 a broken manifest or input, 1 problems (warnings too with `strict`), else 0. */
export function exitCodeFor(findings: readonly Finding[], strict: boolean): 0 | 1 | 2 {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.some((f) => findingKind(f) === 'input')) return 2;
  if (errors.length > 0) return 1;
  if (strict && findings.some((f) => f.severity === 'warning')) return 1;
  return 0;
}
