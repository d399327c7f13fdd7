import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * A file that is not a regular one (a named pipe, a device such as /dev/zero, a socket) or that
 * is larger than its reader allows. `code` reads like an errno code, so callers that name the
 * errno of a failed read name this too.
 */
export class UnreadableFileError extends Error {
  constructor(
    readonly code: 'ENOTREGULAR' | 'ETOOLARGE',
    message: string,
    /** What the path is instead of a file ("a named pipe", "a device"…), for ENOTREGULAR. */
    readonly kind?: string,
  ) {
    super(message);
  }
}

/** Opened without blocking (a named pipe with no writer would wait forever), then checked. */
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function check(stats: Stats, path: string, maxBytes: number): void {
  if (!stats.isFile()) {
    const kind = stats.isFIFO()
      ? 'a named pipe'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : stats.isSocket()
          ? 'a socket'
          : stats.isDirectory()
            ? 'a folder'
            : 'not a regular file';
    throw new UnreadableFileError('ENOTREGULAR', `${path} is ${kind}, not a file`, kind);
  }
  if (stats.size > maxBytes) throw new UnreadableFileError('ETOOLARGE', `${path} is larger than ${maxBytes} bytes`);
}

/** A regular file's bytes in chunks of 1 MB; a pipe, a device or a socket is refused before anything is read. */
export async function* streamRegularFile(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, FLAGS);
  try {
    check(await handle.stat(), path, Number.MAX_SAFE_INTEGER);
    for await (const chunk of handle.createReadStream({ highWaterMark: 1 << 20, autoClose: false })) yield chunk as Buffer;
  } finally {
    await handle.close();
  }
}

/** The whole of a regular file, refused (UnreadableFileError) when it is anything else or larger than `maxBytes`. */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const handle: FileHandle = await open(path, FLAGS);
  try {
    check(await handle.stat(), path, maxBytes);
    // Read to the end, never past the bound: the file may grow while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      chunks.push(chunk.subarray(0, bytesRead));
      if (total > maxBytes) throw new UnreadableFileError('ETOOLARGE', `${path} is larger than ${maxBytes} bytes`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** As readRegularFile, synchronously (for the user config, read before anything else runs). */
export function readRegularFileSync(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, FLAGS);
  try {
    check(fstatSync(fd), path, maxBytes);
    const buffer = Buffer.alloc(maxBytes + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new UnreadableFileError('ETOOLARGE', `${path} is larger than ${maxBytes} bytes`);
    }
    return buffer.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}
