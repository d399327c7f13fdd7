import { z } from 'zod';

/** `<image>.capture.json`: how `evidence-packet capture` got a page's picture, written beside it. */
export const CAPTURE_SIDECAR_SUFFIX = '.capture.json';

/** `capture --warc`'s record of the page load: the image's name with `.warc.gz` for `.png`. */
export const CAPTURE_WARC_SUFFIX = '.warc.gz';
export function captureWarcName(image: string): string {
  return image.replace(/\.png$/i, '') + CAPTURE_WARC_SUFFIX;
}

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'an ISO 8601 time in UTC');

export const captureRecordSchema = z.strictObject({
  tool: z.literal('evidence-packet capture'),
  toolVersion: z.string(),
  browser: z.string(),
  requestedUrl: z.string(),
  finalUrl: z.string(),
  /** Each redirect followed, in order: where it was, its status and where it pointed. */
  redirects: z.array(z.strictObject({ url: z.string(), status: z.number().int(), location: z.string().optional() })),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  serverAddress: z.strictObject({ ip: z.string(), port: z.number().int() }).nullable(),
  tls: z
    .strictObject({
      protocol: z.string().optional(),
      subject: z.string().optional(),
      issuer: z.string().optional(),
      validFrom: iso.optional(),
      validTo: iso.optional(),
      /** Whether the certificate chains to a trusted root for the host (checked apart from the browser). */
      trusted: z.boolean(),
      trustError: z.string().optional(),
    })
    .nullable(),
  /** `--insecure`: the browser was told to load the page whatever its certificate. */
  certificateErrorsIgnored: z.boolean(),
  capturedAt: iso,
  viewport: z.strictObject({ name: z.string(), width: z.number().int().positive(), height: z.number().int().positive() }),
  image: z.strictObject({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** `--warc`: the page load's network exchanges, a file beside the image (provenance, never an exhibit). */
  warc: z.strictObject({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});
export type CaptureRecord = z.output<typeof captureRecordSchema>;

/**
 * The provenance in one paragraph, for the exhibit's caption and the appendix: what was loaded,
 * where it ended, what the server answered and with which certificate, and when.
 */
export function describeCapture(record: CaptureRecord): string {
  const redirects = record.redirects.length > 0 ? ` after ${record.redirects.map((r) => `${r.status} from ${r.url}`).join(', ')}` : '';
  const server = record.serverAddress ? ` from ${record.serverAddress.ip} port ${record.serverAddress.port}` : '';
  const tls = record.tls
    ? ` TLS certificate: subject ${record.tls.subject ?? '(none)'}, issuer ${record.tls.issuer ?? '(none)'}, valid ${record.tls.validFrom ?? '?'} to ${record.tls.validTo ?? '?'}; ${record.tls.trusted ? 'trusted' : `NOT trusted${record.tls.trustError ? ` (${record.tls.trustError})` : ''}`}.`
    : ' No TLS (plain HTTP).';
  return `Live page ${record.finalUrl}${redirects}, HTTP ${record.status}${server}, captured ${record.capturedAt} by ${record.browser} at ${record.viewport.name} width (${record.viewport.width} px).${tls} PNG SHA-256 at capture ${record.image.sha256}.`;
}
