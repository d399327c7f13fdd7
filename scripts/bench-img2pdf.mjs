// The img2pdf-style reference: one image per page, the page the image's own size at 96 dpi
// (img2pdf's default when a file states none), the image's bytes as they are (PNGs
// re-encoded losslessly by pdf-lib). What a reviewer sees at fit-width with no layout at all.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';

/** Writes the packet; returns its size and, per file, the page it is on (as the legibility reader wants). */
export async function buildImg2pdf(caseDir, files, out) {
  const doc = await PDFDocument.create();
  for (const file of files) {
    const bytes = await readFile(join(caseDir, file));
    const image = file.endsWith('.jpg') ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
    const width = (image.width * 72) / 96;
    const height = (image.height * 72) / 96;
    doc.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  const pdf = await doc.save();
  await writeFile(out, pdf);
  return { bytes: pdf.length, exhibits: files.map((file, i) => ({ file, start: i + 1, pages: { start: i + 1, end: i + 1 } })) };
}
