import { offsetMinutesAt } from '../../evidence/dates.js';

/** A zone's standard offset in a year: the smaller of its January and July offsets. */
export function standardOffset(zone: string, year: number): number {
  return Math.min(offsetMinutesAt(Date.UTC(year, 0, 15), zone), offsetMinutesAt(Date.UTC(year, 6, 15), zone));
}

/**
 * Whether a time tdesktop wrote with its computer's standard offset may be an hour off: the
 * case's zone does not have that standard offset (so the written offset is read as it is), and
 * some zone with that standard offset is in daylight-saving time on that day. Returns the zones
 * that could have exported it (for the hint), or undefined when the time is read right.
 */
export function daylightZonesFor(epochMs: number, writtenOffset: number, caseZone: string | undefined, memo: Map<string, string[]>): string[] | undefined {
  const year = new Date(epochMs).getUTCFullYear();
  if (caseZone && standardOffset(caseZone, year) === writtenOffset) return undefined;
  // Noon UTC of the day: transitions happen at night, and one check per day keeps a long chat cheap.
  const noon = Math.floor(epochMs / 86_400_000) * 86_400_000 + 43_200_000;
  const key = `${writtenOffset}@${noon}`;
  let zones = memo.get(key);
  if (!zones) {
    zones = zonesWithDaylightTime(writtenOffset, year).filter((z) => offsetMinutesAt(noon, z) !== writtenOffset);
    memo.set(key, zones);
  }
  return zones.length > 0 ? zones : undefined;
}

const byStandard = new Map<string, string[]>();

/** The zones whose standard offset is `offset` and that change their clocks in `year`. */
function zonesWithDaylightTime(offset: number, year: number): string[] {
  const key = `${offset}@${year}`;
  let zones = byStandard.get(key);
  if (!zones) {
    zones = Intl.supportedValuesOf('timeZone').filter((z) => {
      const january = offsetMinutesAt(Date.UTC(year, 0, 15), z);
      const july = offsetMinutesAt(Date.UTC(year, 6, 15), z);
      return january !== july && Math.min(january, july) === offset;
    });
    byStandard.set(key, zones);
  }
  return zones;
}

/** The offset tdesktop wrote in a title (`… UTC+01:00`), in minutes; undefined when it wrote none. */
export function writtenTitleOffset(title: string): number | undefined {
  const m = /UTC([+-])(\d{2}):?(\d{2})$/.exec(title.trim());
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
}
