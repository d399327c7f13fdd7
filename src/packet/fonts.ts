import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';

export type FontFace = 'regular' | 'bold' | 'mono';

/** DejaVu covers Latin, Greek and Cyrillic; it ships in an npm package, so nothing is downloaded. */
const FONT_FILES: Record<FontFace, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  mono: 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
};

export interface FontSet {
  readonly bytes: Record<FontFace, Uint8Array>;
  /** Width of `text` in points at `size`. */
  measure(text: string, size: number, face: FontFace): number;
}

let cached: Promise<FontSet> | undefined;

export function loadFonts(): Promise<FontSet> {
  cached ??= (async () => {
    const require = createRequire(import.meta.url);
    const entries = await Promise.all(
      (Object.keys(FONT_FILES) as FontFace[]).map(async (face) => [face, new Uint8Array(await readFile(require.resolve(FONT_FILES[face])))] as const),
    );
    const bytes = Object.fromEntries(entries) as Record<FontFace, Uint8Array>;
    const fonts = Object.fromEntries(entries.map(([face, b]) => [face, fontkit.create(b)])) as Record<FontFace, ReturnType<typeof fontkit.create>>;
    const widthCache = new Map<string, number>();
    return {
      bytes,
      measure(text, size, face) {
        const key = `${face}\u0000${text}`;
        let units = widthCache.get(key);
        if (units === undefined) {
          const font = fonts[face];
          units = font.layout(text).advanceWidth / font.unitsPerEm;
          widthCache.set(key, units);
        }
        return units * size;
      },
    };
  })();
  return cached;
}
