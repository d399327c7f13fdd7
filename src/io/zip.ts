import type * as Yauzl from 'yauzl';
import { yauzl } from './cjs.js';

/** Zip archives (WhatsApp "Export chat" with media, Slack workspace exports), read lazily. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly size: number;
}

export class ZipReadError extends Error {}

/** A zip that would unpack to more than the limits allow (a zip bomb, or an export too large to read). */
export class ZipTooLargeError extends ZipReadError {
  constructor(
    message: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(message);
  }
}

export interface ZipArchive {
  readonly entries: readonly ZipEntryInfo[];
  /** Entries that are not plain files (symbolic links, devices): never read, reported by the adapter. */
  readonly skipped: readonly { readonly name: string; readonly kind: string }[];
  /** The entry's bytes as a stream (inflated as read). */
  stream(name: string): AsyncIterable<Buffer>;
  /** The entry whole; refused above `maxBytes`. */
  read(name: string, maxBytes?: number): Promise<Buffer>;
  close(): void;
}

/** Decompressed data an entry may claim before it is treated as a zip bomb. */
const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;
/** What all entries together may unpack to. */
export const MAX_ZIP_UNPACKED = 2 * 1024 * 1024 * 1024;
/**
 * How many times larger than it is stored an entry may unpack (above ZIP_RATIO_FROM bytes):
 * chat text packs 5–20 times, media not at all; a zip bomb packs a thousand times and more.
 */
export const MAX_ZIP_RATIO = 200;
const ZIP_RATIO_FROM = 16 * 1024 * 1024;

/** What a zip entry is, from the Unix mode in its external attributes: a file, a link, a device… */
function entryKind(entry: Yauzl.Entry): string {
  const made = entry.versionMadeBy >> 8;
  // Only Unix-made entries (3) and macOS (19) carry a mode; the rest are files or folders.
  if (made !== 3 && made !== 19) return 'file';
  const type = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (type === 0 || type === 0o100000 || type === 0o040000) return 'file';
  return type === 0o120000 ? 'symbolic link' : 'special file';
}

/** Refuses a zip whose entries would unpack beyond the limits, before any is inflated. */
function checkExpansion(entries: readonly Yauzl.Entry[]): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > ZIP_RATIO_FROM && ratio > MAX_ZIP_RATIO) {
      throw new ZipTooLargeError(
        `entry "${e.fileName}" unpacks ${Math.round(ratio)} times larger than it is stored (${e.uncompressedSize} bytes from ${e.compressedSize}): a zip bomb, not an export`,
        e.uncompressedSize,
        e.compressedSize * MAX_ZIP_RATIO,
      );
    }
    if (e.uncompressedSize > MAX_ENTRY_BYTES)
      throw new ZipTooLargeError(`entry "${e.fileName}" unpacks to ${e.uncompressedSize} bytes`, e.uncompressedSize, MAX_ENTRY_BYTES);
  }
  if (total > MAX_ZIP_UNPACKED) throw new ZipTooLargeError(`its ${entries.length} entries unpack to ${total} bytes`, total, MAX_ZIP_UNPACKED);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of central directory/i.test(message)) return 'truncated or not a zip archive (its directory at the end is missing)';
  if (/invalid (?:local file header|central directory)|unexpected EOF|too short|premature/i.test(message)) return `damaged zip archive (${message})`;
  return message;
}

/** Opens a zip from memory, or from its path when it is too large to hold (bounded memory). */
export async function openZip(source: Buffer | string): Promise<ZipArchive> {
  let zip: Yauzl.ZipFile;
  try {
    const options = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false };
    zip = typeof source === 'string' ? await yauzl().openPromise(source, options) : await yauzl().fromBufferPromise(source, options);
  } catch (error) {
    throw new ZipReadError(describe(error));
  }
  const byName = new Map<string, Yauzl.Entry>();
  const skipped: { name: string; kind: string }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Yauzl.Entry) => {
      const kind = entryKind(entry);
      if (kind !== 'file') skipped.push({ name: entry.fileName, kind });
      else if (!entry.fileName.endsWith('/')) byName.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: unknown) => reject(new ZipReadError(describe(error))));
    zip.readEntry();
  });
  try {
    checkExpansion([...byName.values()]);
  } catch (error) {
    zip.close();
    throw error;
  }
  const entryFor = (name: string): Yauzl.Entry => {
    const entry = byName.get(name);
    if (!entry) throw new ZipReadError(`no entry "${name}" in the archive`);
    if (entry.uncompressedSize > MAX_ENTRY_BYTES) throw new ZipReadError(`entry "${name}" claims ${entry.uncompressedSize} bytes unpacked`);
    return entry;
  };
  async function* stream(name: string): AsyncGenerator<Buffer> {
    let readable;
    try {
      readable = await zip.openReadStreamPromise(entryFor(name));
    } catch (error) {
      throw new ZipReadError(describe(error));
    }
    try {
      for await (const chunk of readable) yield chunk as Buffer;
    } catch (error) {
      throw new ZipReadError(`entry "${name}": ${describe(error)}`);
    }
  }
  return {
    entries: [...byName.values()].map((e) => ({ name: e.fileName, size: e.uncompressedSize })),
    skipped,
    stream,
    async read(name, maxBytes = MAX_ENTRY_BYTES) {
      const entry = entryFor(name);
      if (entry.uncompressedSize > maxBytes) throw new ZipReadError(`entry "${name}" is ${entry.uncompressedSize} bytes, over ${maxBytes}`);
      const parts: Buffer[] = [];
      for await (const chunk of stream(name)) parts.push(chunk);
      return Buffer.concat(parts);
    },
    close: () => zip.close(),
  };
}

/** Local file header signature: every zip starts with it (an empty zip with the end record). */
export function looksLikeZip(sample: Buffer): boolean {
  return sample.length >= 4 && sample[0] === 0x50 && sample[1] === 0x4b && (sample[2] === 3 || sample[2] === 5) && (sample[3] === 4 || sample[3] === 6);
}

/** Names in the first bytes of a zip (each local header carries one), for detection. */
export function zipNamesInSample(sample: Buffer): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= sample.length && names.length < 64) {
    if (sample.readUInt32LE(at) !== 0x04034b50) break;
    const flags = sample.readUInt16LE(at + 6);
    const compressed = sample.readUInt32LE(at + 18);
    const nameLength = sample.readUInt16LE(at + 26);
    const extraLength = sample.readUInt16LE(at + 28);
    names.push(sample.toString('utf8', at + 30, Math.min(sample.length, at + 30 + nameLength)));
    // With a data descriptor (bit 3) the size is not known here: stop after this name.
    if (flags & 8) break;
    at += 30 + nameLength + extraLength + compressed;
  }
  return names;
}
