import type * as PdfLib from 'pdf-lib';
import { pdfLib } from '../../io/cjs.js';

/** How far into an annotation's dictionaries and drawings the strings are looked for. */
const MAX_DEPTH = 6;
/** An appearance stream's bytes read at most (a drawing, not a page). */
const MAX_STREAM_BYTES = 4 * 1024 * 1024;

/**
 * Every string an annotation of these pages holds, by the id pdf.js gives it ("12R"): the
 * values in its dictionary (a field's /V, /RC rich text, a button's /MK caption, /Contents…)
 * and the strings its appearances draw, with the forms they draw. pdf.js reads the drawn text
 * of text fields and FreeText comments only; a stamp or a push button draws its own, and
 * that drawing goes into a copied page. Strings are read as bytes (latin-1) or UTF-16.
 */
export function annotationTexts(doc: PdfLib.PDFDocument, pages: readonly number[]): Map<string, string> {
  const { PDFRef } = pdfLib();
  const texts = new Map<string, string>();
  const all = doc.getPages();
  for (const number of pages) {
    const annots = all[number - 1]?.node.Annots();
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const ref = annots.get(i);
      if (!(ref instanceof PDFRef)) continue;
      const strings: string[] = [];
      collect(doc, doc.context.lookup(ref), strings, new Set([ref.toString()]), 0);
      texts.set(`${ref.objectNumber}R${ref.generationNumber === 0 ? '' : ref.generationNumber}`, strings.join('\n'));
    }
  }
  return texts;
}

/** Keys that lead away from the annotation (its page, sibling fields, the popup's parent). */
const AWAY = new Set(['P', 'Kids', 'Popup', 'IRT', 'Dest', 'Font', 'ColorSpace', 'ExtGState', 'Pattern', 'Shading']);

function collect(doc: PdfLib.PDFDocument, value: PdfLib.PDFObject | undefined, out: string[], seen: Set<string>, depth: number): void {
  const { PDFString, PDFHexString, PDFDict, PDFArray, PDFRef, PDFRawStream } = pdfLib();
  if (value === undefined || depth > MAX_DEPTH) return;
  if (value instanceof PDFRef) {
    if (seen.has(value.toString())) return;
    seen.add(value.toString());
    collect(doc, doc.context.lookup(value), out, seen, depth);
  } else if (value instanceof PDFString || value instanceof PDFHexString) out.push(value.decodeText());
  else if (value instanceof PDFArray) for (const item of value.asArray()) collect(doc, item, out, seen, depth + 1);
  else if (value instanceof PDFRawStream) {
    const bytes = streamBytes(value);
    if (bytes) out.push(...drawnStrings(bytes));
    collect(doc, value.dict, out, seen, depth + 1);
  } else if (value instanceof PDFDict) {
    for (const [key, item] of value.entries()) if (!AWAY.has(key.decodeText())) collect(doc, item, out, seen, depth + 1);
  }
}

function streamBytes(stream: PdfLib.PDFRawStream): Uint8Array | undefined {
  const { decodePDFRawStream } = pdfLib();
  try {
    const bytes = decodePDFRawStream(stream).decode();
    return bytes.length <= MAX_STREAM_BYTES ? bytes : bytes.subarray(0, MAX_STREAM_BYTES);
  } catch {
    // A filter pdf-lib does not decode (an image's DCT): it draws no string.
    return undefined;
  }
}

/** The string operands of a content stream (literal and hex), each decoded; a TJ array's parts also joined. */
export function drawnStrings(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const strings: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') {
      const end = literalEnd(text, i);
      strings.push(unescapeLiteral(text.slice(i + 1, end)));
      i = end;
    } else if (c === '<' && text[i + 1] !== '<') {
      const end = text.indexOf('>', i);
      if (end < 0) break;
      strings.push(fromHex(text.slice(i + 1, end)));
      i = end;
    } else if (c === '<') i++;
  }
  return [...strings, strings.join('')];
}

function literalEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

function unescapeLiteral(body: string): string {
  return body.replace(/\\([0-7]{1,3}|[\s\S])/g, (_, e: string) => (/^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8) & 0xff) : (ESCAPES[e] ?? e)));
}

function fromHex(hex: string): string {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  const bytes = Buffer.from(clean.length % 2 ? `${clean}0` : clean, 'hex');
  // UTF-16 with its byte-order mark, as /Contents and many fields write text; bytes otherwise.
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)))
      .swap16()
      .toString('utf16le');
  return bytes.toString('latin1');
}
