import { captureRecordSchema, describeCapture, type CaptureRecord } from '../../evidence/capture-record.js';
import { dateFactFromEpoch } from '../../evidence/dates.js';
import type { DateFact, Fact, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import type { ParseContext } from '../types.js';

/** What a capture record gives its image: the capture instant (with the provenance as its text, for the appendix) and a note for the caption. */
export interface CaptureFacts {
  readonly date: DateFact;
  readonly note: Fact<string>;
  readonly record: CaptureRecord;
}

/**
 * Reads `<image>.capture.json`. A record that does not parse, or whose image hash is not this
 * image's (the picture was changed after it was captured), is a finding, and none of it is used.
 */
export function readCaptureSidecar(ctx: ParseContext, findings: Finding[]): CaptureFacts | undefined {
  const sidecar = ctx.captureRecord;
  if (!sidecar) return undefined;
  const file = ctx.source.file;
  let raw: unknown;
  try {
    raw = JSON.parse(sidecar.text);
  } catch (error) {
    findings.push(
      makeFinding('CAPTURE_SIDECAR_INVALID', { file }, { detail: `${sidecar.file} is not JSON: ${error instanceof Error ? error.message : String(error)}` }),
    );
    return undefined;
  }
  const parsed = captureRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    findings.push(
      makeFinding(
        'CAPTURE_SIDECAR_INVALID',
        { file },
        { detail: `${sidecar.file}: ${issue ? `${issue.path.join('.') || 'record'}: ${issue.message}` : 'not a capture record'}` },
      ),
    );
    return undefined;
  }
  const record = parsed.data;
  if (record.image.sha256 !== ctx.source.sha256) {
    findings.push(
      makeFinding(
        'CAPTURE_SIDECAR_INVALID',
        { file },
        { detail: `the image's SHA-256 is not the one ${sidecar.file} recorded at capture: the image was changed after it was captured` },
      ),
    );
    return undefined;
  }
  const text = describeCapture(record);
  // The WARC is named in the appendix (the date's source text) only: the caption stays about the page.
  const warcIntact = record.warc !== undefined && sidecar.warcSha256 === record.warc.sha256;
  if (record.warc && !warcIntact)
    findings.push(
      makeFinding(
        'CAPTURE_WARC_CHANGED',
        { file },
        { warc: record.warc.file, state: sidecar.warcSha256 === null ? 'missing or unreadable' : 'not the file captured (its SHA-256 differs)' },
      ),
    );
  const warc = record.warc && warcIntact ? ` Page load archived in ${record.warc.file} (WARC, SHA-256 ${record.warc.sha256}).` : '';
  return {
    date: dateFactFromEpoch(Date.parse(record.capturedAt), `${sidecar.file}: ${text}${warc}`, 'sidecar'),
    note: { value: text, source: sidecar.file },
    record,
  };
}
