/**
 * The words a date printed by ICU (as Google's servers print Takeout's `created_date`) can hold,
 * taken from ICU itself through Intl rather than typed in: month names in every form a full
 * date uses (standalone, abbreviated, and the genitive that follows a day number: "marca",
 * "марта", "במרץ") and the day-period markers (AM, 午後, μ.μ., م…) with the half of the day
 * each stands for. Each language's words are built the first time they are needed.
 */

/** The languages Google offers for its account, as ICU names them. */
const LOCALES = [
  'en-US',
  'en-GB',
  'en-AU',
  'en-CA',
  'en-IN',
  'de',
  'fr',
  'es',
  'it',
  'pt-BR',
  'pt-PT',
  'nl',
  'ja',
  'ko',
  'zh-CN',
  'zh-TW',
  'zh-HK',
  'ru',
  'pl',
  'tr',
  'sv',
  'cs',
  'fi',
  'da',
  'nb',
  'uk',
  'id',
  'vi',
  'th',
  'ar',
  'he',
  'hi',
  'el',
  'hu',
  'ro',
  'ca',
  'sk',
  'bg',
  'sr',
  'hr',
  'sl',
  'lt',
  'lv',
  'et',
  'ms',
  'fil',
  'bn',
  'fa',
  'ur',
  'ta',
  'te',
  'mr',
  'gu',
  'kn',
  'ml',
  'sw',
  'af',
  'is',
  'eu',
  'gl',
];

/** Markers ICU's data in Node may print otherwise (Korean as "PM") but Google prints. */
const EXTRA_PERIODS: Readonly<Record<string, 'am' | 'pm'>> = { 오전: 'am', 오후: 'pm', 早上: 'am' };

/** What one language prints, each table built the first time it is asked for. */
interface LanguageWords {
  months?: Map<string, number>;
  periods?: DayPeriods;
}

const languages = new Map<string, LanguageWords>();

function language(locale: string): LanguageWords {
  let words = languages.get(locale);
  if (!words) languages.set(locale, (words = {}));
  return words;
}

/** Lowercased, composed, without a final dot: how a month's name is looked up. */
export function monthKey(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(/\.$/, '');
}

const MONTH_STYLES: readonly Intl.DateTimeFormatOptions[] = [
  { dateStyle: 'full' },
  { month: 'long' },
  { month: 'short' },
  { day: 'numeric', month: 'long' },
  { day: 'numeric', month: 'short' },
];

function monthsOf(locale: string): Map<string, number> {
  const months = new Map<string, number>();
  for (const style of MONTH_STYLES) {
    const format = new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' });
    for (let month = 1; month <= 12; month++) {
      const parts = format.formatToParts(Date.UTC(2023, month - 1, 14, 12));
      for (const [i, part] of parts.entries()) {
        if (part.type !== 'month' || /\d/.test(part.value)) continue;
        // A word the language writes onto the month's name (Hebrew "ב" + "יוני") is read with it.
        const before = parts[i - 1]?.type === 'literal' ? parts[i - 1]!.value : '';
        const prefix = /[\p{L}\p{M}]+$/u.exec(before)?.[0] ?? '';
        for (const key of [monthKey(part.value), monthKey(prefix + part.value)]) if (!months.has(key)) months.set(key, month);
      }
    }
  }
  return months;
}

function periodsOf(locale: string): Map<string, 'am' | 'pm'> {
  const seen = new Map<string, Set<'am' | 'pm'>>();
  for (const style of [{ timeStyle: 'long' }, { hour: 'numeric', hour12: true }] as const) {
    const format = new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' });
    for (let hour = 0; hour < 24; hour++)
      for (const part of format.formatToParts(Date.UTC(2023, 2, 14, hour, 5)))
        if (part.type === 'dayPeriod') seen.set(part.value, (seen.get(part.value) ?? new Set()).add(hour >= 12 ? 'pm' : 'am'));
  }
  const periods = new Map<string, 'am' | 'pm'>();
  // A marker that stands for hours in both halves says nothing of which.
  for (const [text, halves] of seen) if (halves.size === 1) periods.set(text, [...halves][0]!);
  for (const [text, half] of Object.entries(EXTRA_PERIODS)) periods.set(text, half);
  return periods;
}

/**
 * The first language, in LOCALES' order, that has one of the words: what that word stands
 * for there. Languages are read one after another, so a date in English never costs the
 * others, and where two languages share a word for different things (Polish and Croatian
 * "listopad") the one listed first keeps it.
 */
function lookUp<T>(words: readonly string[], table: (locale: string) => ReadonlyMap<string, T>): { word: string; value: T } | undefined {
  for (const locale of LOCALES) {
    const map = table(locale);
    for (const word of words) {
      const value = map.get(word);
      if (value !== undefined) return { word, value };
    }
  }
  return undefined;
}

/** The month one of these words names (each word given as monthKey makes it). */
export function findMonth(words: readonly string[]): number | undefined {
  return lookUp(words, (l) => (language(l).months ??= monthsOf(l)))?.value;
}

/** One language's day-period markers, with their lengths longest first (`p. m.` before any marker it ends with). */
export interface DayPeriods {
  readonly periods: ReadonlyMap<string, 'am' | 'pm'>;
  readonly lengths: readonly number[];
}

/** The day-period markers of each language in turn, built as they are reached. */
export function* dayPeriods(): Generator<DayPeriods> {
  for (const locale of LOCALES) {
    const words = language(locale);
    if (!words.periods) {
      const periods = periodsOf(locale);
      words.periods = { periods, lengths: [...new Set([...periods.keys()].map((m) => m.length))].sort((x, y) => y - x) };
    }
    yield words.periods;
  }
}

let everyPeriod: ReadonlySet<string> | undefined;

/**
 * Every language's markers at once, once each language has been reached: a time with none of
 * them beside it (a 24-hour clock) is then known to have none without asking each language.
 */
export function knownPeriods(): ReadonlySet<string> | undefined {
  if (!everyPeriod && LOCALES.every((l) => language(l).periods)) everyPeriod = new Set(LOCALES.flatMap((l) => [...language(l).periods!.periods.keys()]));
  return everyPeriod;
}
