import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCParser, type WARCRecord } from 'warcio';
import { capturePage } from '../../src/capture/capture-page.js';
import { findBrowser } from '../../src/capture/find-browser.js';
import { checkCase } from '../../src/pipeline/check.js';
import { runCli } from '../helpers/run-cli.js';
import { startHttpsServer } from '../helpers/start-https-server.js';

describe('capture --help', () => {
  it('teaches --warc and what its bodies are', async () => {
    const r = await runCli(['capture', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--warc');
    expect(r.stdout).toContain('decoded');
  });
});

let browser: string | undefined;
try {
  browser = findBrowser(undefined);
} catch {
  console.warn('capture --warc tests skipped: no Chromium on PATH (apt-get install chromium)');
}

interface Parsed {
  readonly type: string;
  readonly uri: string;
  readonly id: string;
  readonly concurrentTo: string;
  readonly statusline: string;
  readonly headers: Map<string, string>;
  readonly payloadDigest: string;
  readonly payload: Buffer;
}

/** Every record, read back with webrecorder's own reader. */
async function readWarc(bytes: Buffer): Promise<Parsed[]> {
  const out: Parsed[] = [];
  for await (const record of new WARCParser([bytes], { keepHeadersCase: true }) as AsyncIterable<WARCRecord>) {
    const headers = new Map<string, string>();
    for (const [name, value] of record.httpHeaders?.headers ?? []) headers.set(name.toLowerCase(), value);
    out.push({
      type: record.warcType,
      uri: record.warcTargetURI ?? '',
      id: record.warcHeader('WARC-Record-ID') ?? '',
      concurrentTo: record.warcHeader('WARC-Concurrent-To') ?? '',
      statusline: record.httpHeaders?.statusline ?? '',
      headers,
      payloadDigest: record.warcPayloadDigest ?? '',
      payload: Buffer.from(await record.readFully(false)),
    });
  }
  return out;
}

/** Each record's block digest, checked apart from warcio: gunzip the members, split on Content-Length, hash the block. */
function checkBlockDigests(bytes: Buffer): number {
  const raw = gunzipSync(bytes);
  let at = 0;
  let count = 0;
  while (at < raw.length) {
    const end = raw.indexOf('\r\n\r\n', at);
    const head = raw.subarray(at, end).toString('utf8');
    const length = Number(/\r\nContent-Length: (\d+)/i.exec(head)?.[1]);
    const block = raw.subarray(end + 4, end + 4 + length);
    const digest = /\r\nWARC-Block-Digest: sha256:([0-9a-f]{64})/i.exec(head)?.[1];
    if (!head.includes('WARC-Type: warcinfo')) expect(createHash('sha256').update(block).digest('hex')).toBe(digest);
    at = end + 4 + length + 4;
    count += 1;
  }
  return count;
}

describe.skipIf(!browser)('capture --warc: the page load as a WARC beside each PNG', () => {
  const dirs: string[] = [];
  const SENTINEL = 'warc-sentinel-6f1c2e';
  // An inline icon: the browser would otherwise fetch /favicon.ico at a moment of its own choosing.
  const PAGE = Buffer.from(
    `<!doctype html><html><head><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,"></head><body><h1>${SENTINEL}</h1><img src="/dot.png" width="40" height="40"></body></html>`,
  );
  const page = gzipSync(PAGE);
  let dot: Buffer;

  beforeAll(async () => {
    dot = await sharp({ create: { width: 4, height: 4, channels: 3, background: { r: 0, g: 160, b: 0 } } })
      .png()
      .toBuffer();
  });
  const server = startHttpsServer((req, res) => {
    if (req.url === '/old') res.writeHead(301, { location: '/page', 'content-length': '0' }).end();
    else if (req.url === '/page')
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'content-length': String(page.length) }).end(page);
    else if (req.url === '/dot.png') res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(dot.length) }).end(dot);
    else res.writeHead(404, { 'content-length': '0' }).end();
  });
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('records the redirect, the page and its image with headers, bodies and digests, named in the sidecar and not an exhibit', async () => {
    const { origin } = server;
    const dir = await mkdtemp(join(tmpdir(), 'ep-warc-'));
    dirs.push(dir);
    const result = await capturePage(`${origin}/old`, dir, { browser: browser!, insecure: true, warc: true, now: () => new Date(Date.UTC(2024, 2, 28, 9)) });
    expect([...result.files].sort()).toEqual((await readdir(dir)).sort());
    const shapes: string[][] = [];
    for (const record of result.records) {
      expect(record.warc?.file).toBe(record.image.file.replace(/\.png$/, '.warc.gz'));
      const bytes = await readFile(join(dir, record.warc!.file));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(record.warc!.sha256);
      const sidecar = JSON.parse(await readFile(join(dir, `${record.image.file}.capture.json`), 'utf8'));
      expect(sidecar.warc).toEqual(record.warc);

      const records = await readWarc(bytes);
      expect(checkBlockDigests(bytes)).toBe(records.length);
      expect(records[0]).toMatchObject({ type: 'warcinfo' });
      expect(records[0]!.payload.toString()).toContain('decoded by the browser');
      expect(records.slice(1).map((r) => `${r.type} ${r.uri}`)).toEqual(
        ['/old', '/page', '/dot.png'].flatMap((path) => [`request ${origin}${path}`, `response ${origin}${path}`]),
      );
      const [, oldReq, old, pageReq, page, , image] = records;
      expect(oldReq!.statusline).toBe('GET /old HTTP/1.1');
      expect(oldReq!.concurrentTo).toBe(old!.id);
      expect(pageReq!.concurrentTo).toBe(page!.id);
      expect(old!.statusline).toBe('HTTP/1.1 301 Moved Permanently');
      expect(old!.headers.get('location')).toBe('/page');
      expect(page!.statusline).toBe('HTTP/1.1 200 OK');
      // The browser's decoded body, with the header that no longer applies kept under another name.
      expect(page!.payload.equals(PAGE)).toBe(true);
      expect(page!.payload.toString()).toContain(SENTINEL);
      expect(page!.headers.get('content-encoding')).toBeUndefined();
      expect(page!.headers.get('x-original-content-encoding')).toBe('gzip');
      expect(page!.headers.get('content-length')).toBe(String(PAGE.length));
      expect(page!.headers.get('x-original-content-length')).toBe(String(gzipSync(PAGE).length));
      expect(image!.payload.equals(dot)).toBe(true);
      for (const r of records.slice(1))
        if (r.type === 'response') expect(r.payloadDigest).toBe(`sha256:${createHash('sha256').update(r.payload).digest('hex')}`);
      shapes.push(records.map((r) => `${r.type} ${r.uri} ${r.statusline} ${r.type === 'response' ? r.payloadDigest : ''}`));
    }
    // Two loads of the same page: the same records with the same bodies, whatever the width.
    expect(shapes[1]).toEqual(shapes[0]);

    await writeFile(join(dir, 'case.yaml'), 'case: cap\ntimezone: UTC\nclient: { name: Jane Doe, email: jane@example.com }\n');
    const check = await checkCase(dir);
    expect(check.exhibits.map((e) => e.kind)).toEqual(['image', 'image']);
    // The appendix (the date's source text) names the WARC with its hash; the caption's note does not.
    for (const exhibit of check.exhibits) {
      const record = result.records.find((r) => exhibit.file === r.image.file)!;
      expect(exhibit.date?.text).toContain(`Page load archived in ${record.warc!.file} (WARC, SHA-256 ${record.warc!.sha256})`);
      expect((exhibit as { note?: { value: string } }).note?.value).not.toContain('.warc.gz');
    }

    // A WARC changed or gone after the capture: said, and no longer named in the appendix.
    const [phone, desktop] = result.records;
    await writeFile(join(dir, phone!.warc!.file), Buffer.concat([await readFile(join(dir, phone!.warc!.file)), Buffer.from('x')]));
    await rm(join(dir, desktop!.warc!.file));
    const again = await checkCase(dir);
    const changed = again.findings.filter((f) => f.code === 'CAPTURE_WARC_CHANGED').map((f) => [f.file, f.args.state]);
    expect(changed.sort()).toEqual(
      [
        [phone!.image.file, 'not the file captured (its SHA-256 differs)'],
        [desktop!.image.file, 'missing or unreadable'],
      ].sort(),
    );
    for (const exhibit of again.exhibits) expect(exhibit.date?.text).not.toContain('archived in');
    expect(check.findings.filter((f) => f.file?.endsWith('.warc.gz'))).toEqual([]);
    expect(check.analysis.sources.map((s) => s.file).some((f) => f.endsWith('.warc.gz'))).toBe(false);
  }, 120_000);
});
