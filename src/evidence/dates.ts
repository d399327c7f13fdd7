import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { DateFact, DateSource, ZoneKnowledge } from './model.js';

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** A wall-clock time in `zone` as an instant; nonexistent DST-gap times move forward. */
export function localToEpochMs(local: LocalDateTime, zone: string): number {
  return new TZDate(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, zone).getTime();
}

const hourCache = new Map<string, number>();

/**
 * localToEpochMs for long exports: the instant of each local hour is computed once per zone
 * (a time-zone conversion costs ~25 µs; a 50 000-message chat would spend a second on them).
 * Zones change offset on the hour, except for the 30-minute shift of Lord Howe Island.
 */
export function localToEpochMsFast(local: LocalDateTime, zone: string): number {
  const key = `${zone}|${local.year}|${local.month}|${local.day}|${local.hour}`;
  let hourStart = hourCache.get(key);
  if (hourStart === undefined) {
    if (hourCache.size > 100_000) hourCache.clear();
    hourStart = localToEpochMs({ ...local, minute: 0, second: 0 }, zone);
    hourCache.set(key, hourStart);
  }
  return hourStart + local.minute * 60_000 + local.second * 1000;
}

export function offsetMinutesAt(epochMs: number, zone: string): number {
  return -new TZDate(epochMs, zone).getTimezoneOffset();
}

export function isRealDate(l: LocalDateTime): boolean {
  if (l.month < 1 || l.month > 12 || l.day < 1 || l.hour > 23 || l.minute > 59 || l.second > 60) return false;
  const probe = new Date(Date.UTC(l.year, l.month - 1, l.day));
  return probe.getUTCMonth() === l.month - 1 && probe.getUTCDate() === l.day && l.year >= 1970 && l.year < 2200;
}

/**
 * Makes a DateFact from a local time whose offset is known (`offsetMinutes`) or must be
 * assumed from the case's zone (UTC when the case has none; check warns about that).
 */
export function dateFactFromLocal(
  local: LocalDateTime,
  options: {
    text: string;
    source: DateSource;
    offsetMinutes?: number;
    zone?: string;
    precision?: DateFact['precision'];
  },
): DateFact | undefined {
  if (!isRealDate(local)) return undefined;
  const precision = options.precision ?? 'second';
  if (options.offsetMinutes !== undefined) {
    const utc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
    return {
      epochMs: utc - options.offsetMinutes * 60_000,
      text: options.text,
      source: options.source,
      zone: 'offset',
      offsetMinutes: options.offsetMinutes,
      precision,
    };
  }
  const zone = options.zone ?? 'UTC';
  const zoneKnowledge: ZoneKnowledge = `assumed:${zone}`;
  return {
    epochMs: localToEpochMsFast(local, zone),
    text: options.text,
    source: options.source,
    zone: zoneKnowledge,
    precision,
  };
}

export function dateFactFromEpoch(epochMs: number, text: string, source: DateSource): DateFact {
  return { epochMs, text, source, zone: 'epoch', offsetMinutes: 0, precision: 'second' };
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses ISO 8601 as people write it in case.yaml and exports write it: with or without seconds, fraction and offset. */
export function parseIsoDate(text: string, source: DateSource, zone: string | undefined): DateFact | undefined {
  const m = ISO_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, off] = m;
  const local: LocalDateTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
  };
  const precision: DateFact['precision'] = h === undefined ? 'day' : s === undefined ? 'minute' : 'second';
  const offsetMinutes = off === undefined ? undefined : parseOffset(off);
  const fact = dateFactFromLocal(local, {
    text,
    source,
    precision,
    ...(offsetMinutes === undefined ? { zone } : { offsetMinutes }),
  });
  // Milliseconds (exports write them) keep messages sent within one second in order.
  return fact && fraction ? { ...fact, epochMs: fact.epochMs + Math.round(Number(fraction) * 1000) } : fact;
}

/** `Z`, `+01:00`, `+0100`, `-04:00` → minutes east of UTC. */
export function parseOffset(text: string): number {
  if (text === 'Z' || text === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) return Number.NaN;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The time as a reviewer reads it: in the case's zone when there is one, otherwise at the
 * offset the source gave, always with its UTC offset, e.g. `2024-03-14 10:22:33 UTC+00:00`.
 */
export function formatDateFact(fact: DateFact, displayZone: string | undefined): string {
  let offset: number;
  if (displayZone) offset = offsetMinutesAt(fact.epochMs, displayZone);
  else if (fact.offsetMinutes !== undefined) offset = fact.offsetMinutes;
  else if (fact.zone.startsWith('assumed:')) offset = offsetMinutesAt(fact.epochMs, fact.zone.slice('assumed:'.length));
  else offset = 0;
  const wall = new Date(fact.epochMs + offset * 60_000);
  const pattern = fact.precision === 'day' ? 'yyyy-MM-dd' : fact.precision === 'minute' ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd HH:mm:ss';
  // `wall` holds the local wall time in its UTC fields; format it as UTC.
  const shown = format(new TZDate(wall.getTime(), 'UTC'), pattern);
  return fact.precision === 'day' ? `${shown} (date only)` : `${shown} ${formatOffset(offset)}`;
}

export function isoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}
