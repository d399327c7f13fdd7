import type { LocalDateTime } from '../../evidence/dates.js';

export interface FileNameDate {
  readonly local: LocalDateTime;
  readonly precision: 'second' | 'minute' | 'day';
  /** The pattern that matched, for `check` ("macOS screenshot name"). */
  readonly pattern: string;
  /** Some cameras name files in UTC (Google Pixel's PXL_…); the rest are local time. */
  readonly offsetMinutes?: number;
}

interface NamePattern {
  readonly name: string;
  readonly regex: RegExp;
  readonly utc?: boolean;
}

// Spaces before AM/PM may be U+0020, U+00A0 or U+202F (macOS 13+ writes U+202F).
const SP = '[ \\u00a0\\u202f]';
const AMPM = `(?:${SP}?([AaPp])\\.?${SP}?[Mm]\\.?)?`;

const PATTERNS: readonly NamePattern[] = [
  // macOS: "Screenshot 2024-03-14 at 10.22.33.png", "Screen Shot 2024-03-14 at 10.22.33 AM.png";
  // iOS screenshots shared to a Mac or via AirDrop carry the same name.
  {
    name: 'macOS/iOS screenshot',
    regex: new RegExp(`Scre(?:en${SP}?[Ss]hot|enshot)${SP}(\\d{4})-(\\d{2})-(\\d{2})${SP}at${SP}(\\d{1,2})[.:](\\d{2})[.:](\\d{2})${AMPM}`),
  },
  // Android: "Screenshot_20240314-102233.png", "Screenshot_20240314-102233_WhatsApp.jpg".
  { name: 'Android screenshot', regex: /Screenshot_(\d{4})(\d{2})(\d{2})[-_](\d{2})(\d{2})(\d{2})/ },
  // Older Android and Samsung: "Screenshot_2024-03-14-10-22-33(-123)_com.whatsapp.png".
  { name: 'Android screenshot', regex: /Screenshot_(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})/ },
  // Windows 11 Snipping Tool: "Screenshot 2024-03-14 102233.png".
  { name: 'Windows screenshot', regex: new RegExp(`Screenshot${SP}(\\d{4})-(\\d{2})-(\\d{2})${SP}(\\d{2})(\\d{2})(\\d{2})`) },
  // Google Pixel camera: "PXL_20240314_102233123.jpg" — the time is UTC.
  { name: 'Pixel camera', regex: /PXL_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})\d{0,3}/, utc: true },
  // Android camera and many apps: "IMG_20240314_102233.jpg", "VID_…", "20240314_102233.jpg".
  { name: 'camera', regex: /(?:^|[^\d])(\d{4})(\d{2})(\d{2})[_-](\d{2})(\d{2})(\d{2})(?!\d)/ },
  // Generic ISO-like stamps: "chat 2024-03-14 10-22-33.png", "2024-03-14T10:22:33", "2024-03-14_10.22.33".
  { name: 'date and time', regex: new RegExp(`(\\d{4})-(\\d{2})-(\\d{2})(?:T|_|${SP}|-)(\\d{2})[.:\\-h](\\d{2})[.:\\-m](\\d{2})${AMPM}`) },
];

const DATE_ONLY: readonly NamePattern[] = [
  // WhatsApp media: "IMG-20240314-WA0001.jpg".
  { name: 'WhatsApp media', regex: /(?:IMG|VID|PTT|AUD|DOC|STK)-(\d{4})(\d{2})(\d{2})-WA\d+/ },
  { name: 'date', regex: /(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})(?![\d])/ },
];

/** The date and time a screenshot or camera file name carries, if any. */
export function dateFromFileName(fileName: string): FileNameDate | undefined {
  const base = fileName.normalize('NFC');
  for (const pattern of PATTERNS) {
    const m = pattern.regex.exec(base);
    if (!m) continue;
    let hour = Number(m[4]);
    const meridiem = m[7]?.toLowerCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) continue;
      hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
    }
    const local = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour, minute: Number(m[5]), second: Number(m[6]) };
    return { local, precision: 'second', pattern: pattern.name, ...(pattern.utc ? { offsetMinutes: 0 } : {}) };
  }
  for (const pattern of DATE_ONLY) {
    const m = pattern.regex.exec(base);
    if (!m) continue;
    const local = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 12, minute: 0, second: 0 };
    return { local, precision: 'day', pattern: pattern.name };
  }
  return undefined;
}
