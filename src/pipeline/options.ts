import type { ProgressListener } from '../evidence/progress.js';
import type { CaseOptions } from '../case/analyze-case.js';
import type { Paper } from '../document/index.js';
import type { OcrOptions } from '../ocr/ocr-engine.js';

/** Everything check and build take, beyond the case folder. */
export interface PacketOptions extends CaseOptions {
  readonly paper?: Paper;
  /** Seconds since the epoch written as the packet's date (SOURCE_DATE_EPOCH). */
  readonly sourceDateEpoch?: number;
  /** Warnings fail the check too. */
  readonly strict?: boolean;
  /** Now, for the deadline check and the packet's date (the core never reads the clock). */
  readonly nowMs?: number;
  /** The user's IANA zone, to show the deadline in their time too. */
  readonly userTimeZone?: string;
  /** Embed images truecolour at full resolution, ignoring the size limit (a reference packet). */
  readonly lossless?: boolean;
  /** The packet will be built with --split: whole-packet limits are not problems if the profile's limit is per file. */
  readonly split?: boolean;
  /** Also produce the text fields of Stripe's dispute evidence object. */
  readonly stripeEvidence?: boolean;
  /** OCR of screenshots, to check they show the client and a date; absent = off. */
  readonly ocr?: OcrOptions;
  /**
   * A folder for facts derived from each file's bytes alone, kept between runs by SHA-256:
   * OCR text (under `ocr/`, unless `ocr.cacheDir` says otherwise), image reads and the size
   * check's sample encodes (under `facts/`). Absent = nothing is kept.
   */
  readonly cacheDir?: string;
  /** Told as files are read, images OCR'd and encoded, and pages drawn (see evidence/progress.ts). */
  readonly onProgress?: ProgressListener;
}
