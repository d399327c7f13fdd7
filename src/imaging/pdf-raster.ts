import type { PDFDocumentProxy } from '../io/pdfjs.js';
import type { Rect } from '../evidence/model.js';
import { sharp } from '../io/cjs.js';

/** Pixels a painted page may have (a Letter page at 600 dpi is 33.7 MP). */
const MAX_PAGE_PIXELS = 40_000_000;

/** Pixels per point a page of this size (points) is painted at for `dpi`, within MAX_PAGE_PIXELS. */
export function paintScale(widthPt: number, heightPt: number, dpi: number): number {
  return Math.min(dpi / 72, Math.sqrt(MAX_PAGE_PIXELS / (widthPt * heightPt)));
}

/** The pixel size a page of this size (points) is painted at for `dpi`. */
export function paintedSize(widthPt: number, heightPt: number, dpi: number): { width: number; height: number } {
  const scale = paintScale(widthPt, heightPt, dpi);
  return { width: Math.round(widthPt * scale), height: Math.round(heightPt * scale) };
}

export interface RasterPage {
  /** Opaque RGB pixels, as PNG. */
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
}

/**
 * Paints one page of a PDF as a viewer shows it (annotations and form fields with their
 * appearance included), on white, at `dpi` (lowered to stay under MAX_PAGE_PIXELS). Each
 * redaction (points from the page's top-left) is painted solid black over the pixels
 * before they leave this function: no encoding ever sees what it covers.
 */
export async function paintPdfPage(doc: PDFDocumentProxy, number: number, dpi: number, redact: readonly Rect[] = []): Promise<RasterPage> {
  const page = await doc.getPage(number);
  const unit = page.getViewport({ scale: 1 });
  const scale = paintScale(unit.width, unit.height, dpi);
  const viewport = page.getViewport({ scale });
  const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: CanvasLike; context: ContextLike } } }).canvasFactory;
  const { canvas, context } = factory.create(Math.round(viewport.width), Math.round(viewport.height));
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context as never, canvas: canvas as never, viewport, annotationMode: 1 /* ENABLE: appearances, no live forms */ }).promise;
  context.fillStyle = '#000000';
  for (const [x, y, w, h] of redact) {
    // Grown by a pixel each side so anti-aliased edges of the glyphs under it go too.
    context.fillRect(Math.floor(x * scale) - 1, Math.floor(y * scale) - 1, Math.ceil(w * scale) + 2, Math.ceil(h * scale) + 2);
  }
  // The canvas's own pixels (RGBA, opaque: painted on white), encoded once by libvips at a
  // low level: far quicker than the canvas's own PNG encoder, and the fitter encodes it again.
  const { width, height } = canvas;
  const png = await sharp(canvas.data(), { raw: { width, height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 1 })
    .toBuffer();
  page.cleanup();
  return { png, width, height, dpi: scale * 72 };
}

interface CanvasLike {
  readonly width: number;
  readonly height: number;
  /** The pixels as they are, RGBA (@napi-rs/canvas). */
  data(): Buffer;
}
interface ContextLike {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
}
