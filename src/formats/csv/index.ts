import { parse as parseCsv } from 'csv-parse/sync';

/** A message row longer than this (characters) is not a message someone wrote. */
const MAX_RECORD = 1024 * 1024;
import { decodeText, sampleText } from '../../chat/text.js';
import { dateFactFromLocal } from '../../evidence/dates.js';
import type { DateFact, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { epochFromExport, isoFromExport } from '../json-input.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { rejectSource } from '../reject-source.js';

/** CSV as spreadsheets and exporters write it: BOM, `,` `;` or tab, quoted newlines. */
export function readCsv(ctx: ParseContext): { rows: string[][] } | { finding: Finding } {
  const text = decodeText(ctx.bytes ?? Buffer.alloc(0)).text;
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
  try {
    // One record past MAX_RECORD characters (a 50 MB field) stops the parse with a finding: csv-parse grows a field quadratically.
    const rows = parseCsv(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: true,
      max_record_size: MAX_RECORD,
    }) as string[][];
    return { rows };
  } catch (error) {
    return {
      finding: makeFinding(
        'ITEM_UNREADABLE',
        { file: ctx.source.file },
        { detail: `not readable CSV (${error instanceof Error ? error.message : String(error)})` },
      ),
    };
  }
}

const SLASHED = /^(\d{1,4})[/.-](\d{1,2}|[A-Za-z]{3})[/.-](\d{2,4})[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Reads one export's times: ISO 8601 (exact with an offset), epoch seconds or milliseconds,
 * and local `MM/dd/yyyy h:mm tt`-style times, whose day/month order is learnt from the whole
 * column (or given by `dateOrder`).
 */
export class TimeColumn {
  private order: 'dmy' | 'mdy' | 'ymd' | undefined;
  ambiguousSample: string | undefined;

  constructor(values: readonly string[], forced: 'dmy' | 'mdy' | 'ymd' | undefined) {
    if (forced) {
      this.order = forced;
      return;
    }
    let maxA = 0;
    let maxB = 0;
    let slashed = 0;
    for (const v of values) {
      const m = SLASHED.exec(v.trim());
      if (!m) continue;
      slashed++;
      if (m[1]!.length > 2) {
        this.order = 'ymd';
        return;
      }
      if (/^\d+$/.test(m[2]!)) {
        maxA = Math.max(maxA, Number(m[1]));
        maxB = Math.max(maxB, Number(m[2]));
      } else maxA = 13; // 07-Sep-20: the day comes first
      this.ambiguousSample ??= v;
    }
    if (maxA > 12) this.order = 'dmy';
    else if (maxB > 12) this.order = 'mdy';
    else if (slashed === 0) this.ambiguousSample = undefined;
  }

  get ambiguous(): boolean {
    return this.order === undefined && this.ambiguousSample !== undefined;
  }

  read(value: string, zone: string | undefined): DateFact | undefined {
    const text = value.trim();
    if (/^\d{9,13}(?:\.\d+)?$/.test(text)) return epochFromExport(text, text.replace(/\..*/, '').length >= 13 ? 'ms' : 's', 'timestamp');
    const iso = isoFromExport(text, zone);
    if (iso) return iso;
    const m = SLASHED.exec(text);
    if (!m) return undefined;
    const [, a, b, c, h, mi, s, ap] = m;
    const month = /^\d+$/.test(b!) ? Number(b) : MONTHS.indexOf(b!.toLowerCase()) + 1;
    const order = this.order ?? 'mdy';
    let [year, mon, day] =
      order === 'ymd'
        ? [Number(a), month, Number(c)]
        : order === 'dmy' || !/^\d+$/.test(b!)
          ? [Number(c), month, Number(a)]
          : [Number(c), Number(a), Number(b)];
    if (year < 100) year += 2000;
    let hour = Number(h);
    if (ap) {
      if (hour === 12) hour = 0;
      if (/p/i.test(ap)) hour += 12;
    }
    return dateFactFromLocal(
      { year, month: mon, day, hour, minute: Number(mi), second: Number(s ?? 0) },
      { text, source: 'export', precision: s === undefined ? 'minute' : 'second', ...(zone ? { zone } : {}) },
    );
  }
}

const DEFAULT_COLUMNS = {
  timestamp: ['timestamp', 'date', 'time', 'datetime', 'date/time', 'sent', 'created_at', 'created'],
  sender: ['sender', 'from', 'author', 'name', 'user'],
  email: ['email', 'e-mail', 'sender email', 'from email'],
  text: ['text', 'message', 'content', 'body'],
};

/**
 * A generic CSV of messages: `timestamp, sender, email, text` (also `date`, `from`,
 * `author`, `message`, `content`…), or any header names given in case.yaml `columns`.
 */
export const csvAdapter: FormatAdapter = {
  id: 'csv',
  label: 'CSV of messages (timestamp, sender, email, text; header names configurable)',
  extensions: ['csv', 'tsv'],
  ownsExtensions: false,
  detect(sample, fileName) {
    const first =
      sampleText(sample)
        .replace(/^\ufeff/, '')
        .split(/\r?\n/, 1)[0] ?? '';
    if (first.split(/[,;\t]/).length < 2 || first.startsWith('{') || first.includes('\u0000')) return 0;
    // Commas are everywhere in text: only a file named .csv/.tsv is taken for a CSV.
    return /\.(csv|tsv)$/i.test(fileName) ? 0.4 : 0;
  },
  async parse(ctx): Promise<ParseResult> {
    const file = ctx.source.file;
    const csv = readCsv(ctx);
    if ('finding' in csv) return rejectSource(csv.finding);
    const [header, ...rows] = csv.rows;
    if (!header) return rejectSource(makeFinding('CHAT_EMPTY', { file }, { format: 'CSV' }));
    const names = header.map((h) => h.trim().toLowerCase());
    const configured = ctx.item?.columns;
    const find = (key: keyof typeof DEFAULT_COLUMNS): number => {
      const wanted = configured?.[key];
      if (wanted !== undefined) return names.indexOf(wanted.trim().toLowerCase());
      return names.findIndex((n) => DEFAULT_COLUMNS[key].includes(n));
    };
    const col = { timestamp: find('timestamp'), sender: find('sender'), email: find('email'), text: find('text') };
    if (col.timestamp < 0 || col.text < 0) {
      const missing = [col.timestamp < 0 ? 'timestamp' : undefined, col.text < 0 ? 'text' : undefined].filter(Boolean).join(' and ');
      return rejectSource(
        makeFinding(
          'ITEM_UNSUPPORTED',
          { file },
          {
            detail: `a CSV without a ${missing} column (its header: ${header.slice(0, 8).join(', ')}); name the columns in case.yaml: columns: {timestamp: …, sender: …, text: …}`,
          },
        ),
      );
    }
    return readMessageRows(ctx, 'CSV', rows, { ...col, headerLines: 1 });
  },
};

export function readMessageRows(
  ctx: ParseContext,
  format: string,
  rows: readonly string[][],
  col: { timestamp: number; sender: number; email: number; text: number; attachments?: number; headerLines: number },
  title?: string,
): ParseResult {
  const collector = newCollector(ctx);
  const times = new TimeColumn(
    rows.map((r) => r[col.timestamp] ?? ''),
    ctx.item?.dateOrder,
  );
  if (times.ambiguous) {
    collector.report(
      makeFinding('ITEM_DATE_AMBIGUOUS', { file: ctx.source.file }, { format, orders: 'day/month or month/day', sample: times.ambiguousSample ?? '' }),
    );
  }
  rows.forEach((row, i) => {
    const where = `row ${i + 1 + col.headerLines}`;
    const raw = row[col.timestamp] ?? '';
    const date = times.read(raw, ctx.timezone);
    if (!date) {
      collector.report(makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file }, { where, detail: `"${raw}" is not a time` }));
      return;
    }
    const sender = col.sender >= 0 ? row[col.sender]?.trim() : undefined;
    const email = col.email >= 0 ? row[col.email]?.trim() : undefined;
    const attachments =
      col.attachments !== undefined && col.attachments >= 0
        ? (row[col.attachments] ?? '')
            .split(/[,\n]/)
            .map((a) => a.trim().split('/').pop() ?? '')
            .filter(Boolean)
        : [];
    collector.add({
      date,
      ...(sender ? { sender } : {}),
      ...(email ? { senderEmail: email } : {}),
      text: row[col.text] ?? '',
      attachments,
      where,
    });
  });
  return chatResult(ctx, collector, format, title);
}
