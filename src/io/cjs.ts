import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileFunction } from 'node:vm';
import { deflateSync } from 'node:zlib';
import type fontkitType from '@pdf-lib/fontkit';
import type exifrType from 'exifr';
import type * as HtmlToText from 'html-to-text';
import type * as PdfLib from 'pdf-lib';
import type sharpModule from 'sharp';
import type * as Yauzl from 'yauzl';

/*
 * These CommonJS packages are loaded with require, not import: importing CommonJS from an ES
 * module makes Node scan the package, and every file it re-exports, for export names, at
 * every start.
 */
const require = createRequire(import.meta.url);

type Sharp = typeof sharpModule;
let sharpLoaded: Sharp | undefined;
const onSharpLoad: ((loaded: Sharp) => void)[] = [];

function loadSharp(): Sharp {
  if (!sharpLoaded) {
    sharpLoaded = require('sharp') as Sharp;
    for (const settle of onSharpLoad.splice(0)) settle(sharpLoaded);
  }
  return sharpLoaded;
}

/*
 * sharp (libvips, loaded from a native addon) is loaded when an image is first touched, not at
 * start: `--version`, `--help`, a `batch` parent or a case without images never need it. Called
 * and read like sharp itself; the target is an arrow function so that it has no own
 * `prototype` the proxy would have to report.
 */
export const sharp = new Proxy((() => undefined) as unknown as Sharp, {
  apply: (_target, _self, args: unknown[]) => Reflect.apply(loadSharp(), undefined, args),
  get: (_target, key) => Reflect.get(loadSharp(), key),
  has: (_target, key) => Reflect.has(loadSharp(), key),
});

/** Runs `settle` on sharp when it is loaded: now if it already is, else at its first use. */
export function whenSharpLoads(settle: (loaded: Sharp) => void): void {
  if (sharpLoaded) settle(sharpLoaded);
  else onSharpLoad.push(settle);
}

/*
 * pdf-lib and fontkit take long to load, during which nothing else happens: they are loaded
 * when first asked for, so a `check` (which lays out text but renders nothing) never loads pdf-lib.
 */
let pdfLibModule: typeof PdfLib | undefined;
let fontkitModule: typeof fontkitType | undefined;

export function pdfLib(): typeof PdfLib {
  if (!pdfLibModule) {
    pdfLibModule = require('pdf-lib') as typeof PdfLib;
    deflateNatively(createRequire(require.resolve('pdf-lib')));
  }
  return pdfLibModule;
}

interface Pako {
  deflate: (data: Uint8Array, options?: unknown) => Uint8Array;
}

/*
 * pdf-lib compresses every content stream, object stream and font file with pako, zlib in
 * JavaScript (its only two calls: `pako.deflate(bytes)`, looked up on pako's exports at each
 * call). Node's own zlib does the same job, at the same level (6) and in the same format, on
 * native code, without pako's JavaScript to compile on the thread the image work needs, and
 * writes slightly fewer bytes. A call with options, which pdf-lib never makes, keeps pako. The
 * copy of pako replaced is the one pdf-lib resolves; anything else using it gets the same
 * zlib format from it.
 */
function deflateNatively(requireFromPdfLib: NodeJS.Require): void {
  let pako: Pako;
  try {
    pako = requireFromPdfLib('pako') as Pako;
  } catch {
    return; // a pdf-lib that does not use pako: nothing to replace
  }
  const original = pako.deflate;
  if (typeof original !== 'function') return;
  pako.deflate = (data, options) => {
    if (options !== undefined) return original(data, options);
    const out = deflateSync(data);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  };
}

export function fontkit(): typeof fontkitType {
  // fontkit's Indic and Universal shapers (Devanagari, Bengali…) were compiled to use
  // regenerator's runtime as a global, which its build does not bundle.
  (globalThis as { regeneratorRuntime?: unknown }).regeneratorRuntime ??= require('regenerator-runtime');
  fontkitModule ??= loadFontkit();
  return fontkitModule;
}

/*
 * fontkit's bundle, as it loads, builds the static dictionary of its Brotli decoder: a base64
 * text decoded and decompressed in JavaScript, about 50 ms of CPU in every run that lays out
 * text. Brotli serves only WOFF2 fonts, which no packet parses (DejaVu is TrueType, the
 * fallbacks WOFF, the CJK fonts are made TrueType first). So the bundle's own file is compiled
 * here with that one statement made lazy: the same code builds the dictionary when a WOFF2
 * font first reads it. Where the statement is not found as written (another version of the
 * package), the package is required as it is. node_modules is never changed.
 */
const EAGER_DICTIONARY = '\n\tdictionary.init(BrotliDecompressBuffer);\n';
const LAZY_DICTIONARY = `
\tObject.defineProperty(dictionary, 'dictionary', {
\t  configurable: true,
\t  enumerable: true,
\t  get: function () { dictionary.init(BrotliDecompressBuffer); return dictionary.dictionary; },
\t  set: function (value) { Object.defineProperty(dictionary, 'dictionary', { configurable: true, enumerable: true, writable: true, value: value }); },
\t});
`;

/** fontkit's module, its Brotli dictionary built when first used (see above); exported for its test. */
export function loadFontkit(): typeof fontkitType {
  const path = require.resolve('@pdf-lib/fontkit');
  const source = readFileSync(path, 'utf8');
  const at = source.indexOf(EAGER_DICTIONARY);
  if (at < 0 || source.indexOf(EAGER_DICTIONARY, at + 1) >= 0) return require('@pdf-lib/fontkit') as typeof fontkitType;
  const lazy = source.slice(0, at) + LAZY_DICTIONARY + source.slice(at + EAGER_DICTIONARY.length);
  // The bundle is UMD: given `module` and `exports`, it sets module.exports as under require.
  const module = { exports: {} as unknown };
  compileFunction(lazy, ['exports', 'module'], { filename: path }).call(module.exports, module.exports, module);
  return module.exports as typeof fontkitType;
}

/*
 * Smaller packages are required when first used, for the same reasons: exifr's main file is
 * a UMD bundle Node would scan whole before importing it; html-to-text is needed only for
 * HTML in helpdesk and chat exports, and yauzl only for zip archives. Every run of the tool,
 * a `check` included, started later when they were imported at the top.
 */
let exifrModule: typeof exifrType | undefined;
let htmlToTextModule: typeof HtmlToText | undefined;
let yauzlModule: typeof Yauzl | undefined;

export function exifr(): typeof exifrType {
  exifrModule ??= require('exifr') as typeof exifrType;
  return exifrModule;
}

export function htmlToText(): typeof HtmlToText {
  htmlToTextModule ??= require('html-to-text') as typeof HtmlToText;
  return htmlToTextModule;
}

export function yauzl(): typeof Yauzl {
  yauzlModule ??= require('yauzl') as typeof Yauzl;
  return yauzlModule;
}

/** The `ignore` package (gitignore matching, as eslint and prettier use it), for `.evidenceignore`. */
export type Ignore = import('ignore').Ignore;
export function createIgnore(): Ignore {
  return (require('ignore') as typeof import('ignore'))();
}
