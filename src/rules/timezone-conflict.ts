import { offsetMinutesAt } from '../evidence/dates.js';
import type { CaseInfo, DateFact, Exhibit, Finding } from '../evidence/model.js';
import { makeFinding } from './codes.js';
import { keyLocation, type ManifestPlace } from './manifest-place.js';

/**
 * The dates a file carries with the UTC offset of the user's own side: messages not from the
 * client (the merchant's email headers; a client abroad writes in their own zone) and a
 * camera's EXIF. PDF metadata is often written in UTC, so it is not counted.
 */
function offsetDates(exhibit: Exhibit): DateFact[] {
  const dates =
    exhibit.kind === 'chat'
      ? exhibit.messages.filter((m) => !m.isClient && !m.system).map((m) => m.date)
      : exhibit.date.source === 'exif'
        ? [exhibit.date]
        : [];
  return dates.filter((d) => d.zone === 'offset' && d.offsetMinutes !== undefined && (d.source === 'export' || d.source === 'exif'));
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The case's zone places the times written without an offset (WhatsApp, file names). When the
 * files that do carry offsets never agree with it (an .eml's +02:00 against America/New_York),
 * the zone is likely wrong, and every time it places is off by hours: said once, with what the
 * files carry. Only when some date relies on the zone.
 */
export function checkTimezoneConflict(info: CaseInfo, exhibits: readonly Exhibit[], place: ManifestPlace | undefined): Finding[] {
  const zone = info.timezone?.value;
  if (!zone) return [];
  if (!exhibits.some((e) => e.date.zone === `assumed:${zone}`)) return [];
  const carried = exhibits.flatMap((e) => offsetDates(e).map((date) => ({ file: e.file, date })));
  if (carried.length === 0) return [];
  if (carried.some(({ date }) => date.offsetMinutes === offsetMinutesAt(date.epochMs, zone))) return [];
  const seen = [...new Set(carried.map(({ date }) => formatOffset(date.offsetMinutes!)))];
  const example = carried[0]!;
  const location = place && info.timezone?.source === place.file ? keyLocation(place, ['timezone']) : {};
  return [
    makeFinding('CASE_TIMEZONE_CONFLICT', location, {
      zone,
      zoneOffset: formatOffset(offsetMinutesAt(example.date.epochMs, zone)),
      offsets: seen.slice(0, 3).join(', '),
      example: example.file,
    }),
  ];
}
