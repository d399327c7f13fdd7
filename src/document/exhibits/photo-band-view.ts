import type { ImageExhibit } from '../../evidence/model.js';
import type { FocusRegion } from '../../imaging/find-focus.js';
import { visibleSize } from '../../imaging/visible.js';
import type { DrawOp } from '../types.js';
import { highlightOps, type ImagePageResult } from './plan-image.js';

const GAP = 12;
/** White between two rows of a photo's text shown apart, at most (points). */
const ROW_GAP = 6;
/** Rows are shown apart only when that leaves at least this much white between them (points). */
const MIN_ROW_GAP = 2;
/**
 * White between two columns of a photo's text shown side by side (points): none, for each
 * column keeps a text height of its own background at either side, and a white gutter down
 * the band splits it, for an OCR reader, into blocks whose narrow one it takes for a picture.
 */
const COLUMN_GAP = 0;

/** The enlarged part outlined on the whole view drawn at `scale` with its top left corner at left, top. */
export function outlineRegion(region: { x: number; y: number; width: number; height: number }, left: number, top: number, scale: number): DrawOp {
  return {
    op: 'rect',
    x: left + region.x * scale,
    y: top - (region.y + region.height) * scale,
    w: region.width * scale,
    h: region.height * scale,
    strokeGray: 0,
    strokeWidth: 1.5,
  };
}

/**
 * A photo's text band shown as its rows of text, one under the other with white between,
 * in no more height than the band itself takes at `scale`: what lies between the rows (the
 * photo's grain, edges) is in the whole view, and the rows alone read as lines of text.
 * Each row: its top below the stack's top (`shift`), its height, and how far it is drawn
 * above where the band would put it (`lift`), in points. Undefined (the band shown whole)
 * for one row, rows with no room between them, or highlights (drawn over the band as it is).
 */
export function stripsOf(exhibit: ImageExhibit, band: FocusRegion, scale: number): { shift: number; height: number; lift: number }[] | undefined {
  const rows = band.rows ?? [];
  if (rows.length < 2 || exhibit.marks.highlight.length > 0) return undefined;
  const total = rows.reduce((h, r) => h + r.height * scale, 0);
  const gap = Math.min(ROW_GAP, (band.height * scale - total) / (rows.length - 1));
  if (gap < MIN_ROW_GAP) return undefined;
  let shift = 0;
  return rows.map((r) => {
    const strip = { shift, height: r.height * scale, lift: (r.y - band.y) * scale - shift };
    shift += r.height * scale + gap;
    return strip;
  });
}

/**
 * The band's columns of text shown side by side, the empty stretch between them left out
 * (COLUMN_GAP of white instead), when asked (`compact`) and the band has columns and no
 * highlights (drawn over the band as it is). Each: where it starts in the band and in the
 * drawing (points from the band's and the drawing's left), its width; undefined: shown whole.
 */
export function columnsOf(
  exhibit: ImageExhibit,
  band: FocusRegion,
  scale: number,
  compact: boolean,
): { from: number; to: number; width: number }[] | undefined {
  const columns = band.columns ?? [];
  if (!compact || columns.length < 2 || exhibit.marks.highlight.length > 0) return undefined;
  let to = 0;
  return columns.map((c) => {
    const column = { from: (c.x - band.x) * scale, to, width: c.width * scale };
    to += c.width * scale + COLUMN_GAP;
    return column;
  });
}

/** The band as drawn at `scale`: its width and height in points (rows and columns shown apart where they are). */
export function bandDrawn(exhibit: ImageExhibit, band: FocusRegion, scale: number, compact: boolean): { width: number; height: number } {
  const strips = stripsOf(exhibit, band, scale);
  const columns = columnsOf(exhibit, band, scale, compact);
  const last = columns?.[columns.length - 1];
  return {
    width: last ? last.to + last.width : band.width * scale,
    height: strips ? strips.reduce((h, s) => Math.max(h, s.shift + s.height), 0) : band.height * scale,
  };
}

/** The largest scale at which the band, drawn, fits `width` × `height` points. */
export function bandScaleWithin(exhibit: ImageExhibit, band: FocusRegion, width: number, height: number, compact: boolean): number {
  const rows = band.rows ?? [];
  const columns = band.columns ?? [];
  const bare = exhibit.marks.highlight.length === 0;
  // Drawn width: the columns' and the white between them, or the band's.
  const across =
    compact && bare && columns.length >= 2 ? (width - COLUMN_GAP * (columns.length - 1)) / columns.reduce((w, c) => w + c.width, 0) : width / band.width;
  // Drawn height: the band's, or (rows shown apart) the rows' and up to ROW_GAP between (see stripsOf).
  const rowsPx = rows.reduce((h, r) => h + r.height, 0);
  const down = bare && rows.length >= 2 ? Math.max(height / band.height, (height - ROW_GAP * (rows.length - 1)) / rowsPx) : height / band.height;
  return Math.min(across, down);
}

/**
 * An image whole at `whole` at the top of a box, and its text band again under it at
 * `scale` (embedded as a region of its own), each centred and outlined, the band outlined
 * on the whole view too: the ops, and where the whole image and the band are drawn. The band
 * is drawn as its rows set apart and, when `compact`, its columns side by side (bandDrawn).
 */
export function drawTextBelow(
  exhibit: ImageExhibit,
  band: FocusRegion,
  box: { x: number; width: number; top: number },
  whole: number,
  scale: number,
  compact = false,
): { ops: DrawOp[]; placement: ImagePageResult['placement']; more: NonNullable<ImagePageResult['more']> } {
  const { top, width } = box;
  const visible = visibleSize(exhibit);
  const [ww, wh] = [visible.width * whole, visible.height * whole];
  const wx = box.x + (width - ww) / 2;
  const [fw, fh] = [band.width * scale, band.height * scale];
  const drawn = bandDrawn(exhibit, band, scale, compact);
  const fx = box.x + (width - drawn.width) / 2;
  const focusTop = top - wh - GAP;
  const ops: DrawOp[] = [];
  ops.push({ op: 'rect', x: wx - 0.5, y: top - wh - 0.5, w: ww + 1, h: wh + 1, strokeGray: 0.5, strokeWidth: 0.5 });
  ops.push(...highlightOps(exhibit, wx, top, whole, ww));
  ops.push(outlineRegion(band, wx, top, whole));
  ops.push({ op: 'rect', x: fx - 0.5, y: focusTop - drawn.height - 0.5, w: drawn.width + 1, h: drawn.height + 1, strokeGray: 0, strokeWidth: 1.5 });
  ops.push(...highlightOps(exhibit, fx - band.x * scale, focusTop + band.y * scale, scale, visible.width * scale, undefined, { left: box.x, width }));
  const region = { x: band.x, y: band.y, width: band.width, height: band.height };
  // The band's view, moved up by `lift` points and left by `back` (a row drawn nearer the
  // one above, a column nearer the one at its left).
  const view = (lift: number, back: number) => ({
    x: fx - back - band.x * scale,
    y: focusTop + band.y * scale - visible.height * scale + lift,
    width: visible.width * scale,
    height: visible.height * scale,
    clip: { x: fx - back, y: focusTop - fh + lift, width: fw, height: fh },
    region,
  });
  const strips = stripsOf(exhibit, band, scale) ?? [{ shift: 0, height: fh, lift: 0 }];
  const columns = columnsOf(exhibit, band, scale, compact) ?? [{ from: 0, to: 0, width: fw }];
  const whole1 = strips.length === 1 && columns.length === 1;
  return {
    ops,
    placement: { x: wx, y: top - wh, width: ww, height: wh },
    more: whole1
      ? [view(0, 0)]
      : strips.flatMap((s) =>
          columns.map((c) => ({ ...view(s.lift, c.from - c.to), cut: { x: fx + c.to, y: focusTop - s.shift - s.height, width: c.width, height: s.height } })),
        ),
  };
}
