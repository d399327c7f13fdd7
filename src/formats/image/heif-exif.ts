/**
 * The EXIF block of a HEIF/HEIC file, found through its boxes (ISO/IEC 14496-12 and 23008-12):
 * `meta` → `iinf` names the item of type `Exif`, `iloc` says where its bytes are, and those
 * start with a 4-byte offset to the TIFF header. exifr reads iPhone files, which give each
 * extent's whole offset, but not files whose `iloc` adds a base offset (libheif writes those),
 * so this reader is asked when exifr finds nothing. Returns the TIFF block, or undefined.
 */
export function heifExifBlock(bytes: Buffer): Buffer | undefined {
  try {
    const meta = findBox(bytes, 0, bytes.length, 'meta');
    if (!meta) return undefined;
    // meta is a full box: 4 bytes of version and flags before its children.
    const inner = { start: meta.start + 4, end: meta.end };
    const iinf = findBox(bytes, inner.start, inner.end, 'iinf');
    const iloc = findBox(bytes, inner.start, inner.end, 'iloc');
    if (!iinf || !iloc) return undefined;
    const id = exifItemId(bytes, iinf);
    if (id === undefined) return undefined;
    const extent = itemExtent(bytes, iloc, id);
    if (!extent || extent.offset + extent.length > bytes.length || extent.length < 8) return undefined;
    const block = bytes.subarray(extent.offset, extent.offset + extent.length);
    const tiff = 4 + block.readUInt32BE(0);
    if (tiff >= block.length) return undefined;
    const header = block.subarray(tiff, tiff + 4).toString('latin1');
    return header === 'II*\0' || header === 'MM\0*' ? block.subarray(tiff) : undefined;
  } catch {
    return undefined;
  }
}

interface Box {
  readonly start: number;
  readonly end: number;
}

/** The content of the first box of this type between start and end. */
function findBox(bytes: Buffer, start: number, end: number, type: string): Box | undefined {
  for (let at = start; at + 8 <= end; ) {
    let size = bytes.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      size = Number(bytes.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) return undefined;
    if (bytes.toString('latin1', at + 4, at + 8) === type) return { start: at + header, end: at + size };
    at += size;
  }
  return undefined;
}

/** The id of the item whose type is `Exif`, from the iinf box's infe entries (version 2 or 3). */
function exifItemId(bytes: Buffer, iinf: Box): number | undefined {
  const version = bytes[iinf.start]!;
  let at = iinf.start + 4 + (version === 0 ? 2 : 4);
  while (at + 8 <= iinf.end) {
    const size = bytes.readUInt32BE(at);
    if (size < 8 || bytes.toString('latin1', at + 4, at + 8) !== 'infe') return undefined;
    const v = bytes[at + 8]!;
    if (v >= 2) {
      const idSize = v === 3 ? 4 : 2;
      const id = idSize === 4 ? bytes.readUInt32BE(at + 12) : bytes.readUInt16BE(at + 12);
      const type = bytes.toString('latin1', at + 12 + idSize + 2, at + 12 + idSize + 6);
      if (type === 'Exif') return id;
    }
    at += size;
  }
  return undefined;
}

/** Where an item's first extent is, with the base offset added (iloc versions 0 to 2). */
function itemExtent(bytes: Buffer, iloc: Box, wanted: number): { offset: number; length: number } | undefined {
  const version = bytes[iloc.start]!;
  let at = iloc.start + 4;
  const offsetSize = bytes[at]! >> 4;
  const lengthSize = bytes[at]! & 15;
  const baseSize = bytes[at + 1]! >> 4;
  const indexSize = version >= 1 ? bytes[at + 1]! & 15 : 0;
  at += 2;
  const uint = (size: number) => {
    const value =
      size === 0 ? 0 : size === 4 ? bytes.readUInt32BE(at) : size === 8 ? Number(bytes.readBigUInt64BE(at)) : size === 2 ? bytes.readUInt16BE(at) : Number.NaN;
    at += size;
    return value;
  };
  const count = uint(version === 2 ? 4 : 2);
  for (let i = 0; i < count && at < iloc.end; i++) {
    const id = uint(version === 2 ? 4 : 2);
    const method = version >= 1 ? uint(2) & 15 : 0;
    uint(2); // data reference index
    const base = uint(baseSize);
    const extents = uint(2);
    let first: { offset: number; length: number } | undefined;
    for (let e = 0; e < extents; e++) {
      uint(indexSize);
      const offset = uint(offsetSize);
      const length = uint(lengthSize);
      first ??= { offset: base + offset, length };
    }
    // Construction method 0: the bytes are in the file, at the offset given.
    if (id === wanted) return method === 0 ? first : undefined;
  }
  return undefined;
}
