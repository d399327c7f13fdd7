import type { CaseAnalysis } from '../case/analyze-case.js';
import type { SizeEstimate } from '../budget/estimate.js';
import type { PacketPlan } from '../document/index.js';
import type { Exhibit, Finding } from '../evidence/model.js';
import type { ScreenshotFacts } from '../rules/screenshot-rules.js';
import type { EvidenceCheck } from '../rules/check-evidence.js';

/** What a check found, as pipeline/check.ts returns it and every reporter reads it. */
export interface CheckResult {
  readonly analysis: CaseAnalysis;
  /** Exhibits in packet order. */
  readonly exhibits: Exhibit[];
  readonly findings: Finding[];
  readonly plan?: PacketPlan;
  /** Per screenshot OCR read: which facts it shows and the size its text prints at. */
  readonly screenshots: ScreenshotFacts[];
  /** check only, when there is a size limit: the packet's predicted size. */
  readonly size?: SizeEstimate;
  /** Each exhibit's categories and the reason's checklist. */
  readonly evidence?: EvidenceCheck;
  readonly exitCode: 0 | 1 | 2 | 4;
}
