import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { capturePage } from '../../src/capture/capture-page.js';
import { findBrowser } from '../../src/capture/find-browser.js';
import type { CaptureRecord } from '../../src/evidence/capture-record.js';
import type { ImageExhibit } from '../../src/evidence/model.js';
import { checkCase } from '../../src/pipeline/check.js';
import { startHttpsServer } from '../helpers/start-https-server.js';

describe('findBrowser', () => {
  it('names the Debian package when no Chromium is on PATH', () => {
    expect(() => findBrowser(undefined, '/nonexistent')).toThrow(
      expect.objectContaining({ code: 'CAPTURE_NO_BROWSER', hint: expect.stringContaining('`chromium`') }),
    );
  });
});

let browser: string | undefined;
try {
  browser = findBrowser(undefined);
} catch {
  console.warn('capture tests skipped: no Chromium on PATH (apt-get install chromium)');
}

describe.skipIf(!browser)('capture <url>: a local HTTPS server with a self-signed certificate', () => {
  const dirs: string[] = [];
  const PAGE = `<!doctype html><html><head><meta name="viewport" content="width=device-width"></head><body style="margin:0"><div style="background:#e00000;height:300px"></div><h1>Jane’s Bakery runs the Aurora theme</h1><div style="height:2400px;background:#0000e0"></div></body></html>`;
  const server = startHttpsServer((req, res) => {
    if (req.url === '/old') {
      res.writeHead(301, { location: '/page' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-evidence': 'yes' }).end(PAGE);
  });
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('writes each width’s full-page PNG with a record of the redirect, status, headers, certificate, server and instant', async () => {
    const { origin, cert } = server;
    const dir = await mkdtemp(join(tmpdir(), 'ep-capture-'));
    dirs.push(dir);
    const result = await capturePage(`${origin}/old`, dir, { browser: browser!, insecure: true, now: () => new Date(Date.UTC(2024, 2, 28, 9, 0, 0)) });
    expect([...result.files].sort()).toEqual((await readdir(dir)).sort());
    expect(result.records.map((r) => r.viewport.name)).toEqual(['phone', 'desktop']);
    for (const record of result.records) {
      expect(record).toMatchObject<Partial<CaptureRecord>>({
        requestedUrl: `${origin}/old`,
        finalUrl: `${origin}/page`,
        redirects: [{ url: `${origin}/old`, status: 301, location: '/page' }],
        status: 200,
        serverAddress: { ip: '127.0.0.1', port: Number(new URL(origin).port) },
        certificateErrorsIgnored: true,
        capturedAt: '2024-03-28T09:00:00.000Z',
      });
      expect(record.headers['x-evidence']).toBe('yes');
      expect(record.tls).toMatchObject({
        subject: 'evidence-packet test',
        issuer: 'evidence-packet test',
        trusted: false,
        validFrom: new Date(cert.validFrom).toISOString(),
        validTo: new Date(cert.validTo).toISOString(),
      });
      const png = await readFile(join(dir, record.image.file));
      expect(createHash('sha256').update(png).digest('hex')).toBe(record.image.sha256);
      const meta = await sharp(png).metadata();
      expect(meta.width).toBe(record.viewport.width);
      // Full page: the 2700 px document, not the first screen only.
      expect(meta.height).toBeGreaterThanOrEqual(2700);
      // The page itself: red at the top, blue further down.
      const pixel = async (y: number) => [...(await sharp(png).extract({ left: 5, top: y, width: 1, height: 1 }).removeAlpha().raw().toBuffer())];
      expect(await pixel(10)).toEqual([224, 0, 0]);
      expect(await pixel(1500)).toEqual([0, 0, 224]);
    }

    // check reads the record: the capture instant dates the exhibit, the provenance is its note; a changed PNG loses it.
    await writeFile(join(dir, 'case.yaml'), 'case: cap\ntimezone: UTC\nclient: { name: Jane Doe, email: jane@example.com }\n');
    const check = await checkCase(dir);
    const images = check.exhibits.filter((e): e is ImageExhibit => e.kind === 'image');
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.date).toMatchObject({ source: 'sidecar', epochMs: Date.UTC(2024, 2, 28, 9) });
      expect(image.note?.value).toContain(`Live page ${origin}/page after 301 from ${origin}/old, HTTP 200 from 127.0.0.1`);
      expect(image.note?.value).toContain('NOT trusted');
    }
    expect(check.findings.map((f) => f.code)).not.toContain('CAPTURE_SIDECAR_INVALID');
    expect(check.analysis.sources.map((s) => s.file).some((f) => f.endsWith('.capture.json'))).toBe(false);

    const tampered = await mkdtemp(join(tmpdir(), 'ep-capture-'));
    dirs.push(tampered);
    await cp(dir, tampered, { recursive: true });
    const desktop = result.records[1]!.image.file;
    await writeFile(join(tampered, desktop), await sharp(join(dir, desktop)).png({ compressionLevel: 1 }).toBuffer());
    const again = await checkCase(tampered);
    expect(again.findings.filter((f) => f.code === 'CAPTURE_SIDECAR_INVALID').map((f) => f.file)).toEqual([desktop]);
  }, 120_000);
});
