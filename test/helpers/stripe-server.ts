import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEachTest } from './after-each-test.js';
import { FIXTURES } from './paths.js';

/** A request as the server saw it: the form fields decoded, a multipart upload's parts read. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  /** application/x-www-form-urlencoded fields (`evidence[receipt]` → `file_…`). */
  readonly form: Record<string, string>;
  /** multipart/form-data parts. */
  readonly parts: { name: string; filename?: string; type?: string; data: Buffer }[];
}

/** An answer: a status and Stripe's JSON, or the connection dropped without one. */
export type Reply = { status: number; body: unknown; headers?: Record<string, string> } | 'drop';

export const stripeObject = (name: 'dispute' | 'charge' | 'file'): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIXTURES, 'stripe', `${name}.json`), 'utf8')) as Record<string, unknown>;

/** The dispute's deadline as the server tells it: a week from when the tests run, on a whole hour. */
export const DUE_BY = Math.floor(Date.now() / 3_600_000 + 7 * 24) * 3600;

/** Stripe's error envelope. */
export const stripeError = (status: number, type: string, message: string, code?: string): Reply => ({
  status,
  body: { error: { type, message, ...(code ? { code } : {}) } },
});

function parseMultipart(body: Buffer, contentType: string): RecordedRequest['parts'] {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (!boundary) return [];
  const text = body.toString('latin1');
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((chunk) => {
      const [head = '', ...rest] = chunk.replace(/^\r\n/, '').split('\r\n\r\n');
      const data = Buffer.from(rest.join('\r\n\r\n').replace(/\r\n$/, ''), 'latin1');
      const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
      const filename = /filename="([^"]*)"/.exec(head)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
      return { name, data, ...(filename !== undefined ? { filename } : {}), ...(type ? { type } : {}) };
    });
}

/**
 * Stripe's answers for the sample dispute: the dispute (updated by each POST), its charge, and
 * a new file object for each upload. A test passes `override` to answer some requests otherwise.
 */
export function stripeRoutes(
  override?: (req: RecordedRequest, seen: RecordedRequest[]) => Reply | undefined,
): (req: RecordedRequest, seen: RecordedRequest[]) => Reply {
  // Due a week from now, as a dispute still open for evidence is.
  const fixture = stripeObject('dispute');
  let dispute: Record<string, unknown> = { ...fixture, evidence_details: { ...(fixture.evidence_details as object), due_by: DUE_BY } };
  let files = 0;
  return (req, seen) => {
    const special = override?.(req, seen);
    if (special) return special;
    if (req.method === 'GET' && req.path.startsWith('/v1/disputes/')) return { status: 200, body: { ...dispute, id: req.path.split('/')[3] } };
    if (req.method === 'GET' && req.path.startsWith('/v1/charges/')) return { status: 200, body: stripeObject('charge') };
    if (req.method === 'POST' && req.path === '/v1/files') {
      files++;
      const file = req.parts.find((p) => p.name === 'file');
      return { status: 200, body: { ...stripeObject('file'), id: `file_test${files}`, filename: file?.filename, size: file?.data.length } };
    }
    if (req.method === 'POST' && req.path.startsWith('/v1/disputes/')) {
      const evidence = Object.fromEntries(Object.entries(req.form).flatMap(([k, v]) => (k.startsWith('evidence[') ? [[k.slice(9, -1), v]] : [])));
      const submitted = req.form.submit === 'true';
      const details = dispute.evidence_details as Record<string, unknown>;
      dispute = {
        ...dispute,
        evidence: { ...(dispute.evidence as object), ...evidence },
        status: submitted ? 'under_review' : dispute.status,
        evidence_details: { ...details, has_evidence: true, submission_count: Number(details.submission_count) + (submitted ? 1 : 0) },
      };
      return { status: 200, body: dispute };
    }
    return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${req.path}).`);
  };
}

const open: Server[] = [];
afterEachTest(async () => {
  await Promise.all(
    open.splice(0).map(
      (s) =>
        new Promise((done) => {
          s.closeAllConnections();
          s.close(done);
        }),
    ),
  );
});

/** A server on 127.0.0.1 (a free port) that records every request; closed after the test. */
export async function startStripeServer(
  route: (req: RecordedRequest, seen: RecordedRequest[]) => Reply,
): Promise<{ url: string; requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const type = req.headers['content-type'] ?? '';
      const form = type.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(body.toString('utf8'))) : {};
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        form,
        parts: type.startsWith('multipart/form-data') ? parseMultipart(body, type) : [],
      };
      requests.push(recorded);
      const reply = route(recorded, requests);
      if (reply === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Request-Id': `req_${requests.length}`, ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  server.unref();
  open.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}
