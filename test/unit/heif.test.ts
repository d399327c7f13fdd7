import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExifDate } from '../../src/formats/image/exif-date.js';
import { heifExifBlock } from '../../src/formats/image/heif-exif.js';
import { decodeHeif, HeifTooLargeError, isHeif } from '../../src/imaging/heif.js';
import { sniffImageFormat } from '../../src/imaging/read-image.js';
import { FIXTURES } from '../helpers/paths.js';

const IPHONE_LIKE = join(FIXTURES, 'cases', 'attachments', 'IMG_0042.HEIC');
const LIBHEIF = join(FIXTURES, 'images', 'libheif-base-offset.heic');

describe('HEIC photos', () => {
  it('knows HEIC by its ftyp brands, and AVIF (which sharp reads) is not taken for it', async () => {
    const heic = await readFile(IPHONE_LIKE);
    expect(isHeif(heic)).toBe(true);
    expect(sniffImageFormat(heic)).toBe('heif');
    const avif = Buffer.from(heic);
    avif.write('avif', 8, 'latin1');
    avif.write('avif', 16, 'latin1');
    expect(isHeif(avif)).toBe(false);
  });

  it('reads the EXIF date both as iPhones place it and as libheif does (a base offset exifr does not follow)', async () => {
    for (const file of [IPHONE_LIKE, LIBHEIF]) {
      expect(await readExifDate(await readFile(file))).toMatchObject({
        tag: 'DateTimeOriginal',
        offsetMinutes: 0,
        local: { year: 2024, month: 3, day: 13, hour: 16, minute: 42, second: 10 },
      });
    }
    // The iPhone layout needs no help; the libheif one does.
    expect(
      heifExifBlock(await readFile(LIBHEIF))
        ?.subarray(0, 4)
        .toString('latin1'),
    ).toBe('II*\0');
  });

  it('decodes to upright pixels, and refuses from the header an image over the pixel limit', async () => {
    const png = await decodeHeif(await readFile(IPHONE_LIKE), 100_000_000);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    await expect(decodeHeif(await readFile(IPHONE_LIKE), 1_000_000)).rejects.toBeInstanceOf(HeifTooLargeError);
  });
});
