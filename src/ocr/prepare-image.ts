import { sharp } from '../io/cjs.js';
import type { ImageInfo, ImageMarks } from '../evidence/model.js';
import { openVisible, visibleSize } from '../imaging/visible.js';
import { findTextLines, type TextLineBox } from '../imaging/text-lines.js';

/** Larger images are scaled down for OCR: beyond this, time grows and reading does not improve. */
export const MAX_OCR_PIXELS = 12_000_000;
/**
 * An image that would be scaled by no less than this to fit MAX_OCR_PIXELS is read at its own
 * size: a phone's 12 MP photo (4032 × 3024) scaled by 0.99 costs as much again as decoding it,
 * and gives the reading nothing.
 */
const NEAR_ENOUGH = 0.97;
/** A photo larger than this is first looked at this size, to learn how tall its text stands. */
const PROBE_PIXELS = 2_000_000;
/**
 * A photo is read at the size that makes its smaller lines of text this tall (pixels, ascenders
 * to descenders): an x-height of about 18 px. Tesseract scales each line it recognises to a
 * fixed height anyway; what a larger image adds is layout work over more pixels (on the bench's
 * 12 MP photos, reading at this size kept every word and cut the reading by a third). A photo is
 * never enlarged whole; the small lines the first reading misses are, on their own.
 */
const TARGET_LINE_PX = 32;
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
  /**
   * A large photo's lines of text as found in its small probe, in the pixels of `grey`: enough
   * to tell whether a first reading covered its text, without searching the whole image.
   */
  readonly probeLines?: readonly TextLineBox[];
}

type Visible = { readonly marks: ImageMarks; readonly bytes: Buffer; readonly image: Pick<ImageInfo, 'width' | 'height' | 'opaque'> };

/** Grey pixels as a sharp pipeline whose output stays one channel (libvips would give a raw single-channel input's results three). */
export const rawGrey = ({ data, info }: Grey) => sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } }).grayscale();

/** Grey pixels as a binary PGM (P5) file. */
export const toPgm = ({ data, info }: Grey) => Buffer.concat([Buffer.from(`P5\n${info.width} ${info.height}\n255\n`), data]);

/**
 * The first frame upright, redacted and cropped, in grey, at the size OCR reads it: large
 * images scaled down to MAX_OCR_PIXELS; a large photo further, to the size its text needs,
 * learnt from the lines of text found in a small copy of it. The source is decoded once (a
 * JPEG's entropy decoding is most of a photo's decode, whatever the size asked): the probe and
 * the image read are scaled from that one grey copy.
 */
export async function prepareImage(input: Visible, photo: boolean): Promise<PreparedImage> {
  const { width, height } = visibleSize(input);
  const pixels = width * height;
  const fit = Math.sqrt(MAX_OCR_PIXELS / pixels);
  const most = fit >= NEAR_ENOUGH ? 1 : fit;
  const decoded = await decodeGrey(input, most);
  if (!photo || pixels <= PROBE_PIXELS) return withPgm({ grey: decoded, scale: most === 1 ? 1 : decoded.info.width / width });
  const probe = await shrinkGrey(decoded, Math.max(1, Math.round(width * Math.sqrt(PROBE_PIXELS / pixels))));
  const p = probe.info.width / width;
  const found = findTextLines(probe.data, probe.info.width, probe.info.height);
  const wanted = photoScale(smallLineHeight(found), p, decoded.info.width / width);
  const grey = wanted <= p * 1.05 ? probe : wanted >= (decoded.info.width / width) * 0.97 ? decoded : await shrinkGrey(decoded, Math.round(width * wanted));
  const scale = grey.info.width / width;
  const f = grey.info.width / probe.info.width;
  const at = (v: number) => Math.round(v * f);
  const probeLines = found.map((l) => ({ ...l, x: at(l.x), y: at(l.y), width: at(l.width), height: at(l.height) }));
  return withPgm({ grey, scale, probeLines });
}

/**
 * The prepared image with its PGM made when first asked for: a large photo read only in its
 * text region never hands the whole image to tesseract (on 12 MP, a 12 MB copy for nothing).
 */
function withPgm(prepared: Omit<PreparedImage, 'pgm'>): PreparedImage {
  let pgm: Buffer | undefined;
  return {
    ...prepared,
    get pgm() {
      pgm ??= toPgm(prepared.grey);
      return pgm;
    },
  };
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

/** Grey pixels scaled down to `width` (and `height`, else in proportion). */
export async function shrinkGrey(grey: Grey, width: number, height?: number): Promise<Grey> {
  const { data, info } = await rawGrey(grey)
    .resize(height === undefined ? { width } : { width, height })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height } };
}

/** The height of the smaller lines of text (the lower quartile) among `found`; undefined when there are too few. */
function smallLineHeight(found: readonly TextLineBox[]): number | undefined {
  const heights = found.map((l) => l.height).sort((a, b) => a - b);
  return heights.length < PROBE_MIN_LINES ? undefined : heights[Math.floor(heights.length / 4)];
}

/** A part of the grey image OCR reads, in its pixels. */
export interface Region {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The probe's lines of text mark where a photo's text stands when their box (with its margin) covers no more than this share of it. */
const TEXT_REGION_SHARE = 0.5;
/** Around the probe's lines, this many times their median height is read too: a line it missed beside them, a label's edge. */
const TEXT_REGION_MARGIN = 3;

/**
 * Where a large photo's text stands, when it stands in a part of it (a parcel's label, a
 * receipt on a table): the box around the lines of text its probe found, widened by
 * TEXT_REGION_MARGIN times their median height on each side, in the pixels of `grey`.
 * Undefined when the probe found too few lines to tell (PROBE_MIN_LINES), or when that box
 * covers more than TEXT_REGION_SHARE of the photo (its text is then the photo: a page).
 */
export function textRegion(prepared: Pick<PreparedImage, 'grey' | 'probeLines'>): Region | undefined {
  const lines = prepared.probeLines ?? [];
  if (lines.length < PROBE_MIN_LINES) return undefined;
  const { width, height } = prepared.grey.info;
  const heights = lines.map((l) => l.height).sort((a, b) => a - b);
  const margin = TEXT_REGION_MARGIN * (heights[heights.length >> 1] ?? 0);
  const left = Math.max(0, Math.min(...lines.map((l) => l.x)) - margin);
  const top = Math.max(0, Math.min(...lines.map((l) => l.y)) - margin);
  const right = Math.min(width, Math.max(...lines.map((l) => l.x + l.width)) + margin);
  const bottom = Math.min(height, Math.max(...lines.map((l) => l.y + l.height)) + margin);
  if (right <= left || bottom <= top || (right - left) * (bottom - top) > TEXT_REGION_SHARE * width * height) return undefined;
  return { left, top, width: right - left, height: bottom - top };
}

/** The grey pixels of `region` (rows copied: no decoding, no filter). */
export function cutGrey({ data, info }: Grey, region: Region): Grey {
  const out = Buffer.allocUnsafe(region.width * region.height);
  for (let y = 0; y < region.height; y++) {
    const from = (region.top + y) * info.width + region.left;
    data.copy(out, y * region.width, from, from + region.width);
  }
  return { data: out, info: { width: region.width, height: region.height } };
}
