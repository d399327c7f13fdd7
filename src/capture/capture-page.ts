import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { chromium, type Response } from 'playwright-core';
import { CAPTURE_SIDECAR_SUFFIX, captureWarcName, type CaptureRecord } from '../evidence/capture-record.js';
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { recordNetwork, type Exchange, type NetworkLog } from './record-network.js';
import { writeWarc } from './write-warc.js';

/** The widths a reviewer is shown: a phone's, and a laptop's. */
export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, mobile: true },
  { name: 'desktop', width: 1366, height: 768, mobile: false },
] as const;

/** Chromium without a desktop, a GPU or its own background traffic: only the page's requests happen. */
export const BROWSER_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface CaptureOptions {
  /** The browser executable (see find-browser.ts). */
  readonly browser: string;
  /** Load the page whatever its certificate (a self-signed test server); the record says so. */
  readonly insecure?: boolean;
  /** Also write each load's network exchanges as a WARC beside its PNG (see write-warc.ts). */
  readonly warc?: boolean;
  readonly timeoutMs?: number;
  /** The clock, for the capture instant. */
  readonly now?: () => Date;
}

export interface CaptureResult {
  readonly records: readonly CaptureRecord[];
  /** Paths written, relative to the folder. */
  readonly files: readonly string[];
}

/** Loads the page once per viewport in a fresh browser profile and writes each full-page PNG with its `.capture.json` into `folder`. */
export async function capturePage(url: string, folder: string, options: CaptureOptions): Promise<CaptureResult> {
  const target = parseUrl(url);
  const records: CaptureRecord[] = [];
  const files: string[] = [];
  for (const viewport of VIEWPORTS) {
    const { record, png, network } = await loadOnce(target, viewport, options);
    const base = `capture-${target.hostname.replace(/[^A-Za-z0-9.-]/g, '_')}-${record.capturedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${viewport.name}.png`;
    let withFile: CaptureRecord = { ...record, image: { file: base, sha256: record.image.sha256 } };
    // wx: a capture never overwrites evidence already in the case.
    await writeFile(join(folder, base), png, { flag: 'wx' });
    if (network) {
      const file = captureWarcName(base);
      const warc = await writeWarc(
        network.exchanges,
        {
          software: `evidence-packet capture ${VERSION}`,
          browser: record.browser,
          viewport: `${viewport.name} ${viewport.width}x${viewport.height}`,
          capturedAt: record.capturedAt,
          unfinished: network.unfinished,
        },
        file,
      );
      await writeFile(join(folder, file), warc, { flag: 'wx' });
      withFile = { ...withFile, warc: { file, sha256: createHash('sha256').update(warc).digest('hex') } };
      files.push(file);
    }
    await writeFile(join(folder, base + CAPTURE_SIDECAR_SUFFIX), `${JSON.stringify(withFile, null, 2)}\n`, { flag: 'wx' });
    records.push(withFile);
    files.push(base, base + CAPTURE_SIDECAR_SUFFIX);
  }
  return { records, files };
}

function parseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('CAPTURE_BAD_URL', `"${url}" is not a URL`, { hint: 'Give the page’s full address, e.g. https://janes-bakery.example/.' });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new UsageError('CAPTURE_BAD_URL', `capture loads http and https pages, not ${parsed.protocol}`, { hint: 'Give an http:// or https:// address.' });
  return parsed;
}

interface Load {
  readonly record: CaptureRecord;
  readonly png: Buffer;
  readonly network?: { readonly exchanges: Exchange[]; readonly unfinished: number };
}

async function loadOnce(target: URL, viewport: (typeof VIEWPORTS)[number], options: CaptureOptions): Promise<Load> {
  const profile = await mkdtemp(join(tmpdir(), 'evidence-packet-capture-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: options.browser,
      headless: true,
      args: BROWSER_FLAGS,
      ignoreHTTPSErrors: options.insecure === true,
      viewport: { width: viewport.width, height: viewport.height },
      isMobile: viewport.mobile,
      hasTouch: viewport.mobile,
      deviceScaleFactor: 1,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      // Listening starts before the first request, so the log has every exchange of the load.
      const log: NetworkLog | undefined = options.warc ? await recordNetwork(await context.newCDPSession(page)) : undefined;
      let response: Response | null;
      try {
        response = await page.goto(target.href, { waitUntil: 'load', timeout: options.timeoutMs ?? 60_000 });
      } catch (error) {
        throw new UsageError('CAPTURE_FAILED', `could not load ${target.href}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, {
          hint: 'Check the address opens in a browser; for a server with a self-signed certificate pass --insecure (the record then says the certificate was not checked).',
        });
      }
      if (!response)
        throw new UsageError('CAPTURE_FAILED', `${target.href} gave no response`, { hint: 'Capture a page, not a download or an in-page anchor.' });
      const capturedAt = (options.now?.() ?? new Date()).toISOString();
      const png = await page.screenshot({ fullPage: true, type: 'png' });
      const record = await describeLoad(response, target, viewport, options, capturedAt, png, context.browser()?.version() ?? 'Chromium');
      return { record, png, ...(log ? { network: await log.finish() } : {}) };
    } finally {
      await context.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

async function describeLoad(
  response: Response,
  target: URL,
  viewport: (typeof VIEWPORTS)[number],
  options: CaptureOptions,
  capturedAt: string,
  png: Buffer,
  browser: string,
): Promise<CaptureRecord> {
  const redirects: CaptureRecord['redirects'] = [];
  for (let request = response.request().redirectedFrom(); request; request = request.redirectedFrom()) {
    const hop = await request.response();
    const location = hop ? await hop.headerValue('location') : null;
    redirects.unshift({ url: request.url(), status: hop?.status() ?? 0, ...(location ? { location } : {}) });
  }
  const finalUrl = new URL(response.url());
  const details = await response.securityDetails();
  const server = await response.serverAddr();
  const trust = finalUrl.protocol === 'https:' ? await checkTrust(finalUrl) : undefined;
  const time = (seconds: number | undefined) => (seconds === undefined ? undefined : new Date(seconds * 1000).toISOString());
  const validFrom = time(details?.validFrom);
  const validTo = time(details?.validTo);
  return {
    tool: 'evidence-packet capture',
    toolVersion: VERSION,
    browser: `Chromium ${browser}`,
    requestedUrl: target.href,
    finalUrl: finalUrl.href,
    redirects,
    status: response.status(),
    headers: await response.allHeaders(),
    serverAddress: server ? { ip: server.ipAddress, port: server.port } : null,
    tls:
      details && trust
        ? {
            ...(details.protocol ? { protocol: details.protocol } : {}),
            ...(details.subjectName ? { subject: details.subjectName } : {}),
            ...(details.issuer ? { issuer: details.issuer } : {}),
            ...(validFrom ? { validFrom } : {}),
            ...(validTo ? { validTo } : {}),
            trusted: trust.trusted,
            ...(trust.error ? { trustError: trust.error } : {}),
          }
        : null,
    certificateErrorsIgnored: options.insecure === true,
    capturedAt,
    viewport: { name: viewport.name, width: viewport.width, height: viewport.height },
    image: { file: '', sha256: createHash('sha256').update(png).digest('hex') },
  };
}

/** Whether the host's certificate chains to a root Node trusts, for its name: asked apart from the browser, so `--insecure` cannot hide it. */
function checkTrust(url: URL): Promise<{ trusted: boolean; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect(
      {
        host: url.hostname,
        port: Number(url.port || 443),
        servername: /^[\d.]+$|:/.test(url.hostname) ? undefined : url.hostname,
        rejectUnauthorized: false,
        timeout: 15_000,
      },
      () => {
        const error = socket.authorizationError;
        socket.end();
        resolve(socket.authorized ? { trusted: true } : { trusted: false, error: error instanceof Error ? error.message : String(error ?? 'not authorized') });
      },
    );
    socket.on('error', (error) => resolve({ trusted: false, error: error.message }));
    socket.on('timeout', () => {
      socket.destroy();
      resolve({ trusted: false, error: 'no answer to a TLS handshake' });
    });
  });
}
