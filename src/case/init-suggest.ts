import { parse, isValid, format } from 'date-fns';
import { nearest, timeZoneNames } from '../evidence/suggest.js';

/** "$1,850.00", "USD 1 850", "1850 €" → "1850.00": the number alone, as case.yaml takes it. */
export function suggestAmount(written: string): string | undefined {
  const digits = written.replace(/[^\d.,]/g, '');
  if (!/\d/.test(digits)) return undefined;
  // A comma before the last two digits is a decimal comma (1.850,00); otherwise commas group thousands.
  const normal = /,\d{2}$/.test(digits) ? digits.replace(/\./g, '').replace(',', '.') : digits.replace(/,/g, '');
  return /^\d+(\.\d{1,2})?$/.test(normal) ? normal : undefined;
}

/** "Berlin", "new york" → "Europe/Berlin", "America/New_York": the zone named by its city, else the nearest name. */
export function suggestZone(written: string): string | undefined {
  const city = written.trim().toLowerCase().replace(/\s+/g, '_');
  const zones = timeZoneNames();
  return zones.find((z) => z.toLowerCase().split('/').at(-1) === city) ?? nearest(written.trim(), zones);
}

const DATE_FORMATS = [
  'd MMM yyyy HH:mm',
  'd MMMM yyyy HH:mm',
  'd MMM yyyy',
  'd MMMM yyyy',
  'MMM d, yyyy HH:mm',
  'MMMM d, yyyy HH:mm',
  'MMM d, yyyy',
  'MMMM d, yyyy',
  'd MMM yyyy, HH:mm',
  'yyyy-MM-dd HH:mm:ss',
];

/** "5 Oct 2026 10:31" → "2026-10-05 10:31": a date written in words, as case.yaml takes it. */
export function suggestDate(written: string): string | undefined {
  const text = written.trim().replace(/\s+/g, ' ');
  for (const pattern of DATE_FORMATS) {
    const date = parse(text, pattern, new Date(2000, 0, 1));
    if (isValid(date)) return format(date, pattern.includes('HH') ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd');
  }
  return undefined;
}
