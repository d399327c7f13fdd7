import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fontkit } from '../../io/cjs.js';
import { CJK, cjkFace, parsedCjk, type CjkContext } from './cjk-fonts.js';
import type { FallbackFace, FontkitFont } from './fallback-face.js';

/**
 * Fonts for scripts DejaVu lacks, from npm packages (Noto, by Fontsource, OFL), each read the
 * first time a text needs it: a packet in Latin, Greek, Cyrillic, Arabic or Hebrew never loads
 * one, and a packet embeds only those it uses, subset like the others. A new script is a row.
 */
const TABLE: readonly { readonly name: string; readonly script: RegExp; readonly regular: string; readonly bold: string }[] = [
  {
    name: 'NotoSansThai',
    script: /[\u0e00-\u0e7f]/,
    regular: '@fontsource/noto-sans-thai/files/noto-sans-thai-thai-400-normal.woff',
    bold: '@fontsource/noto-sans-thai/files/noto-sans-thai-thai-700-normal.woff',
  },
  {
    name: 'NotoSansDevanagari',
    script: /[\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff]/,
    regular: '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-400-normal.woff',
    bold: '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-700-normal.woff',
  },
];

/** Any character a fallback font is for: the table's scripts, and Chinese, Japanese and Korean (cjk-fonts.ts). */
export const FALLBACK_SCRIPTS = new RegExp(`[${TABLE.map((t) => t.script.source.slice(1, -1)).join('')}]|${CJK.source}`, 'u');

const require = createRequire(import.meta.url);
const loaded = new Map<string, FallbackFace>();

/**
 * The fallback font for a character's script, in the regular or the bold weight; undefined
 * for a character none is for. A CJK character's depends on the line it stands in (`context`).
 */
export function fallbackFor(ch: string, bold: boolean, context: CjkContext = 'zh'): FallbackFace | undefined {
  if (CJK.test(ch)) return cjkFace(ch, bold, context);
  const index = TABLE.findIndex((t) => t.script.test(ch));
  if (index < 0) return undefined;
  return fallbackFace(index, bold);
}

/** The fallback font already parsed from these bytes (pdf-lib is handed the same font, not a second parse). */
export function parsedFallback(bytes: Uint8Array): FontkitFont | undefined {
  for (const face of loaded.values()) if (face.bytes === bytes) return face.font;
  return parsedCjk(bytes);
}

export function fallbackFace(index: number, bold: boolean): FallbackFace {
  const row = TABLE[index]!;
  const key = `${index}:${bold}`;
  let face = loaded.get(key);
  if (!face) {
    const bytes = new Uint8Array(readFileSync(require.resolve(bold ? row.bold : row.regular)));
    const font = fontkit().create(bytes);
    const layout = font.layout.bind(font);
    font.layout = ((text: string, ...rest: unknown[]) => joinersDrawnEmpty(font, text, layout(text, ...(rest as [])))) as FontkitFont['layout'];
    face = { name: `${row.name}${bold ? '-Bold' : ''}`, bytes, font };
    loaded.set(key, face);
  }
  return face;
}

type GlyphRun = ReturnType<FontkitFont['layout']>;

/**
 * fontkit hides a zero-width joiner or non-joiner (Persian's half-space, Devanagari's
 * explicit half forms) behind the space glyph with no advance in its positions, but pdf-lib
 * draws each glyph's own advance, so a whole space showed: the font's own zero-width glyph
 * of that joiner is drawn instead (of the non-joiner where a text holds both).
 */
export function joinersDrawnEmpty(font: FontkitFont, text: string, run: GlyphRun): GlyphRun {
  if (!/[\u200c\u200d]/.test(text)) return run;
  const space = font.glyphForCodePoint(0x20).id;
  const joiner = font.glyphForCodePoint(text.includes('\u200c') ? 0x200c : 0x200d);
  if (joiner.id === 0 || joiner.advanceWidth !== 0) return run;
  run.glyphs = run.glyphs.map((glyph, i) => (glyph.id === space && run.positions[i]?.xAdvance === 0 ? joiner : glyph));
  return run;
}
