import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fontkit } from '../../io/cjs.js';
import { CJK, cjkContextOf, cjkCovers, prepareCjk } from './cjk-fonts.js';
import type { FallbackFace, FontkitFont } from './fallback-face.js';
import { FALLBACK_SCRIPTS, fallbackFor, joinersDrawnEmpty, parsedFallback } from './fallback-fonts.js';
import type { FontFace } from '../types.js';
import { emojiName } from '../../chat/emoji-names.js';

/** DejaVu covers Latin, Greek and Cyrillic; it ships in an npm package, so nothing is downloaded. */
const FONT_FILES: Record<FontFace, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  /** Only for *emphasis* in a cover letter; embedded only in a packet that uses it. */
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
  mono: 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
};

export interface FontSet {
  readonly bytes: Record<FontFace, Uint8Array>;
  /**
   * For `PDFDocument.registerFontkit`: hands pdf-lib these same parsed fonts, whose text
   * layouts are remembered, so a string laid out to plan a page is not shaped again to draw it.
   */
  readonly fontkit: { create(data: Uint8Array): FontkitFont };
  /** Width of `text` in points at `size`. */
  measure(text: string, size: number, face: FontFace): number;
  /** The text as the fonts can show it: an emoji they lack becomes its [name], any other character □, marks that show nothing go. */
  visible(text: string): string;
  /** Characters in `text` the fonts lack, each once. */
  missing(text: string): string[];
  /**
   * The text cut where the font changes: runs DejaVu sets (`fallback` undefined) and runs set
   * in the fallback font for a script it lacks (Thai, Devanagari: see fallback-fonts.ts).
   */
  runs(text: string, face: FontFace): { text: string; fallback?: FallbackFace }[];
  /**
   * Reads the fonts these texts need that take time to make (Chinese, Japanese, Korean:
   * cjk-fonts.ts). Every text a packet draws is given here before it is laid out.
   */
  prepare(texts: Iterable<string>): Promise<void>;
}

/** Shown for a character the fonts lack, so its absence is visible. */
export const MISSING_GLYPH = '□';
// An emoji with its modifiers, variation selectors and joined parts: one symbol, one [name].
const EMOJI_SEQUENCE = /\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?|\u20E3)*/gu;
// Invisible format characters: direction marks, variation selectors, BOM. The zero-width
// non-joiner and joiner (U+200C, U+200D) stay: they change how Persian and Indic letters join.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each variation selector is removed on its own, whatever it follows
const INVISIBLE = /[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufe00-\ufe0f\ufeff]/g;

let cached: Promise<FontSet> | undefined;

/**
 * Printable Latin-1, punctuation (dashes, quotes, bullets), arrows and geometric shapes (▶, □),
 * without an f-ligature pair: DejaVu shapes these one glyph per character with no substitution
 * (checked against fontkit in fonts.test.ts), so they need no shaping. Soft hyphens and
 * direction or joining controls are left to fontkit.
 */
export const PLAIN = /^[\x20-\x7e\xa0-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u25a0-\u25ff]*$/;
const LIGATURE = /f[fil]/;
/**
 * Faces with f-ligatures (DejaVu Sans and Sans Bold); the monospaced face has none, so the
 * SHA-256 hashes of the appendix, most of which hold an "ff", skip shaping (fontkit's is the
 * dear part of laying them out). fonts.test.ts checks both.
 */
export const HAS_LIGATURES: Record<FontFace, boolean> = { regular: true, bold: true, italic: true, mono: false };

type GlyphRun = ReturnType<FontkitFont['layout']>;

/**
 * Shaping is most of the time spent on text. Plain text skips it (its glyphs are the
 * characters'); any other string is shaped once per process and remembered.
 */
function rememberLayouts(font: FontkitFont, ligatures: boolean): { font: FontkitFont; advance: (text: string) => number } {
  const isPlain = (text: string) => PLAIN.test(text) && !(ligatures && LIGATURE.test(text));
  const layout = font.layout.bind(font);
  const runs = new Map<string, GlyphRun>();
  const glyphs = new Map<number, ReturnType<FontkitFont['glyphForCodePoint']>>();
  const plainGlyph = (code: number) => {
    let glyph = glyphs.get(code);
    if (!glyph) glyphs.set(code, (glyph = font.glyphForCodePoint(code)));
    return glyph;
  };
  font.layout = ((text: string, features?: unknown) => {
    if (features !== undefined) return layout(text, features as never);
    // pdf-lib reads only the glyphs of a run.
    if (isPlain(text)) return { glyphs: Array.from(text, (ch) => plainGlyph(ch.charCodeAt(0))) } as unknown as GlyphRun;
    let run = runs.get(text);
    if (!run) runs.set(text, (run = joinersDrawnEmpty(font, text, layout(text))));
    return run;
  }) as FontkitFont['layout'];
  // What pdf-lib draws: each glyph's own advance (it writes no kerning), in font units.
  const advance = (text: string) => {
    let units = 0;
    if (isPlain(text)) for (let i = 0; i < text.length; i++) units += plainGlyph(text.charCodeAt(i)).advanceWidth;
    else for (const glyph of font.layout(text).glyphs) units += glyph.advanceWidth;
    return units;
  };
  return { font, advance };
}

export function loadFonts(): Promise<FontSet> {
  cached ??= readBaseFonts().then(fontSetOf);
  return cached;
}

/** DejaVu's faces: their bytes, and each parsed with its text layouts remembered. */
interface BaseFonts {
  readonly bytes: Record<FontFace, Uint8Array>;
  readonly shaped: Record<FontFace, ReturnType<typeof rememberLayouts>>;
}

async function readBaseFonts(): Promise<BaseFonts> {
  const require = createRequire(import.meta.url);
  const entries = await Promise.all(
    (Object.keys(FONT_FILES) as FontFace[]).map(async (face) => [face, new Uint8Array(await readFile(require.resolve(FONT_FILES[face])))] as const),
  );
  const bytes = Object.fromEntries(entries) as Record<FontFace, Uint8Array>;
  const shaped = Object.fromEntries(entries.map(([face, b]) => [face, rememberLayouts(fontkit().create(b), HAS_LIGATURES[face])])) as Record<
    FontFace,
    ReturnType<typeof rememberLayouts>
  >;
  return { bytes, shaped };
}

/** Whether DejaVu has a code point in both weights, and whether any font (DejaVu or a fallback) has it, remembered per code point. */
function coverageOf(fonts: Record<FontFace, FontkitFont>): { inBase: (cp: number) => boolean; has: (cp: number) => boolean } {
  const covered = new Map<number, boolean>();
  const inBase = (cp: number) => cp < 0x20 || (fonts.regular.hasGlyphForCodePoint(cp) && fonts.bold.hasGlyphForCodePoint(cp));
  const inFallback = (ch: string) =>
    CJK.test(ch) ? cjkCovers(ch.codePointAt(0)!) : fallbackFor(ch, false)?.font.hasGlyphForCodePoint(ch.codePointAt(0)!) === true;
  const has = (cp: number): boolean => {
    let known = covered.get(cp);
    if (known === undefined) {
      const ch = String.fromCodePoint(cp);
      known = inBase(cp) || (FALLBACK_SCRIPTS.test(ch) && inFallback(ch));
      covered.set(cp, known);
    }
    return known;
  };
  return { inBase, has };
}

/** FontSet.runs: a text cut where the font changes. */
function runsOf(inBase: (cp: number) => boolean): FontSet['runs'] {
  return (text, face) => {
    if (!FALLBACK_SCRIPTS.test(text)) return [{ text }];
    const out: { text: string; fallback?: FallbackFace }[] = [];
    const context = cjkContextOf(text);
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const own = FALLBACK_SCRIPTS.test(ch) && !inBase(cp) ? fallbackFor(ch, face === 'bold', context) : undefined;
      const last = out[out.length - 1];
      // A space, punctuation or mark inside a fallback run stays in it when that font has it.
      const stays = last?.fallback !== undefined && own === undefined && /[\s\p{P}\p{M}\u200c\u200d]/u.test(ch) && last.fallback.font.hasGlyphForCodePoint(cp);
      if (last && (last.fallback === own || stays)) last.text += ch;
      else out.push({ text: ch, ...(own ? { fallback: own } : {}) });
    }
    return out;
  };
}

function fontSetOf({ bytes, shaped }: BaseFonts): FontSet {
  const fonts = Object.fromEntries(Object.entries(shaped).map(([face, s]) => [face, s.font])) as Record<FontFace, FontkitFont>;
  const byBytes = new Map<Uint8Array, FontkitFont>((Object.keys(bytes) as FontFace[]).map((face) => [bytes[face], fonts[face]]));
  const { inBase, has } = coverageOf(fonts);
  const runs = runsOf(inBase);
  return {
    bytes,
    fontkit: { create: (data) => byBytes.get(data) ?? parsedFallback(data) ?? fontkit().create(data) },
    missing(text) {
      const out = new Set<string>();
      for (const match of text.matchAll(EMOJI_SEQUENCE)) if (!has(match[0].codePointAt(0)!)) out.add(match[0]);
      for (const ch of text.replace(EMOJI_SEQUENCE, '').replace(INVISIBLE, '')) if (!has(ch.codePointAt(0)!)) out.add(ch);
      return [...out];
    },
    visible(text) {
      let out = text.replace(EMOJI_SEQUENCE, (seq) => (has(seq.codePointAt(0)!) ? seq.replace(INVISIBLE, '') : emojiName(seq))).replace(INVISIBLE, '');
      // Fast path: most text is fully covered.
      let clean = true;
      for (const ch of out)
        if (!has(ch.codePointAt(0)!)) {
          clean = false;
          break;
        }
      if (!clean) out = Array.from(out, (ch) => (has(ch.codePointAt(0)!) ? ch : MISSING_GLYPH)).join('');
      return out;
    },
    runs,
    prepare: (texts) => prepareCjk(texts, inBase),
    measure(text, size, face) {
      if (!FALLBACK_SCRIPTS.test(text)) return (shaped[face].advance(text) / fonts[face].unitsPerEm) * size;
      let width = 0;
      for (const run of runs(text, face)) {
        if (!run.fallback) width += (shaped[face].advance(run.text) / fonts[face].unitsPerEm) * size;
        else width += (run.fallback.font.layout(run.text).glyphs.reduce((sum, g) => sum + g.advanceWidth, 0) / run.fallback.font.unitsPerEm) * size;
      }
      return width;
    },
  };
}
