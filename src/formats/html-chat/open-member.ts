import { bufferChunks } from '../../chat/text.js';
import type { ExportReader } from '../types.js';

/** A file of an export as chunks: streamed when the reader can, else its bytes in slices. */
export async function* openMember(reader: ExportReader, name: string): AsyncGenerator<Buffer> {
  if (reader.open) {
    yield* reader.open(name);
    return;
  }
  yield* bufferChunks(await reader.read(name), 64 * 1024);
}

/** The first `bytes` bytes of a stream (fewer when it is shorter); the rest is not read. */
export async function readHead(chunks: AsyncIterable<Buffer>, bytes = 64 * 1024): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    parts.push(chunk.subarray(0, bytes - total));
    total += Math.min(chunk.length, bytes - total);
    if (total >= bytes) break;
  }
  return Buffer.concat(parts);
}
