import type { ImageExhibit, SourceFile } from '../../evidence/model.js';
import { clientLine, describeDateSource, exhibitKindLabel, formatExhibitDate } from '../../evidence/describe.js';
import { BODY_SIZE, LINE_FACTOR } from '../page/geometry.js';
import { wrapText } from '../text/wrap-text.js';
import type { DrawOp } from '../types.js';
import type { CaptionBox } from '../page/content-area.js';
import type { PlanContext } from '../plan-context.js';

const CAPTION_PAD = 8;
/**
 * The ink of an image's caption: dark grey, not black (still over 4.5:1 against the band).
 * A reader that binarizes the page as a whole (tesseract, a fax, a copier) sets its threshold
 * from all the page's dark pixels; a block of black type beside a capture pulls it down and
 * the capture's light grey small text (timestamps) falls to white.
 */
export const IMAGE_CAPTION_GRAY = 0.4;

/** The caption band: exhibit, date with its source, client, note, marks (and `extra` lines); later parts of a split capture get one line. */
export function captionBand(
  ctx: PlanContext,
  exhibit: ImageExhibit,
  index: number,
  part: { part: number; parts: number } | undefined,
  box: CaptionBox,
  extra: readonly string[] = [],
): { ops: DrawOp[]; height: number } {
  const { fonts, input } = ctx;
  const { info } = input;
  const textWidth = box.width - 2 * CAPTION_PAD;
  const size = BODY_SIZE;
  const lines: { text: string; face: 'regular' | 'bold' }[] = [];
  const add = (text: string, face: 'regular' | 'bold' = 'regular') => {
    for (const line of wrapText(fonts, text, size, face, textWidth)) lines.push({ text: line, face });
  };
  const partText = part ? ` · part ${part.part} of ${part.parts} of a tall capture` : '';
  const { number, total } = ctx.numbering;
  add(`Exhibit ${number(index)} of ${total} · ${exhibitKindLabel(exhibit)} · ${exhibit.file}${partText}`, 'bold');
  if (!part || part.part === 1) {
    add(`Date: ${formatExhibitDate(exhibit, info)} — ${describeDateSource(exhibit.date, info.timezone)}`);
    add(`Client: ${clientLine(info)}`);
    if (exhibit.source.attachment) add(attachmentLine(exhibit));
    if (exhibit.note) add(`Note: ${exhibit.note.value}`);
    if (exhibit.marks.highlight.length > 0) {
      add(`Marked on the image: ${exhibit.marks.highlight.map((_, i) => `[${i + 1}]`).join(' ')} (outlined and numbered)`);
    }
    if (exhibit.marks.redact.length > 0) add(`Redacted: ${exhibit.marks.redact.length} area(s) blacked out before embedding`);
    for (const line of extra) add(line);
  } else {
    add(`Continued from page before · date ${formatExhibitDate(exhibit, info)} · client ${clientLine(info)}`);
  }
  return bandOps(lines, box, IMAGE_CAPTION_GRAY);
}

/** "Attachment … of the message <Message-ID> from … in mail.mbox": where an attachment shown on its own came from. */
export function attachmentLine(exhibit: { readonly source: SourceFile; readonly sender?: string }): string {
  const a = exhibit.source.attachment!;
  return `Attachment "${a.name}" of the message ${a.message}${exhibit.sender ? ` from ${exhibit.sender}` : ''} in ${a.of}, shown right after that message`;
}

/** A caption band: its lines in a grey box from the box's top down, in `gray` ink (0 black). */
export function bandOps(lines: readonly { text: string; face: 'regular' | 'bold' }[], box: CaptionBox, gray = 0): { ops: DrawOp[]; height: number } {
  const { x: left, width, top } = box;
  const size = BODY_SIZE;
  const lineHeight = size * LINE_FACTOR;
  const ops: DrawOp[] = [];
  const height = lines.length * lineHeight + 2 * CAPTION_PAD;
  ops.push({ op: 'rect', x: left, y: top - height, w: width, h: height, fillGray: 0.94, strokeGray: 0.2, strokeWidth: 0.8 });
  lines.forEach((line, i) => {
    // The band's first line names the exhibit: its heading.
    ops.push({
      op: 'text',
      x: left + CAPTION_PAD,
      y: top - CAPTION_PAD - (i + 1) * lineHeight + size * 0.25,
      text: line.text,
      size,
      face: line.face,
      ...(gray > 0 ? { gray } : {}),
      ...(i === 0 ? { role: 'H2' as const } : {}),
    });
  });
  return { ops, height };
}
