import { inflatedSize } from '../../io/inflated-size.js';

/** A stream may always inflate to this much; beyond it, only up to RATIO times its size. */
const FREE_BYTES = 64 * 1024 * 1024;
/** Deflate of text and pictures stays far under this ratio; a bomb of zeros is about 1 000:1. */
const RATIO = 200;
/** No stream inflates past this, whatever its ratio; nor all of a file's streams together past TOTAL. */
const MOST_BYTES = 512 * 1024 * 1024;
const TOTAL = 1024 * 1024 * 1024;

/** A stream that inflates past its bound: where it starts and how far it was inflated. */
export interface FlateBomb {
  readonly offset: number;
  readonly compressed: number;
  readonly inflated: number;
  readonly limit: number;
}

/**
 * Inflates every Flate stream of a PDF's bytes once, counting and discarding what comes out,
 * before any reader decodes one whole: a stream that would inflate past max(64 MB, 200 × its
 * size) or 512 MB, or streams past 1 GB together, is a decompression bomb. Streams that are
 * not Flate (or are encrypted) fail at their first bytes and are passed over.
 */
export async function findFlateBomb(bytes: Uint8Array): Promise<FlateBomb | undefined> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (let at = buffer.indexOf('stream'); at >= 0; at = buffer.indexOf('stream', at + 6)) {
    // "stream" followed by an end of line, not "endstream".
    if (at >= 3 && buffer.toString('latin1', at - 3, at) === 'end') continue;
    let start = at + 6;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] !== 0x0a) continue;
    start++;
    const end = buffer.indexOf('endstream', start);
    if (end < 0) break;
    const data = buffer.subarray(start, end);
    const limit = Math.min(MOST_BYTES, Math.max(FREE_BYTES, RATIO * data.length), TOTAL - total);
    const inflated = await inflatedSize(data, limit);
    if (inflated > limit) return { offset: at, compressed: data.length, inflated, limit };
    total += inflated;
    at = end;
  }
  return undefined;
}
