/**
 * How far text is pushed from its background in a view made to be read (a photo's text
 * enlarged under it): each channel's value v on the text's side of the background b becomes
 * b·(v/b)^TEXT_GAMMA. The background and the darkest ink stay where they are; the greys between
 * (a light timestamp, a stroke's anti-aliased edge) move towards the ink.
 *
 * Why: a reader of the page (a reviewer's eye at 100 %, the processor's OCR) sees the band on a
 * page beside the photo it comes from, and thresholds the page as a whole. A grey timestamp
 * that reads alone loses its thin strokes at the threshold the photo's own colours set for
 * the page; the same strokes darkened hold at any threshold between the text and the paper.
 */
export const TEXT_GAMMA = 1.5;

/**
 * Darkens the text of raw interleaved pixels in place. Per channel, the background is the
 * median value; text is what lies on the darker side of it when the background is light
 * (≥ 128), on the lighter side when it is dark (light text on a dark screen, lightened alike).
 * An alpha channel (the fourth of four, the second of two) is left as it is.
 */
export function darkenText(data: Uint8Array, channels: number): void {
  const colour = channels === 2 || channels === 4 ? channels - 1 : channels;
  for (let c = 0; c < colour; c++) {
    const curve = textCurve(channelMedian(data, channels, c));
    for (let i = c; i < data.length; i += channels) data[i] = curve[data[i]!]!;
  }
}

/** The value each of 0–255 takes, for a background `b`. */
export function textCurve(b: number): Uint8Array {
  const curve = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    if (b >= 128) curve[v] = v >= b ? v : Math.round(b * (v / b) ** TEXT_GAMMA);
    else curve[v] = v <= b ? v : Math.round(255 - (255 - b) * ((255 - v) / (255 - b)) ** TEXT_GAMMA);
  }
  return curve;
}

function channelMedian(data: Uint8Array, channels: number, c: number): number {
  const counts = new Uint32Array(256);
  let n = 0;
  for (let i = c; i < data.length; i += channels, n++) counts[data[i]!]!++;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += counts[v]!;
    if (seen * 2 >= n) return v;
  }
  return 255;
}
