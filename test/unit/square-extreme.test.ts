import { describe, expect, it } from 'vitest';
import { squareExtreme, squareExtremeScalar } from '../../src/imaging/square-extreme.js';
import { wasmSquareExtreme } from '../../src/imaging/square-extreme-simd.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** The definition, pixel by pixel: the extreme over the square around each pixel, clipped at the edges. */
function naive(src: Uint8Array, width: number, height: number, size: number, minimum: boolean): Uint8Array {
  const r = (size - 1) / 2;
  const out = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let m = minimum ? 255 : 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
        for (let xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++) {
          const v = src[yy * width + xx]!;
          m = minimum ? Math.min(m, v) : Math.max(m, v);
        }
      }
      out[y * width + x] = m;
    }
  }
  return out;
}

describe('squareExtreme (running max / min over a square)', () => {
  it('equals the pixel-by-pixel definition on seeded random images of any shape, window and kind', () => {
    const r = rng(38);
    for (let trial = 0; trial < 60; trial++) {
      const width = 1 + Math.floor(r() * 40);
      const height = 1 + Math.floor(r() * 40);
      const size = 1 + 2 * Math.floor(r() * 6);
      // Some images of a few levels only, so that ties are common.
      const levels = r() < 0.5 ? 3 : 256;
      const src = Uint8Array.from({ length: width * height }, () => Math.floor(r() * levels) * Math.floor(255 / (levels - 1)));
      for (const minimum of [false, true]) {
        const want = naive(src, width, height, size, minimum);
        const what = `${width}×${height}, ${size}, ${minimum ? 'min' : 'max'}`;
        expect(squareExtreme(src, width, height, size, minimum), what).toEqual(want);
        expect(squareExtremeScalar(src, width, height, size, minimum), `${what}, scalar`).toEqual(want);
      }
    }
  });

  it('is computed with WebAssembly vectors on Node 20, the same bytes as the scalar version on images wider than a vector and in any order of calls', () => {
    const r = rng(2026);
    // Large then small then large: the module's memory, grown once, holds the last image's bytes past the new one's.
    for (const [width, height] of [
      [517, 301],
      [17, 3],
      [1, 90],
      [333, 129],
      [16, 16],
    ] as const) {
      const src = Uint8Array.from({ length: width * height }, () => Math.floor(r() * 256));
      for (const size of [1, 3, 9, 15])
        for (const minimum of [false, true]) {
          const simd = wasmSquareExtreme(src, width, height, size, minimum);
          expect(simd, 'the module compiles and runs').toBeDefined();
          expect(
            Buffer.from(simd!).equals(Buffer.from(squareExtremeScalar(src, width, height, size, minimum))),
            `${width}×${height}, ${size}, ${minimum}`,
          ).toBe(true);
        }
    }
  });
});
