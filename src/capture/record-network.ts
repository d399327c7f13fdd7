import type { CDPSession } from 'playwright-core';

/** One header as sent or received, in the order and case it had. */
export type HeaderLine = readonly [name: string, value: string];

/** One request and the answer to it: a redirect's hop is an exchange of its own. */
export interface Exchange {
  readonly url: string;
  readonly method: string;
  /** The request headers Chromium put on the wire (requestWillBeSentExtraInfo), else the ones it reported. */
  readonly requestHeaders: readonly HeaderLine[];
  readonly requestBody?: Uint8Array;
  /** When the request was sent (the browser's wall clock), ms since the epoch. */
  readonly sentAtMs: number;
  /** The HTTP version as the browser names it: http/1.1, h2, h3 … */
  readonly protocol: string;
  readonly status: number;
  readonly statusText: string;
  /** HTTP/1.x: the header block verbatim from the network (its first line the status line). */
  readonly headersText?: string;
  /** The response headers, as received where the browser reports them (responseReceivedExtraInfo). */
  readonly responseHeaders: readonly HeaderLine[];
  readonly serverIp?: string;
  /** The body as the browser decoded it; empty for a redirect (the browser does not keep it). */
  readonly body: Uint8Array;
  /** Whether the body was read (a redirect's, or one the browser no longer held, was not). */
  readonly bodyRead: boolean;
}

export interface NetworkLog {
  /** The exchanges finished so far, in the order they were sent; reads each body from the browser. */
  finish(): Promise<{ exchanges: Exchange[]; unfinished: number }>;
}

interface Hop {
  url: string;
  method: string;
  headers: Record<string, string>;
  postData?: string;
  sentAtMs: number;
  response?: WireResponse;
}
interface WireResponse {
  status: number;
  statusText: string;
  protocol: string;
  headers: Record<string, string>;
  serverIp?: string;
}
interface Extra {
  headers: Record<string, string>;
  statusCode?: number;
  headersText?: string;
}
interface Load {
  hops: Hop[];
  requestExtras: Extra[];
  responseExtras: Extra[];
  state: 'open' | 'finished' | 'failed';
}

const ENOUGH_BUFFER = { maxTotalBufferSize: 200 * 1024 * 1024, maxResourceBufferSize: 100 * 1024 * 1024 };

/**
 * Listens to the page's network through Chromium's DevTools protocol from before the first
 * request. A redirect keeps its request id, so each load is a list of hops paired in order
 * with the raw-header events the browser sends for each.
 */
export async function recordNetwork(session: CDPSession): Promise<NetworkLog> {
  const loads = new Map<string, Load>();
  const load = (id: string): Load => {
    let found = loads.get(id);
    if (!found) loads.set(id, (found = { hops: [], requestExtras: [], responseExtras: [], state: 'open' }));
    return found;
  };
  session.on('Network.requestWillBeSent', (event) => {
    const entry = load(event.requestId);
    const previous = entry.hops.at(-1);
    if (event.redirectResponse && previous) previous.response = wireResponse(event.redirectResponse);
    const { request } = event;
    entry.hops.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      ...(request.postData !== undefined ? { postData: request.postData } : {}),
      sentAtMs: Math.round((event.wallTime ?? Date.now() / 1000) * 1000),
    });
  });
  session.on('Network.requestWillBeSentExtraInfo', (event) => load(event.requestId).requestExtras.push({ headers: event.headers }));
  session.on('Network.responseReceivedExtraInfo', (event) =>
    load(event.requestId).responseExtras.push({
      headers: event.headers,
      statusCode: event.statusCode,
      ...(event.headersText ? { headersText: event.headersText } : {}),
    }),
  );
  session.on('Network.responseReceived', (event) => {
    const hop = load(event.requestId).hops.at(-1);
    if (hop) hop.response = wireResponse(event.response);
  });
  session.on('Network.loadingFinished', (event) => void (load(event.requestId).state = 'finished'));
  session.on('Network.loadingFailed', (event) => void (load(event.requestId).state = 'failed'));
  await session.send('Network.enable', ENOUGH_BUFFER);
  return { finish: () => collect(session, loads) };
}

function wireResponse(response: {
  status: number;
  statusText: string;
  protocol?: string;
  headers: Record<string, string>;
  remoteIPAddress?: string;
}): WireResponse {
  return {
    status: response.status,
    statusText: response.statusText,
    protocol: response.protocol ?? 'http/1.1',
    headers: response.headers,
    ...(response.remoteIPAddress ? { serverIp: response.remoteIPAddress.replace(/^\[|\]$/g, '') } : {}),
  };
}

async function collect(session: CDPSession, loads: Map<string, Load>): Promise<{ exchanges: Exchange[]; unfinished: number }> {
  const exchanges: Exchange[] = [];
  let unfinished = 0;
  for (const [id, entry] of loads) {
    if (!/^https?:/.test(entry.hops[0]?.url ?? '')) continue;
    if (entry.state !== 'finished') {
      unfinished += 1;
      continue;
    }
    const body = await readBody(session, id);
    entry.hops.forEach((hop, index) => {
      const last = index === entry.hops.length - 1;
      const exchange = toExchange(hop, entry.requestExtras[index], entry.responseExtras[index], last ? body : undefined);
      if (exchange) exchanges.push(exchange);
    });
  }
  return { exchanges, unfinished };
}

async function readBody(session: CDPSession, requestId: string): Promise<Uint8Array | undefined> {
  try {
    const { body, base64Encoded } = await session.send('Network.getResponseBody', { requestId });
    return base64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  } catch {
    // The browser did not keep it (a response with no body, or one evicted from its buffer).
    return undefined;
  }
}

function toExchange(hop: Hop, requestExtra: Extra | undefined, responseExtra: Extra | undefined, body: Uint8Array | undefined): Exchange | undefined {
  const response = hop.response;
  if (!response) return undefined;
  // Raw headers are paired by order; one whose status is not this hop's belongs to another (a cached or blocked hop).
  const raw = responseExtra && responseExtra.statusCode === response.status ? responseExtra : undefined;
  return {
    url: hop.url,
    method: hop.method,
    requestHeaders: headerLines(requestExtra?.headers ?? hop.headers),
    ...(hop.postData !== undefined ? { requestBody: Buffer.from(hop.postData, 'utf8') } : {}),
    sentAtMs: hop.sentAtMs,
    protocol: response.protocol,
    status: response.status,
    statusText: response.statusText,
    ...(raw?.headersText ? { headersText: raw.headersText } : {}),
    responseHeaders: headerLines(raw?.headers ?? response.headers),
    ...(response.serverIp ? { serverIp: response.serverIp } : {}),
    body: body ?? new Uint8Array(),
    bodyRead: body !== undefined,
  };
}

/** The browser joins repeated headers with a newline; a WARC keeps each as its own line. HTTP/2's pseudo-headers are not headers. */
function headerLines(headers: Record<string, string>): HeaderLine[] {
  return Object.entries(headers)
    .filter(([name]) => !name.startsWith(':'))
    .flatMap(([name, value]) => value.split('\n').map((part) => [name, part] as const));
}
