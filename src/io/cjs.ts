import { createRequire } from 'node:module';
import type fontkitModule from '@pdf-lib/fontkit';
import type * as PdfLib from 'pdf-lib';
import type sharpModule from 'sharp';

/*
 * These CommonJS packages are loaded with require, not import: importing CommonJS from an ES
 * module makes Node scan the package, and every file it re-exports, for export names. That
 * cost 0.1–0.15 s at every start for pdf-lib, fontkit and sharp together (Node 20), a tenth
 * of a warm `check`.
 */
const require = createRequire(import.meta.url);

export const pdfLib = require('pdf-lib') as typeof PdfLib;
export const fontkit = require('@pdf-lib/fontkit') as typeof fontkitModule;
export const sharp = require('sharp') as typeof sharpModule;
