import { TextDecoder } from 'node:util';

/**
 * Text files as exports really come: UTF-8 with or without a BOM, UTF-16 (WhatsApp on some
 * Windows tools, Excel's "Unicode text"), and the odd Windows-1252 file.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function sniffEncoding(sample: Buffer): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  // UTF-16 without a BOM: mostly ASCII, so every other byte is zero.
  const n = Math.min(sample.length, 512) & ~1;
  if (n >= 8) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < n; i += 2) {
      if (sample[i] === 0) evenZeros++;
      if (sample[i + 1] === 0) oddZeros++;
    }
    if (oddZeros > n / 4 && evenZeros === 0) return 'utf-16le';
    if (evenZeros > n / 4 && oddZeros === 0) return 'utf-16be';
  }
  return isValidUtf8(sample.subarray(0, 64 * 1024)) ? 'utf-8' : 'windows-1252';
}

/** Valid UTF-8, allowing a sequence cut off at the end of the sample. */
function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export function decodeText(bytes: Buffer): { text: string; encoding: TextEncoding } {
  const encoding = sniffEncoding(bytes);
  // TextDecoder drops the BOM itself for UTF-8 and UTF-16.
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}

/** A text sample as characters, for detection (any encoding above). */
export function sampleText(sample: Buffer): string {
  // Every format adapter looks at the same sample: it is decoded once.
  let text = decodedSamples.get(sample);
  if (text === undefined) {
    text = new TextDecoder(sniffEncoding(sample)).decode(sample, { stream: true });
    decodedSamples.set(sample, text);
  }
  return text;
}

const decodedSamples = new WeakMap<Buffer, string>();

/**
 * Lines of a byte stream, decoded, with their 1-based numbers. Holds one line at a time
 * (plus one chunk), whatever the file's size.
 */
export async function* readLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<{ line: string; number: number }> {
  let decoder: TextDecoder | undefined;
  let rest = '';
  let number = 0;
  for await (const chunk of chunks) {
    decoder ??= new TextDecoder(sniffEncoding(chunk));
    const text = rest + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      yield { line, number: ++number };
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (decoder) rest += decoder.decode();
  if (rest) yield { line: rest.endsWith('\r') ? rest.slice(0, -1) : rest, number: ++number };
}

/** An async iterable over one buffer, in slices (so a file in memory reads like a stream). */
export async function* bufferChunks(bytes: Buffer, size = 1 << 20): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
