import { describe, expect, it } from 'vitest';
import { formatDateFact, isValidTimeZone, parseIsoDate } from '../../src/evidence/dates.js';
import { dateFromFileName } from '../../src/formats/image/filename-date.js';

describe('parseIsoDate', () => {
  it('keeps a written offset', () => {
    const fact = parseIsoDate('2024-04-02T23:59:00-04:00', 'manifest', 'Europe/London')!;
    expect(new Date(fact.epochMs).toISOString()).toBe('2024-04-03T03:59:00.000Z');
    expect(fact.zone).toBe('offset');
    expect(formatDateFact(fact, undefined)).toBe('2024-04-02 23:59:00 UTC-04:00');
    expect(formatDateFact(fact, 'Europe/London')).toBe('2024-04-03 04:59:00 UTC+01:00');
  });

  it('reads a time without offset in the case zone, across DST', () => {
    const winter = parseIsoDate('2024-03-14T10:22', 'manifest', 'Europe/London')!;
    const summer = parseIsoDate('2024-07-14T10:22', 'manifest', 'Europe/London')!;
    expect(new Date(winter.epochMs).toISOString()).toBe('2024-03-14T10:22:00.000Z');
    expect(new Date(summer.epochMs).toISOString()).toBe('2024-07-14T09:22:00.000Z');
    expect(summer.zone).toBe('assumed:Europe/London');
    expect(summer.precision).toBe('minute');
    expect(formatDateFact(summer, 'Europe/London')).toBe('2024-07-14 10:22 UTC+01:00');
  });

  it('assumes UTC when the case has no zone, and says so', () => {
    const fact = parseIsoDate('2024-03-14 10:22:33', 'manifest', undefined)!;
    expect(fact.zone).toBe('assumed:UTC');
    expect(new Date(fact.epochMs).toISOString()).toBe('2024-03-14T10:22:33.000Z');
  });

  it('rejects what is not a real date', () => {
    for (const text of ['yesterday', '2024-02-30T10:00:00Z', '2024-13-01', '14/03/2024', '2024-03-14T25:00:00Z']) {
      expect(parseIsoDate(text, 'manifest', undefined), text).toBeUndefined();
    }
  });

  it('shows a date-only fact without a time', () => {
    expect(formatDateFact(parseIsoDate('2024-03-10', 'manifest', 'UTC')!, 'UTC')).toBe('2024-03-10 (date only)');
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('dateFromFileName', () => {
  const cases: [string, string | undefined, string?][] = [
    ['Screenshot_20240314-102233.png', '2024-03-14 10:22:33', 'Android screenshot'],
    ['Screenshot_20240314-102233_WhatsApp.jpg', '2024-03-14 10:22:33', 'Android screenshot'],
    ['Screenshot_2024-03-14-10-22-33-123_com.whatsapp.png', '2024-03-14 10:22:33', 'Android screenshot'],
    ['Screenshot 2024-03-14 at 10.22.33.png', '2024-03-14 10:22:33', 'macOS/iOS screenshot'],
    ['Screenshot 2024-03-14 at 10.22.33\u202fPM.png', '2024-03-14 22:22:33', 'macOS/iOS screenshot'],
    ['Screen Shot 2024-03-14 at 12.05.01 AM.png', '2024-03-14 00:05:01', 'macOS/iOS screenshot'],
    ['Screenshot 2024-03-14 102233.png', '2024-03-14 10:22:33', 'Windows screenshot'],
    ['IMG_20240314_102233.jpg', '2024-03-14 10:22:33', 'camera'],
    ['PXL_20240314_102233123.jpg', '2024-03-14 10:22:33', 'Pixel camera'],
    ['chat 2024-03-14 10-22-33.png', '2024-03-14 10:22:33', 'date and time'],
    ['IMG-20240314-WA0007.jpg', '2024-03-14', 'WhatsApp media'],
    ['approval.png', undefined],
    ['Screenshot (12).png', undefined],
  ];
  it.each(cases)('%s', (name, expected, pattern) => {
    const found = dateFromFileName(name);
    if (expected === undefined) return expect(found).toBeUndefined();
    const { year, month, day, hour, minute, second } = found!.local;
    const p = (n: number) => String(n).padStart(2, '0');
    const text = found!.precision === 'day' ? `${year}-${p(month)}-${p(day)}` : `${year}-${p(month)}-${p(day)} ${p(hour)}:${p(minute)}:${p(second)}`;
    expect(text).toBe(expected);
    expect(found!.pattern).toBe(pattern);
  });

  it('marks Pixel names as UTC and the rest as local', () => {
    expect(dateFromFileName('PXL_20240314_102233123.jpg')?.offsetMinutes).toBe(0);
    expect(dateFromFileName('Screenshot_20240314-102233.png')?.offsetMinutes).toBeUndefined();
  });
});
