import type { FontSet } from '../fonts/load-fonts.js';
import { FlowWriter } from '../text/flow-writer.js';

/**
 * How many pages text fields take when laid out as our packet lays text: each field's name
 * as a heading, its text in the body size, on the paper given. Stripe (API 2026-09-30)
 * refuses evidence whose estimated compiled page count, text fields included, is over the
 * network's page limit (`dispute_evidence_page_limit_exceeded`) and does not publish how it
 * counts, so this is our estimate of the pages those fields add.
 */
export function textFieldPages(fonts: FontSet, paper: { width: number; height: number }, fields: Readonly<Record<string, string>>): number {
  const entries = Object.entries(fields).filter(([, value]) => value.trim() !== '');
  if (entries.length === 0) return 0;
  const w = new FlowWriter(fonts, paper, 'appendix', 'Stripe text fields');
  for (const [name, value] of entries) {
    w.heading(name, 12);
    w.paragraph(value);
  }
  return w.pages.length;
}
