import { STATUS_CODES } from 'node:http';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { Exchange, HeaderLine } from './record-network.js';

/** What the warcinfo record says about the capture. */
export interface WarcInfo {
  readonly software: string;
  readonly browser: string;
  readonly viewport: string;
  readonly capturedAt: string;
  /** Requests the page had started but not finished when it was captured: not in the file. */
  readonly unfinished: number;
}

const WARC_VERSION = 'WARC/1.1';

/**
 * How the records were made, in the file itself: a reader of the WARC alone must learn that the
 * bodies are the browser's decoded ones, not the bytes from the wire.
 */
export const WARC_METHOD =
  'Recorded through the Chromium DevTools protocol while the page loaded (Network domain events; bodies by Network.getResponseBody). ' +
  'Request and response headers are those the browser reports as sent and received; for HTTP/1.x the response header block is the verbatim text received. ' +
  'Bodies are as decoded by the browser, not the bytes on the wire: Content-Encoding and Transfer-Encoding are removed and kept as X-Original-Content-Encoding and X-Original-Transfer-Encoding, ' +
  'and Content-Length is set to the length of the decoded body (a different sent value is kept as X-Original-Content-Length). ' +
  'The browser does not keep the body of a redirect: those responses are recorded with an empty body.';

/** The page load as a WARC 1.1 file (ISO 28500), each record gzip-compressed on its own: warcinfo, then a request and a response record per exchange. */
export async function writeWarc(exchanges: readonly Exchange[], info: WarcInfo, filename: string): Promise<Buffer> {
  const warcinfo = WARCRecord.createWARCInfo(
    { filename, warcVersion: WARC_VERSION, date: info.capturedAt },
    {
      software: info.software,
      browser: info.browser,
      viewport: info.viewport,
      format: 'WARC File Format 1.1',
      conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
      description: WARC_METHOD,
      'requests-unfinished': String(info.unfinished),
    },
  );
  const infoId = warcinfo.warcHeader('WARC-Record-ID') ?? '';
  const parts: Uint8Array[] = [await serialize(warcinfo)];
  for (const exchange of exchanges) {
    const response = responseRecord(exchange, infoId);
    const responseId = response.warcHeader('WARC-Record-ID') ?? '';
    parts.push(await serialize(requestRecord(exchange, infoId, responseId)), await serialize(response));
  }
  return Buffer.concat(parts);
}

function serialize(record: WARCRecord): Promise<Uint8Array> {
  return WARCSerializer.serialize(record, { gzip: true });
}

function requestRecord(exchange: Exchange, infoId: string, responseId: string): WARCRecord {
  const url = new URL(exchange.url);
  const headers = [...exchange.requestHeaders];
  // HTTP/2 carries the host as :authority; a request record reads as HTTP/1.1-style text, which needs Host.
  if (!headers.some(([name]) => name.toLowerCase() === 'host')) headers.unshift(['Host', url.host]);
  return WARCRecord.create(
    {
      url: exchange.url,
      type: 'request',
      date: new Date(exchange.sentAtMs).toISOString(),
      warcVersion: WARC_VERSION,
      warcHeaders: { 'WARC-Warcinfo-ID': infoId, 'WARC-Concurrent-To': responseId },
      statusline: `${exchange.method} ${url.pathname}${url.search} ${httpVersion(exchange.protocol)}`,
      httpHeaders: headers.map(([name, value]) => [name, value]),
    },
    exchange.requestBody ? [exchange.requestBody] : [],
  );
}

function responseRecord(exchange: Exchange, infoId: string): WARCRecord {
  const { statusline, headers } = responseHead(exchange);
  return WARCRecord.create(
    {
      url: exchange.url,
      type: 'response',
      date: new Date(exchange.sentAtMs).toISOString(),
      warcVersion: WARC_VERSION,
      warcHeaders: { 'WARC-Warcinfo-ID': infoId, ...(exchange.serverIp ? { 'WARC-IP-Address': exchange.serverIp } : {}) },
      statusline,
      httpHeaders: asDecoded(headers, exchange.body.byteLength).map(([name, value]) => [name, value]),
    },
    [exchange.body],
  );
}

/** The status line and headers: HTTP/1.x's verbatim block when the browser gave it, else rebuilt from the reported headers. */
function responseHead(exchange: Exchange): { statusline: string; headers: HeaderLine[] } {
  if (exchange.headersText) {
    const lines = exchange.headersText.split(/\r?\n/).filter((line) => line.length > 0);
    const headers: HeaderLine[] = [];
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
    }
    return { statusline: lines[0] ?? '', headers };
  }
  const text = exchange.statusText || STATUS_CODES[exchange.status] || '';
  return { statusline: `${httpVersion(exchange.protocol)} ${exchange.status} ${text}`.trimEnd(), headers: [...exchange.responseHeaders] };
}

/** The headers as they describe the decoded body (see WARC_METHOD); each changed header keeps its sent value under X-Original-. */
function asDecoded(headers: readonly HeaderLine[], length: number): HeaderLine[] {
  const out: HeaderLine[] = [];
  let lengthSet = false;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-encoding' || lower === 'transfer-encoding') {
      out.push([`X-Original-${name}`, value]);
    } else if (lower === 'content-length') {
      if (value.trim() !== String(length)) out.push(['X-Original-Content-Length', value]);
      if (!lengthSet) out.push([name, String(length)]);
      lengthSet = true;
    } else {
      out.push([name, value]);
    }
  }
  if (!lengthSet) out.push(['Content-Length', String(length)]);
  return out;
}

/** The browser's protocol name (http/1.1, h2, h3) as an HTTP version. */
function httpVersion(protocol: string): string {
  const lower = protocol.toLowerCase();
  if (lower.startsWith('http/')) return lower.toUpperCase();
  if (lower === 'h2') return 'HTTP/2';
  if (lower === 'h3' || lower.startsWith('h3-')) return 'HTTP/3';
  return 'HTTP/1.1';
}
