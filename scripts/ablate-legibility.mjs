// Where a desktop capture's legibility is lost, page by page (a diagnostic, not the bench's
// measure): each page an exhibit is on is read as measure-legibility.mjs reads it (rendered
// 1920 px wide by pdftoppm, native tesseract defaults) in four forms: (a) as built; (b) the
// images alone (every other operator of the page removed: caption, header, footer, labels,
// outlines, text layer); (c) the original file drawn where the page draws the image, lossless,
// on a blank page of the same size; (d) the original at 1:1 (its own pixels, as tesseract
// reads a file). Also: (a) without its text objects, (a) without its painted paths, (a)
// without the invisible text layer (must render the same pixels), (a) read with --psm 11
// (sparse text: shows what page segmentation drops), (a) turned to greyscale before reading
// (tesseract thresholds each colour channel of a colour page on its own and counts a pixel as
// ink when any channel says so), and (a) cut to the box the page draws the image in (the same
// pixels with no page around them).
// Usage: node scripts/ablate-legibility.mjs <case-dir> <truth.json> <packet.pdf> <exhibits.json> [kind] [every]
// exhibits.json: [{ file, pages: { start, end } }] (a build report's exhibits).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFRawStream, decodePDFRawStream, PDFArray } from 'pdf-lib';
import sharp from 'sharp';

const [caseDir, truthPath, pdfPath, exhibitsPath, kind = 'desktop', every = '1'] = process.argv.slice(2);
const truth = JSON.parse(readFileSync(truthPath, 'utf8'));
const exhibits = JSON.parse(readFileSync(exhibitsPath, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'ablate-'));
const source = readFileSync(pdfPath);

const squeeze = (t) => t.replace(/\s+/g, '');
function ocrPng(png, psm) {
  return squeeze(execFileSync('tesseract', [png, '-', ...(psm ? ['--psm', String(psm)] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
}
function render(pdf, page, name) {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-f', String(page), '-l', String(page), '-scale-to-x', '1920', '-scale-to-y', '-1', '-singlefile', file, join(dir, name)]);
  return join(dir, `${name}.png`);
}
const count = (text, stamps) => stamps.filter((s) => text.includes(squeeze(s))).length;
const hash = (f) => createHash('sha256').update(readFileSync(f)).digest('hex').slice(0, 12);

/** The page's content as text (all its streams, decoded). */
function contentOf(doc, page) {
  const node = doc.getPage(page - 1).node;
  const contents = node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs.map((r) => Buffer.from(decodePDFRawStream(doc.context.lookup(r, PDFRawStream)).decode()).toString('latin1')).join('\n');
}
function setContent(doc, page, text) {
  const stream = doc.context.flateStream(Buffer.from(text, 'latin1'));
  doc.getPage(page - 1).node.set(PDFName.of('Contents'), doc.context.register(stream));
}

/** Keeps only image drawing: q/Q, cm, clips, Do of image XObjects. */
function imagesOnly(text) {
  const out = [];
  let inText = false;
  let pending;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === 'BT') inText = true;
    if (inText) {
      if (t === 'ET') inText = false;
      continue;
    }
    if (/\bre$/.test(t)) {
      pending = t;
      continue;
    }
    if (pending && /^W/.test(t)) out.push(pending, t);
    pending = undefined;
    if (/^(q|Q)$/.test(t) || /\bcm$/.test(t) || /\bDo$/.test(t) || t === 'n') out.push(t);
  }
  return out.join('\n');
}
/** Removes every text object (caption, header, footer, labels, text layer): paths and images stay. */
function withoutText(text) {
  return text.replace(/^BT$[\s\S]*?^ET$\n?/gm, '');
}
/** Removes painted paths (rectangles: the caption band's box, outlines, frames): text and images stay. */
function withoutPaths(text) {
  const out = [];
  let pending;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (/\bre$/.test(t) || /\b[ml]$/.test(t)) {
      (pending ??= []).push(line);
      continue;
    }
    if (pending && /^W/.test(t)) out.push(...pending, line);
    else if (!(pending && /^[fFSsBb]\*?$/.test(t)) && !pending) out.push(line);
    else if (pending && !/^[fFSsBb]\*?$/.test(t)) out.push(...pending, line);
    pending = undefined;
  }
  return out.join('\n');
}
/** Removes text objects drawn invisible (3 Tr): the OCR text layer. */
function withoutTextLayer(text) {
  return text.replace(/BT\n(?:(?!ET\n)[\s\S])*?3 Tr[\s\S]*?ET\n/g, '');
}

/** Writes a sharp pipeline's output as a PNG in the work folder; returns its path. */
async function sharpTo(pipeline, name) {
  const file = join(dir, `${name}.png`);
  await pipeline.png().toFile(file);
  return file;
}
/** The pixels of a page rendered 1920 px wide that an image draw [w 0 0 h x y] covers. */
function boxOf([w, , , h, x, y], pw, ph) {
  const s = 1920 / pw;
  const left = Math.max(0, Math.round(x * s));
  const top = Math.max(0, Math.round((ph - y - h) * s));
  return { left, top, width: Math.min(Math.round(w * s), 1920 - left), height: Math.min(Math.round(h * s), Math.round(ph * s) - top) };
}

/** Image draws on a page: [a b c d e f] of the cm before each Do. */
function imageDraws(text) {
  const draws = [];
  let cm;
  for (const t of text.split('\n').map((l) => l.trim())) {
    if (/\bcm$/.test(t)) cm = t.split(/\s+/).slice(0, 6).map(Number);
    if (/\bDo$/.test(t) && cm) draws.push(cm);
  }
  return draws;
}

const rows = [];
const desktops = exhibits.filter((e) => truth[e.file]?.kind === kind).filter((_, i) => i % Number(every) === 0);
for (const e of desktops) {
  const stamps = truth[e.file].stamps;
  const seen = { a: '', b: '', c: '', p11: '', nt: '', np: '', grey: '', cut: '' };
  let same = true;
  const views = [];
  for (let page = e.pages.start; page <= e.pages.end; page++) {
    const doc = await PDFDocument.load(source);
    const content = contentOf(doc, page);
    seen.a += ocrPng(render(source, page, 'a'), undefined);
    seen.p11 += ocrPng(join(dir, 'a.png'), 11);
    seen.grey += ocrPng(await sharpTo(sharp(join(dir, 'a.png')).greyscale(), 'grey'), undefined);
    const hA = hash(join(dir, 'a.png'));
    setContent(doc, page, withoutTextLayer(content));
    same &&= hash(render(await doc.save(), page, 'nt')) === hA;
    setContent(doc, page, withoutText(content));
    seen.nt += ocrPng(render(await doc.save(), page, 'nx'), undefined);
    setContent(doc, page, withoutPaths(content));
    seen.np += ocrPng(render(await doc.save(), page, 'np'), undefined);
    setContent(doc, page, imagesOnly(content));
    seen.b += ocrPng(render(await doc.save(), page, 'b'), undefined);
    // (c): the original, lossless, at the largest draw of the page (the whole view).
    const draws = imageDraws(content).sort((x, y) => y[0] * y[3] - x[0] * x[3]);
    const { width: pw, height: ph } = doc.getPage(page - 1).getSize();
    const blank = await PDFDocument.create();
    const img = await blank.embedPng(readFileSync(join(caseDir, e.file)));
    const p = blank.addPage([pw, ph]);
    if (draws[0]) {
      const [w, , , h, x, y] = draws[0];
      p.drawImage(img, { x, y, width: w, height: h });
      views.push(((w / pw) * 1920) / img.width);
      seen.cut += ocrPng(await sharpTo(sharp(join(dir, 'a.png')).extract(boxOf(draws[0], pw, ph)), 'cut'), undefined);
    }
    seen.c += ocrPng(render(await blank.save(), 1, 'c'), undefined);
  }
  const d = ocrPng(join(caseDir, e.file), undefined);
  const row = {
    file: e.file,
    pages: `${e.pages.start}-${e.pages.end}`,
    total: stamps.length,
    a: count(seen.a, stamps),
    b: count(seen.b, stamps),
    c: count(seen.c, stamps),
    d: count(d, stamps),
    psm11: count(seen.p11, stamps),
    noText: count(seen.nt, stamps),
    noPaths: count(seen.np, stamps),
    grey: count(seen.grey, stamps),
    cut: count(seen.cut, stamps),
    textLayerInvisible: same,
    screenPxPerPx: views.map((v) => v.toFixed(2)).join('/'),
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}
const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
const total = sum('total');
console.log(
  `total ${total}: a as built ${sum('a')}, b images only ${sum('b')}, c original at drawn scale ${sum('c')}, d original 1:1 ${sum('d')}, a --psm 11 ${sum('psm11')}, a without text ${sum('noText')}, a without paths ${sum('noPaths')}, a greyscale ${sum('grey')}, a cut to the image ${sum('cut')}; text layer changes pixels on ${rows.filter((r) => !r.textLayerInvisible).length} of ${rows.length}`,
);
