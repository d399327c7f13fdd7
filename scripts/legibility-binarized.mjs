// What tesseract's own binarization does to a capture on its page (a diagnostic, not the
// bench's measure). A page is rendered as measure-legibility.mjs renders it (pdftoppm 1920 px
// wide) and read by native tesseract with `tessedit_write_images`, which writes the page as
// tesseract thresholded it (<base>.processed.tif); the capture's box is cut from the same render and
// read the same way. Printed per page: the per-channel Otsu thresholds (tesseract's formula,
// restated here and checked against the thresholded image), the histogram mass of the page's regions
// per channel (white paper, the page's own marks outside the image, the image), the share of
// the image's pixels that flip between the page's binarization and the capture's alone
// (which colours), and the stamps each reads.
// Usage: node scripts/legibility-binarized.mjs <packet.pdf> <page> [stamp ...]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { imageDraws } from './lib/image-draws.mjs';

const [pdfPath, pageArg, ...stamps] = process.argv.slice(2);
const page = Number(pageArg);
const dir = mkdtempSync(join(tmpdir(), 'binarized-'));
const squeeze = (t) => t.replace(/\s+/g, '');

/** The image draws of a page ([w 0 0 h x y] of each cm before a Do) and the page's size in points. */
async function drawsOf() {
  const doc = await PDFDocument.load(readFileSync(pdfPath));
  return { draws: imageDraws(doc, page), ...doc.getPage(page - 1).getSize() };
}

function boxOf([w, , , h, x, y], pw, ph, W, H) {
  const s = W / pw;
  const left = Math.max(0, Math.round(x * s));
  const top = Math.max(0, Math.round((ph - y - h) * s));
  return { left, top, width: Math.min(Math.round(w * s), W - left), height: Math.min(Math.round(h * s), H - top) };
}

/** Tesseract's OtsuStats over one channel histogram. */
function otsu(hist) {
  let H = 0;
  let muT = 0;
  for (let i = 0; i < 256; i++) [H, muT] = [H + hist[i], muT + i * hist[i]];
  let [bestT, bestO, bestSig, o0, mu] = [-1, 0, 0, 0, 0];
  for (let t = 0; t < 255; t++) {
    o0 += hist[t];
    mu += t * hist[t];
    if (o0 === 0) continue;
    if (o0 === H) break;
    const o1 = H - o0;
    const sig = o0 * o1 * (mu / o0 - (muT - mu) / o1) ** 2;
    if (bestT < 0 || sig > bestSig) [bestT, bestO, bestSig] = [t, o0, sig];
  }
  return { t: bestT, o0: bestO, H };
}

/** Tesseract's OtsuThreshold: per channel threshold and hi value (-1 unused). */
function binarizer(rgb, pick = () => true) {
  const hists = [0, 1, 2].map(() => new Float64Array(256));
  for (let i = 0, n = 0; i < rgb.length; i += 3, n++) if (pick(n)) for (let c = 0; c < 3; c++) hists[c][rgb[i + c]]++;
  const out = { t: [-1, -1, -1], hi: [-1, -1, -1], omega: [0, 0, 0] };
  let best = { dist: 0, value: 1, ch: 0 };
  let good = false;
  hists.forEach((h, c) => {
    const { t, o0, H } = otsu(h);
    if (o0 === 0 || o0 === H) return;
    out.t[c] = t;
    out.omega[c] = o0 / H;
    if (o0 > H * 0.75) [good, out.hi[c]] = [true, 0];
    else if (o0 < H * 0.25) [good, out.hi[c]] = [true, 1];
    else {
      const value = o0 < H * 0.5 ? 1 : 0;
      const dist = value ? H - o0 : o0;
      if (dist > best.dist) best = { dist, value, ch: c };
    }
  });
  if (!good) out.hi[best.ch] = best.value;
  return out;
}
const ink = (b, r, g, bl) => [r, g, bl].some((v, c) => b.hi[c] >= 0 && v > b.t[c] === (b.hi[c] === 0));

/** Reads a PNG with tesseract, writing its thresholded image; returns { text, bits (1 = ink) }. */
async function tesseract(png, name) {
  const cwd = join(dir, name);
  execFileSync('mkdir', ['-p', cwd]);
  execFileSync('tesseract', [png, 'out', '-c', 'tessedit_write_images=true'], { cwd, stdio: 'ignore' });
  const text = readFileSync(join(cwd, 'out.txt'), 'utf8');
  const { data, info } = await sharp(join(cwd, 'out.processed.tif')).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { text: squeeze(text), bits: data.map((v) => (v < 128 ? 1 : 0)), width: info.width };
}

const { draws, width: pw, height: ph } = await drawsOf();
execFileSync('pdftoppm', ['-png', '-f', pageArg, '-l', pageArg, '-scale-to-x', '1920', '-scale-to-y', '-1', '-singlefile', pdfPath, join(dir, 'page')]);
const pagePng = join(dir, 'page.png');
const { data: rgb, info } = await sharp(pagePng).removeAlpha().raw().toBuffer({ resolveWithObject: true });
const [W, H] = [info.width, info.height];
const boxes = draws.map((d) => boxOf(d, pw, ph, W, H)).filter((b) => b.width > 40 && b.height > 40);
const inBox = (n) => boxes.some((b) => n % W >= b.left && n % W < b.left + b.width && Math.floor(n / W) >= b.top && Math.floor(n / W) < b.top + b.height);
const main = boxes.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
const cut = await sharp(pagePng).removeAlpha().extract(main).raw().toBuffer();
await sharp(cut, { raw: { width: main.width, height: main.height, channels: 3 } })
  .png()
  .toFile(join(dir, 'cut.png'));

const onPage = binarizer(rgb);
const alone = binarizer(cut);
const pageRead = await tesseract(pagePng, 'p');
const cutRead = await tesseract(join(dir, 'cut.png'), 'c');
let agree = 0;
for (let n = 0; n < W * H; n++) if (ink(onPage, rgb[3 * n], rgb[3 * n + 1], rgb[3 * n + 2]) === (pageRead.bits[n] === 1)) agree++;
const fmt = (b) => `t ${b.t.join('/')} hi ${b.hi.join('/')} dark side ${b.omega.map((o) => o.toFixed(2)).join('/')}`;
console.log(`page ${page}: ${W}×${H}, image box ${JSON.stringify(main)} (${boxes.length} image draws)`);
console.log(
  `  thresholds on the page: ${fmt(onPage)}; restated formula agrees with tesseract's thresholded image on ${((agree / (W * H)) * 100).toFixed(3)} %`,
);
console.log(`  thresholds of the capture alone: ${fmt(alone)}`);
// Region masses per channel: paper (pure white outside images), marks (other pixels outside), image.
const regions = { paper: 0, marks: 0, image: 0 };
const markHist = [0, 1, 2].map(() => new Float64Array(256));
for (let n = 0; n < W * H; n++) {
  const [r, g, b] = [rgb[3 * n], rgb[3 * n + 1], rgb[3 * n + 2]];
  if (inBox(n)) regions.image++;
  else if (r === 255 && g === 255 && b === 255) regions.paper++;
  else {
    regions.marks++;
    [r, g, b].forEach((v, c) => markHist[c][v]++);
  }
}
const share = (v) => ((v / (W * H)) * 100).toFixed(1);
const bands = (h) => [0, 64, 128, 192, 240].map((lo, i, a) => h.slice(lo, a[i + 1] ?? 256).reduce((s, v) => s + v, 0));
console.log(`  mass: paper ${share(regions.paper)} %, page marks ${share(regions.marks)} %, image ${share(regions.image)} %`);
console.log(`  marks by blue 0-63/64-127/128-191/192-239/240-255 (% of page): ${bands(markHist[2]).map(share).join(' / ')}`);
// Flips inside the capture: tessinput of the page against tessinput of the cut.
const flips = new Map();
let toInk = 0;
let toPaper = 0;
for (let y = 0; y < main.height; y++) {
  for (let x = 0; x < main.width; x++) {
    const n = (main.top + y) * W + main.left + x;
    const a = pageRead.bits[n];
    const c = cutRead.bits[y * main.width + x];
    if (a === c) continue;
    a ? toInk++ : toPaper++;
    const key = `#${[0, 1, 2].map((k) => rgb[3 * n + k].toString(16).padStart(2, '0')).join('')}${a ? '→ink' : '→paper'}`;
    flips.set(key, (flips.get(key) ?? 0) + 1);
  }
}
const area = main.width * main.height;
const top = [...flips]
  .sort((a, b) => b[1] - a[1])
  .slice(0, 6)
  .map(([k, v]) => `${k} ${((v / area) * 100).toFixed(1)}%`);
console.log(
  `  capture pixels binarized otherwise on the page than alone: ${(((toInk + toPaper) / area) * 100).toFixed(1)} % (to ink ${((toInk / area) * 100).toFixed(1)} %, to paper ${((toPaper / area) * 100).toFixed(1)} %): ${top.join(', ')}`,
);
if (stamps.length) {
  const found = (t) => stamps.filter((s) => t.includes(squeeze(s))).length;
  console.log(`  stamps read: page ${found(pageRead.text)}/${stamps.length}, capture cut alone ${found(cutRead.text)}/${stamps.length}`);
}
writeFileSync(join(dir, 'done'), '');
console.log(`  work files: ${dir}`);
