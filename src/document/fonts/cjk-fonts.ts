import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fontkit } from '../../io/cjs.js';
import type { FallbackFace } from './fallback-face.js';

/**
 * Chinese, Japanese and Korean text, set in Noto Sans SC, JP and KR from Fontsource's npm
 * packages (OFL). Those ship each font as about a hundred variable WOFF2 slices, each
 * holding the characters its `unicode.json` lists. A slice is read only when a text needs one of its characters, and
 * turned into a static TrueType font of weight 400 or 700 by HarfBuzz's instancer
 * (subset-font): fontkit can lay out a variable WOFF2 but not subset one (its glyphs come
 * out of the default instance, Thin, or empty). pdf-lib then embeds that static font
 * subset like any other. Instancing is asynchronous (WebAssembly), so the slices a packet
 * needs are made ready from its text before it is laid out (prepareCjk).
 */

/** The characters these fonts are for: Han, kana, hangul, bopomofo, CJK punctuation and symbols, full-width forms. */
// By script extension, so that the marks the languages share (ー, 〜, 、) are theirs too.
export const CJK =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}\u3000-\u303f\u3190-\u31ff\u3200-\u33ff\ufe30-\ufe4f\uff00-\uffef]/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;

interface Family {
  readonly name: string;
  readonly pkg: string;
  readonly stem: string;
}
const SC: Family = { name: 'NotoSansSC', pkg: '@fontsource-variable/noto-sans-sc', stem: 'noto-sans-sc' };
const JP: Family = { name: 'NotoSansJP', pkg: '@fontsource-variable/noto-sans-jp', stem: 'noto-sans-jp' };
const KR: Family = { name: 'NotoSansKR', pkg: '@fontsource-variable/noto-sans-kr', stem: 'noto-sans-kr' };

/**
 * Han characters are shared by the three languages but drawn after each one's conventions:
 * a line with kana is Japanese, one with hangul Korean, any other Chinese. Kana and hangul
 * always take their own language's font first. The other families stand in for a character
 * the first lacks.
 */
export type CjkContext = 'ja' | 'ko' | 'zh';
export function cjkContextOf(text: string): CjkContext {
  return KANA.test(text) ? 'ja' : HANGUL.test(text) ? 'ko' : 'zh';
}
function familiesFor(ch: string, context: CjkContext): readonly Family[] {
  if (HANGUL.test(ch) || (context === 'ko' && !KANA.test(ch))) return [KR, SC, JP];
  if (KANA.test(ch) || context === 'ja') return [JP, SC, KR];
  return [SC, JP, KR];
}

const require = createRequire(import.meta.url);

/** A family's slices as sorted code point ranges, read from its unicode.json the first time. */
interface Slices {
  readonly starts: number[];
  readonly ends: number[];
  readonly names: string[];
}
const slicesOf = new Map<Family, Slices>();
function slices(family: Family): Slices {
  let table = slicesOf.get(family);
  if (table) return table;
  const json = JSON.parse(readFileSync(require.resolve(`${family.pkg}/unicode.json`), 'utf8')) as Record<string, string>;
  const ranges: [number, number, string][] = [];
  for (const [key, list] of Object.entries(json)) {
    const name = key.replace(/[[\]]/g, '');
    for (const part of list.split(',')) {
      const m = /U\+([0-9a-f]+)(?:-([0-9a-f]+))?/i.exec(part);
      if (m) ranges.push([parseInt(m[1]!, 16), parseInt(m[2] ?? m[1]!, 16), name]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  table = { starts: ranges.map((r) => r[0]), ends: ranges.map((r) => r[1]), names: ranges.map((r) => r[2]) };
  slicesOf.set(family, table);
  return table;
}

/** The slice of a family that holds a code point, if any (binary search over its ranges). */
function sliceOf(family: Family, cp: number): string | undefined {
  const { starts, ends, names } = slices(family);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! > cp) hi = mid - 1;
    else if (ends[mid]! < cp) lo = mid + 1;
    else return names[mid];
  }
  return undefined;
}

/** Whether any of the three families has a glyph for the character (no font is read to tell). */
export function cjkCovers(cp: number): boolean {
  return [SC, JP, KR].some((family) => sliceOf(family, cp) !== undefined);
}

const ready = new Map<string, FallbackFace>();
const keyOf = (family: Family, slice: string, bold: boolean) => `${family.name}:${slice}:${bold ? 700 : 400}`;

/**
 * The font for a CJK character in a line of `context`: the first family that has it, among
 * those made ready. Undefined when none was (prepareCjk was not given the text).
 */
export function cjkFace(ch: string, bold: boolean, context: CjkContext): FallbackFace | undefined {
  const cp = ch.codePointAt(0)!;
  for (const family of familiesFor(ch, context)) {
    const slice = sliceOf(family, cp);
    const face = slice === undefined ? undefined : ready.get(keyOf(family, slice, bold));
    if (face) return face;
  }
  return undefined;
}

/** The CJK font already made from these bytes (pdf-lib is handed the parsed font, not a second parse). */
export function parsedCjk(bytes: Uint8Array): FallbackFace['font'] | undefined {
  for (const face of ready.values()) if (face.bytes === bytes) return face.font;
  return undefined;
}

type SubsetFont = (
  font: Uint8Array,
  text: string | null,
  options: { keepAllGlyphs: boolean; variationAxes: Record<string, number>; targetFormat: 'truetype' },
) => Promise<Uint8Array>;

/**
 * Makes ready, in both weights, every slice the texts' CJK characters are drawn from. A
 * line of a Japanese or Korean text may hold only Han characters once wrapped, so the
 * Chinese slice of each Han character is made ready as well as its own language's. A
 * character the base fonts have (`inBase`) is set in them, never in a CJK font: Unicode counts
 * some Latin punctuation as Han too (the middle dot ·, spacing accents ˇ ˉ), and making a slice
 * ready for it runs the WOFF2 subsetter for nothing on every packet whose letter holds one.
 */
export async function prepareCjk(texts: Iterable<string>, inBase: (cp: number) => boolean = () => false): Promise<void> {
  const wanted = new Map<string, { family: Family; slice: string }>();
  for (const text of texts) {
    if (!CJK.test(text)) continue;
    const contexts = new Set<CjkContext>(['zh', cjkContextOf(text)]);
    for (const ch of text) {
      if (!CJK.test(ch)) continue;
      const cp = ch.codePointAt(0)!;
      if (inBase(cp)) continue;
      for (const context of contexts) {
        const found = familiesFor(ch, context)
          .map((family) => ({ family, slice: sliceOf(family, cp) }))
          .find((f): f is { family: Family; slice: string } => f.slice !== undefined);
        if (found) wanted.set(`${found.family.name}:${found.slice}`, found);
      }
    }
  }
  if (wanted.size === 0) return;
  const subsetFont = require('subset-font') as SubsetFont;
  // In a fixed order, so the same text always makes the same fonts in the same order.
  for (const key of [...wanted.keys()].sort()) {
    const { family, slice } = wanted.get(key)!;
    for (const bold of [false, true]) {
      if (ready.has(keyOf(family, slice, bold))) continue;
      const woff2 = readFileSync(require.resolve(`${family.pkg}/files/${family.stem}-${slice}-wght-normal.woff2`));
      const bytes = new Uint8Array(await subsetFont(woff2, null, { keepAllGlyphs: true, variationAxes: { wght: bold ? 700 : 400 }, targetFormat: 'truetype' }));
      // Two packets of a batch may make the same slice at once: the first made is kept, as texts laid out may hold it.
      if (!ready.has(keyOf(family, slice, bold)))
        ready.set(keyOf(family, slice, bold), { name: `${family.name}${bold ? '-Bold' : ''}-${slice}`, bytes, font: fontkit().create(bytes) });
    }
  }
}
