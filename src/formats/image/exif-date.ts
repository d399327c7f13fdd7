import { exifr } from '../../io/cjs.js';
import type { LocalDateTime } from '../../evidence/dates.js';
import { parseOffset } from '../../evidence/dates.js';
import { heifExifBlock } from './heif-exif.js';

export interface ExifDate {
  readonly local: LocalDateTime;
  readonly text: string;
  readonly tag: string;
  readonly offsetMinutes?: number;
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

/**
 * EXIF DateTimeOriginal (falling back to CreateDate), with OffsetTimeOriginal when the
 * camera wrote one. Values are read raw: exifr would otherwise read them in the zone of
 * the machine running the tool, and the same case would date differently on two machines.
 */
export async function readExifDate(bytes: Buffer): Promise<ExifDate | undefined> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr().parse(bytes, {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'CreateDate', 'OffsetTimeDigitized'],
      reviveValues: false,
      translateValues: false,
    });
  } catch {
    tags = undefined;
  }
  // A HEIC whose item offsets exifr does not follow: its EXIF block is found here and read alone.
  const dated = tags && (typeof tags.DateTimeOriginal === 'string' || typeof tags.CreateDate === 'string');
  const heif = dated ? undefined : heifExifBlock(bytes);
  if (heif)
    tags = await exifr()
      .parse(heif, { pick: ['DateTimeOriginal', 'OffsetTimeOriginal', 'CreateDate', 'OffsetTimeDigitized'], reviveValues: false, translateValues: false })
      .catch(() => undefined);
  if (!tags) return undefined;
  for (const [tag, offsetTag] of [
    ['DateTimeOriginal', 'OffsetTimeOriginal'],
    ['CreateDate', 'OffsetTimeDigitized'],
  ] as const) {
    const value = tags[tag];
    if (typeof value !== 'string') continue;
    const m = EXIF_DATE.exec(value.trim());
    if (!m) continue;
    const offsetText = tags[offsetTag];
    const offset = typeof offsetText === 'string' ? parseOffset(offsetText.trim()) : Number.NaN;
    const local = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]) };
    const text = typeof offsetText === 'string' ? `${value.trim()} ${offsetText.trim()}` : value.trim();
    return { local, text, tag, ...(Number.isFinite(offset) ? { offsetMinutes: offset } : {}) };
  }
  return undefined;
}
