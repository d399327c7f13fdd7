import { sharp } from '../io/cjs.js';
import type { ImageInfo, ImageMarks } from '../evidence/model.js';
import { openVisible, visibleSize } from '../imaging/visible.js';
import { findTextLines } from '../imaging/text-lines.js';

/** Larger images are scaled down for OCR: beyond this, time grows and reading does not improve. */
export const MAX_OCR_PIXELS = 12_000_000;
/** A photo larger than this is first looked at this size, to learn how tall its text stands. */
const PROBE_PIXELS = 2_000_000;
/**
 * A photo is read at the size that makes its smaller lines of text this tall (pixels, ascenders
 * to descenders): an x-height of about 22 px, within what tesseract reads best (20–30 px). A
 * photo is never enlarged whole; the small lines the first reading misses are, on their own.
 */
const TARGET_LINE_PX = 40;
/** Fewer lines than this in the probe say nothing sure about the text's size. */
const PROBE_MIN_LINES = 3;

/** The image OCR reads, as grey pixels, one byte each. */
export interface Grey {
  readonly data: Buffer;
  readonly info: { readonly width: number; readonly height: number };
}

export interface PreparedImage {
  /** The grey pixels as a PGM file: tesseract reads it with no decoding, and it costs no encoding. */
  readonly pgm: Buffer;
  readonly grey: Grey;
  /** The grey image's size over the visible image's (≤ 1). */
  readonly scale: number;
}

type Visible = { readonly marks: ImageMarks; readonly bytes: Buffer; readonly image: Pick<ImageInfo, 'width' | 'height' | 'opaque'> };

export const rawGrey = ({ data, info }: Grey) => sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } });

/** Grey pixels as a binary PGM (P5) file. */
export const toPgm = ({ data, info }: Grey) => Buffer.concat([Buffer.from(`P5\n${info.width} ${info.height}\n255\n`), data]);

/**
 * The first frame upright, redacted and cropped, in grey, at the size OCR reads it: large
 * images scaled down to MAX_OCR_PIXELS; a large photo further, to the size its text needs,
 * learnt from the lines of text found in a small decode of it. libvips decodes a JPEG straight
 * at a reduced size, so no full-size copy of a large photo is held.
 */
export async function prepareImage(input: Visible, photo: boolean): Promise<PreparedImage> {
  const { width, height } = visibleSize(input);
  const pixels = width * height;
  const most = Math.min(1, Math.sqrt(MAX_OCR_PIXELS / pixels));
  let grey: Grey | undefined;
  let scale = most;
  if (photo && pixels > PROBE_PIXELS) {
    const probe = await decodeGrey(input, Math.sqrt(PROBE_PIXELS / pixels));
    const p = probe.info.width / width;
    scale = photoScale(smallLineHeight(probe), p, most);
    if (scale <= p * 1.05) grey = probe;
  }
  grey ??= await decodeGrey(input, scale);
  return { pgm: toPgm(grey), grey, scale: scale === 1 ? 1 : grey.info.width / width };
}

/**
 * The scale a photo is read at, from the height of its smaller lines of text (`line`, in pixels
 * of a probe `probe` times the photo's size): the one that makes them TARGET_LINE_PX tall, never
 * below the probe's own scale (the text is then already small there) nor above `most`; `most`
 * when the probe showed too few lines to tell.
 */
export function photoScale(line: number | undefined, probe: number, most: number): number {
  return line === undefined ? most : Math.min(most, Math.max(probe, (TARGET_LINE_PX * probe) / line));
}

async function decodeGrey(input: Visible, scale: number): Promise<Grey> {
  let pipeline = await openVisible(input, input.bytes);
  if (scale < 1) pipeline = pipeline.resize({ width: Math.max(1, Math.round(visibleSize(input).width * scale)) });
  return pipeline.grayscale().raw().toBuffer({ resolveWithObject: true });
}

/** The height of the smaller lines of text (the lower quartile) found in `grey`; undefined when it shows too few. */
function smallLineHeight(grey: Grey): number | undefined {
  const heights = findTextLines(grey.data, grey.info.width, grey.info.height)
    .map((l) => l.height)
    .sort((a, b) => a - b);
  return heights.length < PROBE_MIN_LINES ? undefined : heights[Math.floor(heights.length / 4)];
}
