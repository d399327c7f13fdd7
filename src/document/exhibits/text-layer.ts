import type { ImageExhibit, OcrLine, Rect } from '../../evidence/model.js';
import { visibleSize } from '../../imaging/visible.js';
import type { ImagePlacement, PacketInput, PlacedWord } from '../types.js';

/**
 * An invisible text layer over every screenshot, as ocrmypdf makes one, so a reviewer can
 * search the packet for a word that is only in a picture. It is made from what OCR read in
 * the image as the packet shows it (cropped, redacted), and leaves out every word that
 * touches a redaction (the user's, or a card number OCR found): nothing blacked out in the
 * pixels enters the text. Each word goes once, over the largest view of it: a focus view or
 * a part of a split capture before the smaller context view.
 */
export function withTextLayer(input: Pick<PacketInput, 'exhibits'>, placements: readonly ImagePlacement[]): ImagePlacement[] {
  const out = [...placements];
  const byExhibit = new Map<number, number[]>();
  placements.forEach((p, k) => {
    if (p.detail || p.sourcePage !== undefined || input.exhibits[p.exhibit]?.kind !== 'image') return;
    byExhibit.set(p.exhibit, [...(byExhibit.get(p.exhibit) ?? []), k]);
  });
  for (const [index, slots] of byExhibit) {
    const exhibit = input.exhibits[index] as ImageExhibit;
    const words = searchableWords(exhibit);
    if (words.length === 0) continue;
    const visible = visibleSize(exhibit);
    const views = [...slots].sort((a, b) => placements[b]!.width - placements[a]!.width || a - b);
    const placed = new Map<number, PlacedWord[]>(views.map((k) => [k, []]));
    for (const word of words) {
      const [bx, by, bw, bh] = word.bbox;
      for (const k of views) {
        const p = placements[k]!;
        const sx = p.width / visible.width;
        const sy = p.height / visible.height;
        const cx = p.x + (bx + bw / 2) * sx;
        const cy = p.y + p.height - (by + bh / 2) * sy;
        const shown = p.cut ?? p.clip;
        if (shown && (cx < shown.x || cx > shown.x + shown.width || cy < shown.y || cy > shown.y + shown.height)) continue;
        placed.get(k)!.push({ text: word.text, x: p.x + bx * sx, y: p.y + p.height - (by + bh) * sy, width: bw * sx, height: bh * sy });
        break;
      }
    }
    for (const [k, list] of placed) if (list.length > 0) out[k] = { ...out[k]!, words: list };
  }
  return out;
}

/** OCR's words that may be searched: with a letter or digit, and clear of every redaction. */
function searchableWords(exhibit: ImageExhibit): OcrLine[] {
  const ocr = exhibit.ocr;
  if (!ocr) return [];
  const [ox, oy] = exhibit.marks.crop ?? [0, 0];
  // Redactions are in the source image's pixels; words in the visible (cropped) image's.
  const redact = exhibit.marks.redact.map(([x, y, w, h]): Rect => [x - ox, y - oy, w, h]);
  const touches = (b: OcrLine['bbox']) => redact.some(([x, y, w, h]) => b[0] < x + w && b[0] + b[2] > x && b[1] < y + h && b[1] + b[3] > y);
  return (ocr.words ?? []).filter((w) => /[\p{L}\p{N}]/u.test(w.text) && !w.text.includes('[card]') && !touches(w.bbox));
}
