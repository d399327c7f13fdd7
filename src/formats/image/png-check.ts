import { crc32 } from 'node:zlib';

/**
 * Damage in a PNG that decoders pass over: a chunk whose CRC does not match its bytes, or
 * bytes missing after the last chunk read. libvips and browsers show such a file, so it
 * would go into the packet without a word; evidence whose bytes changed after they were
 * written should be said to be damaged. Returns what is wrong, or undefined.
 */
export function pngDamage(bytes: Buffer): string | undefined {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > bytes.length) return `its ${type} chunk at byte ${at} is cut short (${length} bytes announced, ${bytes.length - at - 12} there)`;
    const stored = bytes.readUInt32BE(at + 8 + length);
    const actual = crc32(bytes.subarray(at + 4, at + 8 + length));
    if (stored !== actual) return `its ${type} chunk at byte ${at} fails its checksum (CRC): the bytes were changed or damaged after the image was written`;
    if (type === 'IEND') return undefined;
    at += 12 + length;
  }
  return 'it ends before its IEND chunk: the file is cut short';
}
