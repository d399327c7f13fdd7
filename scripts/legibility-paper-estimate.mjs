// Whether the page paper's estimate (src/imaging/page-binarize.ts) sees the flip a rendered page
// shows, and which stand-in for the capture's rendered pixels makes it see it (a diagnostic):
// one page is rendered as measure-legibility.mjs renders it (pdftoppm -scale-to-x 1920) and
// split into the capture's box, the caption band's fill (#f0f0f0), the paper (#ffffff) and the
// page's other marks (counted as rendered). The page's Otsu thresholds and whether white keeps
// the capture's flat colours split as the capture alone splits them (as choosePaper checks) are
// printed for the capture's colours as rendered, for the embedded image (pdfimages) resized to
// the box by each of sharp's kernels, and for the colours page-paper.ts counts (colourShares).
// Usage: npm run build && node scripts/legibility-paper-estimate.mjs <packet.pdf> <page> <left,top,width,height of the capture's box at 1920 px>
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { colourShares } from '../dist/document/render/page-paper.js';
import { otsuBinarizer, paperAgrees } from '../dist/imaging/page-binarize.js';

const [pdf, page, box] = process.argv.slice(2);
const [L, T, W, H] = box.split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'paper-estimate-'));
execFileSync('pdftoppm', ['-png', '-f', page, '-l', page, '-scale-to-x', '1920', '-scale-to-y', '-1', '-singlefile', pdf, join(dir, 'page')]);
execFileSync('pdfimages', ['-f', page, '-l', page, '-png', pdf, join(dir, 'im')]);
const embedded = join(
  dir,
  readdirSync(dir)
    .filter((f) => f.startsWith('im-'))
    .sort()[0],
);

const add = (m, k, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
const rgbAt = (data, i) => (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
async function coloursOf(pipeline) {
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const counts = new Map();
  for (let i = 0; i < data.length; i += info.channels) add(counts, rgbAt(data, i));
  return { counts, pixels: info.width * info.height };
}

const { data, info } = await sharp(join(dir, 'page.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
const rendered = new Map();
const fills = new Map();
const ink = new Map();
let paper = 0;
for (let i = 0; i < data.length; i += info.channels) {
  const p = i / info.channels;
  const [x, y] = [p % info.width, Math.floor(p / info.width)];
  const rgb = rgbAt(data, i);
  if (x >= L && x < L + W && y >= T && y < T + H) add(rendered, rgb);
  else if (rgb === 0xffffff) paper++;
  else if (rgb === 0xf0f0f0) add(fills, rgb);
  else add(ink, rgb);
}
let inkPixels = 0;
for (const n of ink.values()) inkPixels += n;
console.log(`page ${page}: capture box ${W}×${H} px, paper ${paper} px, band fill ${fills.get(0xf0f0f0) ?? 0} px, other marks ${inkPixels} px`);

function verdict(label, images) {
  const all = new Map(images);
  for (const part of [fills, ink]) for (const [c, n] of part) add(all, c, n);
  add(all, 0xffffff, paper);
  const alone = otsuBinarizer(images);
  const marks = new Map(fills);
  for (const [c, n] of ink) add(marks, c, n);
  const white = paperAgrees({ images, fills: marks, paper }, 0xffffff, alone) ? 'agrees' : 'flips';
  console.log(`${label}: page thresholds R G B ${otsuBinarizer(all).thresholds.join(' ')}, alone ${alone.thresholds.join(' ')}; white ${white}`);
}
verdict('as rendered', rendered);
const area = W * H;
for (const kernel of ['nearest', 'linear', 'cubic', 'lanczos3']) {
  const { counts } = await coloursOf(sharp(embedded).resize(W, H, { kernel, fit: 'fill' }));
  verdict(`embedded, ${kernel} to the box`, counts);
}
const shares = await colourShares({ data: await sharp(embedded).png().toBuffer() }, W);
verdict('embedded, as page-paper.ts counts it (colourShares)', new Map([...shares].map(([c, share]) => [c, share * area])));
