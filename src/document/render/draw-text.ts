import type { PDFFont, PDFPage, PDFPageDrawTextOptions } from 'pdf-lib';
import { maskText } from '../../chat/sensitive.js';
import { visualRuns } from '../text/bidi.js';
import { pdfLib } from '../../io/cjs.js';
import type { FallbackFace } from '../fonts/fallback-face.js';
import type { FontFace, PlacedWord } from '../types.js';
import type { FontSet } from '../fonts/load-fonts.js';
import { FOOTER_BASELINE, HEADER_BASELINE, MARGIN_X, SMALL_SIZE } from '../page/geometry.js';

/** The font each page's text is set in now. */
const pageFonts = new WeakMap<PDFPage, PDFFont>();

/** The fonts a packet draws text in: DejaVu's faces, and the fallback fonts it embedded for other scripts. */
export interface TextFonts {
  readonly set: FontSet;
  readonly faces: Record<FontFace, PDFFont>;
  readonly fallbacks: ReadonlyMap<FallbackFace, PDFFont>;
}

/**
 * Draws text in a face, switching the page's font only when it changes. Given a font,
 * pdf-lib's drawText names it anew in the page's font resources on every call (searching the
 * names already there for a free one), which makes pages larger and slower to write. Card numbers are masked here, whatever the caller missed. A line is drawn run
 * by run when it mixes directions (bidi.ts) or needs a fallback font for a script.
 */
export function drawText(page: PDFPage, text: string, fonts: TextFonts, face: FontFace, options: Omit<PDFPageDrawTextOptions, 'font'>): void {
  const masked = maskText(text);
  const pieces = visualRuns(masked).flatMap((run) =>
    fonts.set.runs(run.text, face).map((r) => ({ text: r.text, font: (r.fallback && fonts.fallbacks.get(r.fallback)) || fonts.faces[face] })),
  );
  let x = options.x ?? 0;
  for (const piece of pieces) {
    if (pageFonts.get(page) !== piece.font) {
      page.setFont(piece.font);
      pageFonts.set(page, piece.font);
    }
    page.drawText(piece.text, pieces.length === 1 ? options : { ...options, x });
    if (pieces.length > 1) x += piece.font.widthOfTextAtSize(piece.text, options.size ?? 12);
  }
}

/**
 * A screenshot's words as invisible text (render mode 3) over the picture: found by search
 * and selected where they show, never seen. Each word is stretched (Tz) to its box's width,
 * so a selection covers the word in the picture. One text object for all of a view's words,
 * each placed by its own matrix: a word costs a few bytes of the page's content.
 */
export function drawInvisibleWords(page: PDFPage, words: readonly PlacedWord[], font: PDFFont, fonts: FontSet): void {
  const {
    beginText,
    endText,
    popGraphicsState,
    pushGraphicsState,
    setCharacterSqueeze,
    setFontAndSize,
    setTextMatrix,
    setTextRenderingMode,
    showText,
    TextRenderingMode,
  } = pdfLib();
  const key = page.node.newFontDictionary(font.name, font.ref);
  const operators = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  let lastSize = 0;
  for (const word of words) {
    const text = fonts.visible(maskText(word.text));
    // About the letters' height in the box (OCR's boxes run from ascender to descender).
    const size = round(Math.max(1, word.height * 0.8));
    const natural = fonts.measure(text, size, 'regular');
    if (text.trim() === '' || natural <= 0) continue;
    if (size !== lastSize) operators.push(setFontAndSize(key, (lastSize = size)));
    operators.push(
      setCharacterSqueeze(Math.round((word.width / natural) * 1000) / 10),
      // The baseline a little above the box's bottom, where the descenders end.
      setTextMatrix(1, 0, 0, 1, round(word.x), round(word.y + word.height * 0.2)),
      showText(font.encodeText(text)),
    );
  }
  operators.push(endText(), popGraphicsState());
  page.pushOperators(...operators);
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The running head (case id, left; what the page is, right; a rule under them) and the footer's "page x of y". */
export function drawRunningHead(
  page: PDFPage,
  fonts: TextFonts,
  head: { size: { width: number; height: number }; left: string; right: string; footer: string },
  negative = false,
): void {
  const { grayscale } = pdfLib();
  const { width, height } = head.size;
  // In negative on a dark page (negative-page.ts negativeOps): white text, the rule's grey mirrored.
  const ink = negative ? { color: grayscale(1) } : {};
  drawText(page, head.left, fonts, 'bold', { x: MARGIN_X, y: height - HEADER_BASELINE, size: SMALL_SIZE, ...ink });
  const rightWidth = fonts.set.measure(head.right, SMALL_SIZE, 'regular');
  drawText(page, head.right, fonts, 'regular', { x: width - MARGIN_X - rightWidth, y: height - HEADER_BASELINE, size: SMALL_SIZE, ...ink });
  page.drawLine({
    start: { x: MARGIN_X, y: height - HEADER_BASELINE - 6 },
    end: { x: width - MARGIN_X, y: height - HEADER_BASELINE - 6 },
    thickness: 0.6,
    color: grayscale(negative ? 0.6 : 0.4),
  });
  const footerWidth = fonts.set.measure(head.footer, SMALL_SIZE, 'regular');
  drawText(page, head.footer, fonts, 'regular', { x: (width - footerWidth) / 2, y: FOOTER_BASELINE, size: SMALL_SIZE, ...ink });
}
