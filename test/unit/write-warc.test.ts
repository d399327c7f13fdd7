import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WARCParser, type WARCRecord } from 'warcio';
import type { Exchange } from '../../src/capture/record-network.js';
import { writeWarc } from '../../src/capture/write-warc.js';

const INFO = {
  software: 'evidence-packet capture test',
  browser: 'Chromium 1',
  viewport: 'desktop 1366x768',
  capturedAt: '2024-03-28T09:00:00.000Z',
  unfinished: 1,
};
const sha = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Each record's header block and content block, as text, from the gunzipped file: read apart from warcio. */
function blocks(warc: Buffer): { head: string; block: string }[] {
  const raw = gunzipSync(warc);
  const out: { head: string; block: string }[] = [];
  for (let at = 0; at < raw.length; ) {
    const end = raw.indexOf('\r\n\r\n', at);
    const head = raw.subarray(at, end).toString('utf8');
    const length = Number(/\r\nContent-Length: (\d+)/.exec(head)![1]);
    out.push({ head, block: raw.subarray(end + 4, end + 4 + length).toString('utf8') });
    at = end + 4 + length + 4;
  }
  return out;
}

describe('writeWarc', () => {
  const body = Buffer.from('{"ok":true}');
  const h2: Exchange = {
    url: 'https://shop.example/api/order?id=7',
    method: 'POST',
    requestHeaders: [
      ['content-type', 'application/json'],
      ['cookie', 'a=1'],
    ],
    requestBody: Buffer.from('{"id":7}'),
    sentAtMs: Date.UTC(2024, 2, 28, 9, 0, 0, 250),
    protocol: 'h2',
    status: 200,
    statusText: '',
    responseHeaders: [
      ['content-type', 'application/json'],
      ['content-encoding', 'br'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ],
    serverIp: '2001:db8::1',
    body,
    bodyRead: true,
  };
  const http1: Exchange = {
    ...h2,
    url: 'http://shop.example/',
    method: 'GET',
    requestHeaders: [['Host', 'shop.example']],
    requestBody: undefined,
    protocol: 'http/1.1',
    statusText: 'OK',
    headersText: 'HTTP/1.1 200 OK\r\nX-Odd-Case: yes\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n',
    responseHeaders: [],
    body: Buffer.from('<p>hi</p>'),
  };

  it('writes warcinfo, then request and response per exchange, describing the decoded body honestly', async () => {
    const warc = await writeWarc([h2, http1], INFO, 'x.warc.gz');
    const records = blocks(warc);
    expect(records.map((r) => /WARC-Type: (\w+)/.exec(r.head)![1])).toEqual(['warcinfo', 'request', 'response', 'request', 'response']);
    expect(records[0]!.head).toContain('WARC-Filename: x.warc.gz');
    expect(records[0]!.block).toContain('requests-unfinished: 1');
    expect(records[0]!.block).toContain('Bodies are as decoded by the browser');

    const [, request, response, , plain] = records;
    // HTTP/2: the request line and Host rebuilt, the POST body kept; the response's status line with its standard phrase.
    expect(request!.block.startsWith('POST /api/order?id=7 HTTP/2\r\nHost: shop.example\r\ncontent-type: application/json\r\n')).toBe(true);
    expect(request!.block.endsWith('\r\n\r\n{"id":7}')).toBe(true);
    expect(request!.head).toContain(`WARC-Concurrent-To: ${/WARC-Record-ID: (\S+)/.exec(response!.head)![1]}`);
    expect(request!.head).toContain('WARC-Date: 2024-03-28T09:00:00.250Z');
    expect(response!.head).toContain('WARC-IP-Address: 2001:db8::1');
    expect(response!.block).toBe(
      `HTTP/2 200 OK\r\ncontent-type: application/json\r\nX-Original-content-encoding: br\r\nset-cookie: a=1\r\nset-cookie: b=2\r\nContent-Length: ${body.length}\r\n\r\n{"ok":true}`,
    );
    // HTTP/1.1: the header block as received, in its order and case, less the transfer coding.
    expect(plain!.block).toBe(
      'HTTP/1.1 200 OK\r\nX-Odd-Case: yes\r\nX-Original-Transfer-Encoding: chunked\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n<p>hi</p>',
    );
  });

  it('gives digests warcio’s reader and sha256 agree with', async () => {
    const warc = await writeWarc([h2, http1], INFO, 'x.warc.gz');
    const heads = blocks(warc).map((r) => r.head);
    let index = 0;
    for await (const record of new WARCParser([warc]) as AsyncIterable<WARCRecord>) {
      const payload = await record.readFully(false);
      if (record.warcType === 'response') {
        expect(record.warcPayloadDigest).toBe(sha(payload));
        expect(record.httpHeaders?.statusCode).toBe(200);
      }
      if (record.warcType !== 'warcinfo') expect(heads[index]).toContain(`WARC-Block-Digest: ${record.warcBlockDigest}`);
      index += 1;
    }
    expect(index).toBe(5);
    expect(heads[2]).toContain(`WARC-Payload-Digest: ${sha(body)}`);
  });
});
