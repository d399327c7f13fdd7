import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const CLIENT = ['--client-name', 'Jane Doe', '--client-email', 'jane@example.com', '--no-ocr'];

/** A busy chat-like screenshot: many lines of text and coloured bubbles, so it has some weight. */
async function busyScreenshot(seed: number): Promise<Buffer> {
  const lines = Array.from({ length: 40 }, (_, i) => {
    const y = 20 + i * 22;
    const fill = ['#dcf8c6', '#ffffff', '#e1f0ff'][(i + seed) % 3];
    return `<rect x="${10 + ((i * 37 + seed * 11) % 200)}" y="${y - 16}" width="${420 + ((i * 53 + seed) % 300)}" height="20" fill="${fill}"/><text x="${16 + ((i * 37 + seed * 11) % 200)}" y="${y}" font-size="14" font-family="DejaVu Sans">Message ${seed}-${i}: the order ${1000 + seed * 40 + i} shipped ${i % 24}:${String((i * 7) % 60).padStart(2, '0')}</text>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"><rect width="100%" height="100%" fill="#ece5dd"/>${lines}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function busyCase(count: number): Promise<string> {
  const dir = join(await tempDir(), 'case');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir));
  for (let i = 0; i < count; i++) {
    await writeFile(join(dir, `Screenshot_20240314-10${String(i).padStart(2, '0')}00.png`), await busyScreenshot(i));
  }
  return dir;
}

const sha = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

describe('build --split', () => {
  it('writes several files, each within the size and page limit, exhibits in order, each with its own cover and index', async () => {
    const dir = await busyCase(9);
    const out = join(await tempDir(), 'dp.pdf');
    const report = join(await tempDir(), 'report.json');
    const args = ['build', dir, ...CLIENT, '--profile', 'generic', '--max-size', '200KB', '--max-pages', '8', '--split', '-o', out, '--report', report];
    const epoch = { env: { SOURCE_DATE_EPOCH: '1712000000' } };
    const r = await runCli(args, epoch);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const written = (await readdir(join(out, '..'))).filter((f) => f.endsWith('.pdf')).sort();
    expect(written.length).toBeGreaterThanOrEqual(2);
    expect(written).toEqual(written.map((_, i) => `dp-${i + 1}.pdf`));
    expect(r.stdout).toContain(`Wrote ${written.length} file(s), each within 200.0 KB, 8 pages:`);

    const json = JSON.parse(await readFile(report, 'utf8'));
    expect(json.split).toBe(true);
    const numbers: number[] = [];
    for (const [k, name] of written.entries()) {
      const path = join(out, '..', name);
      expect((await stat(path)).size).toBeLessThanOrEqual(200_000);
      const pdf = await readPdf(path);
      expect(pdf.pageCount).toBeLessThanOrEqual(8);
      const file = json.files[k];
      expect(file).toMatchObject({ file: name, part: { number: k + 1, parts: written.length, file: name }, output: { pages: pdf.pageCount } });
      numbers.push(...file.exhibits.map((e: { number: number }) => e.number));
      // Cover: which file this is, and where the other exhibits are.
      expect(pdf.pages[0]).toContain(`part ${k + 1} of ${written.length} of this packet`);
      for (const other of written.filter((w) => w !== name)) expect(pdf.pages[0]).toContain(other);
      expect(pdf.pages[0]).toContain(`Case ${'case'} · file ${k + 1} of ${written.length}`);
      expect(pdf.pages.join(' ')).toContain('Index of exhibits');
      // Exhibit captions keep the packet's numbering.
      expect(pdf.pages.join(' ')).toContain(`Exhibit ${file.part.firstExhibit} of 9`);
      // Files are filled so every image keeps its full resolution (these are under 200 dpi as they come).
      for (const e of file.exhibits) expect(e.embedded.width).toBe(e.embedded.trimmed ? e.embedded.trimmed[2] : 900);
    }
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // Same inputs, same bytes.
    const before = await Promise.all(written.map((w) => sha(join(out, '..', w))));
    expect((await runCli(args, epoch)).code).toBe(0);
    expect(await Promise.all(written.map((w) => sha(join(out, '..', w))))).toEqual(before);

    // A roomier limit needs fewer files: the left-over part is named, not deleted.
    const roomy = await runCli(['build', dir, ...CLIENT, '--profile', 'generic', '--max-size', '10MB', '--max-pages', '100', '--split', '-o', out]);
    expect(roomy.code).toBe(0);
    expect(roomy.stdout).toContain('Wrote 1 file(s)');
    expect(roomy.stderr).toContain(`warning dp-${written.length}.pdf is left from an earlier build and is not part of this packet`);
    const single = await readPdf(join(out, '..', 'dp-1.pdf'));
    expect(single.pages[0]).not.toContain('of this packet');
  });

  it('refuses to split for a profile whose limit covers the whole response', async () => {
    const dir = await busyCase(2);
    const r = await runCli(['build', dir, ...CLIENT, '--profile', 'stripe', '--split', '-o', join(await tempDir(), 'x.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error USAGE_SPLIT_NOT_ACCEPTED: stripe's limit is for the whole response");
    expect(r.stderr).toContain('--profile generic --max-size');
  });

  it('exits 4 naming the exhibit that cannot fit even in a file of its own', async () => {
    const dir = await busyCase(3);
    const out = join(await tempDir(), 'x.pdf');
    const r = await runCli(['build', dir, ...CLIENT, '--profile', 'generic', '--max-size', '30KB', '--split', '-o', out]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/error BUDGET_SIZE: exhibit 1 \(Screenshot_20240314-100000\.png\) needs about [\d.]+ KB even at the legibility floor/);
    expect(r.stderr).toContain('Crop that image');
    expect((await readdir(join(out, '..'))).filter((f) => f.endsWith('.pdf') || f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('check predicts the size', () => {
  it('reports PACKET_LIKELY_OVER_SIZE with the costliest exhibits when even the floor is over', async () => {
    const dir = await busyCase(4);
    const r = await runCli(['check', dir, ...CLIENT, '--max-size', '60KB']);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(
      /size: about [\d.]+ KB with every image sharp \(screenshots in 16 colours as captured, photos JPEG q65 at 200 dpi\), [\d.]+ KB at the legibility floor; limit 60\.0 KB \(over the limit even at the floor\)/,
    );
    expect(r.stdout).toContain('error PACKET_LIKELY_OVER_SIZE');
    expect(r.stdout).toMatch(/Costliest exhibits: \d Screenshot_20240314-10\d\d00\.png \([\d.]+ KB\)/);
    const json = JSON.parse((await runCli(['check', dir, ...CLIENT, '--max-size', '60KB', '--json'])).stdout);
    expect(json.predictedSize).toMatchObject({ limit: 60_000 });
    expect(json.predictedSize.exhibits).toHaveLength(4);
    expect(json.predictedSize.floor).toBeGreaterThan(60_000);
  });

  it('with --split, a packet over a per-file limit is a note, not an error', async () => {
    const dir = await busyCase(6);
    const r = await runCli(['check', dir, ...CLIENT, '--profile', 'generic', '--max-size', '150KB', '--split']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('info PACKET_SPLIT');
    const stripe = await runCli(['check', dir, ...CLIENT, '--profile', 'stripe', '--max-size', '60KB', '--split']);
    expect(stripe.code).toBe(4);
    expect(stripe.stdout).toContain('error PACKET_LIKELY_OVER_SIZE');
  });
});
