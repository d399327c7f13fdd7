import type { PDFPage } from 'pdf-lib';
import { pdfLib } from '../../io/cjs.js';
import type { DrawOp } from '../types.js';
import { drawText, type TextFonts } from './draw-text.js';

/** One planned drawing operation: text, a line or a rectangle. */
export function drawOp(page: PDFPage, op: DrawOp, fonts: TextFonts): void {
  const { grayscale } = pdfLib();
  switch (op.op) {
    case 'text':
      drawText(page, op.text, fonts, op.face, { x: op.x, y: op.y, size: op.size, color: grayscale(op.gray ?? 0) });
      return;
    case 'line':
      page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.width, color: grayscale(op.gray) });
      return;
    case 'rect':
      page.drawRectangle({
        x: op.x,
        y: op.y,
        width: op.w,
        height: op.h,
        ...(op.fillGray === undefined ? {} : { color: grayscale(op.fillGray) }),
        ...(op.strokeGray === undefined ? {} : { borderColor: grayscale(op.strokeGray), borderWidth: op.strokeWidth ?? 1 }),
      });
      return;
  }
}
