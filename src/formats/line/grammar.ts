/**
 * The lines of a LINE `.txt` chat export (Android, iOS, Windows and macOS "Save chat"):
 * a header (`[LINE] Chat history with X` / `[LINE] Xとのトーク履歴` / `[LINE] ประวัติการแชทกับ X`,
 * then `Saved on: 2024/03/15 09:30`), day headers, and `HH:MM\tName\tText` lines (a system
 * line has an empty name or none). A message of several lines is written in double quotes,
 * with a quote inside doubled.
 */

/** `[LINE] …` on the first line, in any language LINE writes it (some English exports drop the tag). */
export const HEADER = /^\ufeff?(?:\[LINE\]\s*(.+)|(Chat history (?:with|in) .+))$/;

/** What the header line says after its tag. */
export function headerText(line: string): string | undefined {
  const m = HEADER.exec(line);
  return m ? (m[1] ?? m[2])!.trim() : undefined;
}

/** The chat's name from the header line, when its language is known. */
export function chatName(header: string): string | undefined {
  const patterns = [
    /^Chat history (?:with|in) (.+)$/,
    /^(.+?)とのトーク履歴$/,
    /^(.+?)のトーク履歴$/,
    /^ประวัติการ(?:แชท|สนทนา)(?:กับ|ใน) ?(.+)$/,
    /^(?:与|與)?(.+?)的聊天(?:记录|記錄)$/,
    /^(.+?)(?:님과의|의) 대화$/,
  ];
  for (const p of patterns) {
    const m = p.exec(header.trim());
    if (m) return m[1]!.trim();
  }
  return undefined;
}

/** `Saved on: …`, `保存日時：…`, `บันทึกเมื่อ: …`: the export's own time, not a message. */
export const SAVED_ON = /^(?:Saved on|保存日時|保存日期|儲存日期|บันทึก(?:เมื่อ|วันที่)|저장한 날짜)\s*[:：]/;

export interface DayHeader {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const WEEKDAY = '[^\\d\\s,]{1,12}\\.?';
const DAY_PATTERNS: readonly { re: RegExp; order: 'ymd' | 'mdy' | 'dmy' }[] = [
  // 2024/03/14(Thu), 2024/03/14（木）, 2024/3/14 周四: mobile in most languages.
  { re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})\s*(?:[(（][^)）]{1,12}[)）]|\S{1,6})?$/, order: 'ymd' },
  // 2024.03.14 Thursday: the Windows and macOS apps.
  { re: new RegExp(`^(\\d{4})\\.(\\d{2})\\.(\\d{2})(?:\\s+${WEEKDAY})?$`), order: 'ymd' },
  // Thu, 03/14/2024: Android in English (US).
  { re: /^[A-Za-z]{2,9}\.?,\s*(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: 'mdy' },
  // วันพฤหัสบดี, 14/03/2024 or พฤ., 14/03/2567: Thai, day first, years Buddhist Era or CE.
  { re: new RegExp(`^${WEEKDAY.replace('\\.?', '')}\\.?,?\\s*(\\d{1,2})\\/(\\d{1,2})\\/(\\d{4})$`), order: 'dmy' },
];

/** A day header, or undefined. */
export function dayHeader(line: string, dateOrder?: 'dmy' | 'mdy' | 'ymd'): DayHeader | undefined {
  const text = line.trim();
  for (const pattern of DAY_PATTERNS) {
    const { re } = pattern;
    // case.yaml's `dateOrder` settles `01/03/2024`, which either reading accepts.
    const order = pattern.order !== 'ymd' && dateOrder && dateOrder !== 'ymd' ? dateOrder : pattern.order;
    const m = re.exec(text);
    if (!m) continue;
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [year, month, day] = order === 'ymd' ? [a, b, c] : order === 'mdy' ? [c, a, b] : [c, b, a];
    // Thai exports may count years in the Buddhist Era (CE + 543).
    const ce = year > 2400 ? year - 543 : year;
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return { year: ce, month, day };
  }
  return undefined;
}

/** `10:22`, `10:22 AM`, `午後10:22`, `下午10:22`, `오후 10:22`. */
const TIME = '((?:午前|午後|上午|下午|오전|오후)\\s?)?(\\d{1,2}):(\\d{2})(?:\\s?([AaPp][Mm]))?';
const MESSAGE = new RegExp(`^${TIME}\\t([^\\t]*)(?:\\t(.*))?$`);

export interface MessageLine {
  readonly hour: number;
  readonly minute: number;
  readonly time: string;
  /** Empty for a system line (a member joined, a message was unsent). */
  readonly sender: string;
  readonly text: string;
}

/** A message line, or undefined. A line with one field after the time is a system line. */
export function messageLine(line: string): MessageLine | undefined {
  const m = MESSAGE.exec(line);
  if (!m) return undefined;
  const [, prefix, h, min, suffix, second, third] = m;
  let hour = Number(h);
  const minute = Number(min);
  const pm = /^(?:午後|下午|오후)/.test(prefix ?? '') || /^p/i.test(suffix ?? '');
  const am = /^(?:午前|上午|오전)/.test(prefix ?? '') || /^a/i.test(suffix ?? '');
  if ((pm || am) && (hour < 1 || hour > 12)) return undefined;
  if (pm && hour < 12) hour += 12;
  if (am && hour === 12) hour = 0;
  // The desktop app counts the first hour of a day as 24 (`24:53` is 00:53 of the day above it).
  if (hour === 24 && !pm && !am) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  const time = line.slice(0, line.indexOf('\t'));
  return third === undefined ? { hour, minute, time, sender: '', text: second ?? '' } : { hour, minute, time, sender: second ?? '', text: third };
}
