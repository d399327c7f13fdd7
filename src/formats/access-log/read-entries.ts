import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { parse as parseCsvStream } from 'csv-parse';
import { isRecord } from '../json-input.js';
import { entryFromRecord, FIELD_NAMES, parseClfLine, type LogEntry } from './parse-line.js';

export type LogKind = 'combined' | 'common' | 'jsonl' | 'csv';

export const KIND_LABEL: Readonly<Record<LogKind, string>> = {
  combined: 'Access log (Apache/nginx combined)',
  common: 'Access log (common log format)',
  jsonl: 'Access log (JSON lines)',
  csv: 'Access log (CSV of download events)',
};

const isGzip = (bytes: Buffer) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The first bytes as text, a gzip file's unpacked (as far as the sample goes). */
export function sampleLines(sample: Buffer): string[] {
  let bytes = sample;
  if (isGzip(sample)) {
    try {
      bytes = gunzipSync(sample, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return [];
    }
  }
  return bytes.toString('utf8', 0, Math.min(bytes.length, 64 * 1024)).replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20);
}

const has = (names: readonly string[], wanted: readonly string[]) => wanted.some((w) => names.includes(w.toLowerCase()));

/** Which kind of access log the first lines are, by content: undefined when they are not one. */
export function sniffLogKind(lines: readonly string[]): LogKind | undefined {
  const head = lines[0];
  if (head === undefined) return undefined;
  const clf = parseClfLine(head);
  if (clf) return clf.combined ? 'combined' : 'common';
  if (head.trimStart().startsWith('{')) {
    try {
      const record = JSON.parse(head) as unknown;
      return isRecord(record) && entryFromRecord(record, undefined) ? 'jsonl' : undefined;
    } catch {
      return undefined;
    }
  }
  const names = head.split(/[,;\t]/).map((n) => n.trim().replace(/^"|"$/g, '').toLowerCase());
  return names.length >= 3 && has(names, FIELD_NAMES.ip) && has(names, FIELD_NAMES.time) ? 'csv' : undefined;
}

/** The file's bytes unpacked when gzip, else as they are. */
async function* unpacked(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head = await iterator.next();
  if (head.done) return;
  const all = (async function* () {
    yield head.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  yield* isGzip(head.value) ? Readable.from(all).pipe(createGunzip()) : all;
}

/** One line read: its entry, or undefined when it is damaged. */
export interface ReadLine {
  readonly line: number;
  readonly raw: string;
  readonly entry: LogEntry | undefined;
}

/** Every line of the log, one at a time (constant memory whatever the file's size). */
export async function* readEntries(chunks: AsyncIterable<Buffer>, kind: LogKind, zone: string | undefined): AsyncGenerator<ReadLine> {
  if (kind === 'csv') {
    yield* readCsvEntries(chunks, zone);
    return;
  }
  const lines = createInterface({ input: Readable.from(unpacked(chunks)), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    const raw = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (raw.trim() === '') continue;
    yield { line, raw, entry: kind === 'jsonl' ? jsonEntry(raw, zone) : parseClfLine(raw) };
  }
}

function jsonEntry(raw: string, zone: string | undefined): LogEntry | undefined {
  try {
    const record = JSON.parse(raw) as unknown;
    return isRecord(record) ? entryFromRecord(record, zone) : undefined;
  } catch {
    return undefined;
  }
}

async function* readCsvEntries(chunks: AsyncIterable<Buffer>, zone: string | undefined): AsyncGenerator<ReadLine> {
  const parser = Readable.from(unpacked(chunks)).pipe(parseCsvStream({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }));
  let header: string[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!header) {
      header = record.map((h) => h.trim().toLowerCase());
      continue;
    }
    const row = Object.fromEntries(header.map((name, i) => [name, record[i] ?? '']));
    yield { line: info.lines, raw: record.join(','), entry: entryFromRecord(row, zone) };
  }
}
