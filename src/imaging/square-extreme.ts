import { wasmSquareExtreme } from './square-extreme-simd.js';

/**
 * Grey morphology's building block: each pixel's maximum (or minimum) over the `size` × `size`
 * square centred on it (`size` odd), the square clipped at the image's edges. Computed with
 * WebAssembly's 16-byte vectors where the runtime has them (square-extreme-simd.ts: about a
 * tenth of the time), else by squareExtremeScalar; both give the same bytes.
 */
export function squareExtreme(src: Uint8Array, width: number, height: number, size: number, minimum: boolean): Uint8Array {
  return wasmSquareExtreme(src, width, height, size, minimum) ?? squareExtremeScalar(src, width, height, size, minimum);
}

/**
 * squareExtreme in plain JavaScript: a row pass then a column pass, each by van Herk and
 * Gil-Werman: a prefix and a suffix extreme within blocks of the window's size, so each pixel
 * costs three comparisons whatever the window. A minimum is taken as the maximum of inverted
 * values. The column pass runs along whole rows at a time, so it reads memory in order rather
 * than a row's width apart.
 */
export function squareExtremeScalar(src: Uint8Array, width: number, height: number, size: number, minimum: boolean): Uint8Array {
  const flip = minimum ? 255 : 0;
  const rows = alongRows(src, width, height, size, flip);
  return alongColumns(rows, width, height, size, flip);
}

/** Running extreme along each row; the output is left inverted when `flip` is 255 (the column pass undoes it). */
function alongRows(src: Uint8Array, width: number, height: number, k: number, flip: number): Uint8Array {
  const r = (k - 1) / 2;
  const out = new Uint8Array(src.length);
  const blocks = Math.ceil((width + 2 * r) / k) * k;
  const line = new Uint8Array(blocks);
  const prefix = new Uint8Array(blocks);
  const suffix = new Uint8Array(blocks);
  for (let y = 0; y < height; y++) {
    const base = y * width;
    // Outside the image counts as nothing (0 once inverted for a minimum): the window is clipped.
    line.fill(0);
    for (let i = 0; i < width; i++) line[i + r] = src[base + i]! ^ flip;
    for (let b = 0; b < blocks; b += k) {
      let m = (prefix[b] = line[b]!);
      for (let j = 1; j < k; j++) {
        const v = line[b + j]!;
        prefix[b + j] = m = Math.max(v, m);
      }
      m = suffix[b + k - 1] = line[b + k - 1]!;
      for (let j = k - 2; j >= 0; j--) {
        const v = line[b + j]!;
        suffix[b + j] = m = Math.max(v, m);
      }
    }
    // The window of output i is padded positions i … i + k − 1.
    for (let i = 0; i < width; i++) {
      const a = suffix[i]!;
      const c = prefix[i + k - 1]!;
      out[base + i] = Math.max(a, c);
    }
  }
  return out;
}

/** Running extreme down each column, computed a whole row at a time; `src` is inverted already when `flip` is 255. */
function alongColumns(src: Uint8Array, width: number, height: number, k: number, flip: number): Uint8Array {
  const r = (k - 1) / 2;
  const blocks = Math.ceil((height + 2 * r) / k) * k;
  // Padded row p is source row p − r; rows outside the image are 0.
  const prefix = new Uint8Array(blocks * width);
  const suffix = new Uint8Array(blocks * width);
  const rowOf = (p: number) => (p >= r && p - r < height ? (p - r) * width : -1);
  for (let b = 0; b < blocks; b += k) {
    for (let j = 0; j < k; j++) {
      const at = (b + j) * width;
      const s = rowOf(b + j);
      if (j === 0) {
        if (s >= 0) prefix.set(src.subarray(s, s + width), at);
        continue;
      }
      const prev = at - width;
      for (let x = 0; x < width; x++) {
        const v = s >= 0 ? src[s + x]! : 0;
        const m = prefix[prev + x]!;
        prefix[at + x] = Math.max(v, m);
      }
    }
    for (let j = k - 1; j >= 0; j--) {
      const at = (b + j) * width;
      const s = rowOf(b + j);
      if (j === k - 1) {
        if (s >= 0) suffix.set(src.subarray(s, s + width), at);
        continue;
      }
      const next = at + width;
      for (let x = 0; x < width; x++) {
        const v = s >= 0 ? src[s + x]! : 0;
        const m = suffix[next + x]!;
        suffix[at + x] = Math.max(v, m);
      }
    }
  }
  const out = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    const a0 = y * width;
    const c0 = (y + k - 1) * width;
    for (let x = 0; x < width; x++) {
      const a = suffix[a0 + x]!;
      const c = prefix[c0 + x]!;
      out[a0 + x] = Math.max(a, c) ^ flip;
    }
  }
  return out;
}
