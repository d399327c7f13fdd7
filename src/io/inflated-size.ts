import { createInflate } from 'node:zlib';

/** How many bytes `data` inflates to, counted up to just past `limit`; 0 when it is not zlib data. */
export function inflatedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflate({ chunkSize: 1 << 20 });
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflate.destroy();
        resolve(size);
      }
    });
    inflate.on('error', () => resolve(size));
    inflate.on('end', () => resolve(size));
    inflate.on('close', () => resolve(size));
    inflate.end(data);
  });
}
