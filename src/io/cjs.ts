import { createRequire } from 'node:module';
import type fontkitType from '@pdf-lib/fontkit';
import type * as PdfLib from 'pdf-lib';
import type sharpModule from 'sharp';

/*
 * These CommonJS packages are loaded with require, not import: importing CommonJS from an ES
 * module makes Node scan the package, and every file it re-exports, for export names. That
 * cost 0.1–0.15 s at every start for pdf-lib, fontkit and sharp together (Node 20), a tenth
 * of a warm `check`.
 */
const require = createRequire(import.meta.url);

export const sharp = require('sharp') as typeof sharpModule;

/*
 * pdf-lib and fontkit take 0.3 s to load, during which nothing else happens: they are loaded
 * when first asked for, so a `check` (which lays out text but renders nothing) never loads pdf-lib.
 */
let pdfLibModule: typeof PdfLib | undefined;
let fontkitModule: typeof fontkitType | undefined;

export function pdfLib(): typeof PdfLib {
  pdfLibModule ??= require('pdf-lib') as typeof PdfLib;
  return pdfLibModule;
}

export function fontkit(): typeof fontkitType {
  fontkitModule ??= require('@pdf-lib/fontkit') as typeof fontkitType;
  return fontkitModule;
}
