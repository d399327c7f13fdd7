import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

export type { PDFDocumentProxy };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/*
 * pdf.js (Mozilla's PDF reader) reads and paints PDF pages: their text, metadata and pixels.
 * It is a large ES module, loaded when a case first holds a PDF. Its Node build paints
 * through @napi-rs/canvas. Fonts a PDF names without embedding them (the standard 14) and
 * the CMaps of CJK text come from the package's own folders: nothing is downloaded.
 */
let loaded: Promise<PdfJs> | undefined;

export function pdfJs(): Promise<PdfJs> {
  loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return loaded;
}

const packageDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** Why pdf.js could not open a PDF: a password it needs, or a file that is not a PDF it can repair. */
export class PdfOpenError extends Error {
  constructor(
    readonly reason: 'password' | 'broken',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Opens a PDF with pdf.js from its bytes (copied: pdf.js takes over the buffer it is given).
 * A PDF whose cross-reference table is broken is rebuilt by pdf.js from its objects.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await pdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: false,
    stopAtErrors: false,
    standardFontDataUrl: join(packageDir, 'standard_fonts') + '/',
    cMapUrl: join(packageDir, 'cmaps') + '/',
    cMapPacked: true,
    // An image larger than this is not decoded (a 30 000 × 30 000 image would take 3.6 GB).
    maxImageSize: 100_000_000,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy();
    const name = (error as { name?: string } | null)?.name;
    const message = error instanceof Error ? error.message : String(error);
    throw new PdfOpenError(name === 'PasswordException' ? 'password' : 'broken', message);
  }
}
