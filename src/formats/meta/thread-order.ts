import { sampleText } from '../../chat/text.js';
import { dateFactFromLocal, isRealDate } from '../../evidence/dates.js';
import type { DateFact, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { describeHtmlPage } from '../html-chat/html-sample.js';
import { DateOrderTally, LocalDateReader, splitLocalDate, type Parts } from '../html-chat/local-date.js';
import { openMember, readHead } from '../html-chat/open-member.js';
import type { ExportReader, ParseContext, ParseResult } from '../types.js';
import { looksLikeMetaHtml, readMetaHtmlPage, type MetaHtmlPage } from './html-page.js';
import { readPageClock, timeOnClock } from './page-zone.js';
import { rejectSource } from '../reject-source.js';

/** A page of the thread as the first pass saw it; `first` is the thread-wide index of its first block. */
export type ReadPage = { name: string; page: MetaHtmlPage; first: number };

/**
 * A thread's times, learnt in a first pass that keeps a few numbers per message and no text:
 * the download lists the newest message first and numeric dates need the whole thread to settle
 * their day/month order, so the order is known before any message is kept.
 */
export interface ThreadOrder {
  readonly pages: ReadPage[];
  /** "Instagram" or "Messenger", from the file's path or the pages' links. */
  readonly format: string;
  readonly dateOf: (text: string) => DateFact | undefined;
  /** Each block's instant, by thread-wide index (NaN when it has none). */
  readonly epochs: Float64Array;
  /** Thread-wide indices of the dated blocks, oldest first. */
  readonly ordered: Uint32Array;
  readonly findings: Finding[];
}

/** Reads every page for its times (a page that is not Meta's refuses the export, returned as the result). */
export async function learnThreadOrder(
  ctx: ParseContext,
  pages: readonly string[],
  reader: ExportReader,
  limits: { maxElementChars?: number },
): Promise<ThreadOrder | ParseResult> {
  const file = ctx.source.file;
  const read: ReadPage[] = [];
  const times = new TimeColumns();
  const tally = new DateOrderTally();
  // Only a time that may not be a date keeps its text, to say so.
  const doubtful = new Map<number, string>();
  for (const name of pages) {
    const head = await readHead(openMember(reader, name));
    if (!looksLikeMetaHtml(sampleText(head))) return unsupported(file, name, head);
    const first = times.length;
    const page = await readMetaHtmlPage(
      openMember(reader, name),
      (block) => {
        const parts = splitLocalDate(block.time);
        if (!parts || !surelyReal(parts)) doubtful.set(times.length, block.time);
        tally.add(parts, block.time);
        times.push(parts);
      },
      { ...limits, timesOnly: true },
    );
    read.push({ name, page, first });
  }
  const findings: Finding[] = [];
  const format = /instagram/i.test(file) || read.some((r) => r.page.instagram) ? 'Instagram' : 'Messenger';
  const dates = new LocalDateReader(tally, ctx.item?.dateOrder);
  if (dates.ambiguousSample)
    findings.push(makeFinding('ITEM_DATE_AMBIGUOUS', { file }, { format, orders: 'day/month or month/day', sample: dates.ambiguousSample }));
  const clock = readPageClock(
    read.flatMap((r) => r.page.stamps),
    ctx.timezone,
  );
  const fromParts = (parts: Parts | undefined, text: string): DateFact | undefined => {
    const l = parts && dates.localOf(parts);
    if (!l) return undefined;
    if (clock) return timeOnClock(clock, l.local, text.trim(), l.precision);
    return dateFactFromLocal(l.local, { text: text.trim(), source: 'export', precision: l.precision, ...(ctx.timezone ? { zone: ctx.timezone } : {}) });
  };
  const epochs = new Float64Array(times.length);
  for (let k = 0; k < times.length; k++) {
    const text = doubtful.get(k);
    // A time surely a date kept no text: only its instant is wanted here, read from its parts.
    const date = fromParts(times.get(k), text ?? '');
    epochs[k] = date?.epochMs ?? Number.NaN;
    if (date) continue;
    const p = read.findLast((r) => r.first <= k)!;
    const where = `${p.name ? `${p.name} ` : ''}message block ${k - p.first + 1}`;
    findings.push(makeFinding('CHAT_MESSAGE_UNDATED', { file }, { where, detail: text ? `"${text}" is not a time` : 'it has no time' }));
  }
  const dated = Uint32Array.from({ length: times.length }, (_, k) => k).filter((k) => !Number.isNaN(epochs[k]!));
  // Equal instants keep the download's order reversed (it lists newest first).
  const ordered = dated.sort((a, b) => epochs[a]! - epochs[b]! || b - a);
  return { pages: read, format, dateOf: (text) => fromParts(splitLocalDate(text), text), epochs, ordered, findings };
}

/** Whether a time's pieces make a real date in either day/month order (else its text is kept, to be named). */
function surelyReal(p: Parts): boolean {
  const at = (month: number, day: number) => isRealDate({ year: p.year, month, day, hour: p.hour, minute: p.minute, second: p.second ?? 0 });
  return p.numeric ? at(p.numeric[1], p.numeric[0]) && at(p.numeric[0], p.numeric[1]) : at(p.month, p.day);
}

function unsupported(file: string, name: string, head: Buffer): ParseResult {
  const detail = describeHtmlPage(head) ?? `${name} is not an HTML page`;
  const why = `${name}: ${detail} (a folder holding message_N.html and photos/ is read as a Facebook/Instagram download)`;
  return rejectSource(makeFinding('ITEM_UNSUPPORTED', { file }, { detail: why }));
}

/** Each block's time as seven numbers (year, month or first number, day or second, hour, minute, second or -1, kind): no strings. */
class TimeColumns {
  private data = new Int32Array(7 * 1024);
  length = 0;

  push(p: Parts | undefined): void {
    if ((this.length + 1) * 7 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const at = this.length++ * 7;
    if (!p) return void this.data.fill(0, at, at + 7);
    const [a, b] = p.numeric ?? [p.month, p.day];
    this.data.set([p.year, a, b, p.hour, p.minute, p.second ?? -1, p.numeric ? 2 : 1], at);
  }

  get(k: number): Parts | undefined {
    const d = this.data.subarray(k * 7, k * 7 + 7);
    if (d[6] === 0) return undefined;
    const base = { year: d[0]!, hour: d[3]!, minute: d[4]!, ...(d[5]! >= 0 ? { second: d[5]! } : {}) };
    return d[6] === 2 ? { ...base, month: 0, day: 0, numeric: [d[1]!, d[2]!] } : { ...base, month: d[1]!, day: d[2]! };
  }
}
