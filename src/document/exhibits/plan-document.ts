import type { DocumentExhibit, DocumentPage } from '../../evidence/model.js';
import { clientLine, describeDateSource, formatExhibitDate } from '../../evidence/describe.js';
import { BODY_SIZE, CONTENT_BOTTOM, landscapeOf, MARGIN_X } from '../page/geometry.js';
import { wrapText } from '../text/wrap-text.js';
import type { PageSize } from '../types.js';
import { attachmentLine, bandOps } from './caption-band.js';
import { fullWidth, belowBand } from '../page/content-area.js';
import { outlineOps, type ImagePageResult } from './plan-image.js';
import type { PlanContext } from '../plan-context.js';

const CAPTION_PAD = 8;

const RASTER_TEXT: Record<NonNullable<DocumentPage['rasterReason']>, string> = {
  redact: 'shown as a picture so that the redacted areas are destroyed, text included',
  encrypted: 'shown as a picture: the PDF is encrypted and cannot be copied as it is',
  damaged: 'shown as a picture: the PDF is damaged and was read as pdf.js rebuilt it',
  budget: 'shown as a picture of the page, painted again at a lower resolution so that the packet fits the size limit',
};

/**
 * A PDF exhibit, a packet page per page shown: each under its caption band (the first with
 * date, client and note; later ones a line), scaled into the content area, never enlarged,
 * on a landscape page when the page is wider than tall. The page itself is drawn by the
 * renderer, as it is (vector) or as its picture.
 */
export function planDocumentPages(ctx: PlanContext, exhibit: DocumentExhibit, index: number): ImagePageResult[] {
  const { input } = ctx;
  const { number } = ctx.numbering;
  return exhibit.pages.map((page, k) => {
    const paper = page.width > page.height ? landscapeOf(input.paper) : input.paper;
    const box = fullWidth(paper);
    const band = bandOps(captionLines(ctx, exhibit, index, page, k, box.width - 2 * CAPTION_PAD), box);
    const boxTop = belowBand(paper, band.height);
    const scale = Math.min(1, box.width / page.width, (boxTop - CONTENT_BOTTOM) / page.height);
    const width = page.width * scale;
    const height = page.height * scale;
    const x = MARGIN_X + (box.width - width) / 2;
    const y = boxTop - height;
    const ops = [...band.ops, { op: 'rect' as const, x: x - 0.5, y: y - 0.5, w: width + 1, h: height + 1, strokeGray: 0.5, strokeWidth: 0.5 }];
    page.highlight.forEach(([rx, ry, rw, rh], i) =>
      ops.push(...outlineOps({ x: x + rx * scale, y: boxTop - (ry + rh) * scale, w: rw * scale, h: rh * scale }, i + 1, x, width)),
    );
    const size: PageSize | undefined = paper === input.paper ? undefined : paper;
    return {
      page: { kind: 'exhibit' as const, label: `Exhibit ${number(index)}`, ops, exhibit: index, ...(size ? { size } : {}) },
      placement: { x, y, width, height, sourcePage: page.number },
    };
  });
}

function captionLines(
  ctx: PlanContext,
  exhibit: DocumentExhibit,
  index: number,
  page: DocumentPage,
  k: number,
  width: number,
): { text: string; face: 'regular' | 'bold' }[] {
  const { fonts, input } = ctx;
  const { info } = input;
  const { number, total } = ctx.numbering;
  const lines: { text: string; face: 'regular' | 'bold' }[] = [];
  const add = (text: string, face: 'regular' | 'bold' = 'regular') => {
    for (const line of wrapText(fonts, text, BODY_SIZE, face, width)) lines.push({ text: line, face });
  };
  const where = `page ${page.number} of ${exhibit.totalPages} of ${exhibit.file}`;
  if (k === 0) {
    const shown =
      exhibit.pages.length < exhibit.totalPages ? ` · ${exhibit.pages.length} of its pages shown (${exhibit.pages.map((p) => p.number).join(', ')})` : '';
    add(`Exhibit ${number(index)} of ${total} · PDF document · ${where}${shown}`, 'bold');
    add(`Date: ${formatExhibitDate(exhibit, info)} — ${describeDateSource(exhibit.date, info.timezone)}`);
    add(`Client: ${clientLine(info)}`);
    if (exhibit.source.attachment) add(attachmentLine(exhibit));
    if (exhibit.note) add(`Note: ${exhibit.note.value}`);
  } else add(`Exhibit ${number(index)} of ${total} (continued) · ${where}`, 'bold');
  if (page.note) add(`On this page: ${page.note}`);
  if (page.highlight.length > 0) add(`Marked on the page: ${page.highlight.map((_, i) => `[${i + 1}]`).join(' ')} (outlined and numbered)`);
  if (page.redact.length > 0) add(`Redacted: ${page.redact.length} area(s) blacked out`);
  if (page.rasterReason) add(`This page is ${RASTER_TEXT[page.rasterReason]}.`);
  if (page.resampled) add('Its images were recompressed so that the packet fits the size limit; the page itself is copied as it is.');
  return lines;
}
