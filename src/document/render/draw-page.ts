import type { PDFDocument, PDFPage, PDFRef } from 'pdf-lib';
import { LINE_FACTOR } from '../page/geometry.js';
import type { DrawOp, ImageSource, PacketPlan, PageSize, PlannedPage } from '../types.js';
import { drawCopiedPage, type CopiedPage } from './copy-pages.js';
import { drawImage, embedImage } from './draw-image.js';
import { drawOp } from './draw-op.js';
import { drawInvisibleWords, type TextFonts } from './draw-text.js';
import type { StructureBuilder } from './structure.js';

/** What drawing a page needs: the document, the plan, the fonts, the structure tree, and the images and pages already embedded. */
export interface PageDrawing {
  readonly doc: PDFDocument;
  readonly plan: PacketPlan;
  readonly text: TextFonts;
  readonly tags: StructureBuilder;
  /** PDF exhibits' pages copied as they are, keyed `exhibit:page`. */
  readonly copied: ReadonlyMap<string, CopiedPage>;
  /** A capture split over pages is embedded once and drawn on each: its object, by placement key. */
  readonly imageRefs: Map<string, PDFRef>;
  readonly imageFor: ImageSource;
}

/** The images and copied pages placed on page `i` (0-based), each a tagged figure with its text layer. */
export async function drawPlacements(drawing: PageDrawing, page: PDFPage, size: PageSize, i: number): Promise<void> {
  const { plan, tags, copied, imageRefs, text } = drawing;
  const planned = plan.pages[i]!;
  for (const placement of plan.placements.filter((p) => p.page === i + 1)) {
    const key = `${placement.exhibit}:${placement.sourcePage ?? ''}${placement.region ? ':region' : ''}`;
    const vector = copied.get(key);
    const image = vector ? undefined : await drawing.imageFor(placement.exhibit, placement.sourcePage, placement.region !== undefined);
    let ref = imageRefs.get(key);
    if (image && !ref) imageRefs.set(key, (ref = await embedImage(drawing.doc, image)));
    const top = Math.min(size.height, placement.clip ? placement.clip.y + placement.clip.height : placement.y + placement.height);
    tags.mark(
      'Figure',
      top,
      () => {
        if (vector) drawCopiedPage(page, vector, placement);
        else if (ref) drawImage(page, ref, placement);
        // Drawn without the image too: a packet measured bare (for the size budget) has the text layer's bytes.
        if (placement.words) drawInvisibleWords(page, placement.words, text.faces.regular, text.set);
      },
      { alt: `${planned.bookmark ?? planned.label}${placement.detail ? ' (enlarged detail)' : ''}` },
    );
  }
}

/** A page's planned text, lines and boxes: text tagged as headings and paragraphs, the rest as artifacts. */
export function drawPageText(drawing: PageDrawing, page: PDFPage, planned: PlannedPage): void {
  const { tags, text } = drawing;
  let last: DrawOp | undefined;
  for (const op of planned.ops) {
    if (op.op !== 'text') tags.artifact(() => drawOp(page, op, text));
    else {
      // More of the same line (a bold word), or the paragraph's next line (one line height below), continues it.
      const drop = last?.op === 'text' ? last.y - op.y : -1;
      const join =
        !op.role &&
        last?.op === 'text' &&
        !last.role &&
        last.size === op.size &&
        (Math.abs(drop) < 0.5 || Math.abs(drop - op.size * LINE_FACTOR) < op.size * 0.15);
      tags.mark(op.role ?? 'P', op.y + op.size, () => drawOp(page, { ...op, text: text.set.visible(op.text) }, text), { join });
      last = op;
    }
  }
}
