import type { Finding } from '../evidence/model.js';
import type { ParseResult } from './types.js';

/** A source read to no exhibit: only the findings that say why (unreadable, unsupported, too large, skipped). */
export function rejectSource(...findings: Finding[]): ParseResult {
  return { exhibits: [], findings };
}
