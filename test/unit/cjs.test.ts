import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfLib } from '../../src/io/cjs.js';
import { REPO } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';

describe('pdf-lib through pdfLib()', () => {
  it('compresses with Node zlib instead of pako, and the PDF it writes still reads back', async () => {
    const { PDFDocument, StandardFonts } = pdfLib();
    const pako = createRequire(createRequire(import.meta.url).resolve('pdf-lib'))('pako') as { deflate: (data: Uint8Array, options?: unknown) => Uint8Array };
    const text = new TextEncoder().encode('BT /F1 12 Tf 72 720 Td (Exhibit 1) Tj ET\n'.repeat(50));
    // Node's zlib at its default level, byte for byte: pako's own output differs.
    expect(Buffer.from(pako.deflate(text)).equals(deflateSync(text))).toBe(true);
    // A call with options (pdf-lib makes none) is still pako's.
    expect(Buffer.from(inflateSync(pako.deflate(text, { level: 1 })))).toEqual(Buffer.from(text));

    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText('Read back after native deflate', { font, size: 12, x: 72, y: 720 });
    const dir = await mkdtemp(join(tmpdir(), 'ep-cjs-'));
    try {
      await writeFile(join(dir, 'out.pdf'), await doc.save());
      const read = await readPdf(join(dir, 'out.pdf'));
      expect(read.pageCount).toBe(1);
      expect(read.pages[0]).toContain('Read back after native deflate');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('starting up', () => {
  it('loads none of the packages only some runs need, until they are used', () => {
    // The built library, as bin/evidence-packet.js loads it: which packages are in require's cache.
    const script = `await import('./dist/index.js'); const { createRequire } = await import('node:module');
      const names = Object.keys(createRequire(import.meta.url).cache).map((k) => k.split('node_modules/').pop().split('/').slice(0, 2).join('/'));
      console.log(JSON.stringify([...new Set(names)]));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const loaded = (JSON.parse(run.stdout) as string[]).join(' ');
    for (const lazy of ['sharp', '@img/', 'pdf-lib', '@pdf-lib/fontkit', 'exifr', 'html-to-text', 'yauzl', 'tesseract.js/src'])
      expect(loaded).not.toContain(lazy);
    // What the probe must see: a CommonJS package the library does load at start.
    expect(loaded).toContain('yaml/dist');
  });

  it('gives the worker process V8 flags this Node accepts (an unknown one would stop the CLI on Linux)', async () => {
    const { LAUNCH_V8_FLAGS } = (await import(join(REPO, 'bin', 'launch.js'))) as { LAUNCH_V8_FLAGS: string[] };
    expect(LAUNCH_V8_FLAGS.length).toBeGreaterThan(0);
    const run = spawnSync(process.execPath, [...LAUNCH_V8_FLAGS, '-e', 'console.log("ok")'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect([run.status, run.stdout.trim()]).toEqual([0, 'ok']);
  });
});
