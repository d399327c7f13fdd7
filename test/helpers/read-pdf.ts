import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  readonly pageCount: number;
  /** Text of each page, items joined by spaces. */
  readonly pages: string[];
  readonly info: Record<string, unknown>;
  readonly outline: string[];
}

/** Reads a PDF back the way a viewer would: page count, text per page, metadata, bookmarks. */
export async function readPdf(path: string): Promise<PdfText> {
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  const meta = await doc.getMetadata();
  const outline = ((await doc.getOutline()) ?? []).map((o) => o.title);
  const pageCount = doc.numPages;
  await doc.destroy();
  return { pageCount, pages, info: (meta.info ?? {}) as Record<string, unknown>, outline };
}
