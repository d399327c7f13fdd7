import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadFontkit } from '../../src/io/cjs.js';

const require = createRequire(import.meta.url);
(globalThis as { regeneratorRuntime?: unknown }).regeneratorRuntime ??= require('regenerator-runtime');
const plain = require('@pdf-lib/fontkit') as ReturnType<typeof loadFontkit>;

/** A font's glyphs for a text, with their advances and outlines: what a packet takes from it. */
function shapeOf(fontkit: ReturnType<typeof loadFontkit>, file: string, text: string) {
  const font = fontkit.create(readFileSync(require.resolve(file)));
  return font.layout(text).glyphs.map((g) => [g.id, g.advanceWidth, g.path.toSVG()]);
}

describe('fontkit loaded with its Brotli dictionary built on first use', () => {
  it('is compiled from the installed bundle, not required as it is (the statement it makes lazy is still there)', () => {
    // required as it is, it would be the module in require's cache
    expect(loadFontkit()).not.toBe(plain);
    expect(typeof loadFontkit().create).toBe('function');
  });

  it('reads a WOFF2 font (the one format that needs the dictionary) as the package does', () => {
    const woff2 = '@fontsource-variable/noto-sans-jp/files/noto-sans-jp-latin-wght-normal.woff2';
    const lazy = shapeOf(loadFontkit(), woff2, 'Office hours: 9–17 ffi');
    expect(lazy.length).toBeGreaterThan(10);
    expect(lazy).toEqual(shapeOf(plain, woff2, 'Office hours: 9–17 ffi'));
  });

  it('shapes the packet’s own font (DejaVu, TrueType) as the package does', () => {
    const ttf = 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf';
    const text = 'Die Lieferung wurde bestätigt — office, affine, “fluffy” Ωμέγα';
    expect(shapeOf(loadFontkit(), ttf, text)).toEqual(shapeOf(plain, ttf, text));
  });
});
