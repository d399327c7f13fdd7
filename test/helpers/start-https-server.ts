import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll } from 'vitest';

/** What a test sees of the server once its describe's beforeAll has run. */
export interface HttpsTestServer {
  /** `https://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  /** The self-signed certificate it presents, valid from a day ago for 30 days, for 127.0.0.1. */
  readonly cert: X509Certificate;
}

/**
 * An HTTPS server on 127.0.0.1 with a fresh self-signed certificate, started before the tests
 * of the describe that calls this and closed after them; unref'd, so it never holds the
 * worker open. Read its fields inside tests (they are set in beforeAll).
 */
export function startHttpsServer(handle: (req: IncomingMessage, res: ServerResponse) => void): HttpsTestServer {
  let server: Server | undefined;
  const state = { origin: '', port: 0, cert: undefined as unknown as X509Certificate };
  beforeAll(async () => {
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'evidence-packet test' }], {
      notBeforeDate: new Date(Date.now() - 86_400_000),
      notAfterDate: new Date(Date.now() + 30 * 86_400_000),
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    state.cert = new X509Certificate(pems.cert);
    const started = createServer({ key: pems.private, cert: pems.cert }, handle);
    await new Promise<void>((resolve, reject) => {
      started.once('error', reject);
      started.listen(0, '127.0.0.1', resolve);
    });
    started.unref();
    server = started;
    state.port = (started.address() as AddressInfo).port;
    state.origin = `https://127.0.0.1:${state.port}`;
  });
  afterAll(async () => {
    const running = server;
    if (!running) return;
    running.closeAllConnections();
    await new Promise<void>((resolve) => running.close(() => resolve()));
  });
  return state;
}
