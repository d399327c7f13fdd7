import { dateFactFromLocal, type LocalDateTime } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';

/**
 * Exports that write a message's time in the user's language, with no zone (Facebook and
 * Instagram downloads; DiscordChatExporter in a locale other than the usual ones): "Jan 05, 2023 10:22:31 am", "5 janv. 2023, 10:22", "05.01.2023, 10:22",
 * "2023年1月5日 22:22". Month names are learnt from the platform's own locale data (Intl)
 * for the languages below; a name two languages give different months is not used.
 */
const LOCALES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'pl', 'tr', 'sv', 'da', 'nb', 'fi', 'cs', 'ro', 'hu', 'id', 'ms', 'ru', 'uk', 'el', 'vi', 'ca'];

let monthNames: Map<string, number> | undefined;

function months(): Map<string, number> {
  if (monthNames) return monthNames;
  const found = new Map<string, Set<number>>();
  for (const locale of LOCALES) {
    for (let m = 1; m <= 12; m++) {
      const date = new Date(Date.UTC(2021, m - 1, 15));
      const forms = [
        ...(['long', 'short'] as const).map((month) => new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' }).format(date)),
        ...(['long', 'short'] as const).map(
          (month) =>
            new Intl.DateTimeFormat(locale, { month, day: 'numeric', timeZone: 'UTC' }).formatToParts(date).find((p) => p.type === 'month')?.value ?? '',
        ),
      ];
      for (const form of forms) {
        const key = normalizeWord(form);
        if (key.length < 3 || /\d/.test(key)) continue;
        if (!found.has(key)) found.set(key, new Set());
        found.get(key)!.add(m);
      }
    }
  }
  monthNames = new Map([...found].filter(([, set]) => set.size === 1).map(([key, set]) => [key, [...set][0]!]));
  return monthNames;
}

function normalizeWord(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(/\./g, '').trim();
}

/** A clock time with its day-half marker before (午後, PM) or after it (pm, μ.μ.). */
const TIME = /(?:(?<!\p{L})(午前|午後|오전|오후|[AP]M)\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap]\.?\s?m\.?|[πμ]\.\s?μ\.)(?![a-z]))?/iu;
/** Danish, Finnish, Indonesian write "16.07" (after "kl.", "klo", "pukul"), last in the text. */
const DOTTED_TIME = /\s(\d{1,2})\.(\d{2})(?:\.(\d{2}))?\s*$/;

function findTime(text: string): { index: number; length: number; hour: number; minute: number; second?: number; pm?: boolean } | undefined {
  const m = TIME.exec(text) ?? DOTTED_TIME.exec(text);
  if (!m) return undefined;
  const colon = m.length > 4;
  const [before, h, mi, s, after] = colon ? [m[1], m[2], m[3], m[4], m[5]] : [undefined, m[1], m[2], m[3], undefined];
  const marker = after ?? before;
  const pm = marker ? /^(?:p|午後|오후|μ)/i.test(marker) : undefined;
  return {
    index: m.index,
    length: m[0].length,
    hour: Number(h),
    minute: Number(mi),
    ...(s !== undefined ? { second: Number(s) } : {}),
    ...(pm !== undefined ? { pm } : {}),
  };
}

export interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
  /** Day and month were both numbers (the order is then the file's). */
  numeric?: [number, number];
}

/** The pieces of one time as written; undefined when it holds no time or no month. */
export function splitLocalDate(text: string): Parts | undefined {
  const time = findTime(text);
  if (!time) return undefined;
  const hour = time.pm === undefined ? time.hour : (time.hour % 12) + (time.pm ? 12 : 0);
  const datePart = text.slice(0, time.index) + ' ' + text.slice(time.index + time.length);
  const base = { hour, minute: time.minute, ...(time.second !== undefined ? { second: time.second } : {}) };
  const east = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})/.exec(datePart);
  if (east) return { ...base, year: Number(east[1]), month: Number(east[2]), day: Number(east[3]) };
  const numbers = [...datePart.matchAll(/\d+/g)].map((m) => m[0]);
  const word = [...datePart.matchAll(/\p{L}[\p{L}.]*/gu)].map((m) => months().get(normalizeWord(m[0]))).find((m) => m !== undefined);
  if (word !== undefined) {
    const year = numbers.find((n) => n.length === 4);
    const day = numbers.find((n) => n.length <= 2);
    return year && day ? { ...base, year: Number(year), month: word, day: Number(day) } : undefined;
  }
  if (numbers.length !== 3) return undefined;
  if (numbers[0]!.length === 4) return { ...base, year: Number(numbers[0]), month: Number(numbers[1]), day: Number(numbers[2]) };
  const year = Number(numbers[2]) < 100 ? 2000 + Number(numbers[2]) : Number(numbers[2]);
  return { ...base, year, month: 0, day: 0, numeric: [Number(numbers[0]), Number(numbers[1])] };
}

/** What the numeric dates of a file say of their day/month order, learnt one time at a time (nothing kept but the largest of each). */
export class DateOrderTally {
  first = 0;
  second = 0;
  sample: string | undefined;

  add(parts: Parts | undefined, text: string): void {
    if (!parts?.numeric) return;
    this.first = Math.max(this.first, parts.numeric[0]);
    this.second = Math.max(this.second, parts.numeric[1]);
    this.sample ??= text;
  }
}

/** Reads one file's times: numeric day/month order from `dateOrder`, else learnt from all of them. */
export class LocalDateReader {
  readonly order: 'dmy' | 'mdy' | undefined;
  readonly ambiguousSample: string | undefined;

  constructor(texts: readonly string[] | DateOrderTally, forced: 'dmy' | 'mdy' | 'ymd' | undefined) {
    let tally = texts instanceof DateOrderTally ? texts : undefined;
    if (!tally) {
      tally = new DateOrderTally();
      for (const t of texts as readonly string[]) tally.add(splitLocalDate(t), t);
    }
    const { first: a, second: b, sample } = tally;
    this.order = forced === 'dmy' || forced === 'mdy' ? forced : a > 12 ? 'dmy' : b > 12 ? 'mdy' : undefined;
    this.ambiguousSample = this.order === undefined ? sample : undefined;
  }

  /** The wall-clock time written, its numeric day/month order resolved. */
  local(text: string): { local: LocalDateTime; precision: 'minute' | 'second' } | undefined {
    const p = splitLocalDate(text);
    return p && this.localOf(p);
  }

  /** The same, from the time's pieces already split. */
  localOf(p: Parts): { local: LocalDateTime; precision: 'minute' | 'second' } {
    let { month, day } = p;
    if (p.numeric) [day, month] = (this.order ?? 'dmy') === 'dmy' ? p.numeric : [p.numeric[1], p.numeric[0]];
    return {
      local: { year: p.year, month, day, hour: p.hour, minute: p.minute, second: p.second ?? 0 },
      precision: p.second === undefined ? 'minute' : 'second',
    };
  }

  read(text: string, zone: string | undefined): DateFact | undefined {
    const l = this.local(text);
    return l && dateFactFromLocal(l.local, { text: text.trim(), source: 'export', precision: l.precision, ...(zone ? { zone } : {}) });
  }
}
