import { inflatedSize } from '../../io/inflated-size.js';

/** An ICC profile or a text chunk is never this large once inflated (profiles are kilobytes). */
const MAX_CHUNK_INFLATED = 16 * 1024 * 1024;

/**
 * A PNG's compressed side chunks (iCCP, zTXt, compressed iTXt) inflated and counted, before a
 * decoder inflates them whole: one past 16 MB (a 512 MiB "ICC profile" in 512 KB) is a bomb.
 * Returns the chunk's type and how far it inflated, or undefined.
 */
export async function pngChunkBomb(bytes: Buffer): Promise<{ type: string; inflated: number } | undefined> {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT' || type === 'IEND' || at + 12 + length > bytes.length) return undefined;
    const data = bytes.subarray(at + 8, at + 8 + length);
    const start = compressedStart(type, data);
    if (start !== undefined) {
      const inflated = await inflatedSize(data.subarray(start), MAX_CHUNK_INFLATED);
      if (inflated > MAX_CHUNK_INFLATED) return { type, inflated };
    }
    at += 12 + length;
  }
  return undefined;
}

/** Where a chunk's zlib data starts: after its keyword's NUL and the method byte (iTXt: flag, method, language, translated keyword). */
function compressedStart(type: string, data: Buffer): number | undefined {
  const nul = data.indexOf(0);
  if (nul < 0) return undefined;
  if (type === 'iCCP' || type === 'zTXt') return nul + 2;
  if (type !== 'iTXt' || data[nul + 1] !== 1) return undefined;
  const language = data.indexOf(0, nul + 3);
  const translated = language < 0 ? -1 : data.indexOf(0, language + 1);
  return translated < 0 ? undefined : translated + 1;
}
