import type { PDFDocumentProxy } from '../../io/pdfjs.js';
import type { Finding, Rect } from '../../evidence/model.js';
import type { ManifestItem, PageRect } from '../../evidence/manifest-schema.js';
import { makeFinding } from '../../rules/codes.js';

/** What one page of a PDF holds, read with pdf.js. */
export interface PageFacts {
  readonly number: number;
  /** As a viewer shows it: the crop box turned by /Rotate, in points. */
  readonly width: number;
  readonly height: number;
  /** The text layer: its runs with their boxes. */
  readonly items: readonly TextItem[];
  /** Annotations by subtype, whether each has an appearance to draw, where it sits and the text it holds. */
  readonly annotations: PageAnnotation[];
}

/** An annotation of a page: a form field's value, a comment, a stamp. */
export interface PageAnnotation {
  /** pdf.js's id for it: its object ("12R"). */
  readonly id?: string;
  readonly subtype: string;
  readonly drawable: boolean;
  /** Its rectangle in viewport space (points from the top-left as shown). */
  readonly box: Rect;
  /** Every text it carries (value, contents, the text its appearance draws), one per line. */
  readonly text: string;
}

/** The pages `pages:` picks ([1, "3-4"]), in the order given, each once; all pages when absent. */
export function selectPages(item: ManifestItem | undefined, total: number, file: string, findings: Finding[]): number[] {
  if (!item?.pages) return Array.from({ length: total }, (_, i) => i + 1);
  const chosen: number[] = [];
  item.pages.forEach((entry, i) => {
    const [from, to] = typeof entry === 'number' ? [entry, entry] : (entry.split('-').map((n) => Number(n.trim())) as [number, number]);
    for (let page = Math.min(from, to); page <= Math.max(from, to); page++) {
      if (page > total) {
        findings.push(makeFinding('MANIFEST_PAGE_OUTSIDE', { file, path: `pages[${i}]` }, { key: `pages[${i}]`, page, pages: total }));
        break;
      }
      if (!chosen.includes(page)) chosen.push(page);
    }
  });
  return chosen;
}

/** The `{ page, rect }` marks of one list, by page; pixel rectangles (for images) get a finding. */
export function pageMarks(list: readonly (Rect | PageRect)[] | undefined, key: string, file: string, findings: Finding[]): Map<number, Rect[]> {
  const byPage = new Map<number, Rect[]>();
  (list ?? []).forEach((entry, i) => {
    if (Array.isArray(entry)) {
      findings.push(
        makeFinding(
          'MANIFEST_FIELD_IGNORED',
          { file, path: `${key}[${i}]` },
          { key: `${key}[${i}]`, kind: 'PDF without a page (give { page: 2, rect: [x, y, width, height] } in points)' },
        ),
      );
      return;
    }
    const mark = entry as PageRect;
    byPage.set(mark.page, [...(byPage.get(mark.page) ?? []), mark.rect]);
  });
  return byPage;
}

/** Size, text, annotations of one page. */
export async function readPageFacts(doc: PDFDocumentProxy, number: number): Promise<PageFacts> {
  const page = await doc.getPage(number);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [e, f] = [item.transform[4] as number, item.transform[5] as number];
    // Boxes in viewport space (points from the top-left as shown), so a turned page reads right.
    const [x1, y1, x2, y2] = viewport.convertToViewportRectangle([e, f, e + item.width, f + Math.max(item.height, 1)]) as number[];
    items.push({ text: item.str, x: Math.min(x1!, x2!), y: Math.min(y1!, y2!), w: Math.abs(x2! - x1!), h: Math.abs(y2! - y1!) });
  }
  const annotations = (await page.getAnnotations({ intent: 'display' }))
    .filter((a: { subtype?: string }) => a.subtype !== 'Popup')
    .map((a: { id?: string; subtype?: string; hasAppearance?: boolean; rect?: number[] }) => {
      const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(a.rect ?? [0, 0, 0, 0]) as number[];
      const box: Rect = [Math.min(x1!, x2!), Math.min(y1!, y2!), Math.abs(x2! - x1!), Math.abs(y2! - y1!)];
      return { ...(a.id ? { id: a.id } : {}), subtype: a.subtype ?? 'Unknown', drawable: a.hasAppearance === true, box, text: stringsIn(a, 0).join('\n') };
    });
  page.cleanup();
  return { number, width: viewport.width, height: viewport.height, items, annotations };
}

/** The strings an annotation's data holds, a few levels down (a field's value, its options, the text its appearance draws). */
function stringsIn(value: unknown, depth: number): string[] {
  if (typeof value === 'string') return [value];
  if (depth > 4 || value === null || typeof value !== 'object') return [];
  return Object.values(value as Record<string, unknown>).flatMap((v) => stringsIn(v, depth + 1));
}

/** A run of text on a page and its box, in points from the page's top-left. */
export interface TextItem {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A page's text items in rows (by their middle), top to bottom, each row left to right. */
export function textRows(items: readonly TextItem[]): TextItem[][] {
  const rows = new Map<number, TextItem[]>();
  for (const item of items) {
    const key = Math.round((item.y + item.h) / 2);
    rows.set(key, [...(rows.get(key) ?? []), item]);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row.sort((a, b) => a.x - b.x));
}

/** The text a page shows with these areas blacked out: lines top to bottom, each read left to right. */
export function visibleLines(items: readonly TextItem[], redact: readonly Rect[] = []): string[] {
  const covered = (i: TextItem) => redact.some(([x, y, w, h]) => i.x < x + w && i.x + i.w > x && i.y < y + h && i.y + i.h > y);
  return textRows(items.filter((i) => !covered(i))).map((row) =>
    row
      .map((r) => r.text)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
