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
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
  }
  const meta = await doc.getMetadata();
  const outline = ((await doc.getOutline()) ?? []).map((o) => o.title);
  const pageCount = doc.numPages;
  await doc.destroy();
  return { pageCount, pages, info: (meta.info ?? {}) as Record<string, unknown>, outline };
}

/** The text lines of one page (1-based), items grouped by baseline and read left to right. */
export async function readPdfLines(path: string, pageNumber: number): Promise<string[]> {
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await doc.getPage(pageNumber);
  const rows = new Map<number, { x: number; text: string }[]>();
  for (const item of (await page.getTextContent()).items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const y = Math.round(item.transform[5] as number);
    const row = rows.get(y) ?? [];
    row.push({ x: item.transform[4] as number, text: item.str });
    rows.set(y, row);
  }
  await doc.destroy();
  return [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, items]) =>
      items
        .sort((a, b) => a.x - b.x)
        .map((i) => i.text)
        .join(' '),
    );
}

/** Each page's size as a viewer shows it (pdf.js: MediaBox with /Rotate applied), and its rotation. */
export async function readPageSizes(path: string): Promise<{ width: number; height: number; rotate: number }[]> {
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const sizes: { width: number; height: number; rotate: number }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const { width, height } = page.getViewport({ scale: 1 });
    sizes.push({ width: Math.round(width), height: Math.round(height), rotate: page.rotate });
  }
  await doc.destroy();
  return sizes;
}

/** The images one page (1-based) paints, as pdf.js runs its content: one entry per draw, the image's name in the page. */
export async function readImageDraws(path: string, pageNumber: number): Promise<string[]> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await doc.getPage(pageNumber);
  const list = await page.getOperatorList();
  const draws: string[] = [];
  list.fnArray.forEach((fn, k) => {
    if (fn === OPS.paintImageXObject) draws.push(String((list.argsArray[k] as unknown[])[0]));
  });
  await doc.destroy();
  return draws;
}

/** The text items of one page (1-based) with the name of the font each is set in (its BaseFont, as pdf.js loaded it). */
export async function readTextFonts(path: string, pageNumber: number): Promise<{ text: string; font: string }[]> {
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await doc.getPage(pageNumber);
  // Fonts are loaded (into commonObjs) while the operator list is built.
  await page.getOperatorList();
  const items = (await page.getTextContent()).items.flatMap((item) =>
    'str' in item && item.str.trim() !== ''
      ? [{ text: item.str, font: String((page.commonObjs.get(item.fontName) as { name?: string }).name ?? item.fontName) }]
      : [],
  );
  await doc.destroy();
  return items;
}

export interface StructNode {
  readonly role: string;
  readonly alt?: string;
  /** The text of the marked content the element holds directly. */
  readonly text: string;
  readonly children: StructNode[];
}

/** A page's structure tree as pdf.js reads it (Root › Document › Sect › H1/P/Figure…), each element with its text. */
export async function readStructure(path: string, pageNumber: number): Promise<{ tree: StructNode | undefined; artifacts: string[] }> {
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await doc.getPage(pageNumber);
  const textById = new Map<string, string>();
  const artifacts: string[] = [];
  const open: { id?: string; tag?: string }[] = [];
  for (const item of (await page.getTextContent({ includeMarkedContent: true })).items) {
    if ('type' in item && (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent')) {
      const { id, tag } = item as { id?: string | null; tag?: string };
      open.push({ ...(id ? { id } : {}), ...(tag ? { tag } : {}) });
    } else if ('type' in item && item.type === 'endMarkedContent') open.pop();
    else if ('str' in item) {
      const inner = open[open.length - 1];
      if (inner?.id) textById.set(inner.id, `${textById.get(inner.id) ?? ''}${item.str}`);
      else if (open.some((o) => o.tag === 'Artifact')) artifacts.push(item.str);
    }
  }
  type Raw = { role: string; alt?: string; children?: (Raw | { type: string; id: string })[] };
  const convert = (node: Raw): StructNode => {
    const kids = node.children ?? [];
    return {
      role: node.role,
      ...(node.alt ? { alt: node.alt } : {}),
      text: kids.map((k) => ('id' in k && 'type' in k ? (textById.get(k.id) ?? '') : '')).join(''),
      children: kids.filter((k): k is Raw => 'role' in k).map(convert),
    };
  };
  const raw = (await page.getStructTree()) as unknown as Raw | null;
  await doc.destroy();
  return { tree: raw ? convert(raw) : undefined, artifacts };
}
