// Where a desktop capture's stamps are lost on its page (a diagnostic, not the bench's measure),
// in pixels: each page a capture of `kind` is on is rendered as measure-legibility.mjs renders it
// (pdftoppm -scale-to-x 1920) and read by native tesseract (defaults) as rendered, then with one
// part of the page painted out at a time in the page's own paper colour (the running head above
// the caption band, its right half alone, the caption band, the footer under the image, the side margins), with
// everything but the image painted out, and cut to the image's box. The capture's own file is
// also read resized to the screen px per image px the page draws it at, to 1.00 (its own
// pixels) and to img2pdf's (1920 / its width), as tesseract reads a file.
// Usage: node scripts/ablate-desktop-page.mjs <seed> <work-dir> [kind] [exhibit numbers, comma-separated]
// (the case built by legibility-by-exhibit.mjs or legibility-random-case.mjs in <work-dir>/random-<seed>).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { imageDraws } from './lib/image-draws.mjs';
import { makeRandomCase } from './random-case.mjs';

const [seed, work, kind = 'desktop', only] = process.argv.slice(2);
const dir = join(work, `random-${seed}`);
const tmp = mkdtempSync(join(tmpdir(), 'ablate-page-'));
const squeeze = (t) => t.replace(/\s+/g, '');
const made = await makeRandomCase(Number(seed), join(dir, 'case'));
const truth = Object.fromEntries(made.exhibits.filter((e) => e.stamps.length > 0).map((e) => [e.file, e]));
const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
const pdf = readFileSync(join(dir, 'packet.pdf'));
const doc = await PDFDocument.load(pdf);

const ocr = (png) => squeeze(execFileSync('tesseract', [png, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
const count = (text, stamps) => stamps.filter((s) => text.includes(squeeze(s))).length;

/** The [w 0 0 h x y] of each image drawn on a page, largest first. */
const largestDraws = (page) => imageDraws(doc, page).sort((a, b) => b[0] * b[3] - a[0] * a[3]);

/** Paints the rectangles (pixels) of a rendered page in its paper colour and reads it. */
async function readPainted(png, rects, paper, name) {
  const out = join(tmp, `${name}.png`);
  const boxes = rects.filter((r) => r.width > 0 && r.height > 0);
  const fills = await Promise.all(
    boxes.map(async (r) => ({
      input: await sharp({ create: { width: r.width, height: r.height, channels: 3, background: paper } })
        .png()
        .toBuffer(),
      left: r.left,
      top: r.top,
    })),
  );
  await sharp(png).composite(fills).png().toFile(out);
  return ocr(out);
}

const rows = [];
for (const e of report.exhibits) {
  const t = truth[e.file];
  if (!t || t.kind !== kind || (only && !only.split(',').includes(String(e.number)))) continue;
  const seen = {};
  const add = (k, text) => (seen[k] = (seen[k] ?? '') + text);
  const factors = [];
  for (let page = e.pages.start; page <= e.pages.end; page++) {
    const prefix = join(tmp, `p${page}`);
    execFileSync('pdftoppm', [
      '-png',
      '-f',
      String(page),
      '-l',
      String(page),
      '-scale-to-x',
      '1920',
      '-scale-to-y',
      '-1',
      '-singlefile',
      join(dir, 'packet.pdf'),
      prefix,
    ]);
    const png = `${prefix}.png`;
    const { width: W, height: H } = await sharp(png).metadata();
    const { width: pw, height: ph } = doc.getPage(page - 1).getSize();
    const s = W / pw;
    const [w, , , h, x, y] = largestDraws(page)[0];
    // A focus page draws the whole image larger under a clip: the box is kept within the page.
    const left = Math.max(0, Math.round(x * s));
    const top = Math.max(0, Math.round((ph - y - h) * s));
    const box = { left, top, width: Math.min(Math.round((x + w) * s), W) - left, height: Math.min(Math.round((ph - y) * s), H) - top };
    const raw = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const paper = { r: raw.data[0], g: raw.data[1], b: raw.data[2] };
    const headEnd = Math.round(64 * s) - 6;
    const bandEnd = box.top - 4;
    const footStart = box.top + box.height + 4;
    add('asBuilt', ocr(png));
    add('noHead', await readPainted(png, [{ left: 0, top: 0, width: W, height: headEnd }], paper, 'nh'));
    add('noHeadRight', await readPainted(png, [{ left: W / 2, top: 0, width: W / 2, height: headEnd }], paper, 'nhr'));
    add('noBand', await readPainted(png, [{ left: 0, top: headEnd, width: W, height: bandEnd - headEnd }], paper, 'nb'));
    add('noFoot', await readPainted(png, [{ left: 0, top: footStart, width: W, height: H - footStart }], paper, 'nf'));
    const sides = [
      { left: 0, top: box.top, width: box.left - 4, height: box.height },
      { left: box.left + box.width + 4, top: box.top, width: W - box.left - box.width - 4, height: box.height },
    ];
    add('noSides', await readPainted(png, sides, paper, 'ns'));
    add(
      'imageOnly',
      await readPainted(
        png,
        [{ left: 0, top: 0, width: W, height: bandEnd }, { left: 0, top: footStart, width: W, height: H - footStart }, ...sides],
        paper,
        'io',
      ),
    );
    const cut = join(tmp, 'cut.png');
    await sharp(png)
      .extract({ left: box.left, top: box.top, width: Math.min(box.width, W - box.left), height: Math.min(box.height, H - box.top) })
      .toFile(cut);
    add('cut', ocr(cut));
    const meta = await sharp(join(dir, 'case', e.file)).metadata();
    factors.push(box.width / meta.width);
  }
  const file = join(dir, 'case', e.file);
  const meta = await sharp(file).metadata();
  const resized = async (f, name) => {
    const out = join(tmp, `${name}.png`);
    await sharp(file)
      .resize({ width: Math.round(meta.width * f), kernel: 'lanczos3' })
      .png()
      .toFile(out);
    return ocr(out);
  };
  const drawn = factors[0];
  const row = {
    exhibit: e.number,
    pages: `${e.pages.start}-${e.pages.end}`,
    size: `${meta.width}x${meta.height}`,
    drawn: drawn.toFixed(2),
    total: t.stamps.length,
    ...Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, count(v, t.stamps)])),
    fileAtDrawn: count(await resized(drawn, 'fd'), t.stamps),
    fileAt1: count(ocr(file), t.stamps),
    fileAtImg2pdf: count(await resized(1920 / meta.width, 'fi'), t.stamps),
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}
const keys = Object.keys(rows[0] ?? {}).filter((k) => typeof rows[0][k] === 'number' && k !== 'exhibit');
console.log(`case ${seed} ${kind}: ${keys.map((k) => `${k} ${rows.reduce((s, r) => s + r[k], 0)}`).join(', ')}`);
