import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findTrim, readImage } from '../../src/imaging/read-image.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const CLIENT = ['--client-name', 'Jane Doe', '--client-email', 'jane@example.com', '--no-ocr'];

/** A 1200 × 900 capture: a 600 × 300 chat window at (300, 200) in a wide flat grey border. */
async function framed(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect width="100%" height="100%" fill="#3a3a3a"/><rect x="300" y="200" width="600" height="300" fill="#ffffff"/><text x="320" y="260" font-size="24" font-family="DejaVu Sans">Jane: it arrived broken</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

async function caseWith(yaml: string): Promise<string> {
  const dir = join(await tempDir(), 'case');
  await mkdir(dir);
  await writeFile(join(dir, 'Screenshot_20240314-102200.jpg'), await framed());
  if (yaml) await writeFile(join(dir, 'case.yaml'), yaml);
  return dir;
}

describe('uniform borders', () => {
  it('finds the box inside a flat border (within JPEG noise), keeps a few pixels of it, and leaves thin or no borders alone', async () => {
    const { data, info } = await sharp(await framed())
      .raw()
      .toBuffer({ resolveWithObject: true });
    const [x, y, w, h] = findTrim(data, info.width, info.height, info.channels)!;
    expect(Math.abs(x - 292)).toBeLessThanOrEqual(3);
    expect(Math.abs(y - 192)).toBeLessThanOrEqual(3);
    expect(Math.abs(w - 616)).toBeLessThanOrEqual(6);
    expect(Math.abs(h - 316)).toBeLessThanOrEqual(6);
    const flat = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#ffffff' } })
      .raw()
      .toBuffer();
    expect(findTrim(flat, 200, 100, 3)).toBeUndefined();
    const thin = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 196, height: 96, channels: 3, background: '#000000' } }, left: 2, top: 2 }])
      .raw()
      .toBuffer();
    expect(findTrim(thin, 200, 100, 3)).toBeUndefined();
  });

  it('judges transparent borders as shown on white, and learns whether an image is see-through at all', async () => {
    // A 400 × 300 capture with alpha: a transparent black margin round an opaque white panel
    // with a dark mark in it. On white, margin and panel are one colour: only the mark is content.
    const clear = await sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([
        { input: { create: { width: 200, height: 100, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 1 } } }, left: 100, top: 100 },
        { input: { create: { width: 20, height: 10, channels: 4, background: { r: 20, g: 40, b: 60, alpha: 1 } } }, left: 190, top: 145 },
      ])
      .png()
      .toBuffer();
    const read = await readImage(clear, 'png', { findTrim: true });
    expect(read.ok && read.info).toMatchObject({ hasAlpha: true, trim: [182, 137, 36, 26] });
    expect(read.ok && read.info.opaque).toBeUndefined();
    // Taken at face value (black margin), the panel's edge would have been the border.
    expect(findTrim(await sharp(clear).raw().toBuffer(), 400, 300, 4)).toEqual([92, 92, 216, 116]);
    // An alpha channel that is opaque everywhere: known, so the build only drops it.
    const solid = await sharp(await framed())
      .ensureAlpha()
      .png()
      .toBuffer();
    const solidRead = await readImage(solid, 'png', { findTrim: true });
    expect(solidRead.ok && solidRead.info).toMatchObject({ hasAlpha: true, opaque: true });
  });

  it('trims them by default (shown by check, written in the report), and keeps them with trim: false or a crop', async () => {
    const dir = await caseWith('');
    const check = await runCli(['check', dir, ...CLIENT]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/uniform borders trimmed: 61\d × 31\d of 1200 × 900 shown \(trim: false in case\.yaml keeps them\)/);
    const json = JSON.parse((await runCli(['check', dir, ...CLIENT, '--json'])).stdout);
    expect(json.exhibits[0].trimmed).toMatchObject({ of: { width: 1200, height: 900 } });

    const report = join(dir, '..', 'r.json');
    expect((await runCli(['build', dir, ...CLIENT, '-o', join(dir, '..', 'a.pdf'), '--report', report])).code).toBe(0);
    const embedded = JSON.parse(await readFile(report, 'utf8')).exhibits[0].embedded;
    expect(embedded.trimmed[2]).toBeLessThan(630);
    expect(embedded.width).toBe(embedded.trimmed[2]);

    const kept = await caseWith('items:\n  - file: Screenshot_20240314-102200.jpg\n    trim: false\n');
    expect((await runCli(['build', kept, ...CLIENT, '-o', join(kept, '..', 'b.pdf'), '--report', report])).code).toBe(0);
    const whole = JSON.parse(await readFile(report, 'utf8')).exhibits[0].embedded;
    expect(whole.trimmed).toBeUndefined();
    expect(whole.width).toBe(1200);

    const cropped = await caseWith('items:\n  - file: Screenshot_20240314-102200.jpg\n    crop: [0, 0, 1000, 800]\n');
    expect((await runCli(['build', cropped, ...CLIENT, '-o', join(cropped, '..', 'c.pdf'), '--report', report])).code).toBe(0);
    const byUser = JSON.parse(await readFile(report, 'utf8')).exhibits[0].embedded;
    expect([byUser.width, byUser.trimmed]).toEqual([1000, undefined]);
  });

  it('keeps a highlight drawn on the border inside the trimmed image', async () => {
    const dir = await caseWith('items:\n  - file: Screenshot_20240314-102200.jpg\n    highlight: [[100, 100, 80, 40]]\n');
    const report = join(dir, '..', 'r.json');
    expect((await runCli(['build', dir, ...CLIENT, '-o', join(dir, '..', 'a.pdf'), '--report', report])).code).toBe(0);
    const [x, y] = JSON.parse(await readFile(report, 'utf8')).exhibits[0].embedded.trimmed;
    expect([x, y]).toEqual([100, 100]);
  });
});
